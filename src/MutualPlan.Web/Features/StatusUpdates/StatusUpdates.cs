using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.StatusUpdates;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.StatusUpdates;

public sealed class StatusUpdateInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the first day of the period.")] public DateOnly? From { get; set; }
    [Required(ErrorMessage = "Choose the last day of the period.")] public DateOnly? To { get; set; }

    /// <summary>The edited text; when empty, the generated draft is saved as it is.</summary>
    [StringLength(StatusUpdate.BodyMax, ErrorMessage = "Keep the update under 20,000 characters.")]
    public string? Body { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (From is { } f && To is { } t && t < f) yield return new ValidationResult("The period cannot end before it starts.", [nameof(To)]);
        if (From is { } f2 && To is { } t2 && t2.DayNumber - f2.DayNumber > 92) yield return new ValidationResult("Keep the period to three months or less.", [nameof(To)]);
    }
}

public sealed record StatusUpdateDto(Guid Id, DateOnly PeriodFrom, DateOnly PeriodTo, string Body, string Author, DateTimeOffset CreatedAt,
    IReadOnlyList<StatusUpdateSendingDto> Sendings)
{
    /// <summary>The update, with where it was sent by e-mail (newest first).</summary>
    public static StatusUpdateDto From(StatusUpdate u, IEnumerable<Planning.Recaps.SentEmail>? sendings = null) =>
        new(u.Id, u.PeriodFrom, u.PeriodTo, u.Body, u.Author, u.CreatedAt, (sendings ?? []).Select(StatusUpdateSendingDto.From).ToList());
}

public sealed record StatusDraftDto(StatusReport Report, string Markdown);

public static class StatusUpdateCommands
{
    /// <summary>Markdown to HTML that renders people's text inert (see <see cref="SafeMarkdown"/>).</summary>
    public static string ToHtml(string markdown) => SafeMarkdown.Document(markdown);

    public static async Task<Outcome<(Plan Plan, StatusReport Report)>> DraftAsync(AppDbContext db, WorkspaceUser user, Guid planId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        return plan is null ? Outcome<(Plan, StatusReport)>.NotFound() : Outcome<(Plan, StatusReport)>.Ok((plan, StatusReport.Build(plan, from, to)));
    }

    public static async Task<Outcome<StatusUpdate>> SaveAsync(AppDbContext db, WorkspaceUser user, Guid planId, StatusUpdateInput input, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<StatusUpdate>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<StatusUpdate>.Invalid(errors);
        var body = input.Body;
        if (string.IsNullOrWhiteSpace(body))
        {
            var draft = await DraftAsync(db, user, planId, input.From!.Value, input.To!.Value, ct);
            body = draft.Value.Report.ToMarkdown(draft.Value.Plan.Title);
        }
        var update = new StatusUpdate
        {
            PlanId = planId, PeriodFrom = input.From!.Value, PeriodTo = input.To!.Value, Body = body.Trim(),
            Author = user.DisplayName, CreatedAt = clock.GetUtcNow(),
        };
        db.StatusUpdates.Add(update);
        var period = $"{update.PeriodFrom.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)} – {update.PeriodTo.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
        var title = await db.Plans.Where(p => p.Id == planId).Select(p => p.Title).SingleAsync(ct);
        await Notifications.NotificationEvents.RaiseAsync(db, planId, Planning.Collaboration.NotificationKind.StatusUpdatePublished,
            $"{user.DisplayName} published a status update on “{title}” for {period}", Comments.CommentText.Excerpt(Markdig.Markdown.ToPlainText(update.Body)),
            $"/plans/{planId}/updates", actor: Actors.Seller(user), eventKey: $"status-update:{update.Id}", ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<StatusUpdate>.Ok(update);
    }

    public static Task<List<StatusUpdate>> ListAsync(AppDbContext db, Guid planId, CancellationToken ct = default) =>
        db.StatusUpdates.Where(u => u.PlanId == planId).OrderByDescending(u => u.CreatedAt).ToListAsync(ct);
}

public sealed class StatusUpdatesApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}/status-updates").WithTags("Status updates");
        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                if (await db.FindPlanAsync(http.Seller(), planId, ct) is null) return (IResult)ApiResults.NotFound();
                var sendings = await StatusUpdateEmail.SendingsAsync(db, planId, ct);
                return TypedResults.Ok((await StatusUpdateCommands.ListAsync(db, planId, ct)).Select(u => StatusUpdateDto.From(u, sendings[u.Id])).ToList());
            })
            .WithName("ListStatusUpdates").WithSummary("The plan's status updates, newest first, each with the e-mails it was sent in.")
            .Produces<List<StatusUpdateDto>>().ProducesProblem(404);
        g.MapGet("/draft", async (Guid planId, DateOnly? from, DateOnly? to, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var draft = await StatusUpdateCommands.DraftAsync(db, http.Seller(), planId, from ?? today.AddDays(-6), to ?? today, ct);
                return draft.ToHttp(d => TypedResults.Ok(new StatusDraftDto(d.Report, d.Report.ToMarkdown(d.Plan.Title))));
            })
            .WithName("DraftStatusUpdate").WithSummary("Draft a status update for a period (default: the 7 days up to today) from what changed.")
            .Produces<StatusDraftDto>().ProducesProblem(404);
        g.MapPost("/", async (Guid planId, StatusUpdateInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await StatusUpdateCommands.SaveAsync(db, http.Seller(), planId, input, clock, ct))
                    .ToHttp(u => TypedResults.Created($"/api/v1/plans/{planId}/status-updates/{u.Id}", StatusUpdateDto.From(u, null))))
            .WithName("CreateStatusUpdate").WithSummary("Save a status update for a period; without a body, the generated draft is saved.")
            .Produces<StatusUpdateDto>(201).ProducesValidationProblem().ProducesProblem(404);
    }
}

/// <summary>The plan's updates: history and a new update drafted from what changed.</summary>
public sealed class UpdatesPageModel(AppDbContext db, TimeProvider clock, Recaps.PlanMailer mailer) : PageModel
{
    [BindProperty] public StatusUpdateInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public Plan? Plan { get; private set; }
    public StatusReport? Report { get; private set; }
    public List<StatusUpdate> History { get; private set; } = [];
    public string? Saved { get; private set; }
    /// <summary>Sending by e-mail: who can receive it, each update's sendings, and the form of the update being sent.</summary>
    public List<Recaps.RecipientChoice> Choices { get; private set; } = [];
    public ILookup<Guid, Planning.Recaps.SentEmail> Sendings { get; private set; } = Enumerable.Empty<Planning.Recaps.SentEmail>().ToLookup(m => m.Id);
    [BindProperty] public Recaps.MailRecipientsInput Send { get; set; } = new();
    public Guid? SendingId { get; private set; }
    public FieldErrors SendErrors { get; private set; } = new();
    public string? SendFailure { get; private set; }
    public Recaps.EmailPreviewDto? SendPreview { get; private set; }
    public string? SentTo { get; private set; }
    public Recaps.PlanMailer Mailer => mailer;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid planId, DateOnly? from, DateOnly? to)
    {
        Input = new StatusUpdateInput { From = from ?? Today.AddDays(-6), To = to ?? Today };
        return await LoadAsync(planId, draftBody: true);
    }

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        Errors = BindingMessages.From(ModelState);
        if (Errors.Count == 0)
        {
            var outcome = await StatusUpdateCommands.SaveAsync(db, HttpContext.Seller(), planId, Input, clock);
            if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
            if (outcome.IsOk) return Redirect($"/plans/{planId}/updates?saved={outcome.Value!.Id}#history");
            Errors = outcome.Errors!;
        }
        Response.StatusCode = 400;
        return await LoadAsync(planId, draftBody: false);
    }

    /// <summary>Sends a saved update by e-mail (or previews it), then shows the history with the result.</summary>
    public async Task<IActionResult> OnPostSendAsync(Guid planId, Guid updateId, bool preview = false)
    {
        SendingId = updateId;
        Send.DryRun = preview;
        var outcome = await StatusUpdateEmail.SendAsync(db, mailer, HttpContext.Seller(), planId, updateId, Send, HttpContext.RequestAborted);
        switch (outcome.Kind)
        {
            case Recaps.MailOutcomeKind.NotFound: return NotFound();
            case Recaps.MailOutcomeKind.Sent: return Redirect($"/plans/{planId}/updates?sent={updateId}#update-{updateId}");
            case Recaps.MailOutcomeKind.Preview: SendPreview = outcome.Preview; break;
            case Recaps.MailOutcomeKind.Invalid: SendErrors = outcome.Errors!; Response.StatusCode = 400; break;
            default: SendFailure = outcome.Problem; break;
        }
        Input = new StatusUpdateInput { From = Today.AddDays(-6), To = Today };
        return await LoadAsync(planId, draftBody: true);
    }

    private async Task<IActionResult> LoadAsync(Guid planId, bool draftBody)
    {
        var from = Input.From ?? Today.AddDays(-6);
        var to = Input.To is { } t && t >= from ? t : from;
        var draft = await StatusUpdateCommands.DraftAsync(db, HttpContext.Seller(), planId, from, to);
        if (!draft.IsOk) return NotFound();
        (Plan, Report) = draft.Value;
        if (draftBody) Input.Body = Report.ToMarkdown(Plan.Title);
        History = await StatusUpdateCommands.ListAsync(db, planId);
        Saved = Request.Query["saved"];
        SentTo = Request.Query["sent"];
        Sendings = await StatusUpdateEmail.SendingsAsync(db, planId);
        Choices = await mailer.ChoicesAsync(HttpContext.Seller(), Plan);
        return Page();
    }
}
