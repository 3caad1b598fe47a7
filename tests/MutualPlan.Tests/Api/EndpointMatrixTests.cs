using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

/// <summary>
/// Every list endpoint of a plan, exercised the same way: a full round trip for the owner, and
/// 404 on every verb for a seller of another workspace, for anonymous callers 401, and 404 when an
/// item of another plan of the same workspace is addressed through this plan's URL.
/// </summary>
public abstract class EndpointMatrixTests(TestApp app)
{
    public sealed record Case(string Name, string Segment, object Create, object Update, string UpdatedField, string UpdatedValue, bool UnderMilestone = false);

    public static TheoryData<string> Cases => new(AllCases.Select(c => c.Name));

    private static readonly Case[] AllCases =
    [
        new("objectives", "objectives", new { title = "Close in 4 days" }, new { title = "Close in 3 days" }, "title", "Close in 3 days"),
        new("stakeholders", "stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion" },
            new { name = "Priya Shah-Lee", side = "Buyer", role = "Champion", buyIn = "OnBoard" }, "name", "Priya Shah-Lee"),
        new("milestones", "milestones", new { title = "Security review approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" },
            new { title = "Security review approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-17", status = "OnTrack" }, "targetDate", "2026-12-17"),
        new("risks", "risks", new { description = "IT backlog" }, new { description = "IT backlog grows", probability = "High", impact = "High" }, "description", "IT backlog grows"),
        new("resources", "resources", new { side = "Buyer", kind = "People", description = "Two AP clerks" },
            new { side = "Seller", kind = "People", description = "Onboarding consultant" }, "description", "Onboarding consultant"),
        new("metrics", "metrics", new { name = "Days to close", baseline = 9, target = 4, unit = "days" },
            new { name = "Days to close", baseline = 9, target = 3, unit = "days" }, "target", "3"),
        new("calendar", "calendar", new { kind = "Holiday", label = "Founders' day", from = "2026-12-08" },
            new { kind = "Blackout", label = "Year-end freeze", from = "2026-12-20", to = "2027-01-04" }, "label", "Year-end freeze"),
        new("actions", "actions", new { description = "Send questionnaire", side = "Buyer" },
            new { description = "Send questionnaire", side = "Buyer", status = "Done" }, "status", "Done", UnderMilestone: true),
        new("assumptions", "assumptions", new { text = "CFO review happens" }, new { text = "CFO review happens on 12 March" }, "text", "CFO review happens on 12 March", UnderMilestone: true),
    ];

    private static Case Find(string name) => AllCases.Single(c => c.Name == name);

    private static async Task<string> BaseUrlAsync(TestSeller seller, Guid planId, Case c)
    {
        if (!c.UnderMilestone) return $"/api/v1/plans/{planId}/{c.Segment}";
        var m = await (await seller.Api.PostJsonAsync($"/api/v1/plans/{planId}/milestones",
            new { title = "Parent milestone", phase = "Evaluation", owner = "Joint", targetDate = "2026-12-01" })).JsonAsync();
        return $"/api/v1/plans/{planId}/milestones/{m.GetProperty("id").GetGuid()}/{c.Segment}";
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task The_owner_can_create_read_update_move_and_delete(string name)
    {
        var c = Find(name);
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = await BaseUrlAsync(seller, plan, c);

        var created = await seller.Api.PostJsonAsync(url, c.Create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await created.JsonAsync();
        var id = first.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await seller.Api.PostJsonAsync(url, c.Create)).StatusCode);

        var get = await seller.Api.GetAsync($"{url}/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"1\"", get.Headers.ETag?.Tag);

        var update = Merge(c.Update, ("version", 1));
        var updated = await seller.Api.PutJsonAsync($"{url}/{id}", update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.JsonAsync();
        Assert.Equal(c.UpdatedValue, body.GetProperty(c.UpdatedField).ToString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());

        var stale = await seller.Api.PutJsonAsync($"{url}/{id}", update);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(c.UpdatedValue, (await stale.JsonAsync()).GetProperty("current").GetProperty(c.UpdatedField).ToString());

        var moved = await (await seller.Api.PostJsonAsync($"{url}/{id}/move", new { position = 1 })).JsonAsync();
        Assert.Equal(id, moved[1].GetProperty("id").GetGuid());

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.GetAsync($"{url}/{id}")).StatusCode);
        Assert.Equal(1, (await (await seller.Api.GetAsync(url)).JsonAsync()).GetArrayLength());
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Another_workspace_gets_404_on_every_verb_and_changes_nothing(string name)
    {
        var c = Find(name);
        var owner = await app.NewWorkspaceAsync("Owner Inc");
        var stranger = await app.NewWorkspaceAsync("Stranger Ltd");
        var plan = await owner.NewPlanAsync();
        var url = await BaseUrlAsync(owner, plan, c);
        var id = (await (await owner.Api.PostJsonAsync(url, c.Create)).JsonAsync()).GetProperty("id").GetGuid();

        var responses = new[]
        {
            await stranger.Api.GetAsync(url),
            await stranger.Api.GetAsync($"{url}/{id}"),
            await stranger.Api.PostJsonAsync(url, c.Create),
            await stranger.Api.PutJsonAsync($"{url}/{id}", Merge(c.Update, ("version", 1))),
            await stranger.Api.PostJsonAsync($"{url}/{id}/move", new { position = 0 }),
            await stranger.Api.DeleteAsync($"{url}/{id}"),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var still = await (await owner.Api.GetAsync($"{url}/{id}")).JsonAsync();
        Assert.Equal(1, still.GetProperty("version").GetInt32());
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task An_item_of_another_plan_is_not_found_through_this_plans_url(string name)
    {
        var c = Find(name);
        var seller = await app.NewWorkspaceAsync();
        var planA = await seller.NewPlanAsync("A");
        var planB = await seller.NewPlanAsync("B");
        var urlA = await BaseUrlAsync(seller, planA, c);
        var urlB = await BaseUrlAsync(seller, planB, c);
        var idA = (await (await seller.Api.PostJsonAsync(urlA, c.Create)).JsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.GetAsync($"{urlB}/{idA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.PutJsonAsync($"{urlB}/{idA}", Merge(c.Update, ("version", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.DeleteAsync($"{urlB}/{idA}")).StatusCode);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Anonymous_and_revoked_or_unknown_tokens_get_401(string name)
    {
        var c = Find(name);
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = await BaseUrlAsync(seller, plan, c);
        var anonymous = app.CreateClient();
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "mp_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync(url, c.Create)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(url)).StatusCode);
    }

    private static Dictionary<string, object?> Merge(object body, params (string Key, object? Value)[] extra)
    {
        var dict = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(
            System.Text.Json.JsonSerializer.Serialize(body))!;
        foreach (var (k, v) in extra) dict[k] = v;
        return dict;
    }
}

public sealed class EndpointMatrixTests_Sqlite(SqliteApp app) : EndpointMatrixTests(app), IClassFixture<SqliteApp>;
public sealed class EndpointMatrixTests_Postgres(PostgresApp app) : EndpointMatrixTests(app), IClassFixture<PostgresApp>;
