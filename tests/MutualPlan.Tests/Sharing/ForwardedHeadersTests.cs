using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Tests.Sharing;

/// <summary>Reading the reverse-proxy settings: the lists operators write, and mistakes refused at start-up.</summary>
public sealed class ReverseProxySettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Nothing_configured_means_no_proxy_is_trusted()
    {
        var (proxies, networks) = ReverseProxy.Read(Config());
        Assert.Empty(proxies);
        Assert.Empty(networks);
    }

    [Fact]
    public void Proxies_and_networks_are_read_from_arrays_or_one_comma_separated_value()
    {
        var (proxies, networks) = ReverseProxy.Read(Config(
            ("ReverseProxy:KnownProxies:0", "10.0.0.5"), ("ReverseProxy:KnownProxies:1", "fd00::5"),
            ("ReverseProxy:KnownNetworks", "172.16.0.0/12, 192.168.1.0/24")));
        Assert.Equal(["10.0.0.5", "fd00::5"], proxies.Select(p => p.ToString()));
        Assert.Equal(["172.16.0.0/12", "192.168.1.0/24"], networks.Select(n => n.ToString()));
    }

    [Fact]
    public void An_entry_that_is_not_an_address_stops_the_app_with_a_clear_message()
    {
        var proxy = Assert.Throws<InvalidOperationException>(() => ReverseProxy.Read(Config(("ReverseProxy:KnownProxies", "nginx.internal"))));
        Assert.Contains("\"nginx.internal\" is not an IP address", proxy.Message);
        var network = Assert.Throws<InvalidOperationException>(() => ReverseProxy.Read(Config(("ReverseProxy:KnownNetworks", "10.0.0.0/33"))));
        Assert.Contains("not a network in CIDR notation", network.Message);
    }
}

/// <summary>
/// The visitor's address as the app sees it — recorded with a signature, counted by the limit on
/// guessing link addresses — with the app as its own process (Kestrel) on loopback, and the test
/// playing the browser or, where configured, the reverse proxy in front of the app.
/// </summary>
public abstract class ForwardedHeadersTests(AppProcess app, bool behindProxy)
{
    private const string SignerAddress = "203.0.113.50";

    private static HttpRequestMessage From(HttpMethod method, string url, string? forwardedFor, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static async Task<HttpStatusCode> GuessAsync(HttpClient client, string forwardedFor) =>
        (await client.SendAsync(From(HttpMethod.Get, "/p/s_guess" + Guid.NewGuid().ToString("N")[..10], forwardedFor))).StatusCode;

    /// <summary>Ten wrong guesses, each claiming another address: blocked or not depends on whom the app believes.</summary>
    private async Task GuessingLimitAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        for (var i = 1; i <= 10; i++) Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(client, $"198.51.100.{i}"));
        if (!behindProxy)
        {
            // Without a configured proxy the header is ignored: all ten came from this machine, which is blocked now,
            // whatever address the next request claims.
            Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(client, "198.51.100.99"));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/p/s_guess-plain")).StatusCode);
            return;
        }
        // Behind the configured proxy each visitor is counted on their own address: nobody is blocked yet.
        Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(client, "198.51.100.99"));
        for (var i = 0; i < 9; i++) Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(client, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(client, "198.51.100.1"));
        // A visitor cannot escape by writing addresses in front of the one the proxy saw.
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(client, "192.0.2.77, 198.51.100.1"));
        Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(client, "198.51.100.2"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/p/s_guess-plain")).StatusCode);
    }

    // One test per app process: the guessing limit blocks this machine's address for ten minutes
    // when no proxy is configured, so the signature comes first.
    [Fact]
    public async Task The_signature_address_and_the_link_guessing_limit_use_the_address_the_app_trusts()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync());
        var plan = (await (await api.GetAsync("/api/v1/plans")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var me = (await (await api.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("userId").GetGuid();
        var champion = (await (await api.GetAsync($"/api/v1/plans/{plan}/stakeholders")).JsonAsync()).EnumerateArray()
            .First(s => s.GetProperty("side").GetString() == "Buyer" && s.GetProperty("role").GetString() == "Champion");
        var link = await (await api.PostJsonAsync($"/api/v1/plans/{plan}/share-links", new { label = "Proxy test" })).JsonAsync();
        var path = new Uri(link.GetProperty("url").GetString()!).AbsolutePath;
        var requested = await api.PostJsonAsync($"/api/v1/plans/{plan}/sign-off/requests",
            new { stakeholderIds = new[] { champion.GetProperty("id").GetGuid() }, userIds = new[] { me } });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);

        using var buyer = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var page = await buyer.SendAsync(From(HttpMethod.Get, path + "/sign-off", SignerAddress));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var doc = Html.Parse(html);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(html),
            ["signerId"] = doc.QuerySelector("input[name=signerId]")!.GetAttribute("value")!,
            ["contentHash"] = doc.QuerySelector("input[name=contentHash]")!.GetAttribute("value")!,
            ["fullName"] = champion.GetProperty("name").GetString()!,
            ["title"] = "Financial Controller",
        });
        var signed = await buyer.SendAsync(From(HttpMethod.Post, path + "/sign-off", SignerAddress, form));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var state = await (await api.GetAsync($"/api/v1/plans/{plan}/sign-off")).JsonAsync();
        var signature = state.GetProperty("rounds").EnumerateArray().Last().GetProperty("signers").EnumerateArray()
            .Single(s => s.GetProperty("side").GetString() == "Buyer").GetProperty("signature");
        Assert.Equal(behindProxy ? SignerAddress : "127.0.0.1", signature.GetProperty("ipAddress").GetString());

        await GuessingLimitAsync();
    }

    /// <summary>A personal API token for the demo seller, made with the admin command as an operator would.</summary>
    private async Task<string> TokenAsync()
    {
        var start = new ProcessStartInfo("dotnet", [AppProcess.Dll, "tokens", "create", "--email", "demo@mutualplan.example", "--name", "proxy-test"])
        {
            WorkingDirectory = Path.Combine(Tools.RepoRoot, "src", "MutualPlan.Web"),
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in app.DatabaseSettings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"tokens create failed: {errors}");
        return output.Trim().Split('\n').Last().Trim();
    }
}

/// <summary>The app with no proxy configured (the default).</summary>
public abstract class DirectAppProcess : AppProcess;

/// <summary>The app told that requests from this machine come through its reverse proxy.</summary>
public abstract class ProxiedAppProcess : AppProcess
{
    protected ProxiedAppProcess() => Settings["ReverseProxy__KnownProxies"] = "10.20.30.40, 127.0.0.1";
}

public sealed class DirectSqliteProcess : DirectAppProcess { public override DatabaseProvider Provider => DatabaseProvider.Sqlite; }
public sealed class DirectPostgresProcess : DirectAppProcess { public override DatabaseProvider Provider => DatabaseProvider.Postgres; }
public sealed class ProxiedSqliteProcess : ProxiedAppProcess { public override DatabaseProvider Provider => DatabaseProvider.Sqlite; }
public sealed class ProxiedPostgresProcess : ProxiedAppProcess { public override DatabaseProvider Provider => DatabaseProvider.Postgres; }

public sealed class ForwardedHeadersTests_Sqlite(DirectSqliteProcess app) : ForwardedHeadersTests(app, behindProxy: false), IClassFixture<DirectSqliteProcess>;
public sealed class ForwardedHeadersTests_Postgres(DirectPostgresProcess app) : ForwardedHeadersTests(app, behindProxy: false), IClassFixture<DirectPostgresProcess>;
public sealed class ForwardedHeadersBehindProxyTests_Sqlite(ProxiedSqliteProcess app) : ForwardedHeadersTests(app, behindProxy: true), IClassFixture<ProxiedSqliteProcess>;
public sealed class ForwardedHeadersBehindProxyTests_Postgres(ProxiedPostgresProcess app) : ForwardedHeadersTests(app, behindProxy: true), IClassFixture<ProxiedPostgresProcess>;
