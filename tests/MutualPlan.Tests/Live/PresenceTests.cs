using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Tests.Sharing;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure.Live;

namespace MutualPlan.Tests.Live;

/// <summary>Who else is viewing a plan: joins and leaves reach the other views; buyers learn nothing internal.</summary>
public abstract class PresenceTests(TestApp app)
{
    internal static List<string> Names(JsonElement message) =>
        message.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();

    internal static Func<JsonElement, bool> Shows(Guid plan, params string[] names) =>
        m => m.GetProperty("planId").GetGuid() == plan && names.All(Names(m).Contains);

    internal static Func<JsonElement, bool> Lacks(Guid plan, string name) =>
        m => m.GetProperty("planId").GetGuid() == plan && !Names(m).Contains(name);

    /// <summary>Opens a link as a fresh browser would, then connects to its live channel and joins the plan.</summary>
    internal static async Task<(LiveClient Live, JsonElement Joined)> BuyerAsync<T>(WebApplicationFactory<T> host, string path, Guid plan) where T : class
    {
        var cookies = LiveClient.Cookies();
        Assert.Equal(HttpStatusCode.OK, (await LiveClient.Http(host, cookies).GetAsync(path)).StatusCode);
        var live = await LiveClient.ConnectAsync(host, path + "/live", cookies);
        return (live, await live.JoinAsync(plan));
    }

    internal static async Task<(LiveClient Live, JsonElement Joined)> SellerAsync<T>(WebApplicationFactory<T> host, TestSeller seller, Guid plan) where T : class
    {
        var live = await LiveClient.ConnectAsync(host, "/hubs/plan", await LiveClient.LoginAsync(host, seller));
        return (live, await live.JoinAsync(plan));
    }

    private async Task ListeningAsync() => await app.Services.GetRequiredService<PostgresChangeListener>().Listening;

    [Fact]
    public async Task A_seller_sees_a_buyer_come_and_go_and_the_buyer_sees_the_seller()
    {
        await ListeningAsync();
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "View" });
        var (seller, sellerJoined) = await SellerAsync(app, s.Seller, s.Plan);
        await using var _s = seller;
        // The seller's own entry is in the list, recognisable by its key, so the page can leave it out.
        var mine = sellerJoined.GetProperty("presence").GetProperty("people").EnumerateArray().Single();
        Assert.Equal(sellerJoined.GetProperty("me").GetString(), mine.GetProperty("key").GetString());

        var (buyer, buyerJoined) = await BuyerAsync(app, path, s.Plan);
        var sellerEntry = buyerJoined.GetProperty("presence").GetProperty("people").EnumerateArray().Single(p => p.GetProperty("side").GetString() == "seller");
        Assert.Equal("Sam Seller", sellerEntry.GetProperty("name").GetString());
        Assert.Equal("Brightline", sellerEntry.GetProperty("company").GetString());

        var seen = await seller.WaitForAsync("presence", Shows(s.Plan, "Priya Shah", "Sam Seller"));
        Assert.NotNull(seen);
        var priya = seen.Value.Body.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Priya Shah");
        Assert.Equal("buyer", priya.GetProperty("side").GetString());
        Assert.Equal("Northwind Traders", priya.GetProperty("company").GetString());
        Assert.Equal("PS", priya.GetProperty("initials").GetString());

        seller.Forget("presence");
        await buyer.DisposeAsync();
        Assert.NotNull(await seller.WaitForAsync("presence", Lacks(s.Plan, "Priya Shah")));
        await using var scope = app.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().PlanViewers.CountAsync(v => v.PlanId == s.Plan));
    }

    [Fact]
    public async Task What_a_buyer_hears_about_others_has_no_link_labels_or_addresses_while_the_seller_sees_both()
    {
        await ListeningAsync();
        var s = await SharedPlan.CreateAsync(app);
        var (_, guestPath) = await s.LinkAsync(new { label = "SECRET label: forwarded to procurement", permission = "View" });
        var (_, personalPath) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "View" });
        var (seller, _) = await SellerAsync(app, s.Seller, s.Plan);
        await using var _s = seller;
        var (priya, _) = await BuyerAsync(app, personalPath, s.Plan);
        await using var _p = priya;
        var (guest, guestJoined) = await BuyerAsync(app, guestPath, s.Plan);
        await using var _g = guest;

        // The seller's team sees how the guest came in and who Priya is.
        var sellerView = await seller.WaitForAsync("presence", Shows(s.Plan, "Priya Shah", "Guest via SECRET label: forwarded to procurement"));
        Assert.NotNull(sellerView);
        Assert.Contains("priya@northwind.example", sellerView.Value.Body.GetRawText());

        // The buyers see names and sides only.
        var priyaView = await priya.WaitForAsync("presence", Shows(s.Plan, "Guest", "Sam Seller", "Priya Shah"));
        Assert.NotNull(priyaView);
        foreach (var body in new[] { priyaView.Value.Body, guestJoined.GetProperty("presence") })
        {
            var raw = body.GetRawText();
            SharingAsserts.NoSecrets(raw, "presence for buyers");
            Assert.DoesNotContain("@", raw);
            foreach (var p in body.GetProperty("people").EnumerateArray())
                Assert.Equal(["company", "guest", "initials", "key", "name", "side"], p.EnumerateObject().Select(x => x.Name).Order());
        }
    }

    [Fact]
    public async Task Revoking_a_link_ends_the_presence_of_whoever_came_through_it()
    {
        await ListeningAsync();
        var s = await SharedPlan.CreateAsync(app);
        var (linkId, path) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "View" });
        var (seller, _) = await SellerAsync(app, s.Seller, s.Plan);
        await using var _s = seller;
        var (buyer, _) = await BuyerAsync(app, path, s.Plan);
        await using var _b = buyer;
        Assert.NotNull(await seller.WaitForAsync("presence", Shows(s.Plan, "Priya Shah")));

        seller.Forget("presence");
        Assert.Equal(HttpStatusCode.OK, (await s.RevokeAsync(linkId)).StatusCode);

        Assert.NotNull(await seller.WaitForAsync("presence", Lacks(s.Plan, "Priya Shah")));
        Assert.NotNull(await buyer.WaitForAsync("accessEnded", _ => true));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (buyer.Connection.State != HubConnectionState.Disconnected && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(HubConnectionState.Disconnected, buyer.Connection.State);
        // Nothing more reaches the closed view.
        await s.Seller.Api.PostJsonAsync($"{s.Api}/objectives", new { title = "Go live before the audit" });
        Assert.Null(await buyer.WaitForAsync("planChanged", _ => true, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_viewer_left_behind_by_a_stopped_instance_is_not_shown_and_is_cleared_by_the_heartbeat()
    {
        await ListeningAsync();
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.PlanViewers.Add(new PlanViewer
            {
                ConnectionId = "gone-" + Guid.NewGuid().ToString("N"), PlanId = plan, InstanceId = Guid.NewGuid(), PersonId = Guid.NewGuid(),
                Name = "Ghost Viewer", JoinedAt = DateTimeOffset.UtcNow.AddMinutes(-5), LastSeenAt = DateTimeOffset.UtcNow - PresenceBoard.StaleAfter - TimeSpan.FromSeconds(5),
            });
            await db.SaveChangesAsync();
        }
        var (live, joined) = await SellerAsync(app, seller, plan);
        await using var _l = live;
        Assert.DoesNotContain("Ghost Viewer", Names(joined.GetProperty("presence")));

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await app.Services.GetRequiredService<PresenceBoard>().BeatAsync(db, CancellationToken.None);
            Assert.Equal(["Sam Seller"], await db.PlanViewers.Where(v => v.PlanId == plan).Select(v => v.Name!).ToListAsync());
        }
    }
}

public sealed class PresenceTests_Sqlite(SqliteApp app) : PresenceTests(app), IClassFixture<SqliteApp>;
public sealed class PresenceTests_Postgres(PostgresApp app) : PresenceTests(app), IClassFixture<PostgresApp>;

/// <summary>Scale-out: a seller on instance A and a buyer on instance B see each other come and go.</summary>
public sealed class CrossInstancePresenceTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_seller_on_instance_A_and_a_buyer_on_instance_B_see_each_other()
    {
        await app.Services.GetRequiredService<PostgresChangeListener>().Listening;
        await using var b = new SecondInstance(app);
        _ = b.Server;
        await b.ListeningAsync();
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "View" });

        var (seller, _) = await PresenceTests.SellerAsync(app, s.Seller, s.Plan);
        await using var _s = seller;
        var (buyer, joined) = await PresenceTests.BuyerAsync(b, path, s.Plan);
        Assert.Contains("Sam Seller", PresenceTests.Names(joined.GetProperty("presence")));
        Assert.NotNull(await seller.WaitForAsync("presence", PresenceTests.Shows(s.Plan, "Priya Shah")));

        // A second seller comes and goes on A: the buyer on B hears both.
        static int Sellers(JsonElement m) => m.GetProperty("people").EnumerateArray().Count(p => p.GetProperty("side").GetString() == "seller");
        var colleague = await app.AddSellerAsync(s.Seller.WorkspaceId);
        buyer.Forget("presence");
        var (other, _) = await PresenceTests.SellerAsync(app, colleague, s.Plan);
        Assert.NotNull(await buyer.WaitForAsync("presence", m => Sellers(m) == 2));
        buyer.Forget("presence");
        await other.DisposeAsync();
        Assert.NotNull(await buyer.WaitForAsync("presence", m => Sellers(m) == 1));
        seller.Forget("presence");
        await buyer.DisposeAsync();
        Assert.NotNull(await seller.WaitForAsync("presence", PresenceTests.Lacks(s.Plan, "Priya Shah")));
    }
}
