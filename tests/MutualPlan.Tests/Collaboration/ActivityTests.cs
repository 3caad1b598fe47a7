using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Activity;

namespace MutualPlan.Tests.Collaboration;

public abstract class ActivityTests(TestApp app)
{
    private static async Task<Guid> MilestoneAsync(TestSeller s, Guid plan, string title, string date) =>
        (await (await s.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title, phase = "Evaluation", owner = "Joint", targetDate = date })).JsonAsync()).GetProperty("id").GetGuid();

    private static async Task<JsonElement[]> FeedAsync(TestSeller s, Guid plan, string query = "") =>
        [.. (await (await s.Api.GetAsync($"/api/v1/plans/{plan}/activity{query}")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private static JsonElement Field(JsonElement entry, string name) =>
        entry.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == name);

    [Fact]
    public async Task Creating_changing_and_deleting_an_item_records_who_what_and_each_field_before_and_after()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var m = await MilestoneAsync(seller, plan, "Security review", "2026-12-04");
        var put = await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{m}",
            new { title = "Security review approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-04", version = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"/api/v1/plans/{plan}/milestones/{m}")).StatusCode);

        var feed = await FeedAsync(seller, plan, $"?itemId={m}");
        Assert.Equal(["Deleted", "Updated", "Created"], feed.Select(e => e.GetProperty("change").GetString()));
        Assert.All(feed, e =>
        {
            Assert.Equal(m, e.GetProperty("itemId").GetGuid());
            Assert.Equal("Milestone", e.GetProperty("itemKind").GetString());
            Assert.Equal("Seller", e.GetProperty("actor").GetProperty("kind").GetString());
            Assert.Equal(seller.UserId, e.GetProperty("actor").GetProperty("id").GetGuid());
            Assert.False(e.GetProperty("internal").GetBoolean());
        });
        var updated = feed[1];
        Assert.Equal("Security review", Field(updated, "Title").GetProperty("before").GetString());
        Assert.Equal("Security review approved", Field(updated, "Title").GetProperty("after").GetString());
        Assert.Equal("Evaluation", Field(updated, "Phase").GetProperty("before").GetString());
        Assert.Equal("Technical validation", Field(updated, "Phase").GetProperty("after").GetString());
        Assert.Equal(3, updated.GetProperty("fields").GetArrayLength()); // title, phase, owner: the date did not change
        Assert.Equal("Security review approved", feed[0].GetProperty("itemTitle").GetString());
    }

    [Fact]
    public async Task A_moved_milestone_date_carries_the_reason_of_its_renegotiation()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var m = await MilestoneAsync(seller, plan, "Legal approves", "2026-12-04");
        var done = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{m}/reschedule", new { newDate = "2026-12-11", reason = "Counsel on leave until 10 Dec" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var change = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync())[0];

        var moved = (await FeedAsync(seller, plan))[0];
        Assert.Equal("Counsel on leave until 10 Dec", moved.GetProperty("reason").GetString());
        Assert.Equal(change.GetProperty("id").GetGuid(), moved.GetProperty("dateChangeId").GetGuid());
        Assert.Equal("4 Dec 2026", Field(moved, "Target date").GetProperty("before").GetString());
        Assert.Equal("11 Dec 2026", Field(moved, "Target date").GetProperty("after").GetString());

        var web = await seller.LoginAsync();
        var page = Html.Parse(await web.GetStringAsync($"/plans/{plan}/activity"));
        Assert.Contains("Counsel on leave until 10 Dec", page.QuerySelector(".activity-reason")!.TextContent);
    }

    [Fact]
    public async Task The_feed_filters_by_item_and_by_person_and_names_referenced_people()
    {
        var owner = await app.NewWorkspaceAsync();
        var colleague = await app.AddSellerAsync(owner.WorkspaceId);
        var plan = await owner.NewPlanAsync();
        var a = await MilestoneAsync(owner, plan, "Pilot live", "2026-12-01");
        var b = await MilestoneAsync(colleague, plan, "Contract signed", "2026-12-20");
        var priya = (await (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion" })).JsonAsync()).GetProperty("id").GetGuid();
        var action = (await (await colleague.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{b}/actions", new { description = "Send order form", side = "Buyer" })).JsonAsync()).GetProperty("id").GetGuid();
        await colleague.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{b}/actions/{action}", new { description = "Send order form", side = "Buyer", assigneeId = priya, version = 1 });

        var byItem = await FeedAsync(owner, plan, $"?itemId={a}");
        Assert.Single(byItem);
        Assert.Equal("Pilot live", byItem[0].GetProperty("itemTitle").GetString());

        var byColleague = await FeedAsync(owner, plan, $"?actor={colleague.UserId}");
        Assert.Equal(3, byColleague.Length);
        Assert.All(byColleague, e => Assert.Equal(colleague.UserId, e.GetProperty("actor").GetProperty("id").GetGuid()));
        Assert.Equal("Priya Shah", Field(byColleague[0], "Assignee").GetProperty("after").GetString());

        var paged = await (await owner.Api.GetAsync($"/api/v1/plans/{plan}/activity?pageSize=2&page=2")).JsonAsync();
        Assert.Equal(6, paged.GetProperty("total").GetInt32()); // with the plan's creation (by the system, in this test)
        Assert.Equal(2, paged.GetProperty("items").GetArrayLength());

        var web = await owner.LoginAsync();
        var page = Html.Parse(await web.GetStringAsync($"/plans/{plan}/activity?item={a}"));
        Assert.Single(page.QuerySelectorAll(".activity-entry"));
        Assert.NotNull(page.QuerySelector($"#activity-person option[value='{colleague.UserId}']"));
        var filtered = Html.Parse(await web.GetStringAsync($"/plans/{plan}/activity?person={colleague.UserId}"));
        Assert.Equal(3, filtered.QuerySelectorAll(".activity-entry").Length);
    }

    [Fact]
    public async Task Changes_to_internal_items_and_internal_notes_are_flagged_and_left_out_of_buyer_feeds()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var m = await MilestoneAsync(seller, plan, "Pilot live", "2026-12-01");
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{m}/actions", new { description = "Ask for discount approval", side = "Seller", isInternal = true });
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/risks", new { description = "Champion may leave", isInternal = true });
        var notes = await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/internal-notes", new { notes = "Walk-away price 90k", version = 1 });
        Assert.Equal(HttpStatusCode.OK, notes.StatusCode);

        var feed = await FeedAsync(seller, plan);
        Assert.Equal(5, feed.Length);
        Assert.Equal("System", feed[^1].GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal("Created", feed[^1].GetProperty("change").GetString());
        Assert.Equal(3, feed.Count(e => e.GetProperty("internal").GetBoolean()));
        Assert.Equal("Walk-away price 90k", Field(feed[0], "Internal notes").GetProperty("after").GetString());

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (buyerFeed, total) = await ActivityQueries.PageAsync(db, plan, new ActivityFilter(), forBuyer: true);
        Assert.Equal(2, total);
        Assert.Equal(["Pilot live", "Northwind rollout"], buyerFeed.Select(e => e.ItemTitle));
        var (items, _) = await ActivityQueries.ChoicesAsync(db, plan, forBuyer: true);
        Assert.DoesNotContain(items, i => i.Label.Contains("discount") || i.Label.Contains("Champion"));
    }

    [Fact]
    public async Task Another_workspace_gets_404_from_the_feed_api_and_page()
    {
        var seller = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var plan = await seller.NewPlanAsync();
        await MilestoneAsync(seller, plan, "Pilot live", "2026-12-01");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/activity")).StatusCode);
        var web = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/plans/{plan}/activity")).StatusCode);
    }
}

public sealed class ActivityTests_Sqlite(SqliteApp app) : ActivityTests(app), IClassFixture<SqliteApp>;
public sealed class ActivityTests_Postgres(PostgresApp app) : ActivityTests(app), IClassFixture<PostgresApp>;
