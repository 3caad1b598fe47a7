using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;

namespace MutualPlan.Web.Features.Activity;

/// <summary>The plan's activity feed, filterable by item and by person (the filter form swaps the list with htmx).</summary>
public sealed class ActivityPageModel(AppDbContext db) : PageModel
{
    public PlanStamp? Plan { get; private set; }
    public ActivityFilter Filter { get; private set; } = new();
    public List<ActivityEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public List<FeedChoice> Items { get; private set; } = [];
    public List<FeedChoice> People { get; private set; } = [];

    public int Pages => Math.Max(1, (Total + Filter.SafePageSize - 1) / Filter.SafePageSize);

    public async Task<IActionResult> OnGetAsync(Guid planId, Guid? item, string? person, int? page)
    {
        Plan = await db.StampAsync(HttpContext.Seller(), planId);
        if (Plan is null) return NotFound();
        Filter = new ActivityFilter(item, string.IsNullOrEmpty(person) ? null : person, page ?? 1);
        (Entries, Total) = await ActivityQueries.PageAsync(db, planId, Filter, forBuyer: false);
        (Items, People) = await ActivityQueries.ChoicesAsync(db, planId, forBuyer: false);
        return Page();
    }

    /// <summary>The address of another page of the same filtered feed.</summary>
    public string PageUrl(int page) =>
        $"/plans/{Plan!.Id}/activity?item={Filter.ItemId}&person={Uri.EscapeDataString(Filter.Actor ?? "")}&page={page}";
}
