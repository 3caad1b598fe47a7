using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Activity;

/// <summary>Which entries to show: one item, one person (by actor id; "system" for the system), one page.</summary>
public sealed record ActivityFilter(Guid? ItemId = null, string? Actor = null, int Page = 1, int PageSize = ActivityFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public int SafePage => Math.Max(1, Page);
    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

public sealed record ActorDto(ActorKind Kind, Guid? Id, string Name);

public sealed record ActivityDto(Guid Id, DateTimeOffset At, ActorDto Actor, ActivityItemKind ItemKind, Guid ItemId, string ItemTitle,
    ActivityChange Change, bool Internal, IReadOnlyList<FieldChange> Fields, Guid? DateChangeId, string? Reason)
{
    public static ActivityDto From(ActivityEntry e) => new(e.Id, e.At, new ActorDto(e.ActorKind, e.ActorId, e.ActorName), e.ItemKind, e.ItemId,
        e.ItemTitle, e.Change, e.IsInternal, e.Fields, e.DateChangeId, e.Reason);
}

public sealed record ActivityPageDto(IReadOnlyList<ActivityDto> Items, int Page, int PageSize, int Total);

/// <summary>An item or a person that appears in a plan's feed (the choices of the feed's filters).</summary>
public sealed record FeedChoice(string Value, string Label);

public static class ActivityQueries
{
    /// <summary>
    /// One page of a plan's feed, newest first. <paramref name="forBuyer"/> leaves out everything
    /// about internal items and fields: the buyer side never learns they exist.
    /// </summary>
    public static async Task<(List<ActivityEntry> Items, int Total)> PageAsync(AppDbContext db, Guid planId, ActivityFilter filter, bool forBuyer, CancellationToken ct = default)
    {
        var q = Query(db, planId, forBuyer);
        if (filter.ItemId is { } item) q = q.Where(a => a.ItemId == item);
        if (filter.Actor == "system") q = q.Where(a => a.ActorKind == ActorKind.System);
        else if (Guid.TryParse(filter.Actor, out var actor)) q = q.Where(a => a.ActorId == actor);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((filter.SafePage - 1) * filter.SafePageSize).Take(filter.SafePageSize).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The items and the people of a plan's feed, for its filters.</summary>
    public static async Task<(List<FeedChoice> Items, List<FeedChoice> People)> ChoicesAsync(AppDbContext db, Guid planId, bool forBuyer, CancellationToken ct = default)
    {
        var q = Query(db, planId, forBuyer);
        var items = await q.GroupBy(a => new { a.ItemId, a.ItemKind }).Select(g => new { g.Key.ItemId, g.Key.ItemKind, Title = g.Max(a => a.ItemTitle) ?? "" }).ToListAsync(ct);
        var people = await q.GroupBy(a => new { a.ActorKind, a.ActorId }).Select(g => new { g.Key.ActorKind, g.Key.ActorId, Name = g.Max(a => a.ActorName) ?? "" }).ToListAsync(ct);
        return (
            [.. items.OrderBy(i => i.ItemKind).ThenBy(i => i.Title).Select(i => new FeedChoice(i.ItemId.ToString(), $"{Labels.Of(i.ItemKind)}: {i.Title}"))],
            [.. people.OrderBy(p => p.Name).Select(p => new FeedChoice(p.ActorId?.ToString() ?? "system", p.ActorKind == ActorKind.Seller ? p.Name : $"{p.Name} ({Labels.Of(p.ActorKind).ToLowerInvariant()})"))]);
    }

    private static IQueryable<ActivityEntry> Query(AppDbContext db, Guid planId, bool forBuyer)
    {
        var q = db.Activity.AsNoTracking().Where(a => a.PlanId == planId);
        return forBuyer ? q.Where(a => !a.IsInternal) : q;
    }
}

public sealed class ActivityApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plans/{planId:guid}/activity", async (Guid planId, Guid? itemId, string? actor, int? page, int? pageSize,
                HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                if (await db.FindPlanAsync(http.Seller(), planId, ct) is null) return (IResult)ApiResults.NotFound();
                var filter = new ActivityFilter(itemId, actor, page ?? 1, pageSize ?? ActivityFilter.DefaultPageSize);
                var (items, total) = await ActivityQueries.PageAsync(db, planId, filter, forBuyer: false, ct);
                return TypedResults.Ok(new ActivityPageDto([.. items.Select(ActivityDto.From)], filter.SafePage, filter.SafePageSize, total));
            })
            .WithTags("Activity").WithName("ListActivity")
            .WithSummary("Every change to the plan and its items, newest first: who, what, when, each field before and after. Filter by itemId or actor (a user or visitor id, or \"system\"); pages of up to 200. Entries about internal items or fields have internal = true.")
            .Produces<ActivityPageDto>().ProducesProblem(404);
    }
}
