using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// When a share link is revoked, deleted, given another expiry, tightened (new access stamp) or
/// renamed, the presence of its plan is announced again: the viewers who came through it leave at
/// once, and the seller's list shows the new label.
/// </summary>
public sealed class LinkPresenceInterceptor(PresenceBoard board) : SaveChangesInterceptor
{
    private static readonly string[] Watched = [nameof(ShareLink.RevokedAt), nameof(ShareLink.ExpiresAt), nameof(ShareLink.AccessStamp), nameof(ShareLink.Label)];
    private readonly ConditionalWeakTable<DbContext, List<Guid>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            var plans = db.ChangeTracker.Entries<ShareLink>()
                .Where(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified && Watched.Any(p => e.Property(p).IsModified)))
                .Select(e => e.Entity.PlanId).Distinct().ToList();
            if (plans.Count > 0) _pending.AddOrUpdate(db, plans);
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var plans))
        {
            _pending.Remove(db);
            foreach (var planId in plans) await board.SignalAsync(db, planId, cancellationToken);
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
        return Task.CompletedTask;
    }
}
