using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Integrations;

/// <summary>
/// Use cases of webhook endpoints, shared by Settings → Integrations and /api/v1/webhooks: add,
/// change, pause and remove endpoints; read and redeliver their deliveries. Everything is scoped
/// to the caller's workspace: another workspace's endpoint or delivery is simply not found.
/// </summary>
public static class Integrations
{
    public const int MaxEndpoints = 20;
    public const int MaxUrlLength = 2000;

    public static async Task<Outcome<WebhookEndpoint>> AddAsync(AppDbContext db, WorkspaceUser user, EndpointFormat format, string? url, IReadOnlyCollection<string> events, DateTimeOffset now, CancellationToken ct, bool active = true)
    {
        var errors = new FieldErrors();
        url = CheckUrl(errors, format, url);
        var chosen = CheckEvents(errors, events);
        if (await db.WebhookEndpoints.CountAsync(e => e.WorkspaceId == user.WorkspaceId, ct) >= MaxEndpoints)
            errors.Add("url", $"A workspace can have up to {MaxEndpoints} endpoints; remove one you no longer use first.");
        if (errors.Count > 0) return Outcome<WebhookEndpoint>.Invalid(errors);
        var endpoint = new WebhookEndpoint
        {
            WorkspaceId = user.WorkspaceId, Format = format, Url = url!, Secret = WebhookSignature.NewSecret(),
            Events = string.Join(' ', chosen), CreatedAt = now, CreatedBy = user.DisplayName, IsActive = active,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return Outcome<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>Changes what is given (URL, events, whether it is active) and keeps the rest; the secret stays the same.</summary>
    public static async Task<Outcome<WebhookEndpoint>> UpdateAsync(AppDbContext db, WorkspaceUser user, Guid id, string? url, IReadOnlyCollection<string>? events, bool? active, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id && e.WorkspaceId == user.WorkspaceId, ct);
        if (endpoint is null) return Outcome<WebhookEndpoint>.NotFound();
        var errors = new FieldErrors();
        var newUrl = url is null ? endpoint.Url : CheckUrl(errors, endpoint.Format, url);
        var chosen = events is null ? null : CheckEvents(errors, events);
        if (errors.Count > 0) return Outcome<WebhookEndpoint>.Invalid(errors);
        endpoint.Url = newUrl!;
        if (chosen is not null) endpoint.Events = string.Join(' ', chosen);
        if (active is { } a) endpoint.IsActive = a;
        await db.SaveChangesAsync(ct);
        return Outcome<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>The trimmed URL, or an error beside the field: a full http(s) address without credentials (Slack: https only).</summary>
    private static string? CheckUrl(FieldErrors errors, EndpointFormat format, string? url)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(url)) errors.Add("url", format == EndpointFormat.Slack
            ? "Paste the Slack incoming-webhook URL (it starts with https://hooks.slack.com/)."
            : "Enter the URL that should receive the events, e.g. https://crm.example.com/hooks/mutualplan.");
        else if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
            errors.Add("url", "Enter a full http:// or https:// address without a user name or password in it.");
        else if (format == EndpointFormat.Slack && uri.Scheme != "https")
            errors.Add("url", "Slack webhook URLs start with https://.");
        return url;
    }

    /// <summary>The chosen event types, each once; an unknown name is an error rather than silently dropped.</summary>
    private static List<string> CheckEvents(FieldErrors errors, IReadOnlyCollection<string> events)
    {
        var chosen = events.Select(e => e?.Trim() ?? "").Where(e => e.Length > 0).Distinct().ToList();
        var unknown = chosen.Where(e => !WebhookEvents.IsKnown(e)).ToList();
        if (unknown.Count > 0)
            errors.Add("events", $"Unknown event type{(unknown.Count == 1 ? "" : "s")}: {string.Join(", ", unknown.Take(5))}. " +
                $"Known types: {string.Join(", ", WebhookEvents.All.Select(x => x.Type))}.");
        else if (chosen.Count == 0) errors.Add("events", "Choose at least one event to send.");
        return chosen;
    }

    public static Task<List<WebhookEndpoint>> EndpointsAsync(AppDbContext db, WorkspaceUser user, CancellationToken ct) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.WorkspaceId == user.WorkspaceId).OrderBy(e => e.CreatedAt).ToListAsync(ct);

    public static Task<WebhookEndpoint?> EndpointAsync(AppDbContext db, WorkspaceUser user, Guid id, CancellationToken ct) =>
        db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.WorkspaceId == user.WorkspaceId, ct);

    public static Task<List<WebhookDelivery>> DeliveriesAsync(AppDbContext db, WorkspaceUser user, int take, CancellationToken ct) =>
        db.WebhookDeliveries.AsNoTracking().Where(d => d.WorkspaceId == user.WorkspaceId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);

    /// <summary>One endpoint's delivery log, newest first; null when the endpoint is not in the caller's workspace.</summary>
    public static async Task<List<WebhookDelivery>?> DeliveriesOfAsync(AppDbContext db, WorkspaceUser user, Guid endpointId, int take, CancellationToken ct)
    {
        if (await EndpointAsync(db, user, endpointId, ct) is null) return null;
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId && d.WorkspaceId == user.WorkspaceId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>One delivery of one of the caller's endpoints.</summary>
    public static Task<WebhookDelivery?> DeliveryAsync(AppDbContext db, WorkspaceUser user, Guid endpointId, Guid deliveryId, CancellationToken ct) =>
        db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.WorkspaceId == user.WorkspaceId, ct);

    public static async Task<bool> SetActiveAsync(AppDbContext db, WorkspaceUser user, Guid id, bool active, CancellationToken ct) =>
        await db.WebhookEndpoints.Where(e => e.Id == id && e.WorkspaceId == user.WorkspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.IsActive, active), ct) == 1;

    public static async Task<bool> RemoveAsync(AppDbContext db, WorkspaceUser user, Guid id, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id && e.WorkspaceId == user.WorkspaceId, ct);
        if (endpoint is null) return false;
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Queues a delivery again at once (the same body, a fresh signature and timestamp).</summary>
    public static async Task<bool> RedeliverAsync(AppDbContext db, WorkspaceUser user, Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.WebhookDeliveries.Where(d => d.Id == id && d.WorkspaceId == user.WorkspaceId && d.Status != WebhookStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookStatus.Pending).SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.Attempts, 0).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), ct) == 1;
}
