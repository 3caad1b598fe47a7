using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Auth;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Plans;

/// <summary>The whole plan on one page, in the order of the plan document; each section edits itself inline.</summary>
public sealed class PlanPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Section anchors and labels, in document order (also the in-page navigation).</summary>
    public static readonly (string Anchor, string Label)[] Sections =
    [
        ("header", "Overview"), ("mode", "Working mode"), ("health", "Plan health"), ("business-context", "Business context"), ("readiness", "Readiness"),
        ("objectives", "Objectives"), ("metrics", "Success metrics"), ("stakeholders", "Stakeholders"),
        ("decision-process", "Decision process"), ("milestones", "Milestones"), ("calendar", "Buyer calendar"), ("risks", "Risks"),
        ("resources", "Resources"), ("communication", "Communication"), ("review", "Review"),
        ("timeline-summary", "Timeline summary"), ("sign-off", "Sign-off"), ("internal-notes", "Internal notes"), ("discussion", "Discussion"),
    ];

    public PlanStamp? Stamp { get; private set; }

    /// <summary>
    /// The rendered plan body is cached per plan revision, viewer and day (the page shows overdue
    /// items relative to today); any change to the plan raises its revision, on every instance.
    /// </summary>
    public string CacheKey => $"{Stamp!.Id}:{Stamp.Revision}:{HttpContext.Seller().UserId}:{Today:yyyyMMdd}";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // One small query checks access and finds the revision; the whole plan is loaded only
        // when the cached rendering is missing (see PlanPage.cshtml).
        Stamp = await db.StampAsync(HttpContext.Seller(), id);
        return Stamp is null ? NotFound() : Page();
    }

    public Task<PlanPageData?> LoadDataAsync() =>
        PlanPageData.LoadAsync(db, HttpContext.Seller(), Stamp!.Id, clock, HttpContext.RequestAborted);
}

/// <summary>What identifies a plan's current state: id, title (for the page title), revision and version.</summary>
public sealed record PlanStamp(Guid Id, string Title, int Revision, int Version);
