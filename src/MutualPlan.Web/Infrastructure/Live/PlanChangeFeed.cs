using System.Data.Common;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// Announces committed plan changes to the open views of the plan. On PostgreSQL the announcement
/// is a <c>NOTIFY</c> sent inside the change's own transaction: the server delivers it only when the
/// transaction commits, to every app instance listening (<see cref="PostgresChangeListener"/>),
/// including this one. On SQLite (one instance) the changes wait on the context until its
/// transaction commits (<see cref="LiveCommitInterceptor"/>) and are handed to the hub in process.
/// </summary>
public sealed class PlanChangeFeed(IHubContext<PlanHub> hub, DatabaseOptions options, IHttpContextAccessor http, ILogger<PlanChangeFeed> log)
{
    public const string Channel = "mutualplan_plan_changes";
    /// <summary>The header a browser tab sends with its own requests, so its own changes come back marked as its own.</summary>
    public const string OriginHeader = "X-Live-Origin";

    public bool UsesNotify => options.Provider == DatabaseProvider.Postgres;

    /// <summary>Called inside the saving transaction, after the revisions were raised.</summary>
    internal async Task StageAsync(AppDbContext db, IReadOnlyCollection<Guid> plans, IReadOnlyList<ActivityEntry> entries, Actor actor, CancellationToken ct)
    {
        var revisions = await db.Plans.Where(p => plans.Contains(p.Id)).Select(p => new { p.Id, p.Revision }).ToListAsync(ct);
        var origin = http.HttpContext?.Request.Headers[OriginHeader].FirstOrDefault();
        if (origin is { Length: > 64 }) origin = null;
        var name = actor.Name.Length > 120 ? actor.Name[..120] : actor.Name;
        foreach (var r in revisions)
        {
            var mine = entries.Where(e => e.PlanId == r.Id).ToList();
            var sections = mine.Select(PlanChange.SectionOf).Distinct().ToArray();
            var open = mine.Where(e => !e.IsInternal).ToList();
            // A save without feed entries (dependencies, comments) may change what the buyer sees.
            var buyerVisible = mine.Count == 0 || open.Count > 0;
            var change = new PlanChange(r.Id, r.Revision, sections, buyerVisible,
                open.Select(PlanChange.SectionOf).Distinct().ToArray(), name, actor.Kind.ToString().ToLowerInvariant(), origin);
            if (UsesNotify)
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {change.ToJson()})", ct);
            else db.PendingLiveChanges.Add(change);
        }
    }

    /// <summary>Sends a change to the plan's sellers and, when it concerns them, its buyers.</summary>
    public async Task DeliverAsync(PlanChange change)
    {
        try
        {
            await hub.Clients.Group(PlanHub.SellerGroup(change.PlanId)).SendAsync("planChanged", change.ForSellers());
            if (change.BuyerVisible) await hub.Clients.Group(PlanHub.BuyerGroup(change.PlanId)).SendAsync("planChanged", change.ForBuyers());
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not announce the change of plan {PlanId}", change.PlanId);
        }
    }

    internal void Publish(IEnumerable<PlanChange> changes)
    {
        foreach (var c in changes) _ = DeliverAsync(c);
    }
}

/// <summary>Hands the changes a context staged to the feed once their transaction has committed (SQLite).</summary>
public sealed class LiveCommitInterceptor : DbTransactionInterceptor
{
    public static readonly LiveCommitInterceptor Instance = new();

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AppDbContext)?.PendingLiveChanges.Clear();
        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AppDbContext)?.PublishLiveChanges();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.PublishLiveChanges();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AppDbContext)?.PendingLiveChanges.Clear();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.PendingLiveChanges.Clear();
}
