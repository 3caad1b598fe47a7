using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Integrations;

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
