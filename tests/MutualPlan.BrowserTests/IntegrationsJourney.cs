using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// The workspace owner connects their own tool: adds a webhook endpoint in Settings → Integrations
/// (pointing at a real HTTP receiver in this test), copies the secret shown once, completes an action
/// on a plan, and the receiver gets a delivery signed with that secret; the delivery log shows it and
/// Redeliver sends the same body again. Axe checks the page on a desktop and a phone.
/// </summary>
public sealed class IntegrationsJourney(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task An_owner_adds_an_endpoint_sees_the_secret_once_and_a_completed_action_arrives_signed_and_is_redelivered()
    {
        using var receiver = new HookReceiver();
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.SetUpWorkspaceAsync();

        // A plan with a milestone and an action to complete later.
        var planUrl = await page.CreatePlanAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("Security review approved");
        await page.GetByLabel("Target date").FillAsync("2027-01-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security review approved" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Seller action" }).ClickAsync();
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Send the security questionnaire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Done: Send the security questionnaire" })).ToBeVisibleAsync();

        // Settings → Integrations: a wrong URL is answered beside the field, then the endpoint is added.
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();
        await page.WaitForURLAsync("**/settings/integrations");
        await Assertions.Expect(page.GetByText("No endpoints yet.")).ToBeVisibleAsync();
        await page.GetByLabel("URL").FillAsync("crm.example.com/hooks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("#hook-url-error")).ToContainTextAsync("Enter a full http:// or https:// address");
        await Assertions.Expect(page.GetByLabel("URL")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("URL").FillAsync(receiver.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "An action is done" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Endpoint added" })).ToBeVisibleAsync();
        var secret = await page.GetByLabel("Signing secret").InputValueAsync();
        Assert.StartsWith("whsec_", secret);
        await page.AssertNoSeriousViolationsAsync("integrations, endpoint just added");
        await page.ScreenshotAsync("integrations-added-1280");

        // Shown once: after a reload it is gone for good.
        await page.GotoAsync("/settings/integrations");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell).Filter(new() { HasText = receiver.Url })).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await Assertions.Expect(page.GetByText("Nothing sent yet")).ToBeVisibleAsync();

        // Something happens on the plan; the receiver gets it, signed with the secret.
        await page.GotoAsync(planUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Done: Send the security questionnaire" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Done: Send the security questionnaire" })).ToHaveAttributeAsync("aria-pressed", "true");
        var first = await receiver.WaitForAsync(1);
        Assert.Equal("action.completed", first.Headers["X-MutualPlan-Event"]);
        Assert.True(first.IsSignedWith(secret), "the delivery's signature does not match the secret shown when the endpoint was added");
        Assert.False(first.IsSignedWith(secret + "x"));
        using (var json = JsonDocument.Parse(first.Body))
        {
            Assert.Equal("action.completed", json.RootElement.GetProperty("type").GetString());
            Assert.Equal("Northwind: finance automation", json.RootElement.GetProperty("plan").GetProperty("title").GetString());
            Assert.Equal("Send the security questionnaire", json.RootElement.GetProperty("item").GetProperty("title").GetString());
        }

        // The delivery log shows it (the sender records the answer a moment after the receiver has it).
        var log = page.GetByRole(AriaRole.Region, new() { Name = "Delivery log" });
        await ReloadUntilAsync(page, "/settings/integrations", log.GetByRole(AriaRole.Row).Filter(new() { HasText = "action.completed" }).Filter(new() { HasText = "Delivered" }));
        await Assertions.Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "action.completed" })).ToContainTextAsync("200");
        await page.AssertNoSeriousViolationsAsync("integrations with a delivery");
        await page.ScreenshotAsync("integrations-1280");

        // Redeliver: the same body again, a fresh signature.
        await log.GetByRole(AriaRole.Button, new() { Name = "Redeliver action.completed event" }).ClickAsync();
        var second = await receiver.WaitForAsync(2);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Headers["X-MutualPlan-Delivery"], second.Headers["X-MutualPlan-Delivery"]);
        Assert.True(second.IsSignedWith(secret));
        await ReloadUntilAsync(page, "/settings/integrations", log.GetByRole(AriaRole.Row).Filter(new() { HasText = "action.completed" }).Filter(new() { HasText = "Delivered" }));

        // On a phone the page reads top to bottom, and the tables scroll inside their own frame.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/settings/integrations");
        await Assertions.Expect(log).ToBeVisibleAsync();
        await page.ScreenshotAsync("integrations-390");
        var wider = await page.EvaluateAsync<string[]>("""
            () => document.documentElement.scrollWidth <= window.innerWidth ? [] :
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(wider.Length == 0, "wider than a 390 px phone: " + string.Join(", ", wider));
        await page.AssertNoSeriousViolationsAsync("integrations on a phone");
        Assert.Empty(errors);
    }

    /// <summary>Reloads the page until <paramref name="what"/> is there: the log is not live-updated.</summary>
    private static async Task ReloadUntilAsync(IPage page, string url, ILocator what)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            await page.GotoAsync(url);
            if (await what.CountAsync() > 0) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not shown on {url} within 45 s: {what}");
            await Task.Delay(750);
        }
    }
}

/// <summary>A real HTTP endpoint on a free loopback port that answers 200 and keeps every request it receives.</summary>
public sealed class HookReceiver : IDisposable
{
    public sealed record Received(Dictionary<string, string> Headers, string Body)
    {
        /// <summary>Checks the signature as a receiver would: hex HMAC-SHA256 of "timestamp.body" under the secret.</summary>
        public bool IsSignedWith(string secret)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{Headers["X-MutualPlan-Timestamp"]}.{Body}"));
            return Headers["X-MutualPlan-Signature"] == "sha256=" + Convert.ToHexStringLower(mac);
        }
    }

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _requests = new();
    public string Url { get; }

    public HookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = ctx.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => ctx.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new Received(headers, body));
            ctx.Response.StatusCode = 200;
            ctx.Response.Close();
        }
    }

    /// <summary>The <paramref name="count"/>-th request, once it has arrived (the app's worker polls every few seconds).</summary>
    public async Task<Received> WaitForAsync(int count)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        while (_requests.Count < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"The receiver got {_requests.Count} of {count} deliveries within 45 s.");
            await Task.Delay(200);
        }
        return _requests.ElementAt(count - 1);
    }

    public void Dispose() => _listener.Close();
}
