using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Recaps;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>A recap to preview or send: the meeting, the text (the generated draft when empty) and the recipients.</summary>
public sealed class RecapInput : MailRecipientsInput, IValidatableObject
{
    [Required(ErrorMessage = "Choose the date of the meeting this recap follows.")]
    public DateOnly? MeetingDate { get; set; }

    /// <summary>What was discussed; it opens the drafted recap.</summary>
    [StringLength(SentEmail.NotesMax, ErrorMessage = "Keep the meeting notes under 4,000 characters.")]
    public string? Notes { get; set; }

    /// <summary>The subject; when empty, the drafted subject.</summary>
    [StringLength(SentEmail.SubjectMax, ErrorMessage = "Keep the subject under 200 characters.")]
    public string? Subject { get; set; }

    /// <summary>The recap in Markdown, as edited; when empty, the draft built from the plan.</summary>
    [StringLength(SentEmail.BodyMax, ErrorMessage = "Keep the recap under 20,000 characters.")]
    public string? Body { get; set; }

    /// <summary>Set by the caller from its clock: a recap follows a meeting that has happened.</summary>
    internal DateOnly? Today { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (MeetingDate is { } d && Today is { } today && d > today.AddDays(1)) yield return new ValidationResult("A recap follows a meeting: choose a date that is not in the future.", [nameof(MeetingDate)]);
    }
}

public sealed record RecapDraftDto(string Subject, string Markdown, IReadOnlyList<RecapSection> Sections);

public static class RecapCommands
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<RecapSender> SenderAsync(AppDbContext db, WorkspaceUser user, CancellationToken ct = default) =>
        new(user.DisplayName, await db.Workspaces.Where(w => w.Id == user.WorkspaceId).Select(w => w.Name).SingleAsync(ct));

    /// <summary>The plan (buyer-visible parts only are used) and its recap draft for a meeting.</summary>
    public static async Task<(Plan Plan, RecapDraft Draft)?> DraftAsync(AppDbContext db, WorkspaceUser user, Guid planId, DateOnly meetingDate, string? notes, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        if (plan is null) return null;
        return (plan, RecapDraft.Build(plan, meetingDate, Today(clock), await SenderAsync(db, user, ct), notes));
    }

    /// <summary>Previews (dry run) or sends a recap, and records it in the plan's recap history.</summary>
    public static async Task<MailOutcome> SendAsync(AppDbContext db, PlanMailer mailer, WorkspaceUser user, Guid planId, RecapInput input, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        if (plan is null) return MailOutcome.NotFound();
        input.Today = Today(clock);
        var errors = FieldErrors.Of(input);
        var meeting = input.MeetingDate ?? Today(clock);
        var draft = RecapDraft.Build(plan, meeting, Today(clock), await SenderAsync(db, user, ct), input.Notes);
        var subject = string.IsNullOrWhiteSpace(input.Subject) ? draft.Subject : input.Subject.Trim();
        var body = string.IsNullOrWhiteSpace(input.Body) ? draft.ToMarkdown() : input.Body.Replace("\r\n", "\n").Trim() + "\n";
        return await mailer.SendAsync(user, plan, new PlanMail(SentEmailKind.Recap, "Meeting recap", subject, body, MeetingDate: meeting), input, errors, ct);
    }

    public static Task<List<SentEmail>> HistoryAsync(AppDbContext db, Guid planId, SentEmailKind kind, CancellationToken ct = default) =>
        db.SentEmails.Where(m => m.PlanId == planId && m.Kind == kind).OrderByDescending(m => m.SentAt).ToListAsync(ct);
}

public sealed class RecapsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}").WithTags("E-mail");
        g.MapGet("/recaps", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await db.FindPlanAsync(http.Seller(), planId, ct) is null
                    ? (IResult)ApiResults.NotFound()
                    : TypedResults.Ok((await RecapCommands.HistoryAsync(db, planId, SentEmailKind.Recap, ct)).Select(SentEmailDto.From).ToList()))
            .WithName("ListRecaps").WithSummary("The recaps sent from the plan, newest first: who sent them, when, to whom, and what they said.")
            .Produces<List<SentEmailDto>>().ProducesProblem(404);

        g.MapGet("/recaps/draft", async (Guid planId, DateOnly? meetingDate, string? notes, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (notes is { Length: > SentEmail.NotesMax }) return (IResult)ApiResults.Invalid(new FieldErrors().Add("notes", "Keep the meeting notes under 4,000 characters."));
                var draft = await RecapCommands.DraftAsync(db, http.Seller(), planId, meetingDate ?? RecapCommands.Today(clock), notes, clock, ct);
                return draft is not { } d ? ApiResults.NotFound() : TypedResults.Ok(new RecapDraftDto(d.Draft.Subject, d.Draft.ToMarkdown(), d.Draft.Sections));
            })
            .WithName("DraftRecap")
            .WithSummary("Draft the recap of a meeting (default: today) from the plan, in the structure of a mutual-plan recap.")
            .WithDescription("Sections: what we discussed (when `notes` are given), desired outcome, challenges, why this approach fits, expected impact and its measure, key stakeholders, timeline to value realised with owners, negotiables and assumptions, and an invitation to edit. Never contains internal notes, actions or risks.")
            .Produces<RecapDraftDto>().ProducesValidationProblem().ProducesProblem(404);

        g.MapPost("/recaps", async (Guid planId, RecapInput input, HttpContext http, AppDbContext db, PlanMailer mailer, TimeProvider clock, CancellationToken ct) =>
                (await RecapCommands.SendAsync(db, mailer, http.Seller(), planId, input, clock, ct))
                    .ToHttp(m => TypedResults.Created($"/api/v1/plans/{planId}/recaps/{m.Id}", SentEmailDto.From(m))))
            .WithName("SendRecap")
            .WithSummary("Send a meeting recap by e-mail (HTML and plain text), or preview it with dryRun.")
            .WithDescription("Recipients: `sellerIds` (members of your workspace), `stakeholderIds` (stakeholders of the plan with an e-mail address; see GET …/email-recipients) and `addresses` (any others). Without `body` the generated draft is sent; without `subject` the drafted subject. `attachPdf` attaches the buyer's version of the plan document. `dryRun: true` returns the e-mail (subject, recipients, HTML, text) without sending. 503 when e-mail is turned off on the server, 502 when the mail server fails; nothing is recorded then.")
            .Produces<SentEmailDto>(201).Produces<EmailPreviewDto>(200).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(502).ProducesProblem(503);

        g.MapGet("/email-recipients", async (Guid planId, HttpContext http, AppDbContext db, PlanMailer mailer, CancellationToken ct) =>
            {
                var plan = await db.LoadWholePlanAsync(http.Seller(), planId, ct, readOnly: true);
                return plan is null ? (IResult)ApiResults.NotFound() : TypedResults.Ok(await mailer.ChoicesAsync(http.Seller(), plan, ct));
            })
            .WithName("ListEmailRecipients")
            .WithSummary("The people a plan's e-mails can be sent to: the plan's stakeholders with an e-mail address and the members of your workspace.")
            .Produces<List<RecipientChoice>>().ProducesProblem(404);
    }
}
