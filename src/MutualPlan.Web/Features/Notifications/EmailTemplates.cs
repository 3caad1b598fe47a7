using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using MutualPlan.Planning.Collaboration;

namespace MutualPlan.Web.Features.Notifications;

/// <summary>One notification as an e-mail shows it.</summary>
public sealed record MailItem(NotificationKind Kind, string Text, string Excerpt, string ActorName, string PlanTitle, DateTimeOffset At, string? Link);

/// <summary>What an e-mail says, for one person: a single notification or a day's digest.</summary>
public sealed record MailContent(string WorkspaceName, string RecipientName, IReadOnlyList<MailItem> Items, bool IsDigest,
    string PreferencesLink, string UnsubscribeLink, bool IsBuyer, string? OwnerName);

/// <summary>
/// The HTML and plain-text parts of notification e-mails. The HTML is table-based with inline
/// styles (what mail clients render reliably), one clear button per item, and a footer that says
/// why the person gets it and how to change that.
/// </summary>
public static class EmailTemplates
{
    // Letters of every script as they are (only markup characters escaped): readable source, smaller mail.
    private static readonly HtmlEncoder Enc = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string ActionLabel(NotificationKind kind) => kind switch
    {
        NotificationKind.Mention => "Open the comment",
        NotificationKind.ActionAssigned or NotificationKind.ActionDueSoon or NotificationKind.ActionOverdue => "Open the action",
        NotificationKind.DateChanged => "See the new dates",
        NotificationKind.SignOffRequested => "Review and sign",
        NotificationKind.ChangedSinceSigned => "See what changed",
        NotificationKind.StatusUpdatePublished => "Read the update",
        _ => "Open in MutualPlan",
    };

    private static string Heading(NotificationKind kind) => kind switch
    {
        NotificationKind.Mention => "You were mentioned",
        NotificationKind.ActionAssigned => "An action is yours",
        NotificationKind.ActionDueSoon => "An action is due soon",
        NotificationKind.ActionOverdue => "An action is overdue",
        NotificationKind.DateChanged => "A date moved",
        NotificationKind.SignOffRequested => "Your sign-off is requested",
        NotificationKind.ChangedSinceSigned => "The plan changed since it was signed",
        NotificationKind.StatusUpdatePublished => "A new status update",
        _ => "Notification",
    };

    public static string Subject(MailContent c)
    {
        if (!c.IsDigest) return Clip(c.Items[0].Text, 160);
        var plans = c.Items.Select(i => i.PlanTitle).Distinct().ToList();
        var n = c.Items.Count;
        return plans.Count == 1
            ? $"Your daily summary: {n} update{(n == 1 ? "" : "s")} on “{Clip(plans[0], 80)}”"
            : $"Your daily summary: {n} updates on {plans.Count} plans";
    }

    public static string Html(MailContent c)
    {
        var sb = new StringBuilder();
        var title = c.IsDigest ? "Your daily summary" : Heading(c.Items[0].Kind);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(Subject(c))).Append("</title></head>")
          .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2937;\">")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f4f6;padding:24px 12px;\"><tr><td align=\"center\">")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;background:#ffffff;border-radius:10px;border:1px solid #e5e7eb;\">")
          // Header: whose workspace this comes from.
          .Append("<tr><td style=\"padding:18px 28px;border-bottom:1px solid #e5e7eb;\">")
          .Append("<span style=\"font-size:15px;font-weight:700;color:#1d4ed8;\">").Append(E(c.WorkspaceName)).Append("</span>")
          .Append("<span style=\"font-size:13px;color:#6b7280;\"> · Mutual action plans</span></td></tr>")
          .Append("<tr><td style=\"padding:28px 28px 8px;\">")
          .Append("<h1 style=\"margin:0 0 8px;font-size:21px;line-height:1.3;color:#111827;\">").Append(E(title)).Append("</h1>")
          .Append("<p style=\"margin:0 0 20px;font-size:15px;line-height:1.5;color:#374151;\">Hello ").Append(E(FirstName(c.RecipientName))).Append(",</p>");
        if (c.IsDigest)
            sb.Append("<p style=\"margin:0 0 20px;font-size:15px;line-height:1.5;color:#374151;\">Here is what happened on your plans since the last summary.</p>");

        foreach (var item in c.Items)
        {
            sb.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 16px;border:1px solid #e5e7eb;border-radius:8px;\"><tr><td style=\"padding:16px 18px;\">");
            if (c.IsDigest) sb.Append("<p style=\"margin:0 0 4px;font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:#6b7280;\">").Append(E(Heading(item.Kind))).Append("</p>");
            sb.Append("<p style=\"margin:0 0 6px;font-size:16px;line-height:1.45;font-weight:600;color:#111827;\">").Append(E(item.Text)).Append("</p>");
            if (item.Excerpt.Length > 0)
                sb.Append("<p style=\"margin:8px 0;padding:8px 12px;border-left:3px solid #93c5fd;background:#f8fafc;font-size:14px;line-height:1.5;color:#374151;\">").Append(E(item.Excerpt)).Append("</p>");
            sb.Append("<p style=\"margin:6px 0 0;font-size:13px;color:#6b7280;\">").Append(E(item.PlanTitle)).Append(" · ").Append(E(When(item.At))).Append("</p>");
            if (item.Link is { } link)
            {
                sb.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin-top:14px;\"><tr><td style=\"border-radius:6px;background:#1d4ed8;\">")
                  .Append("<a href=\"").Append(E(link)).Append("\" style=\"display:inline-block;padding:10px 18px;font-size:14px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;\">")
                  .Append(E(ActionLabel(item.Kind))).Append(" →</a></td></tr></table>");
            }
            sb.Append("</td></tr></table>");
        }
        if (c.IsBuyer)
            sb.Append("<p style=\"margin:4px 0 20px;font-size:14px;line-height:1.5;color:#374151;\">Open the plan with the link ").Append(E(c.WorkspaceName))
              .Append(" shared with you").Append(c.OwnerName is { } o ? $", or reply to this e-mail to reach {E(o)}." : ".").Append("</p>");

        sb.Append("</td></tr>")
          .Append("<tr><td style=\"padding:16px 28px 22px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.6;color:#6b7280;\">")
          .Append("You receive this because you take part in a plan with ").Append(E(c.WorkspaceName)).Append(c.IsDigest ? " and chose one summary a day." : ".")
          .Append("<br><a href=\"").Append(E(c.PreferencesLink)).Append("\" style=\"color:#1d4ed8;\">E-mail preferences</a>")
          .Append(" · <a href=\"").Append(E(c.UnsubscribeLink)).Append("\" style=\"color:#1d4ed8;\">Unsubscribe</a>")
          .Append("</td></tr></table></td></tr></table></body></html>");
        return sb.ToString();
    }

    public static string Text(MailContent c)
    {
        var sb = new StringBuilder();
        sb.Append(c.WorkspaceName).Append(" · Mutual action plans\n\n");
        sb.Append(c.IsDigest ? "Your daily summary" : Heading(c.Items[0].Kind)).Append("\n\n");
        sb.Append("Hello ").Append(FirstName(c.RecipientName)).Append(",\n\n");
        if (c.IsDigest) sb.Append("Here is what happened on your plans since the last summary.\n\n");
        foreach (var item in c.Items)
        {
            sb.Append(c.IsDigest ? "* " : "").Append(item.Text).Append('\n');
            if (item.Excerpt.Length > 0) sb.Append("  \"").Append(item.Excerpt).Append("\"\n");
            sb.Append("  ").Append(item.PlanTitle).Append(" · ").Append(When(item.At)).Append('\n');
            if (item.Link is { } link) sb.Append("  ").Append(ActionLabel(item.Kind)).Append(": ").Append(link).Append('\n');
            sb.Append('\n');
        }
        if (c.IsBuyer)
            sb.Append("Open the plan with the link ").Append(c.WorkspaceName).Append(" shared with you")
              .Append(c.OwnerName is { } o ? $", or reply to this e-mail to reach {o}.\n\n" : ".\n\n");
        sb.Append("--\nYou receive this because you take part in a plan with ").Append(c.WorkspaceName).Append(".\n")
          .Append("E-mail preferences: ").Append(c.PreferencesLink).Append('\n')
          .Append("Unsubscribe: ").Append(c.UnsubscribeLink).Append('\n');
        return sb.ToString();
    }

    private static string FirstName(string name) => name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "there";
    private static string When(DateTimeOffset t) => t.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
    private static string E(string s) => Enc.Encode(s);
    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
