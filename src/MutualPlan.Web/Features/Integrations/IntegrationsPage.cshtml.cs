using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Integrations;

/// <summary>Use cases of the integrations settings: add, pause and remove endpoints; redeliver an event.</summary>
public static class Integrations
{
    public const int MaxEndpoints = 20;

    public static async Task<Outcome<WebhookEndpoint>> AddAsync(AppDbContext db, WorkspaceUser user, EndpointFormat format, string? url, IReadOnlyCollection<string> events, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new FieldErrors();
        url = url?.Trim();
        if (string.IsNullOrEmpty(url)) errors.Add("url", format == EndpointFormat.Slack
            ? "Paste the Slack incoming-webhook URL (it starts with https://hooks.slack.com/)."
            : "Enter the URL that should receive the events, e.g. https://crm.example.com/hooks/mutualplan.");
        else if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
            errors.Add("url", "Enter a full http:// or https:// address without a user name or password in it.");
        else if (format == EndpointFormat.Slack && uri.Scheme != "https")
            errors.Add("url", "Slack webhook URLs start with https://.");
        var chosen = events.Where(WebhookEvents.IsKnown).Distinct().ToList();
        if (chosen.Count == 0) errors.Add("events", "Choose at least one event to send.");
        if (await db.WebhookEndpoints.CountAsync(e => e.WorkspaceId == user.WorkspaceId, ct) >= MaxEndpoints)
            errors.Add("url", $"A workspace can have up to {MaxEndpoints} endpoints; remove one you no longer use first.");
        if (errors.Count > 0) return Outcome<WebhookEndpoint>.Invalid(errors);
        var endpoint = new WebhookEndpoint
        {
            WorkspaceId = user.WorkspaceId, Format = format, Url = url!, Secret = WebhookSignature.NewSecret(),
            Events = string.Join(' ', chosen), CreatedAt = now, CreatedBy = user.DisplayName,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return Outcome<WebhookEndpoint>.Ok(endpoint);
    }

    public static Task<List<WebhookEndpoint>> EndpointsAsync(AppDbContext db, WorkspaceUser user, CancellationToken ct) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.WorkspaceId == user.WorkspaceId).OrderBy(e => e.CreatedAt).ToListAsync(ct);

    public static Task<List<WebhookDelivery>> DeliveriesAsync(AppDbContext db, WorkspaceUser user, int take, CancellationToken ct) =>
        db.WebhookDeliveries.AsNoTracking().Where(d => d.WorkspaceId == user.WorkspaceId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);

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

public sealed class IntegrationsPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<WebhookEndpoint> Endpoints { get; private set; } = [];
    public List<WebhookDelivery> Deliveries { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    public WebhookEndpoint? Added { get; private set; }
    public EndpointFormat Format { get; private set; }
    public string? EndpointUrl { get; private set; }
    public HashSet<string> Chosen { get; private set; } = [WebhookEvents.ActionCompleted, WebhookEvents.DateChanged, WebhookEvents.SignOffCompleted];
    public string? Message { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    private async Task LoadAsync()
    {
        Endpoints = await Integrations.EndpointsAsync(db, HttpContext.Seller(), HttpContext.RequestAborted);
        Deliveries = await Integrations.DeliveriesAsync(db, HttpContext.Seller(), 50, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync(string? format, string? url, List<string>? events)
    {
        Format = Enum.TryParse<EndpointFormat>(format, true, out var f) ? f : EndpointFormat.Json;
        var outcome = await Integrations.AddAsync(db, HttpContext.Seller(), Format, url, events ?? [], clock.GetUtcNow(), HttpContext.RequestAborted);
        if (outcome.IsOk) Added = outcome.Value;
        else { Errors = outcome.Errors!; EndpointUrl = url; Chosen = (events ?? []).ToHashSet(); Response.StatusCode = 400; }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPauseAsync(Guid id, bool active) =>
        await Integrations.SetActiveAsync(db, HttpContext.Seller(), id, active, HttpContext.RequestAborted) ? Redirect("/settings/integrations") : NotFound();

    public async Task<IActionResult> OnPostRemoveAsync(Guid id) =>
        await Integrations.RemoveAsync(db, HttpContext.Seller(), id, HttpContext.RequestAborted) ? Redirect("/settings/integrations") : NotFound();

    public async Task<IActionResult> OnPostRedeliverAsync(Guid id) =>
        await Integrations.RedeliverAsync(db, HttpContext.Seller(), id, clock.GetUtcNow(), HttpContext.RequestAborted) ? Redirect("/settings/integrations#deliveries") : NotFound();
}
