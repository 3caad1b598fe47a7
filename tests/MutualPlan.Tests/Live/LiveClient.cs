using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Live;

/// <summary>
/// A SignalR client of the plan hub over an in-process host, holding the cookies of a signed-in
/// seller or link visitor; it records every message with the time it arrived.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    public HubConnection Connection { get; }
    public ConcurrentQueue<(string Name, JsonElement Body, long At)> Received { get; } = new();
    private readonly SemaphoreSlim _signal = new(0);

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in new[] { "planChanged", "presence", "accessEnded" })
            connection.On<JsonElement>(name, body => { Received.Enqueue((name, body, Stopwatch.GetTimestamp())); _signal.Release(); });
    }

    public static CookieContainer Cookies() => new();

    /// <summary>An HTTP client of <paramref name="host"/> that keeps its cookies in <paramref name="cookies"/>.</summary>
    public static HttpClient Http<T>(WebApplicationFactory<T> host, CookieContainer cookies) where T : class =>
        host.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    public static async Task<CookieContainer> LoginAsync<T>(WebApplicationFactory<T> host, TestSeller seller) where T : class
    {
        var cookies = Cookies();
        var http = Http(host, cookies);
        var login = await http.GetStringAsync("/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = seller.Email, ["password"] = seller.Password, ["__RequestVerificationToken"] = Html.AntiforgeryToken(login),
        });
        var r = await http.PostAsync("/login", form);
        if (!r.IsSuccessStatusCode && (int)r.StatusCode != 302) throw new InvalidOperationException($"Login failed: {(int)r.StatusCode}");
        return cookies;
    }

    public static async Task<LiveClient> ConnectAsync<T>(WebApplicationFactory<T> host, string path, CookieContainer cookies) where T : class
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost" + path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = host.Server.CreateHandler() };
            })
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<JsonElement> JoinAsync(Guid planId) => Connection.InvokeAsync<JsonElement>("Join", planId);

    /// <summary>Waits for the first message named <paramref name="name"/> that matches; null after the timeout.</summary>
    public async Task<(JsonElement Body, long At)?> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
        var seen = new List<(string, JsonElement, long)>();
        try
        {
            while (true)
            {
                while (Received.TryDequeue(out var m))
                {
                    if (m.Name == name && match(m.Body)) return (m.Body, m.At);
                    seen.Add(m);
                }
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0) return null;
                await _signal.WaitAsync(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            }
        }
        finally
        {
            // Messages that did not match stay for the next wait.
            foreach (var m in seen) Received.Enqueue(m);
        }
    }

    /// <summary>
    /// Drops the messages of this name received so far, so the next wait sees only what comes after
    /// the step that follows (an old list without someone is no proof that they left).
    /// </summary>
    public void Forget(string name)
    {
        var keep = new List<(string Name, JsonElement Body, long At)>();
        while (Received.TryDequeue(out var m)) if (m.Name != name) keep.Add(m);
        foreach (var m in keep) Received.Enqueue(m);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

/// <summary>A second app instance over the same database as <paramref name="first"/> (scale-out).</summary>
public sealed class SecondInstance(TestApp first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", first.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", first.ConnectionString);
        builder.UseSetting("Jobs:Enabled", "false");
    }

    public Task ListeningAsync() => Services.GetRequiredService<MutualPlan.Web.Infrastructure.Live.PostgresChangeListener>().Listening;
}
