using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Web.Features.Integrations;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Integrations;

/// <summary>A local HTTP endpoint that records every request and fails the first <see cref="FailFirst"/> of them.</summary>
public sealed class Receiver : IDisposable
{
    private readonly HttpListener _listener = new();
    public ConcurrentQueue<(Dictionary<string, string> Headers, string Body, int Answer)> Requests { get; } = new();
    public int FailFirst { get; set; }
    public string Url { get; }

    public Receiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); } catch { return; }
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = ctx.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => ctx.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var answer = Requests.Count < FailFirst ? 500 : 200;
            Requests.Enqueue((headers, body, answer));
            ctx.Response.StatusCode = answer;
            ctx.Response.Close();
        }
    }

    public List<JsonElement> Bodies => Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    public void Dispose() => _listener.Close();
}

public abstract partial class WebhookTests(TestApp app)
{
    private WebhookWorker Worker => app.Services.GetRequiredService<WebhookWorker>();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient web, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var token = Html.AntiforgeryToken(await web.GetStringAsync("/settings/integrations"));
        return await web.PostAsync(url, new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>Adds an endpoint through the settings page; returns the secret shown once.</summary>
    private static async Task<string> AddEndpointAsync(HttpClient web, string url, string format, params string[] events)
    {
        var form = new List<KeyValuePair<string, string>> { new("format", format), new("url", url) };
        form.AddRange(events.Select(e => new KeyValuePair<string, string>("events", e)));
        var response = await PostFormAsync(web, "/settings/integrations/add", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return format == "json" ? SecretPattern().Match(html).Groups[1].Value : "";
    }

    [GeneratedRegex("id=\"new-secret\" class=\"search secret\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretPattern();

    /// <summary>Runs the dispatcher and the sender as the background worker would, at a given time.</summary>
    private async Task PumpAsync(DateTimeOffset at)
    {
        await Worker.DispatchAsync(at, default);
        await Worker.SendDueAsync(at, default);
    }

    private static DateTimeOffset Soon => DateTimeOffset.UtcNow.AddSeconds(1);

    [Fact]
    public async Task Plan_events_reach_the_endpoint_as_signed_json_with_their_types_and_internal_flag()
    {
        using var receiver = new Receiver();
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        var secret = await AddEndpointAsync(web, receiver.Url, "json", WebhookEvents.All.Select(e => e.Type).ToArray());
        Assert.StartsWith("whsec_", secret);
        Assert.DoesNotContain(secret, await web.GetStringAsync("/settings/integrations")); // shown once

        var plan = await seller.NewPlanAsync("Northwind rollout");
        var priya = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion" })).JsonAsync()).GetProperty("id").GetGuid();
        var m = await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync();
        var mid = m.GetProperty("id").GetGuid();
        var a = await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{mid}/actions", new { description = "Send questionnaire", side = "Buyer", assigneeId = priya })).JsonAsync();
        await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{mid}/actions/{a.GetProperty("id").GetGuid()}",
            new { description = "Send questionnaire", side = "Buyer", assigneeId = priya, status = "Done", version = a.GetProperty("version").GetInt32() });
        var moved = await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{mid}", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-17", dateChangeReason = "Reviewer on leave", version = m.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{mid}/actions", new { description = "Discount approval", side = "Seller", isInternal = true });
        Assert.Equal(HttpStatusCode.Created, (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/comments", new { body = "Questionnaire is in." })).StatusCode);

        await PumpAsync(Soon);
        var bodies = receiver.Bodies;
        var types = bodies.Select(b => b.GetProperty("type").GetString()).ToList();
        Assert.Contains(WebhookEvents.ActionAssigned, types);
        Assert.Contains(WebhookEvents.ActionCompleted, types);
        Assert.Contains(WebhookEvents.DateChanged, types);
        Assert.Contains(WebhookEvents.CommentAdded, types);
        Assert.Contains(WebhookEvents.PlanChanged, types);
        Assert.Equal(types.Count, bodies.Select(b => b.GetProperty("id").GetString()).Distinct().Count());

        // Every request is signed over timestamp + "." + body with the secret shown at creation.
        foreach (var (headers, body, _) in receiver.Requests)
        {
            var ts = long.Parse(headers["X-MutualPlan-Timestamp"]);
            Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) < 120);
            Assert.True(WebhookSignature.Verify(secret, ts, body, headers["X-MutualPlan-Signature"]), body);
            Assert.False(WebhookSignature.Verify(secret + "x", ts, body, headers["X-MutualPlan-Signature"]));
            Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("type").GetString(), headers["X-MutualPlan-Event"]);
        }
        var date = bodies.Single(b => b.GetProperty("type").GetString() == WebhookEvents.DateChanged);
        Assert.Equal("Northwind rollout", date.GetProperty("plan").GetProperty("title").GetString());
        Assert.Contains("Reviewer on leave", date.GetProperty("summary").GetString());
        Assert.False(date.GetProperty("internal").GetBoolean());
        var secretAction = bodies.Single(b => b.GetProperty("item").GetProperty("title").GetString() == "Discount approval");
        Assert.True(secretAction.GetProperty("internal").GetBoolean());

        // Nothing is sent twice, however often the dispatcher runs over the same events.
        var count = receiver.Requests.Count;
        await PumpAsync(Soon.AddSeconds(5));
        Assert.Equal(count, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_back_off_until_delivered_and_the_log_shows_it()
    {
        using var receiver = new Receiver { FailFirst = 2 };
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        await AddEndpointAsync(web, receiver.Url, "json", WebhookEvents.PlanChanged);
        await seller.NewPlanAsync("Retry plan");

        var t0 = Soon;
        await PumpAsync(t0);
        Assert.Single(receiver.Requests);
        var log = WebUtility.HtmlDecode(await web.GetStringAsync("/settings/integrations"));
        Assert.Contains("Retrying", log);
        Assert.Contains("500", log);

        await PumpAsync(t0.AddSeconds(20)); // the first retry waits 30 s
        Assert.Single(receiver.Requests);
        await PumpAsync(t0.AddSeconds(31));
        Assert.Equal(2, receiver.Requests.Count);
        await PumpAsync(t0.AddSeconds(31 + 45)); // the second waits twice as long
        Assert.Equal(2, receiver.Requests.Count);
        await PumpAsync(t0.AddSeconds(31 + 61));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal([500, 500, 200], receiver.Requests.Select(r => r.Answer));
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());

        log = WebUtility.HtmlDecode(await web.GetStringAsync("/settings/integrations"));
        Assert.Contains("Delivered", log);
        Assert.Matches(@"<td data-label=""Attempts"">3</td>\s*<td class=""text-sm"" data-label=""Response"">200", log);

        // Redeliver sends the same body again with a fresh signature.
        var id = Regex.Match(log, "name=\"id\" value=\"([0-9a-f-]{36})\">\\s*<button type=\"submit\" class=\"small\" aria-label=\"Redeliver").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Found, (await PostFormAsync(web, "/settings/integrations/redeliver", [new("id", id)])).StatusCode);
        await PumpAsync(Soon.AddMinutes(5));
        Assert.Equal(4, receiver.Requests.Count);
    }

    [Fact]
    public async Task Slack_endpoints_get_a_readable_message_with_text_and_blocks()
    {
        using var receiver = new Receiver();
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        var bad = await PostFormAsync(web, "/settings/integrations/add", [new("format", "slack"), new("url", "http://hooks.slack.com/x"), new("events", WebhookEvents.DateChanged)]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Slack webhook URLs start with https://", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        var none = await PostFormAsync(web, "/settings/integrations/add", [new("format", "json"), new("url", receiver.Url)]);
        Assert.Contains("Choose at least one event", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()));

        // The test receiver speaks plain http, so the Slack endpoint is stored as such directly.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MutualPlan.Web.Data.AppDbContext>();
            db.WebhookEndpoints.Add(new WebhookEndpoint { WorkspaceId = seller.WorkspaceId, Format = EndpointFormat.Slack, Url = receiver.Url, Secret = "s", Events = WebhookEvents.DateChanged, CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
            await db.SaveChangesAsync();
        }
        var plan = await seller.NewPlanAsync("Northwind <rollout>");
        var m = await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync();
        await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{m.GetProperty("id").GetGuid()}", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-17", version = m.GetProperty("version").GetInt32() });
        await PumpAsync(Soon);

        var msg = Assert.Single(receiver.Bodies);
        Assert.Contains("Northwind <rollout>", msg.GetProperty("text").GetString());
        Assert.Contains("Security approved", msg.GetProperty("text").GetString());
        var blocks = msg.GetProperty("blocks");
        Assert.Equal("section", blocks[0].GetProperty("type").GetString());
        Assert.Equal("mrkdwn", blocks[0].GetProperty("text").GetProperty("type").GetString());
        var text = blocks[0].GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains($"/plans/{plan}|Northwind &lt;rollout&gt;>", text);
        Assert.Contains("Target date", text);
        Assert.Equal("context", blocks[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Another_workspaces_events_never_reach_this_workspaces_endpoints_nor_its_log()
    {
        using var mine = new Receiver();
        using var theirs = new Receiver();
        var me = await app.NewWorkspaceAsync("Acme Software");
        var other = await app.NewWorkspaceAsync("Globex");
        var myWeb = await me.LoginAsync();
        var otherWeb = await other.LoginAsync();
        await AddEndpointAsync(myWeb, mine.Url, "json", WebhookEvents.PlanChanged);
        await AddEndpointAsync(otherWeb, theirs.Url, "json", WebhookEvents.PlanChanged);

        await other.NewPlanAsync("Globex secret deal");
        await PumpAsync(Soon);
        Assert.Empty(mine.Requests);
        Assert.NotEmpty(theirs.Requests);
        Assert.All(theirs.Bodies, b => Assert.Equal(other.WorkspaceId, b.GetProperty("workspaceId").GetGuid()));

        var myLog = await myWeb.GetStringAsync("/settings/integrations");
        Assert.DoesNotContain(theirs.Url, myLog);
        Assert.Contains("Nothing sent yet", myLog);
        var theirLog = await otherWeb.GetStringAsync("/settings/integrations");
        var endpointId = Regex.Match(theirLog, "name=\"id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(myWeb, "/settings/integrations/remove", [new("id", endpointId)])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(myWeb, "/settings/integrations/pause", [new("id", endpointId), new("active", "false")])).StatusCode);
        var deliveryId = Regex.Match(theirLog, "name=\"id\" value=\"([0-9a-f-]{36})\">\\s*<button type=\"submit\" class=\"small\" aria-label=\"Redeliver").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(myWeb, "/settings/integrations/redeliver", [new("id", deliveryId)])).StatusCode);

        // A paused endpoint receives nothing until it is resumed.
        Assert.Equal(HttpStatusCode.Found, (await PostFormAsync(otherWeb, "/settings/integrations/pause", [new("id", endpointId), new("active", "false")])).StatusCode);
        var before = theirs.Requests.Count;
        await other.NewPlanAsync("While paused");
        await PumpAsync(Soon);
        Assert.Equal(before, theirs.Requests.Count);
    }
}

public sealed class WebhookTests_Sqlite(SqliteApp app) : WebhookTests(app), IClassFixture<SqliteApp>;
public sealed class WebhookTests_Postgres(PostgresApp app) : WebhookTests(app), IClassFixture<PostgresApp>;
