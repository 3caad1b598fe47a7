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

/// <summary>The pre-work interview: short steps whose answers become a first draft of the plan.</summary>
public sealed class InterviewModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public InterviewInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Today = Today;
        Errors = BindingMessages.From(ModelState);
        if (Errors.Count == 0) Errors = FieldErrors.Of(Input);
        if (Errors.Count > 0) { Response.StatusCode = 400; return Page(); }

        var user = HttpContext.Seller();
        var draft = PlanDrafter.Draft(Input.ToAnswers(), Today, user.WorkspaceId, user.UserId);
        db.Plans.Add(draft.Plan);
        await db.SaveChangesAsync();
        TempData["drafted"] = draft.RedFlags.Count == 0
            ? "Drafted from your answers. Name the people in each role and adjust the dates with the buyer."
            : $"Drafted from your answers, with {draft.RedFlags.Count} red flag{(draft.RedFlags.Count == 1 ? "" : "s")} recorded in the internal notes: {string.Join(" ", draft.RedFlags)}";
        return Redirect($"/plans/{draft.Plan.Id}");
    }
}
