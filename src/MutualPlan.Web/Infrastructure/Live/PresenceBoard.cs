using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// Who has a plan open right now. Each join and leave is written to <see cref="PlanViewer"/> rows
/// and announced as "presence changed" for the plan: on PostgreSQL by <c>NOTIFY</c> to every app
/// instance (<see cref="PostgresChangeListener"/>), on SQLite in process. An instance that hears it
/// and holds views of that plan reads the rows afresh and pushes the list to them: sellers get the
/// seller's list, buyers the buyer's (<see cref="PresenceList"/>). A buyer whose link was revoked,
/// expired or tightened is dropped from the list and their live connection is closed.
/// </summary>
public sealed class PresenceBoard(IHubContext<PlanHub> hub, IServiceScopeFactory scopes, DatabaseOptions options, TimeProvider clock, ILogger<PresenceBoard> log)
{
    public const string Channel = "mutualplan_presence";
    /// <summary>How often an instance confirms the connections it holds.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(20);
    /// <summary>A row not confirmed for this long belongs to an instance that stopped without cleaning up.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);
    /// <summary>Joins and leaves within this pause reach the views as one list.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(40);

    /// <summary>This app instance; its rows are refreshed by its heartbeat.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    private sealed record LocalConnection(Guid PlanId, HubCallerContext Context);
    private readonly ConcurrentDictionary<string, LocalConnection> _local = new();
    private readonly ConcurrentDictionary<Guid, byte> _scheduled = new();

    internal bool HoldsViewsOf(Guid planId) => _local.Values.Any(c => c.PlanId == planId);

    /// <summary>Records the connection as viewing the plan and returns the list its view shows first.</summary>
    internal async Task<(string Me, object Presence)> JoinAsync(AppDbContext db, HubCallerContext connection, LiveViewer viewer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = new PlanViewer
        {
            ConnectionId = connection.ConnectionId, PlanId = viewer.PlanId, InstanceId = InstanceId, IsBuyer = viewer.IsBuyer,
            PersonId = viewer.PersonId, Name = Trim(viewer.Name), JoinedAt = now, LastSeenAt = now,
        };
        if (viewer.IsBuyer && viewer.LinkId is { } linkId)
        {
            // The buyer's own name only if they proved who they are (personal link, e-mail code); never the link's label.
            var visitor = await db.LinkVisitors.AsNoTracking().Where(v => v.Id == viewer.PersonId && v.LinkId == linkId)
                .Select(v => new { v.Name, v.Email }).SingleOrDefaultAsync(ct);
            row.Name = Trim(visitor?.Name);
            row.Email = Trim(visitor?.Email);
            row.LinkId = linkId;
            row.LinkStamp = await db.ShareLinks.Where(l => l.Id == linkId).Select(l => (Guid?)l.AccessStamp).SingleOrDefaultAsync(ct);
        }
        var earlier = _local.TryGetValue(connection.ConnectionId, out var was) ? was.PlanId : (Guid?)null;
        await db.PlanViewers.Where(v => v.ConnectionId == connection.ConnectionId).ExecuteDeleteAsync(ct);
        db.PlanViewers.Add(row);
        await db.SaveChangesAsync(ct);
        db.Entry(row).State = EntityState.Detached;
        _local[connection.ConnectionId] = new LocalConnection(viewer.PlanId, connection);

        if (earlier is { } e && e != viewer.PlanId) await SignalAsync(db, e, ct);
        await SignalAsync(db, viewer.PlanId, ct);
        var state = await ReadAsync(db, viewer.PlanId, ct);
        var me = PresenceList.KeyOf(row);
        return (me, state is null ? new { planId = viewer.PlanId, people = Array.Empty<object>() } : state.Message(viewer.IsBuyer));
    }

    /// <summary>The connection closed: its row goes, and the others hear of it.</summary>
    internal async Task LeaveAsync(AppDbContext db, string connectionId)
    {
        if (!_local.TryRemove(connectionId, out var gone)) return;
        try
        {
            await db.PlanViewers.Where(v => v.ConnectionId == connectionId).ExecuteDeleteAsync();
            await SignalAsync(db, gone.PlanId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The heartbeat of the others ages the row out.
            log.LogWarning(ex, "Presence: could not remove connection {ConnectionId}", connectionId);
        }
    }

    /// <summary>Tells every instance that the people viewing <paramref name="planId"/> changed.</summary>
    public async Task SignalAsync(AppDbContext db, Guid planId, CancellationToken ct)
    {
        if (options.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {planId.ToString()})", ct);
        else Schedule(planId);
    }

    /// <summary>Heard that a plan's viewers changed: push the fresh list to this instance's views of it (once per short burst).</summary>
    public void Schedule(Guid planId)
    {
        if (!HoldsViewsOf(planId) || !_scheduled.TryAdd(planId, 0)) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(Coalesce);
            // Cleared before reading, so a change during the read schedules another push.
            _scheduled.TryRemove(planId, out _);
            await PushAsync(planId);
        });
    }

    private async Task PushAsync(Guid planId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var state = await ReadAsync(db, planId, CancellationToken.None);
            if (state is null) return;
            if (state.Ended.Count > 0) await EndAsync(db, planId, state.Ended);
            await hub.Clients.Group(PlanHub.SellerGroup(planId)).SendAsync("presence", state.Message(forBuyers: false));
            await hub.Clients.Group(PlanHub.BuyerGroup(planId)).SendAsync("presence", state.Message(forBuyers: true));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Presence: could not push the viewers of plan {PlanId}", planId);
        }
    }

    /// <summary>Buyers whose way in ended: out of the plan's groups, their connection closed, their rows gone.</summary>
    private async Task EndAsync(AppDbContext db, Guid planId, IReadOnlyList<PlanViewer> ended)
    {
        foreach (var v in ended)
        {
            if (!_local.TryRemove(v.ConnectionId, out var mine)) continue;
            await hub.Groups.RemoveFromGroupAsync(v.ConnectionId, PlanHub.BuyerGroup(planId));
            await hub.Clients.Client(v.ConnectionId).SendAsync("accessEnded", new { planId });
            mine.Context.Abort();
        }
        var ids = ended.Select(v => v.ConnectionId).ToList();
        await db.PlanViewers.Where(v => ids.Contains(v.ConnectionId)).ExecuteDeleteAsync();
    }

    private async Task<PresenceState?> ReadAsync(AppDbContext db, Guid planId, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.BuyerCompany, Seller = db.Workspaces.Where(w => w.Id == p.WorkspaceId).Select(w => w.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        if (plan is null) return null;
        var now = clock.GetUtcNow();
        var since = now - StaleAfter;
        var rows = await db.PlanViewers.AsNoTracking().Where(v => v.PlanId == planId && v.LastSeenAt > since).ToListAsync(ct);
        var linkIds = rows.Where(v => v.LinkId is not null).Select(v => v.LinkId!.Value).Distinct().ToList();
        var links = await db.ShareLinks.AsNoTracking().Where(l => linkIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var ended = rows.Where(v => v.IsBuyer && !StillAdmitted(v, links, now)).ToList();
        return new PresenceState(planId, rows.Except(ended).ToList(), ended, links, plan.BuyerCompany, plan.Seller ?? "");
    }

    private static bool StillAdmitted(PlanViewer v, IReadOnlyDictionary<Guid, ShareLink> links, DateTimeOffset now) =>
        v.LinkId is { } id && links.TryGetValue(id, out var link) && link.IsActive(now) && link.AccessStamp == v.LinkStamp;

    private sealed record PresenceState(Guid PlanId, List<PlanViewer> Rows, List<PlanViewer> Ended, Dictionary<Guid, ShareLink> Links, string BuyerCompany, string SellerCompany)
    {
        public object Message(bool forBuyers) => forBuyers
            ? new PresenceMessage<BuyerSeesPerson>(PlanId, PresenceList.ForBuyers(Rows, BuyerCompany, SellerCompany))
            : new PresenceMessage<SellerSeesPerson>(PlanId, PresenceList.ForSellers(Rows, Links, BuyerCompany, SellerCompany));
    }

    /// <summary>Confirms this instance's connections and clears what crashed instances left behind (see <see cref="PresenceHeartbeat"/>).</summary>
    internal async Task BeatAsync(AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var mine = _local.Keys.ToList();
        foreach (var chunk in mine.Chunk(500))
            await db.PlanViewers.Where(v => chunk.Contains(v.ConnectionId)).ExecuteUpdateAsync(s => s.SetProperty(v => v.LastSeenAt, now), ct);
        // A row of this instance without a connection here lost its leave (it should not happen; it must not linger).
        var orphans = await db.PlanViewers.Where(v => v.InstanceId == InstanceId && !mine.Contains(v.ConnectionId))
            .Select(v => new { v.ConnectionId, v.PlanId }).ToListAsync(ct);
        var stale = now - StaleAfter;
        var crashed = await db.PlanViewers.Where(v => v.LastSeenAt <= stale).Select(v => new { v.ConnectionId, v.PlanId }).ToListAsync(ct);
        var gone = orphans.Concat(crashed).ToList();
        if (gone.Count > 0)
        {
            var ids = gone.Select(g => g.ConnectionId).Distinct().ToList();
            await db.PlanViewers.Where(v => ids.Contains(v.ConnectionId)).ExecuteDeleteAsync(ct);
        }
        // Links that ended by time (expiry) end their viewers' presence at the next beat.
        var buyerLinks = await db.PlanViewers.Where(v => v.InstanceId == InstanceId && v.LinkId != null)
            .Select(v => new { v.PlanId, v.LinkId, v.LinkStamp }).Distinct().ToListAsync(ct);
        var ids2 = buyerLinks.Select(b => b.LinkId!.Value).Distinct().ToList();
        var active = (await db.ShareLinks.AsNoTracking().Where(l => ids2.Contains(l.Id)).ToListAsync(ct))
            .Where(l => l.IsActive(now)).ToDictionary(l => l.Id, l => l.AccessStamp);
        var endedPlans = buyerLinks.Where(b => !active.TryGetValue(b.LinkId!.Value, out var stamp) || stamp != b.LinkStamp).Select(b => b.PlanId);
        foreach (var planId in gone.Select(g => g.PlanId).Concat(endedPlans).Distinct())
            await SignalAsync(db, planId, ct);
    }

    private static string? Trim(string? s)
    {
        s = s?.Trim();
        return string.IsNullOrEmpty(s) ? null : s.Length > PlanViewer.NameMax ? s[..PlanViewer.NameMax] : s;
    }
}

/// <summary>What a view receives when the people viewing its plan change.</summary>
public sealed record PresenceMessage<T>(Guid PlanId, IReadOnlyList<T> People);
