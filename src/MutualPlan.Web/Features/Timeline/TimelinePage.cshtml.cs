using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Timeline;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;

namespace MutualPlan.Web.Features.Timeline;

/// <summary>The plan's milestones on a date axis: today line, status colours, baseline markers, dependency arrows.</summary>
public sealed class TimelinePageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const double RowHeight = 44;
    public const double AxisHeight = 46;
    public const double LabelWidth = 260;

    public PlanPageData? Data { get; private set; }
    public TimelineScale? Scale { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid planId)
    {
        Data = await PlanPageData.LoadAsync(db, HttpContext.Seller(), planId, clock, HttpContext.RequestAborted);
        if (Data is null) return NotFound();
        var dates = Data.Plan.Milestones.Select(m => m.TargetDate)
            .Concat(Data.Plan.Milestones.Where(m => m.BaselineDate is not null).Select(m => m.BaselineDate!.Value))
            .Append(Data.Today).ToList();
        Scale = TimelineScale.Covering(dates);
        return Page();
    }

    public double RowY(int index) => AxisHeight + index * RowHeight + RowHeight / 2;

    /// <summary>An elbow path from a prerequisite's marker to its dependent's marker.</summary>
    public string DependencyPath(int fromIndex, Milestone from, int toIndex, Milestone to)
    {
        var x1 = Scale!.X(from.TargetDate) + 8;
        var y1 = RowY(fromIndex);
        var x2 = Scale.X(to.TargetDate) - 10;
        var y2 = RowY(toIndex);
        var midX = Math.Max(x1 + 8, x2 - 12);
        return FormattableString.Invariant($"M{x1:0.#},{y1:0.#} H{midX:0.#} V{y2:0.#} H{x2:0.#}");
    }
}
