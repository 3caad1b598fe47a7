using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Integrations;

/// <summary>
/// Outbound webhooks, kept apart from the rest of the code: the dispatcher reads what the data
/// layer already records (activity entries, comments, notifications) past a cursor, turns each into
/// an event type and queues one delivery per subscribed endpoint of the plan's workspace; the sender
/// claims due deliveries (FOR UPDATE SKIP LOCKED on PostgreSQL, a conditional update on SQLite),
/// signs and posts them, and retries failures with exponential back-off. Every instance may run it.
/// </summary>
public sealed class WebhookWorker(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookWorker> log) : BackgroundService
{
    private readonly WebhookOptions _o = options.Value;
    private readonly string _worker = $"{Environment.MachineName}:{Guid.NewGuid():N}";
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = options.Value.Timeout,
    };

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!_o.Enabled) return;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                await DispatchAsync(now, stop);
                await SendDueAsync(now, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(e, "Webhook worker pass failed; trying again shortly.");
            }
            try { await Task.Delay(_o.PollInterval, clock, stop); } catch (OperationCanceledException) { }
        }
    }

    // ---------------------------------------------------------------- dispatch (the outbox reader)

    /// <summary>Queues deliveries for events recorded since the last pass. Returns how many were queued.</summary>
    public async Task<int> DispatchAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await LeaseCursorAsync(db, now, ct)) return 0;
        var cursor = await db.WebhookCursors.SingleAsync(c => c.Id == CursorId, ct);
        var from = cursor.Position - _o.LookBack;
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).ToListAsync(ct);
        var events = new List<WebhookEvent>();
        var latest = cursor.Position;
        if (endpoints.Count > 0)
        {
            var workspaces = endpoints.Select(e => e.WorkspaceId).Distinct().ToList();
            var plans = await db.Plans.AsNoTracking().Where(p => workspaces.Contains(p.WorkspaceId))
                .Select(p => new { p.Id, p.WorkspaceId, p.Title }).ToDictionaryAsync(p => p.Id, ct);
            var planIds = plans.Keys.ToList();

            var activity = await db.Activity.AsNoTracking().Where(a => a.At > from && a.At <= now && planIds.Contains(a.PlanId))
                .OrderBy(a => a.At).Take(2000).ToListAsync(ct);
            var assignedActions = activity.Where(a => a.ItemKind == ActivityItemKind.Action && a.Change == ActivityChange.Created).Select(a => a.ItemId).ToList();
            var withAssignee = (await db.Actions.AsNoTracking().Where(x => assignedActions.Contains(x.Id) && x.AssigneeId != null).Select(x => x.Id).ToListAsync(ct)).ToHashSet();
            foreach (var a in activity)
            {
                var p = plans[a.PlanId];
                foreach (var (type, summary) in Classify(a, withAssignee))
                    events.Add(new WebhookEvent($"activity:{a.Id}:{type}", type, a.At, p.WorkspaceId, p.Id, p.Title, a.ActorName, a.ActorKind.ToString(),
                        a.ItemKind.ToString(), a.ItemId, a.ItemTitle, a.IsInternal, summary,
                        a.Fields.Select(f => (f.Field, f.Before, f.After)).ToList(), a.Reason));
            }

            var comments = await db.Comments.AsNoTracking().Where(c => c.CreatedAt > from && c.CreatedAt <= now && c.DeletedAt == null && planIds.Contains(c.PlanId))
                .OrderBy(c => c.CreatedAt).Take(2000).ToListAsync(ct);
            foreach (var c in comments)
            {
                var p = plans[c.PlanId];
                events.Add(new WebhookEvent($"comment:{c.Id}", WebhookEvents.CommentAdded, c.CreatedAt, p.WorkspaceId, p.Id, p.Title, c.AuthorName, c.AuthorKind.ToString(),
                    "Comment", c.Id, c.Target.ToString(), c.IsInternal, $"{c.AuthorName} commented{(c.IsInternal ? " (internal)" : "")}", [], c.Body));
            }

            var kinds = new[] { NotificationKind.Mention, NotificationKind.ChangedSinceSigned, NotificationKind.StatusUpdatePublished };
            var notes = await db.Notifications.AsNoTracking().Where(n => n.CreatedAt > from && n.CreatedAt <= now && kinds.Contains(n.Kind) && planIds.Contains(n.PlanId))
                .OrderBy(n => n.CreatedAt).Take(2000).ToListAsync(ct);
            var mentionComments = notes.Where(n => n.CommentId != null).Select(n => n.CommentId!.Value).Distinct().ToList();
            var internalComments = (await db.Comments.AsNoTracking().Where(c => mentionComments.Contains(c.Id) && c.IsInternal).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
            foreach (var n in notes)
            {
                var p = plans[n.PlanId];
                // "Changed since signed" is the moment of the edit (one event per signed baseline, whoever
                // was notified); asking for re-acceptance afterwards is a sign-off request, sent as such.
                if (n.Kind == NotificationKind.ChangedSinceSigned && BaselineEvent(n.EventKey) is null) continue;
                var (type, key) = n.Kind switch
                {
                    NotificationKind.Mention => (WebhookEvents.Mention, $"mention:{n.Id}"),
                    NotificationKind.ChangedSinceSigned => (WebhookEvents.ChangedSinceSigned, BaselineEvent(n.EventKey)!),
                    _ => (WebhookEvents.StatusUpdatePublished, $"status-update:{n.PlanId}:{n.CreatedAt.ToUnixTimeMilliseconds()}"),
                };
                var summary = n.Kind == NotificationKind.Mention ? $"{n.ActorName} {n.Text}" : $"{n.ActorName}: {n.Text}";
                events.Add(new WebhookEvent(key, type, n.CreatedAt, p.WorkspaceId, p.Id, p.Title, n.ActorName, "", n.Kind.ToString(), n.CommentId, n.Text,
                    n.CommentId is { } cid && internalComments.Contains(cid), summary, [], n.Excerpt.Length > 0 ? n.Excerpt : null));
            }
            if (events.Count > 0) latest = events.Max(e => e.At) > latest ? events.Max(e => e.At) : latest;
        }
        else latest = now;

        var queued = await QueueAsync(db, endpoints, events, now, ct);
        cursor.Position = latest;
        cursor.LeaseUntil = null;
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private const string CursorId = "events";

    /// <summary>"changed-since-signed:{round}" from a recipient's key "changed-since-signed:{round}:{edit}:{kind}:{id}"; null for other keys.</summary>
    private static string? BaselineEvent(string? eventKey)
    {
        var prefix = SignOff.ChangedSinceSignedAlert.EventPrefix;
        if (eventKey is null || !eventKey.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var end = eventKey.IndexOf(':', prefix.Length);
        return end < 0 ? eventKey : eventKey[..end];
    }

    /// <summary>Takes the cursor for this pass (creating it at "now" the first time), so one dispatcher reads at a time.</summary>
    private async Task<bool> LeaseCursorAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.WebhookCursors.AnyAsync(c => c.Id == CursorId, ct))
        {
            db.WebhookCursors.Add(new WebhookCursor { Id = CursorId, Position = now });
            try { await db.SaveChangesAsync(ct); } catch (DbUpdateException) { /* another instance created it */ }
            db.ChangeTracker.Clear();
        }
        var until = now + TimeSpan.FromMinutes(1);
        return await db.WebhookCursors.Where(c => c.Id == CursorId && (c.LeaseUntil == null || c.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, until), ct) == 1;
    }

    /// <summary>The event types an activity entry stands for, with a one-line summary each.</summary>
    public static IEnumerable<(string Type, string Summary)> Classify(ActivityEntry a, IReadOnlySet<Guid> createdWithAssignee)
    {
        string? After(string field) => a.Fields.FirstOrDefault(f => f.Field == field)?.After;
        bool Has(string field) => a.Fields.Any(f => f.Field == field);
        var item = $"“{a.ItemTitle}”";
        var specific = false;
        if (a.ItemKind == ActivityItemKind.Action)
        {
            if ((a.Change == ActivityChange.Created && createdWithAssignee.Contains(a.ItemId)) || (a.Change == ActivityChange.Updated && After("Assignee") is { Length: > 0 }))
            {
                specific = true;
                yield return (WebhookEvents.ActionAssigned, After("Assignee") is { Length: > 0 } who ? $"{a.ActorName} assigned {item} to {who}" : $"{a.ActorName} added and assigned {item}");
            }
            if (a.Change == ActivityChange.Updated && string.Equals(After("Status"), "Done", StringComparison.OrdinalIgnoreCase))
            {
                specific = true;
                yield return (WebhookEvents.ActionCompleted, $"{a.ActorName} completed {item}");
            }
        }
        else if (a.ItemKind == ActivityItemKind.Milestone && a.Change == ActivityChange.Updated && Has("Target date"))
        {
            specific = true;
            var f = a.Fields.First(x => x.Field == "Target date");
            yield return (WebhookEvents.DateChanged, $"{a.ActorName} moved {item} from {f.Before} to {f.After}{(a.Reason is { Length: > 0 } r ? $": {r}" : "")}");
        }
        else if (a.ItemKind == ActivityItemKind.SignOff && a.Change == ActivityChange.Created)
        {
            specific = true;
            yield return (WebhookEvents.SignOffRequested, $"{a.ActorName} requested sign-off. {a.ItemTitle}");
        }
        else if (a.ItemKind == ActivityItemKind.SignOff && Has("Baseline"))
        {
            specific = true;
            yield return (WebhookEvents.SignOffCompleted, $"Everyone has signed ({a.ItemTitle}); the dates are the baseline now");
        }
        if (!specific)
        {
            var verb = a.Change switch { ActivityChange.Created => "added", ActivityChange.Deleted => "deleted", _ => "changed" };
            yield return (WebhookEvents.PlanChanged, $"{a.ActorName} {verb} {a.ItemKind.ToString().ToLowerInvariant()} {item}");
        }
    }

    private async Task<int> QueueAsync(AppDbContext db, List<WebhookEndpoint> endpoints, List<WebhookEvent> events, DateTimeOffset now, CancellationToken ct)
    {
        if (events.Count == 0) return 0;
        var keys = events.Select(e => e.Key).Distinct().ToList();
        var ids = endpoints.Select(e => e.Id).ToList();
        var existing = (await db.WebhookDeliveries.Where(d => ids.Contains(d.EndpointId) && keys.Contains(d.EventKey))
            .Select(d => new { d.EndpointId, d.EventKey }).ToListAsync(ct)).Select(d => (d.EndpointId, d.EventKey)).ToHashSet();
        var queued = 0;
        foreach (var e in events.DistinctBy(e => e.Key))
            foreach (var endpoint in endpoints.Where(x => x.WorkspaceId == e.WorkspaceId && e.At >= x.CreatedAt && x.EventSet.Contains(e.Type)))
            {
                if (!existing.Add((endpoint.Id, e.Key))) continue;
                var url = Link($"/plans/{e.PlanId}");
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EndpointId = endpoint.Id, WorkspaceId = endpoint.WorkspaceId, EventKey = e.Key, EventType = e.Type,
                    Payload = endpoint.Format == EndpointFormat.Slack ? e.ToSlack(url) : e.ToJson(url),
                    Status = WebhookStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                });
                queued++;
            }
        return queued;
    }

    private string Link(string path) => (_o.PublicUrl ?? "http://localhost:5000").TrimEnd('/') + path;

    // ---------------------------------------------------------------- sending (the queue)

    /// <summary>Claims and sends every delivery due at <paramref name="now"/>. Returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claimed = await ClaimAsync(db, now, 20, ct);
        foreach (var d in claimed)
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == d.EndpointId, ct);
            if (endpoint is null) continue;
            var (code, error) = await PostAsync(endpoint, d, now, ct);
            var attempts = d.Attempts + 1;
            var ok = code is >= 200 and < 300;
            var status = ok ? WebhookStatus.Delivered : attempts >= _o.MaxAttempts ? WebhookStatus.Failed : WebhookStatus.Pending;
            var next = ok ? d.NextAttemptAt : now + _o.RetryAfter(attempts);
            await db.WebhookDeliveries.Where(x => x.Id == d.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Attempts, attempts).SetProperty(x => x.Status, status).SetProperty(x => x.LastStatusCode, code)
                .SetProperty(x => x.LastError, error).SetProperty(x => x.LastAttemptAt, now).SetProperty(x => x.NextAttemptAt, next)
                .SetProperty(x => x.DeliveredAt, ok ? now : null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), ct);
        }
        return claimed.Count;
    }

    private async Task<List<WebhookDelivery>> ClaimAsync(AppDbContext db, DateTimeOffset now, int max, CancellationToken ct)
    {
        var until = now + _o.Timeout + TimeSpan.FromSeconds(30);
        List<Guid> ids;
        if (db.Database.IsNpgsql())
        {
            ids = await db.Database.SqlQuery<Guid>($"""
                UPDATE "WebhookDeliveries" SET "LeaseUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "WebhookDeliveries"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "NextAttemptAt" LIMIT {max}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }
        else
        {
            var candidates = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(max).ToListAsync(ct);
            ids = [];
            foreach (var id in candidates)
                if (await db.WebhookDeliveries.Where(d => d.Id == id && d.Status == WebhookStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until), ct) == 1)
                    ids.Add(id);
        }
        if (ids.Count == 0) return [];
        return await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.NextAttemptAt).ToListAsync(ct);
    }

    private async Task<(int? Code, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery d, DateTimeOffset now, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(d.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.UserAgent.ParseAdd("MutualPlan-Webhooks/1.0");
        request.Headers.Add("X-MutualPlan-Event", d.EventType);
        request.Headers.Add("X-MutualPlan-Delivery", d.Id.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret, timestamp, d.Payload));
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"No answer within {_o.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException e)
        {
            return (null, Clip(e.Message, 500));
        }
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
