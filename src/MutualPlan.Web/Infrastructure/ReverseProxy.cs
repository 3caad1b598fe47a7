using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MutualPlan.Web.Infrastructure;

/// <summary>
/// Running behind a reverse proxy (nginx, a load balancer): every request then arrives from the
/// proxy, and the visitor's own address — recorded with each signature, counted by the limit on
/// guessing link addresses — is only in the X-Forwarded-For header the proxy adds. Anyone can send
/// that header, so it is believed only when the request comes from a proxy named in configuration
/// (<c>ReverseProxy:KnownProxies</c>, <c>ReverseProxy:KnownNetworks</c>). Otherwise a guesser could
/// claim a fresh address for every attempt and a signer could choose the address on record. With
/// nothing configured (the default) the headers are ignored altogether.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    /// <summary>The proxies and proxy networks named in configuration; throws on an entry that is not an address or a network.</summary>
    public static (IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Entries(section.GetSection("KnownProxies")).Select(entry => IPAddress.TryParse(entry, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies: \"{entry}\" is not an IP address (for example 10.0.0.5 or fd00::5).")).ToList();
        var networks = Entries(section.GetSection("KnownNetworks")).Select(entry => System.Net.IPNetwork.TryParse(entry, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{entry}\" is not a network in CIDR notation (for example 10.0.0.0/8 or fd00::/64).")).ToList();
        return (proxies, networks);
    }

    /// <summary>Honours X-Forwarded-For and X-Forwarded-Proto from the configured proxies only, if any are configured.</summary>
    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        var (proxies, networks) = Read(builder.Configuration);
        if (proxies.Count == 0 && networks.Count == 0) return builder;
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback out of the box; here only what the operator named counts.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
            // Walk back through a chain of known proxies (load balancer → nginx → app), stopping at
            // the first address that is not one of them: entries a client wrote itself are never reached.
            o.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after sees the visitor's address.</summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        var (proxies, networks) = Read(app.Configuration);
        if (proxies.Count > 0 || networks.Count > 0) app.UseForwardedHeaders();
        return app;
    }

    /// <summary>A list in configuration: an array (appsettings.json, KnownProxies__0=…) or one comma-separated value (an environment variable).</summary>
    private static IEnumerable<string> Entries(IConfigurationSection section)
    {
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
