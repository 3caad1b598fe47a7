using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Features.Integrations;

namespace MutualPlan.Tests.Integrations;

/// <summary>/api/v1/webhooks over HTTP: the endpoints, their log and redelivery, scoped to the caller's workspace.</summary>
public abstract class WebhooksApiTests(TestApp app)
{
    private WebhookWorker Worker => app.Services.GetRequiredService<WebhookWorker>();

    private async Task PumpAsync()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        await Worker.DispatchAsync(at, default);
        await Worker.SendDueAsync(at, default);
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, HttpExtensions.Json);

    private static async Task<JsonElement> CreateAsync(TestSeller seller, string url, params string[] events)
    {
        var r = await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url, events });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return await r.JsonAsync();
    }

    [Fact]
    public async Task An_endpoint_is_created_with_its_secret_once_receives_signed_events_shows_its_log_redelivers_changes_and_goes()
    {
        using var receiver = new Receiver();
        var seller = await app.NewWorkspaceAsync();
        var created = await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { WebhookEvents.PlanChanged, WebhookEvents.ActionCompleted } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var endpoint = await created.JsonAsync();
        var id = endpoint.GetProperty("id").GetGuid();
        var secret = endpoint.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("Json", endpoint.GetProperty("format").GetString());
        Assert.True(endpoint.GetProperty("enabled").GetBoolean());
        Assert.Equal([WebhookEvents.PlanChanged, WebhookEvents.ActionCompleted], endpoint.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        // The secret is never shown again: not in the list, not in the item.
        var list = await (await seller.Api.GetAsync("/api/v1/webhooks")).JsonAsync();
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.False(list[0].TryGetProperty("secret", out _));
        var one = await seller.Api.GetAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.DoesNotContain(secret, await one.Content.ReadAsStringAsync());
        // As the rest of /api/v1, it takes an API token: a browser session cookie alone is not one.
        var browser = await seller.LoginAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/webhooks")).StatusCode);

        // An event is delivered, signed with the secret, and the log shows exactly what was sent.
        await seller.NewPlanAsync("Northwind rollout");
        await PumpAsync();
        var (headers, body, _) = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(secret, long.Parse(headers[WebhookSignature.TimestampHeader]), body, headers[WebhookSignature.Header]));
        var log = await (await seller.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync();
        var delivery = Assert.Single(log.EnumerateArray());
        Assert.Equal("Delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(WebhookEvents.PlanChanged, delivery.GetProperty("eventType").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(body, delivery.GetProperty("payload").GetString());
        Assert.Equal(headers["X-MutualPlan-Delivery"], delivery.GetProperty("id").GetString());

        // Redeliver: queued at once (a second ask while queued is a conflict), then the same body arrives again.
        var deliveryId = delivery.GetProperty("id").GetGuid();
        var again = await seller.Api.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("Pending", (await again.JsonAsync()).GetProperty("status").GetString());
        var twice = await seller.Api.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        await PumpAsync();
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(body, receiver.Requests.Last().Body);
        Assert.Equal("Delivered", (await (await seller.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync())[0].GetProperty("status").GetString());

        // Change the events and pause it: what is omitted stays.
        var changed = await PatchAsync(seller.Api, $"/api/v1/webhooks/{id}", new { events = new[] { WebhookEvents.DateChanged }, enabled = false });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.JsonAsync();
        Assert.Equal([WebhookEvents.DateChanged], after.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(after.GetProperty("enabled").GetBoolean());
        Assert.Equal(receiver.Url, after.GetProperty("url").GetString());
        await seller.NewPlanAsync("While paused");
        await PumpAsync();
        Assert.Equal(2, receiver.Requests.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode);
        Assert.Equal(0, (await (await seller.Api.GetAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_bad_url_an_unknown_event_or_format_and_a_bad_limit_are_400_problems_naming_the_field()
    {
        var seller = await app.NewWorkspaceAsync();
        async Task<JsonElement> Problem(HttpResponseMessage r)
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return await r.JsonAsync();
        }

        var ftp = await Problem(await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = "ftp://crm.example.com/hooks", events = new[] { WebhookEvents.PlanChanged } }));
        Assert.Contains("http:// or https://", ftp.GetProperty("errors").GetProperty("url")[0].GetString());
        var credentials = await Problem(await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = "https://user:pw@crm.example.com/hooks", events = new[] { WebhookEvents.PlanChanged } }));
        Assert.True(credentials.GetProperty("errors").TryGetProperty("url", out _));
        var slack = await Problem(await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = "http://hooks.slack.com/x", format = "Slack", events = new[] { WebhookEvents.DateChanged } }));
        Assert.Contains("Slack webhook URLs start with https://", slack.GetProperty("errors").GetProperty("url")[0].GetString());
        var unknown = await Problem(await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = "https://crm.example.com/hooks", events = new[] { WebhookEvents.PlanChanged, "plan.exploded" } }));
        var message = unknown.GetProperty("errors").GetProperty("events")[0].GetString()!;
        Assert.Contains("Unknown event type: plan.exploded", message);
        Assert.Contains(WebhookEvents.ChangedSinceSigned, message);
        var none = await Problem(await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = "https://crm.example.com/hooks" }));
        Assert.Contains("at least one event", none.GetProperty("errors").GetProperty("events")[0].GetString());
        var format = await Problem(await seller.Api.PostJsonAsync("/api/v1/webhooks", new { url = "https://crm.example.com/hooks", format = "Carrier pigeon", events = new[] { WebhookEvents.PlanChanged } }));
        Assert.True(format.GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(0, (await (await seller.Api.GetAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength());

        var id = (await CreateAsync(seller, "https://crm.example.com/hooks", WebhookEvents.PlanChanged)).GetProperty("id").GetGuid();
        var badUpdate = await Problem(await PatchAsync(seller.Api, $"/api/v1/webhooks/{id}", new { url = "not a url" }));
        Assert.True(badUpdate.GetProperty("errors").TryGetProperty("url", out _));
        await Problem(await PatchAsync(seller.Api, $"/api/v1/webhooks/{id}", new { events = Array.Empty<string>() }));
        Assert.Equal("https://crm.example.com/hooks", (await (await seller.Api.GetAsync($"/api/v1/webhooks/{id}")).JsonAsync()).GetProperty("url").GetString());
        var limit = await Problem(await seller.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries?limit=0"));
        Assert.True(limit.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_every_verb_and_anonymous_callers_401()
    {
        using var receiver = new Receiver();
        var me = await app.NewWorkspaceAsync("Acme Software");
        var other = await app.NewWorkspaceAsync("Globex");
        var id = (await CreateAsync(me, receiver.Url, WebhookEvents.PlanChanged)).GetProperty("id").GetGuid();
        await me.NewPlanAsync("Acme deal");
        await PumpAsync();
        var deliveryId = (await (await me.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync())[0].GetProperty("id").GetGuid();

        Assert.Equal(0, (await (await other.Api.GetAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength());
        foreach (var response in new[]
                 {
                     await other.Api.GetAsync($"/api/v1/webhooks/{id}"),
                     await PatchAsync(other.Api, $"/api/v1/webhooks/{id}", new { enabled = false }),
                     await other.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries"),
                     await other.Api.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", null),
                     await other.Api.DeleteAsync($"/api/v1/webhooks/{id}"),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        // Their own endpoint cannot reach my delivery through its URL either.
        var theirs = (await CreateAsync(other, receiver.Url, WebhookEvents.PlanChanged)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Api.PostAsync($"/api/v1/webhooks/{theirs}/deliveries/{deliveryId}/redeliver", null)).StatusCode);

        var mine = await (await me.Api.GetAsync($"/api/v1/webhooks/{id}")).JsonAsync();
        Assert.True(mine.GetProperty("enabled").GetBoolean());
        Assert.Equal("Delivered", (await (await me.Api.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync())[0].GetProperty("status").GetString());

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { WebhookEvents.PlanChanged } })).StatusCode);
    }
}

public sealed class WebhooksApiTests_Sqlite(SqliteApp app) : WebhooksApiTests(app), IClassFixture<SqliteApp>;
public sealed class WebhooksApiTests_Postgres(PostgresApp app) : WebhooksApiTests(app), IClassFixture<PostgresApp>;
