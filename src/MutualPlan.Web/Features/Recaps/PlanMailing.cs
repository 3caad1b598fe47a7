using Microsoft.EntityFrameworkCore;
using MimeKit;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Recaps;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Documents;
using MutualPlan.Web.Features.Documents.Pdf;
using MutualPlan.Web.Infrastructure;
using MutualPlan.Web.Infrastructure.Email;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>Who an e-mail of a plan goes to: sellers of the workspace, stakeholders of the plan, typed addresses.</summary>
public class MailRecipientsInput
{
    public const int MaxRecipients = 50;

    /// <summary>Sellers (users) of the workspace, by id.</summary>
    public List<Guid>? SellerIds { get; set; }
    /// <summary>Stakeholders of the plan who have an e-mail address, by id.</summary>
    public List<Guid>? StakeholderIds { get; set; }
    /// <summary>Other addresses, "ana@northwind.com" or "Ana Lopez &lt;ana@northwind.com&gt;".</summary>
    public List<string>? Addresses { get; set; }
    /// <summary>Attach the plan document as a PDF (the buyer's version: no internal items).</summary>
    public bool AttachPdf { get; set; }
    /// <summary>Build the e-mail and return it without sending anything.</summary>
    public bool DryRun { get; set; }
}

/// <summary>Someone the e-mail can be sent to, as the recipient list offers them.</summary>
public sealed record RecipientChoice(string Kind, Guid Id, string Name, string Email, string Side, string? Title);

/// <summary>The e-mail as it would go out (a dry run), or as it went out.</summary>
public sealed record EmailPreviewDto(string Subject, IReadOnlyList<SentRecipient> Recipients, bool PdfAttached, string Html, string Text);

public sealed record SentEmailDto(Guid Id, SentEmailKind Kind, Guid? StatusUpdateId, DateOnly? MeetingDate, string Subject, string Body,
    IReadOnlyList<SentRecipient> Recipients, bool PdfAttached, string SentBy, DateTimeOffset SentAt, string MessageId)
{
    public static SentEmailDto From(SentEmail m) =>
        new(m.Id, m.Kind, m.StatusUpdateId, m.MeetingDate, m.Subject, m.Body, m.Recipients, m.PdfAttached, m.SentBy, m.SentAt, m.MessageId);
}

public enum MailOutcomeKind { Sent, Preview, NotFound, Invalid, EmailOff, Failed }

/// <summary>What happened to an e-mail of a plan: sent (and recorded), previewed, or why not.</summary>
public sealed record MailOutcome(MailOutcomeKind Kind, SentEmail? Sent = null, EmailPreviewDto? Preview = null, FieldErrors? Errors = null, string? Problem = null)
{
    public static MailOutcome NotFound() => new(MailOutcomeKind.NotFound);
    public static MailOutcome Invalid(FieldErrors errors) => new(MailOutcomeKind.Invalid, Errors: errors);

    public IResult ToHttp(Func<SentEmail, IResult> created) => Kind switch
    {
        MailOutcomeKind.Sent => created(Sent!),
        MailOutcomeKind.Preview => TypedResults.Ok(Preview),
        MailOutcomeKind.NotFound => ApiResults.NotFound(),
        MailOutcomeKind.Invalid => ApiResults.Invalid(Errors!),
        MailOutcomeKind.EmailOff => TypedResults.Problem(title: "E-mail is turned off", detail: Problem, statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => TypedResults.Problem(title: "The e-mail could not be sent", detail: Problem, statusCode: StatusCodes.Status502BadGateway),
    };
}

/// <summary>What a plan e-mail is made of, before the recipients: the kind and its Markdown.</summary>
public sealed record PlanMail(SentEmailKind Kind, string KindLabel, string Subject, string Markdown, DateOnly? MeetingDate = null, Guid? StatusUpdateId = null);

/// <summary>
/// Sending an e-mail of a plan, shared by recaps and status updates: resolve and check the
/// recipients, render both parts, attach the buyer's PDF when asked, send through
/// <see cref="IMailSender"/>, and record what went out. Nothing is recorded when sending fails.
/// </summary>
public sealed class PlanMailer(AppDbContext db, IMailSender mail, TimeProvider clock, IConfiguration config, ILogger<PlanMailer> log)
{
    public bool EmailEnabled => mail.IsEnabled;
    public string? EmailOffReason => mail.DisabledReason;
    public bool PdfEnabled => PdfSupport.IsEnabled(config);

    /// <summary>Everyone with an e-mail address the plan's e-mails can go to: the buyer side first, then the seller's team.</summary>
    public async Task<List<RecipientChoice>> ChoicesAsync(WorkspaceUser user, Plan plan, CancellationToken ct = default)
    {
        var stakeholders = plan.Stakeholders.Where(s => !string.IsNullOrWhiteSpace(s.Email))
            .OrderBy(s => s.Side).ThenBy(s => s.Position)
            .Select(s => new RecipientChoice("stakeholder", s.Id, s.Name, s.Email!.Trim(), s.Side.ToString(), s.Title)).ToList();
        var sellers = await db.Users.Where(u => u.WorkspaceId == user.WorkspaceId && u.Email != null).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return stakeholders.Where(s => s.Side != "Seller")
            .Concat(sellers.Select(u => new RecipientChoice("seller", u.Id, u.DisplayName, u.Email!, "Seller", null)))
            // Seller-side stakeholders who are not users of the workspace (a partner manager, a specialist).
            .Concat(stakeholders.Where(s => s.Side == "Seller" && !sellers.Any(u => string.Equals(u.Email, s.Email, StringComparison.OrdinalIgnoreCase))))
            .ToList();
    }

    /// <summary>Resolves the chosen people and typed addresses; every problem is a field error.</summary>
    public static List<SentRecipient> Resolve(MailRecipientsInput input, IReadOnlyList<RecipientChoice> choices, FieldErrors errors)
    {
        var list = new List<SentRecipient>();
        void Add(string address, string name, string side)
        {
            if (!list.Any(r => string.Equals(r.Address, address, StringComparison.OrdinalIgnoreCase))) list.Add(new SentRecipient(address, name, side));
        }
        foreach (var id in input.StakeholderIds ?? [])
        {
            var c = choices.FirstOrDefault(x => x.Kind == "stakeholder" && x.Id == id);
            if (c is null) { errors.Add("stakeholderIds", "One of the chosen stakeholders is not in this plan or has no e-mail address: add it on the stakeholder first."); break; }
            if (!IsAddress(c.Email, out var mailbox)) { errors.Add("stakeholderIds", $"{c.Name}'s e-mail address “{c.Email}” is not valid: correct it on the stakeholder first."); continue; }
            Add(mailbox.Address, c.Name, c.Side);
        }
        foreach (var id in input.SellerIds ?? [])
        {
            var c = choices.FirstOrDefault(x => x.Kind == "seller" && x.Id == id);
            if (c is null) { errors.Add("sellerIds", "One of the chosen people is not a member of your workspace."); break; }
            Add(c.Email, c.Name, "Seller");
        }
        foreach (var raw in (input.Addresses ?? []).SelectMany(SplitAddresses))
        {
            var text = raw.Trim();
            if (!IsAddress(text, out var mailbox)) { errors.Add("addresses", $"“{Clip(text, 80)}” is not an e-mail address. Write addresses like ana@northwind.com, separated by commas."); continue; }
            // An address typed for someone on the list is that person.
            var known = choices.FirstOrDefault(c => string.Equals(c.Email, mailbox.Address, StringComparison.OrdinalIgnoreCase));
            Add(mailbox.Address, known?.Name ?? mailbox.Name ?? "", known?.Side ?? "Other");
        }
        if (errors.Count == 0 && list.Count == 0) errors.Add("recipients", "Choose at least one person to send it to, or type an address.");
        if (list.Count > MailRecipientsInput.MaxRecipients) errors.Add("recipients", $"Send to at most {MailRecipientsInput.MaxRecipients} people at once.");
        return list;
    }

    /// <summary>"a@b.com, Ana &lt;c@d.com&gt;; e@f.org" typed in a box, as separate addresses.</summary>
    public static List<string> SplitAddresses(string? typed) =>
        (typed ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static bool IsAddress(string text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (text.Length > 320 || !MailboxAddress.TryParse(ParserOptions.Default, text, out var parsed)) return false;
        var at = parsed.Address.LastIndexOf('@');
        var domain = at > 0 ? parsed.Address[(at + 1)..] : "";
        // A deliverable address: a local part, and a domain with a dot that neither starts nor ends the name.
        if (at <= 0 || domain.Length < 3 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || parsed.Address.Any(char.IsWhiteSpace)) return false;
        mailbox = parsed;
        return true;
    }

    /// <summary>Previews or sends <paramref name="content"/> to the recipients of <paramref name="input"/>, and records a sending.</summary>
    public async Task<MailOutcome> SendAsync(WorkspaceUser user, Plan plan, PlanMail content, MailRecipientsInput input, FieldErrors errors, CancellationToken ct = default)
    {
        var recipients = Resolve(input, await ChoicesAsync(user, plan, ct), errors);
        if (input.AttachPdf && !PdfEnabled) errors.Add("attachPdf", "PDF documents are not enabled on this server (setting Pdf:License): send it without the attachment.");
        if (errors.Count > 0) return MailOutcome.Invalid(errors);

        var workspace = await db.Workspaces.Where(w => w.Id == user.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        var senderEmail = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var pdfName = input.AttachPdf ? PlanDocuments.FileName(plan.Title, ".pdf") : null;
        var frame = new PlanEmailContent(content.KindLabel, content.Subject, content.Markdown, plan.Title, plan.BuyerCompany, workspace,
            user.DisplayName, senderEmail, input.AttachPdf, pdfName);
        var preview = new EmailPreviewDto(content.Subject, recipients, input.AttachPdf, PlanEmail.Html(frame), PlanEmail.Text(frame));
        if (input.DryRun) return new MailOutcome(MailOutcomeKind.Preview, Preview: preview);
        if (!mail.IsEnabled) return new MailOutcome(MailOutcomeKind.EmailOff, Problem: mail.DisabledReason);

        var attachments = new List<EmailAttachment>();
        if (input.AttachPdf)
        {
            // Both sides receive it: always the buyer's version of the document.
            var doc = await PlanDocuments.BuildAsync(db, user, plan.Id, Audience.Buyer, clock, ct);
            if (doc is null) return MailOutcome.NotFound();
            attachments.Add(new EmailAttachment(pdfName!, "application/pdf", PlanPdfWriter.Write(doc, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))));
        }
        EmailAddress Address(SentRecipient r) => new(r.Address, r.Name.Length > 0 ? r.Name : null);
        var message = new EmailMessage
        {
            // The other side in To, the seller's own team in Cc, as a person would address it.
            To = recipients.Where(r => r.Side != "Seller").Select(Address).ToList(),
            Cc = recipients.Where(r => r.Side == "Seller").Select(Address).ToList(),
            ReplyTo = senderEmail is { Length: > 0 } ? new EmailAddress(senderEmail, user.DisplayName) : null,
            Subject = content.Subject, Html = preview.Html, Text = preview.Text, Attachments = attachments,
        };
        if (message.To.Count == 0) message = message with { To = message.Cc, Cc = [] };

        string messageId;
        try
        {
            messageId = await mail.SendAsync(message, ct);
        }
        catch (EmailDisabledException e)
        {
            return new MailOutcome(MailOutcomeKind.EmailOff, Problem: e.Message);
        }
        catch (MailKit.Net.Smtp.SmtpCommandException e) when (e.ErrorCode == MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted)
        {
            log.LogWarning(e, "The mail server refused recipient {Mailbox}", e.Mailbox);
            return new MailOutcome(MailOutcomeKind.Failed, Problem: $"The mail server refused the address {e.Mailbox?.Address}: nothing was sent. Remove or correct it and send again.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Sending the {Kind} e-mail of plan {PlanId} failed", content.Kind, plan.Id);
            return new MailOutcome(MailOutcomeKind.Failed, Problem: "The mail server could not be reached or refused the message: nothing was sent. Try again in a moment.");
        }

        var sent = new SentEmail
        {
            PlanId = plan.Id, Kind = content.Kind, StatusUpdateId = content.StatusUpdateId, MeetingDate = content.MeetingDate,
            Subject = content.Subject, Body = content.Markdown, Recipients = recipients, PdfAttached = input.AttachPdf,
            SentById = user.UserId, SentBy = user.DisplayName, SentAt = clock.GetUtcNow(), MessageId = messageId,
        };
        db.SentEmails.Add(sent);
        await db.SaveChangesAsync(ct);
        return new MailOutcome(MailOutcomeKind.Sent, Sent: sent, Preview: preview);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
