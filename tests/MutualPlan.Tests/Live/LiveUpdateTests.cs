using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Tests.Sharing;
using MutualPlan.Web.Infrastructure.Live;
using Xunit.Abstractions;

namespace MutualPlan.Tests.Live;

public abstract class LiveUpdateTests(TestApp app, ITestOutputHelper output)
{
    private static Func<JsonElement, bool> For(Guid plan) => m => m.GetProperty("planId").GetGuid() == plan;

    private async Task ListeningAsync() => await app.Services.GetRequiredService<PostgresChangeListener>().Listening;

    [Fact]
    public async Task A_seller_viewing_a_plan_hears_of_a_change_made_through_the_API_with_the_new_revision_and_section()
    {
        await ListeningAsync();
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        await using var live = await LiveClient.ConnectAsync(app, "/hubs/plan", await LiveClient.LoginAsync(app, seller));
        var joined = await live.JoinAsync(plan);
        var before = joined.GetProperty("revision").GetInt32();

        var created = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/objectives", new { title = "Cut close time to 3 days" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var got = await live.WaitForAsync("planChanged", For(plan));
        Assert.NotNull(got);
        var msg = got.Value.Body;
        Assert.True(msg.GetProperty("revision").GetInt32() > before);
        Assert.Contains("objectives", msg.GetProperty("sections").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Sam Seller", msg.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_seller_of_another_workspace_cannot_join_the_plan_and_hears_nothing()
    {
        await ListeningAsync();
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var stranger = await app.NewWorkspaceAsync("Other Corp");
        await using var live = await LiveClient.ConnectAsync(app, "/hubs/plan", await LiveClient.LoginAsync(app, stranger));
        await Assert.ThrowsAsync<HubException>(() => live.JoinAsync(plan));
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/objectives", new { title = "Secret objective" });
        Assert.Null(await live.WaitForAsync("planChanged", _ => true, TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public async Task An_anonymous_connection_cannot_join_a_plan()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        await using var live = await LiveClient.ConnectAsync(app, "/hubs/plan", LiveClient.Cookies());
        await Assert.ThrowsAsync<HubException>(() => live.JoinAsync(plan));
    }

    [Fact]
    public async Task A_link_visitor_hears_of_buyer_visible_changes_but_not_of_internal_ones_and_only_for_their_plan()
    {
        await ListeningAsync();
        var shared = await SharedPlan.CreateAsync(app);
        var (_, path) = await shared.LinkAsync(new { label = "Northwind team", permission = "View" });
        var cookies = LiveClient.Cookies();
        var http = LiveClient.Http(app, cookies);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        await using var buyer = await LiveClient.ConnectAsync(app, path + "/live", cookies);
        await buyer.JoinAsync(shared.Plan);
        var otherPlan = await shared.Seller.NewPlanAsync("Another plan");
        await Assert.ThrowsAsync<HubException>(() => buyer.JoinAsync(otherPlan));

        // An internal action changes the plan for sellers only.
        var internalOnly = await shared.Seller.Api.PostJsonAsync($"{shared.Api}/milestones/{shared.Milestone}/actions",
            new { description = "SECRET margin check", side = "Seller", isInternal = true });
        Assert.Equal(HttpStatusCode.Created, internalOnly.StatusCode);
        Assert.Null(await buyer.WaitForAsync("planChanged", _ => true, TimeSpan.FromSeconds(1.5)));

        var open = await shared.Seller.Api.PostJsonAsync($"{shared.Api}/objectives", new { title = "Go live before the audit" });
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        var got = await buyer.WaitForAsync("planChanged", For(shared.Plan));
        Assert.NotNull(got);
        Assert.DoesNotContain(Secret(got.Value.Body), "SECRET");
        Assert.Contains("objectives", got.Value.Body.GetProperty("sections").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_revoked_link_cannot_connect_again()
    {
        var shared = await SharedPlan.CreateAsync(app);
        var (id, path) = await shared.LinkAsync(new { label = "Northwind team", permission = "View" });
        var cookies = LiveClient.Cookies();
        await LiveClient.Http(app, cookies).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, (await shared.RevokeAsync(id)).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var buyer = await LiveClient.ConnectAsync(app, path + "/live", cookies);
            await buyer.JoinAsync(shared.Plan);
        });
    }

    private static string Secret(JsonElement e) => e.GetRawText();

    /// <summary>Not a pass/fail timing: prints how long a change takes from the API's answer to the listener (median, max of 20).</summary>
    [Fact]
    public async Task Latency_of_a_live_update_on_one_instance_is_reported()
    {
        await ListeningAsync();
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        await using var live = await LiveClient.ConnectAsync(app, "/hubs/plan", await LiveClient.LoginAsync(app, seller));
        await live.JoinAsync(plan);
        var figures = await MeasureAsync(seller, plan, live);
        output.WriteLine($"LIVE-LATENCY single instance ({app.Provider}): {Summary(figures)}");
        Assert.Equal(20, figures.Count);
    }

    internal static async Task<List<double>> MeasureAsync(TestSeller seller, Guid plan, LiveClient live)
    {
        var figures = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var r = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/objectives", new { title = $"Objective {i}" });
            var committed = Stopwatch.GetTimestamp();
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            var got = await live.WaitForAsync("planChanged", For(plan));
            Assert.NotNull(got);
            // The API answers after the commit; the message may even arrive before the answer is read.
            figures.Add(Math.Max(0, (got.Value.At - committed) * 1000.0 / Stopwatch.Frequency));
        }
        return figures;
    }

    internal static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return $"n={sorted.Count} median={median:0.0} ms max={sorted[^1]:0.0} ms";
    }
}

public sealed class LiveUpdateTests_Sqlite(SqliteApp app, ITestOutputHelper output) : LiveUpdateTests(app, output), IClassFixture<SqliteApp>;
public sealed class LiveUpdateTests_Postgres(PostgresApp app, ITestOutputHelper output) : LiveUpdateTests(app, output), IClassFixture<PostgresApp>;

/// <summary>Scale-out: two app instances over one PostgreSQL database; a change through A reaches a viewer on B.</summary>
public sealed class CrossInstanceLiveTests(PostgresApp app, ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_change_made_through_instance_A_reaches_a_viewer_connected_to_instance_B()
    {
        await app.Services.GetRequiredService<PostgresChangeListener>().Listening;
        await using var b = new SecondInstance(app);
        _ = b.Server;
        await b.ListeningAsync();
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        await using var live = await LiveClient.ConnectAsync(b, "/hubs/plan", await LiveClient.LoginAsync(b, seller));
        await live.JoinAsync(plan);

        // seller.Api talks to instance A (the fixture's host).
        var figures = await LiveUpdateTests.MeasureAsync(seller, plan, live);
        output.WriteLine($"LIVE-LATENCY cross-instance (PostgreSQL NOTIFY, A -> B): {LiveUpdateTests.Summary(figures)}");
        Assert.Equal(20, figures.Count);
    }
}
