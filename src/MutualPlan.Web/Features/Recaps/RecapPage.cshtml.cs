using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Recaps;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>The recap e-mail of a meeting: drafted from the plan, edited, previewed, sent; and the recaps sent before.</summary>
public sealed class RecapPageModel(AppDbContext db, PlanMailer mailer, TimeProvider clock) : PageModel
{
    [BindProperty] public RecapInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public Plan? Plan { get; private set; }
    public List<RecipientChoice> Choices { get; private set; } = [];
    public List<SentEmail> History { get; private set; } = [];
    public EmailPreviewDto? Preview { get; private set; }
    public string? Sent { get; private set; }
    public string? Failure { get; private set; }
    public bool EmailEnabled => mailer.EmailEnabled;
    public string? EmailOffReason => mailer.EmailOffReason;
    public bool PdfEnabled => mailer.PdfEnabled;

    private DateOnly Today => RecapCommands.Today(clock);
    private WorkspaceUser Seller => HttpContext.Seller();

    public async Task<IActionResult> OnGetAsync(Guid planId, DateOnly? meetingDate)
    {
        Input = new RecapInput { MeetingDate = meetingDate ?? Today };
        return await LoadAsync(planId, redraft: true);
    }

    /// <summary>Rebuilds the draft for the meeting date and notes, replacing the edited text.</summary>
    public Task<IActionResult> OnPostDraftAsync(Guid planId)
    {
        Errors = BindingMessages.From(ModelState);
        Input.MeetingDate ??= Today;
        return LoadAsync(planId, redraft: true);
    }

    public Task<IActionResult> OnPostPreviewAsync(Guid planId) => SendAsync(planId, dryRun: true);

    public Task<IActionResult> OnPostAsync(Guid planId) => SendAsync(planId, dryRun: false);

    private async Task<IActionResult> SendAsync(Guid planId, bool dryRun)
    {
        Errors = BindingMessages.From(ModelState);
        if (Errors.Count == 0)
        {
            Input.DryRun = dryRun;
            var outcome = await RecapCommands.SendAsync(db, mailer, Seller, planId, Input, clock, HttpContext.RequestAborted);
            switch (outcome.Kind)
            {
                case MailOutcomeKind.NotFound: return NotFound();
                case MailOutcomeKind.Sent: return Redirect($"/plans/{planId}/recap?sent={outcome.Sent!.Id}#history");
                case MailOutcomeKind.Preview: Preview = outcome.Preview; break;
                case MailOutcomeKind.Invalid: Errors = outcome.Errors!; break;
                default: Failure = outcome.Problem; break;
            }
        }
        if (Errors.Count > 0) Response.StatusCode = 400;
        Input.MeetingDate ??= Today;
        return await LoadAsync(planId, redraft: false);
    }

    private async Task<IActionResult> LoadAsync(Guid planId, bool redraft)
    {
        var draft = await RecapCommands.DraftAsync(db, Seller, planId, Input.MeetingDate!.Value, Input.Notes, clock, HttpContext.RequestAborted);
        if (draft is not { } d) return NotFound();
        Plan = d.Plan;
        if (redraft || string.IsNullOrWhiteSpace(Input.Body)) Input.Body = d.Draft.ToMarkdown();
        if (redraft || string.IsNullOrWhiteSpace(Input.Subject)) Input.Subject = d.Draft.Subject;
        Choices = await mailer.ChoicesAsync(Seller, Plan, HttpContext.RequestAborted);
        History = await RecapCommands.HistoryAsync(db, planId, SentEmailKind.Recap, HttpContext.RequestAborted);
        Sent = Request.Query["sent"];
        return Page();
    }
}
