using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Plans;

/// <summary>The whole plan on one page, in the order of the plan document; each section edits itself inline.</summary>
public sealed class PlanPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Section anchors and labels, in document order (also the in-page navigation).</summary>
    public static readonly (string Anchor, string Label)[] Sections =
    [
        ("header", "Overview"), ("business-context", "Business context"), ("readiness", "Readiness"),
        ("objectives", "Objectives"), ("metrics", "Success metrics"), ("stakeholders", "Stakeholders"),
        ("decision-process", "Decision process"), ("milestones", "Milestones"), ("risks", "Risks"),
        ("resources", "Resources"), ("communication", "Communication"), ("review", "Review"),
        ("timeline-summary", "Timeline summary"), ("internal-notes", "Internal notes"),
    ];

    public PlanPageData? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Data = await PlanPageData.LoadAsync(db, HttpContext.Seller(), id, clock, HttpContext.RequestAborted);
        return Data is null ? NotFound() : Page();
    }
}
