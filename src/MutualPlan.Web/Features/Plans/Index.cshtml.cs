using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Plans;

public sealed class IndexModel(AppDbContext db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, TimeProvider clock) : PageModel
{
    public PlanFilter Filter { get; private set; } = new();
    public List<PlanListRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public List<SellerRef> Sellers { get; private set; } = [];
    public Dictionary<Guid, MutualPlan.Planning.Coaching.HealthReport> Health { get; private set; } = [];
    /// <summary>When someone on the buyer side last viewed or used each listed plan.</summary>
    public Dictionary<Guid, DateTimeOffset> BuyerActive { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public bool AnyFilter => !string.IsNullOrWhiteSpace(Filter.Q) || Filter.Stage is not null || Filter.OwnerId is not null;

    public async Task OnGetAsync(string? q, string? stage, string? ownerId, bool archived = false, int page = 1)
    {
        // Unknown filter values are ignored rather than failing the page: they come from URLs people edit.
        Filter = new PlanFilter(q, Enum.TryParse<DealStage>(stage, out var s) ? s : null,
            Guid.TryParse(ownerId, out var o) ? o : null, archived, Math.Max(1, page));
        var user = HttpContext.Seller();
        (Rows, Total) = await PlanCommands.ListAsync(db, user, Filter, HttpContext.RequestAborted);
        Sellers = await db.SellersAsync(user, HttpContext.RequestAborted);
        BuyerActive = await MutualPlan.Web.Features.Engagement.EngagementQueries.LastActiveAsync(db, [.. Rows.Select(r => r.Plan.Id)], HttpContext.RequestAborted);
        Now = clock.GetUtcNow();
        Health = await MutualPlan.Web.Features.Health.HealthCommands.ForListAsync(db, user, Rows.Select(r => r.Plan), cache, clock, HttpContext.RequestAborted);
    }

    public string SellerName(Guid? id) => Sellers.FirstOrDefault(s => s.Id == id)?.Name ?? "—";

    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Filter.Q, ["stage"] = Filter.Stage?.ToString(), ["ownerId"] = Filter.OwnerId?.ToString(),
        ["archived"] = Filter.Archived ? "true" : null, ["page"] = page.ToString(),
    }.Where(kv => kv.Value is not null)).ToUriComponent() is var qs ? "/plans" + qs : "/plans";
}
