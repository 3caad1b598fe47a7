using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Integrations;

/// <summary>A new endpoint: where to send, which events, and how.</summary>
public sealed class WebhookCreateInput
{
    /// <summary>The receiver's full http(s) URL (Slack: the incoming-webhook URL, https only).</summary>
    public string? Url { get; set; }
    /// <summary>Event types to send, e.g. ["action.completed", "plan.changed_since_signed"] (see the README for the list).</summary>
    public List<string>? Events { get; set; }
    /// <summary>Json (signed JSON, the default) or Slack (an incoming-webhook message).</summary>
    public EndpointFormat? Format { get; set; }
    /// <summary>Whether it receives events from now on; true unless given.</summary>
    public bool? Enabled { get; set; }
}

/// <summary>Changes to an endpoint: only the fields given change.</summary>
public sealed class WebhookUpdateInput
{
    public string? Url { get; set; }
    public List<string>? Events { get; set; }
    public bool? Enabled { get; set; }
}

public sealed record WebhookEndpointDto(Guid Id, EndpointFormat Format, string Url, List<string> Events, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static WebhookEndpointDto From(WebhookEndpoint e) => new(e.Id, e.Format, e.Url, [.. e.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries)], e.IsActive, e.CreatedAt, e.CreatedBy);
}

/// <summary>The endpoint as created, with its signing secret: the only time the secret is shown.</summary>
public sealed record WebhookEndpointCreatedDto(Guid Id, EndpointFormat Format, string Url, List<string> Events, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy, string Secret)
{
    public static WebhookEndpointCreatedDto From(WebhookEndpoint e)
    {
        var d = WebhookEndpointDto.From(e);
        return new(d.Id, d.Format, d.Url, d.Events, d.Enabled, d.CreatedAt, d.CreatedBy, e.Secret);
    }
}

/// <summary>One event sent (or being sent) to an endpoint, with the outcome of its last attempt and the exact body.</summary>
public sealed record WebhookDeliveryDto(Guid Id, Guid EndpointId, string EventType, string EventId, WebhookStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt,
    DateTimeOffset? NextAttemptAt, string Payload)
{
    public static WebhookDeliveryDto From(WebhookDelivery d) => new(d.Id, d.EndpointId, d.EventType, d.EventKey, d.Status, d.Attempts,
        d.CreatedAt, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.DeliveredAt, d.Status == WebhookStatus.Pending ? d.NextAttemptAt : null, d.Payload);
}

/// <summary>
/// /api/v1/webhooks: the same endpoints and delivery log as Settings → Integrations, for scripts and
/// CRMs. Open to every member of the workspace, as the settings page is.
/// </summary>
public sealed class WebhooksApi : IApiEndpoints
{
    public const int MaxLog = 200;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/webhooks").WithTags("Webhooks");

        g.MapGet("/", async (HttpContext http, AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await Integrations.EndpointsAsync(db, http.Seller(), ct)).Select(WebhookEndpointDto.From).ToList()))
            .WithName("ListWebhooks").WithSummary("The workspace's webhook endpoints, oldest first (without their secrets).")
            .Produces<List<WebhookEndpointDto>>();

        g.MapPost("/", async (WebhookCreateInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await Integrations.AddAsync(db, http.Seller(), input.Format ?? EndpointFormat.Json, input.Url, input.Events ?? [],
                    clock.GetUtcNow(), ct, active: input.Enabled ?? true);
                return outcome.ToHttp(e => TypedResults.Created($"/api/v1/webhooks/{e.Id}", WebhookEndpointCreatedDto.From(e)));
            })
            .WithName("CreateWebhook").WithSummary("Add an endpoint; the answer carries its signing secret, shown only this once.")
            .WithDescription("Every request to the endpoint carries `X-MutualPlan-Timestamp` and `X-MutualPlan-Signature: sha256=…`, the hex " +
                "HMAC-SHA256 of `timestamp + \".\" + body` keyed with `secret`. A URL that is not a full http(s) address, or an unknown event type, is a 400 problem.")
            .Produces<WebhookEndpointCreatedDto>(201).ProducesValidationProblem();

        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await Integrations.EndpointAsync(db, http.Seller(), id, ct) is { } e ? Results.Ok(WebhookEndpointDto.From(e)) : ApiResults.NotFound())
            .WithName("GetWebhook").WithSummary("One webhook endpoint (without its secret).")
            .Produces<WebhookEndpointDto>().ProducesProblem(404);

        g.MapPatch("/{id:guid}", async (Guid id, WebhookUpdateInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await Integrations.UpdateAsync(db, http.Seller(), id, input.Url, input.Events, input.Enabled, ct)).ToHttp(e => TypedResults.Ok(WebhookEndpointDto.From(e))))
            .WithName("UpdateWebhook").WithSummary("Change an endpoint's URL, events or whether it is enabled; omitted fields stay as they are.")
            .WithDescription("`events` replaces the whole list. `enabled: false` pauses the endpoint: events that happen while it is paused are not sent later. The secret does not change.")
            .Produces<WebhookEndpointDto>().ProducesValidationProblem().ProducesProblem(404);

        g.MapDelete("/{id:guid}", async (Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await Integrations.RemoveAsync(db, http.Seller(), id, ct) ? Results.NoContent() : ApiResults.NotFound())
            .WithName("DeleteWebhook").WithSummary("Remove an endpoint and its delivery log.")
            .Produces(204).ProducesProblem(404);

        g.MapGet("/{id:guid}/deliveries", async Task<IResult> (Guid id, int? limit, HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                var take = limit ?? 50;
                if (take is < 1 or > MaxLog) return ApiResults.Invalid(new FieldErrors().Add("limit", $"Ask for between 1 and {MaxLog} deliveries."));
                return await Integrations.DeliveriesOfAsync(db, http.Seller(), id, take, ct) is { } log
                    ? Results.Ok(log.Select(WebhookDeliveryDto.From).ToList())
                    : ApiResults.NotFound();
            })
            .WithName("ListWebhookDeliveries").WithSummary("The endpoint's delivery log, newest first: status, attempts, the receiver's last answer and the exact body sent.")
            .WithDescription("`limit` (1–200, default 50) caps how many deliveries are returned. `status` is Pending (queued or waiting to retry), Delivered or Failed (gave up).")
            .Produces<List<WebhookDeliveryDto>>().ProducesValidationProblem().ProducesProblem(404);

        g.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async Task<IResult> (Guid id, Guid deliveryId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var user = http.Seller();
                if (await Integrations.DeliveryAsync(db, user, id, deliveryId, ct) is null) return ApiResults.NotFound();
                if (!await Integrations.RedeliverAsync(db, user, deliveryId, clock.GetUtcNow(), ct))
                    return TypedResults.Problem(title: "Already queued", statusCode: StatusCodes.Status409Conflict,
                        detail: "This delivery is still queued or waiting for a retry; it will be sent without asking again.");
                var queued = (await Integrations.DeliveryAsync(db, user, id, deliveryId, ct))!;
                return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", WebhookDeliveryDto.From(queued));
            })
            .WithName("RedeliverWebhook").WithSummary("Send a delivered or failed event again: the same body, a fresh timestamp and signature.")
            .WithDescription("The delivery is queued at once and sent within seconds; 409 when it is still queued.")
            .Produces<WebhookDeliveryDto>(202).ProducesProblem(404).ProducesProblem(409);
    }
}
