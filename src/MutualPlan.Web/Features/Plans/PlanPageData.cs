using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Plans;

/// <summary>Everything a plan page and its sections render from: the whole plan, the workspace's sellers and today.</summary>
public sealed record PlanPageData(Plan Plan, IReadOnlyList<SellerRef> Sellers, DateOnly Today)
{
    public static async Task<PlanPageData?> LoadAsync(AppDbContext db, WorkspaceUser user, Guid planId, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        if (plan is null) return null;
        return new PlanPageData(plan, await db.SellersAsync(user, ct), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    public string SellerName(Guid? id) => Sellers.FirstOrDefault(s => s.Id == id)?.Name ?? "Unassigned";
    public Stakeholder? Stakeholder(Guid? id) => id is null ? null : Plan.Stakeholders.FirstOrDefault(s => s.Id == id);
    public Milestone? Milestone(Guid? id) => id is null ? null : Plan.Milestones.FirstOrDefault(m => m.Id == id);
    public IEnumerable<(string Value, string Label)> StakeholderChoices(Side? side = null) =>
        Plan.Stakeholders.Where(s => side is null || s.Side == side)
            .Select(s => (s.Id.ToString(), string.IsNullOrEmpty(s.Title) ? s.Name : $"{s.Name} ({s.Title})"));
    public IEnumerable<(string Value, string Label)> MilestoneChoices() =>
        Plan.Milestones.Select(m => (m.Id.ToString(), m.Title));
}

/// <summary>
/// The UI state of one section: which item is being edited (or a new one added), the draft the
/// user typed and its field errors (so a failed save loses nothing), and a short message.
/// </summary>
public sealed record SectionState(Guid? EditingId = null, bool Adding = false, object? Draft = null,
    FieldErrors? Errors = null, string? Message = null, Guid? ParentId = null, string? Kind = null)
{
    public static readonly SectionState Viewing = new();
    /// <summary>Whether the open form is for a new item of <paramref name="kind"/> under <paramref name="parentId"/>.</summary>
    public bool IsAdding(string kind, Guid? parentId = null) => Adding && Kind == kind && ParentId == parentId;
    public bool IsEditing(string kind, Guid id) => !Adding && Kind == kind && EditingId == id;
    public T DraftOr<T>(Func<T> fallback) where T : class => Draft as T ?? fallback();
}

public sealed record SectionView(PlanPageData Data, SectionState State)
{
    public Plan Plan => Data.Plan;
}

/// <summary>
/// Base of the small Razor Pages that serve one plan section to htmx: each handler changes the
/// plan through the feature's commands (the same code as the API) and answers with the section
/// re-rendered. Without htmx (a plain form post), it redirects back to the plan page.
/// </summary>
public abstract class PlanSectionPage(AppDbContext db, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid PlanId { get; set; }

    protected AppDbContext Db => db;
    protected TimeProvider Clock => clock;
    protected WorkspaceUser Seller => HttpContext.Seller();

    /// <summary>The section partial, e.g. "/Features/Objectives/_Objectives.cshtml".</summary>
    protected abstract string SectionPartial { get; }

    /// <summary>The section's anchor on the plan page, e.g. "objectives".</summary>
    protected abstract string Anchor { get; }

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    protected async Task<IActionResult> RenderAsync(SectionState state)
    {
        var data = await PlanPageData.LoadAsync(db, Seller, PlanId, clock, HttpContext.RequestAborted);
        if (data is null) return NotFound();
        if (!IsHtmx) return Redirect($"/plans/{PlanId}#{Anchor}");
        return Partial(SectionPartial, new SectionView(data, state));
    }

    /// <summary>Renders the outcome of a change: on success the section in view mode, and a
    /// "plan-changed" event that other sections (header, timeline) listen for to refresh themselves.</summary>
    protected async Task<IActionResult> AfterChangeAsync<T>(Outcome<T> outcome, SectionState onInvalid, string? okMessage = null)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Invalid:
                return await RenderAsync(onInvalid with { Errors = outcome.Errors });
            case OutcomeKind.Conflict:
                return await RenderAsync(SectionState.Viewing with
                {
                    Message = "Someone else changed this item while you were editing. The latest version is shown; please make your change again.",
                });
            default:
                Response.Headers["HX-Trigger"] = "plan-changed";
                return await RenderAsync(SectionState.Viewing with { Message = okMessage });
        }
    }

    public Task<IActionResult> OnGetAsync() => RenderAsync(SectionState.Viewing);
    public Task<IActionResult> OnGetCancelAsync() => RenderAsync(SectionState.Viewing);
}

/// <summary>The model of an inline item form: where it posts, where Cancel goes, the draft and its errors.
/// <paramref name="Key"/> makes field ids unique on the page ("new" or the item's id).</summary>
public sealed record ItemForm<T>(string Action, string CancelUrl, T Input, FieldErrors? Errors, string Key);
