using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>What a plan e-mail says and who it is from: the Markdown a seller wrote or edited, and its frame.</summary>
public sealed record PlanEmailContent(
    string Kind, string Subject, string Markdown, string PlanTitle, string BuyerCompany, string SellerCompany,
    string SenderName, string? SenderEmail, bool PdfAttached, string? PdfFileName);

/// <summary>
/// A plan e-mail (meeting recap, status update) as its HTML and plain-text parts. The HTML is the
/// seller's Markdown rendered inert (<see cref="SafeMarkdown"/>) in a table layout with inline
/// styles, which is what mail clients render reliably; the text part is the same words laid out
/// for a text-only client (<see cref="MarkdownText"/>).
/// </summary>
public static partial class PlanEmail
{
    private static readonly HtmlEncoder Enc = HtmlEncoder.Default;
    private const string Font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
    private const string Brand = "#1d4ed8";

    // Inline styles per element: many mail clients drop <style> blocks.
    private static readonly (string Tag, string Style)[] Styles =
    [
        ("h1", "margin:24px 0 8px;font-size:20px;line-height:1.3;color:#111827;"),
        ("h2", "margin:26px 0 8px;padding-bottom:6px;border-bottom:1px solid #e5e7eb;font-size:16px;line-height:1.35;color:#111827;"),
        ("h3", "margin:20px 0 6px;font-size:15px;line-height:1.35;color:#111827;"),
        ("h4", "margin:16px 0 6px;font-size:14px;color:#111827;"),
        ("p", "margin:0 0 12px;font-size:15px;line-height:1.6;color:#374151;"),
        ("ul", "margin:0 0 14px;padding-left:22px;"),
        ("ol", "margin:0 0 14px;padding-left:22px;"),
        ("li", "margin:0 0 6px;font-size:15px;line-height:1.55;color:#374151;"),
        ("blockquote", "margin:0 0 14px;padding:8px 14px;border-left:3px solid #93c5fd;background:#f8fafc;"),
        ("code", "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;background:#f3f4f6;padding:1px 4px;border-radius:4px;"),
        ("strong", "color:#111827;"),
    ];

    public static string Html(PlanEmailContent c)
    {
        var body = Styled(SafeMarkdown.Document(c.Markdown));
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<meta name=\"color-scheme\" content=\"light\"><title>").Append(E(c.Subject)).Append("</title></head>")
          .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;font-family:").Append(Font).Append(";color:#1f2937;\">")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f4f6;padding:24px 12px;\"><tr><td align=\"center\">")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:640px;background:#ffffff;border-radius:10px;border:1px solid #e5e7eb;\">")
          // Header: who it comes from and what it is about.
          .Append("<tr><td style=\"padding:18px 32px;border-bottom:1px solid #e5e7eb;\">")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr>")
          .Append("<td style=\"font-size:15px;font-weight:700;color:").Append(Brand).Append(";\">").Append(E(c.SellerCompany)).Append("</td>")
          .Append("<td align=\"right\" style=\"font-size:12px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:#6b7280;\">").Append(E(c.Kind)).Append("</td>")
          .Append("</tr></table></td></tr>")
          .Append("<tr><td style=\"padding:22px 32px 0;\">")
          .Append("<p style=\"margin:0;font-size:13px;color:#6b7280;\">").Append(E(c.BuyerCompany)).Append(" &amp; ").Append(E(c.SellerCompany)).Append("</p>")
          .Append("<p style=\"margin:2px 0 0;font-size:19px;font-weight:700;line-height:1.35;color:#111827;\">").Append(E(c.PlanTitle)).Append("</p>")
          .Append("</td></tr>")
          .Append("<tr><td style=\"padding:18px 32px 12px;\">").Append(body).Append("</td></tr>");
        if (c.PdfAttached)
        {
            sb.Append("<tr><td style=\"padding:0 32px 20px;\">")
              .Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"border:1px solid #e5e7eb;border-radius:8px;background:#f9fafb;\"><tr>")
              .Append("<td style=\"padding:10px 0 10px 14px;\"><span style=\"display:inline-block;padding:3px 6px;border-radius:4px;background:#b91c1c;color:#ffffff;font-size:11px;font-weight:700;letter-spacing:.04em;\">PDF</span></td>")
              .Append("<td style=\"padding:10px 14px 10px 10px;font-size:13px;color:#374151;\">The plan document is attached: <strong style=\"color:#111827;\">")
              .Append(E(c.PdfFileName ?? "plan.pdf")).Append("</strong></td></tr></table></td></tr>");
        }
        sb.Append("<tr><td style=\"padding:16px 32px 22px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.6;color:#6b7280;\">")
          .Append("Sent by ").Append(E(c.SenderName)).Append(" of ").Append(E(c.SellerCompany))
          .Append(" about the mutual action plan “").Append(E(c.PlanTitle)).Append("”.");
        if (c.SenderEmail is { Length: > 0 } mail)
            sb.Append(" Reply to this e-mail to reach ").Append(E(FirstName(c.SenderName))).Append(" at <a href=\"mailto:").Append(E(mail))
              .Append("\" style=\"color:").Append(Brand).Append(";\">").Append(E(mail)).Append("</a>.");
        sb.Append("</td></tr></table></td></tr></table></body></html>");
        return sb.ToString();
    }

    public static string Text(PlanEmailContent c)
    {
        var sb = new StringBuilder();
        sb.Append(c.SellerCompany).Append(" · ").Append(c.Kind).Append('\n')
          .Append(c.PlanTitle).Append(" (").Append(c.BuyerCompany).Append(" & ").Append(c.SellerCompany).Append(")\n\n")
          .Append(MarkdownText.ToPlain(c.Markdown)).Append('\n');
        if (c.PdfAttached) sb.Append("Attached: the plan document, ").Append(c.PdfFileName ?? "plan.pdf").Append(".\n\n");
        sb.Append("--\nSent by ").Append(c.SenderName).Append(" of ").Append(c.SellerCompany)
          .Append(" about the mutual action plan \"").Append(c.PlanTitle).Append("\".\n");
        if (c.SenderEmail is { Length: > 0 } mail) sb.Append("Reply to this e-mail to reach ").Append(FirstName(c.SenderName)).Append(" at ").Append(mail).Append(".\n");
        return sb.ToString();
    }

    /// <summary>Adds the inline style of each element to the rendered Markdown's tags.</summary>
    private static string Styled(string html)
    {
        foreach (var (tag, style) in Styles)
            html = Regex.Replace(html, $"<{tag}(?=[ >])", $"<{tag} style=\"{style}\"");
        return LinkTag().Replace(html, $"<a style=\"color:{Brand};\" ");
    }

    [GeneratedRegex("<a ")]
    private static partial Regex LinkTag();

    private static string FirstName(string name) => name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
    private static string E(string s) => Enc.Encode(s);
}
