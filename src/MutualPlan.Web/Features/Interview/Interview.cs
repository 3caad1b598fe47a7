using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Drafting;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Interview;

public sealed class InterviewInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the plan a title.")]
    [StringLength(Plan.TitleMax, ErrorMessage = "Keep the title under 200 characters.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Enter the buyer's company name.")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the company name under 200 characters.")]
    public string? BuyerCompany { get; set; }

    public string? Currency { get; set; } = "USD";
    public DealStage Stage { get; set; } = DealStage.Discovery;
    public bool? OutcomeAgreed { get; set; }
    public bool? ImpactClear { get; set; }
    public bool? DecisionMakersKnown { get; set; }
    public bool? WillingToCommit { get; set; }
    public bool? AllStakeholdersKnown { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")]
    public string? HardConstraint { get; set; }

    public DateOnly? HardConstraintDate { get; set; }
    public DateOnly? ValueRealisedDate { get; set; }
    public bool ProcurementInvolved { get; set; }
    public bool ProcurementEngaged { get; set; }

    [Range(1, 365, ErrorMessage = "Enter the procurement cycle in working days, from 1 to 365.")]
    public int? ProcurementCycleDays { get; set; }

    public ChampionAuthority ChampionAuthority { get; set; } = ChampionAuthority.Unknown;
    public DateOnly? SellerTargetClose { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")]
    public string? Resistance { get; set; }

    /// <summary>Set by the page: dates must lie ahead.</summary>
    internal DateOnly Today { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Currencies.IsKnown((Currency ?? "").Trim().ToUpperInvariant()))
            yield return new ValidationResult("Use a three-letter ISO currency code such as EUR or USD.", [nameof(Currency)]);
        if (HardConstraintDate is { } c && c <= Today)
            yield return new ValidationResult("The constraint date must be in the future.", [nameof(HardConstraintDate)]);
        if (ValueRealisedDate is { } v && v <= Today)
            yield return new ValidationResult("The value-realised date must be in the future.", [nameof(ValueRealisedDate)]);
        if (HardConstraintDate is not null && string.IsNullOrWhiteSpace(HardConstraint))
            yield return new ValidationResult("Say what the date is (a budget review, a board meeting, a season…).", [nameof(HardConstraint)]);
    }

    public InterviewAnswers ToAnswers() => new(Title!.Trim(), BuyerCompany!.Trim(), Currency!.Trim().ToUpperInvariant(), Stage,
        OutcomeAgreed, ImpactClear, DecisionMakersKnown, WillingToCommit, AllStakeholdersKnown, HardConstraint?.Trim(),
        HardConstraintDate, ValueRealisedDate, ProcurementInvolved, ProcurementEngaged, ProcurementCycleDays, ChampionAuthority,
        SellerTargetClose, string.IsNullOrWhiteSpace(Resistance) ? null : Resistance.Trim());
}

/// <summary>One screen of the interview: its title, a line of guidance and the answers it asks for.</summary>
public sealed record InterviewStep(string Key, string Title, string Intro, IReadOnlyList<string> Fields);

/// <summary>
/// The pre-work interview as a guided flow of short steps (readiness, the deal and its people, the
/// buyer's deadline, procurement, the champion, your target close, review). Every answer travels
/// in the form (hidden fields for the steps not on screen), so nothing is kept on the server until
/// the plan is drafted; each step is validated before moving on. A single post with every field
/// (no <c>go</c>) still drafts the plan at once, as before.
/// </summary>
public sealed class InterviewModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<InterviewStep> Steps =
    [
        new("readiness", "Is a plan worth building yet?", "Four checks before you invest in a plan. “Not yet known” is an answer too.",
            ["outcomeAgreed", "impactClear", "decisionMakersKnown", "willingToCommit", "resistance"]),
        new("deal", "The deal and its people", "Name the plan, and say where the deal stands and who you know.",
            ["title", "buyerCompany", "currency", "stage", "allStakeholdersKnown"]),
        new("deadline", "The buyer's deadline", "Plans are built backwards from the buyer's date, not your quarter. What must happen by when, and why?",
            ["hardConstraint", "hardConstraintDate", "valueRealisedDate"]),
        new("procurement", "Procurement", "Procurement that arrives late is the most common reason a signature slips.",
            ["procurementInvolved", "procurementEngaged", "procurementCycleDays"]),
        new("champion", "Your champion", "A champion who cannot decide alone needs the decision makers aligned before signature.",
            ["championAuthority"]),
        new("close", "Your target close", "Compared openly with the date the buyer's plan supports.",
            ["sellerTargetClose"]),
        new("review", "Review and draft", "Check your answers. The plan is drafted from them; everything stays editable afterwards.", []),
    ];

    [BindProperty] public InterviewInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    /// <summary>The step on screen (0-based).</summary>
    public int Step { get; private set; }
    /// <summary>After a failed final submit: every step with a problem, shown together.</summary>
    public IReadOnlyList<int> FixSteps { get; private set; } = [];
    /// <summary>Came from the review to change one answer: Next goes back to the review.</summary>
    public bool ReturnToReview { get; private set; }
    public DraftResult? Preview { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public InterviewStep Current => Steps[Step];
    public static int ReviewStep => Steps.Count - 1;

    public void OnGet() { }

    /// <param name="step">The step the form was on.</param>
    /// <param name="go">next, back, step-N (jump, e.g. "Change" on the review), or draft; absent = draft (one post with every answer).</param>
    public async Task<IActionResult> OnPostAsync([FromForm] int? step, [FromForm] string? go, [FromForm] bool returnToReview)
    {
        Input.Today = Today;
        var errors = BindingMessages.From(ModelState);
        foreach (var (field, messages) in FieldErrors.Of(Input))
            if (errors.For(field) is null) foreach (var m in messages) errors.Add(field, m);
        var at = Math.Clamp(step ?? ReviewStep, 0, ReviewStep);

        if (go is null or "draft")
        {
            if (errors.Count > 0)
            {
                Errors = errors;
                FixSteps = [.. Enumerable.Range(0, ReviewStep).Where(i => Steps[i].Fields.Any(f => errors.For(f) is not null))];
                if (FixSteps.Count == 0) FixSteps = [1];
                Step = FixSteps[0];
                Response.StatusCode = 400;
                return Page();
            }
            var user = HttpContext.Seller();
            var draft = PlanDrafter.Draft(Input.ToAnswers(), Today, user.WorkspaceId, user.UserId);
            db.Plans.Add(draft.Plan);
            await db.SaveChangesAsync();
            TempData["drafted"] = draft.RedFlags.Count == 0
                ? "Drafted from your answers. Name the people in each role and adjust the dates with the buyer."
                : $"Drafted from your answers, with {draft.RedFlags.Count} red flag{(draft.RedFlags.Count == 1 ? "" : "s")} recorded in the internal notes: {string.Join(" ", draft.RedFlags)}";
            return Redirect($"/plans/{draft.Plan.Id}");
        }

        if (go == "back")
        {
            Step = Math.Max(0, at - 1);
        }
        else if (go.StartsWith("step-", StringComparison.Ordinal) && int.TryParse(go[5..], out var to))
        {
            Step = Math.Clamp(to, 0, ReviewStep);
            ReturnToReview = at == ReviewStep || returnToReview;
        }
        else
        {
            // Next: this step's answers must be right before moving on.
            var mine = new FieldErrors();
            foreach (var f in Steps[at].Fields)
                if (errors.For(f) is { } message) mine.Add(f, message);
            if (mine.Count > 0)
            {
                Errors = mine;
                Step = at;
                ReturnToReview = returnToReview;
                Response.StatusCode = 400;
                return Page();
            }
            Step = returnToReview ? ReviewStep : Math.Min(ReviewStep, at + 1);
        }
        if (Step == ReviewStep) BuildPreview(errors);
        ModelState.Clear();
        return Page();
    }

    private void BuildPreview(FieldErrors errors)
    {
        if (errors.Count > 0) { Errors = errors; return; }
        Preview = PlanDrafter.Draft(Input.ToAnswers(), Today, Guid.Empty, Guid.Empty);
    }

    /// <summary>The answers as form values, by field name (for the hidden fields of the steps not on screen).</summary>
    public IReadOnlyDictionary<string, string> Values()
    {
        static string B(bool? b) => b is null ? "" : b.Value ? "true" : "false";
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var i = Input;
        return new Dictionary<string, string>
        {
            ["outcomeAgreed"] = B(i.OutcomeAgreed), ["impactClear"] = B(i.ImpactClear), ["decisionMakersKnown"] = B(i.DecisionMakersKnown),
            ["willingToCommit"] = B(i.WillingToCommit), ["resistance"] = i.Resistance ?? "",
            ["title"] = i.Title ?? "", ["buyerCompany"] = i.BuyerCompany ?? "", ["currency"] = i.Currency ?? "", ["stage"] = i.Stage.ToString(),
            ["allStakeholdersKnown"] = B(i.AllStakeholdersKnown),
            ["hardConstraint"] = i.HardConstraint ?? "", ["hardConstraintDate"] = D(i.HardConstraintDate), ["valueRealisedDate"] = D(i.ValueRealisedDate),
            ["procurementInvolved"] = B(i.ProcurementInvolved), ["procurementEngaged"] = B(i.ProcurementEngaged),
            ["procurementCycleDays"] = i.ProcurementCycleDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["championAuthority"] = i.ChampionAuthority.ToString(), ["sellerTargetClose"] = D(i.SellerTargetClose),
        };
    }

    /// <summary>Fields shown on screen now: the current step's, or every failing step's after a failed draft.</summary>
    public ISet<string> Shown() => (FixSteps.Count > 0 ? FixSteps.SelectMany(s => Steps[s].Fields) : Current.Fields).ToHashSet();
}
