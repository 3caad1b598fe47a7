using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;

namespace MutualPlan.Web.Features.Engagement;

/// <summary>How the buyer side engages with the shared plan: per person, per link and per section.</summary>
public sealed class EngagementPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public PlanStamp? Plan { get; private set; }
    public EngagementDto? Report { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid planId)
    {
        Plan = await db.StampAsync(HttpContext.Seller(), planId);
        if (Plan is null) return NotFound();
        Now = clock.GetUtcNow();
        Report = await EngagementQueries.ReportAsync(db, planId, Now, HttpContext.RequestAborted);
        return Page();
    }

    public string LinkLabel(Guid id) => Report!.Links.FirstOrDefault(l => l.LinkId == id)?.Label ?? "a removed link";
}
