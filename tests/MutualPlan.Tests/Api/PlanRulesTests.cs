using System.Net;
using System.Text.Json;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

/// <summary>The rules beyond field formats: references inside the plan, cycles, sides, dates.</summary>
public abstract class PlanRulesTests(TestApp app)
{
    private static async Task<JsonElement> Created(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return await r.JsonAsync();
    }

    private static async Task<string> ErrorFor(HttpResponseMessage r, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await r.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        return messages[0].GetString()!;
    }

    [Fact]
    public async Task Reports_to_cannot_make_a_loop_and_roles_must_fit_the_side()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/stakeholders";
        var cfo = await Created(await seller.Api.PostJsonAsync(url, new { name = "Marcus", side = "Buyer", role = "EconomicBuyer" }));
        var priya = await Created(await seller.Api.PostJsonAsync(url, new { name = "Priya", side = "Buyer", role = "Champion", reportsToId = cfo.GetProperty("id").GetGuid() }));

        var loop = await seller.Api.PutJsonAsync($"{url}/{cfo.GetProperty("id").GetGuid()}",
            new { name = "Marcus", side = "Buyer", role = "EconomicBuyer", reportsToId = priya.GetProperty("id").GetGuid(), version = 1 });
        Assert.Contains("loop", await ErrorFor(loop, "reportsToId"));

        var wrongSide = await seller.Api.PostJsonAsync(url, new { name = "Alex", side = "Buyer", role = "AccountExecutive" });
        Assert.Contains("not a buyer-side role", await ErrorFor(wrongSide, "role"));
        var badEmail = await seller.Api.PostJsonAsync(url, new { name = "Alex", side = "Seller", role = "AccountExecutive", email = "alex-at-example" });
        await ErrorFor(badEmail, "email");
    }

    [Fact]
    public async Task Deleting_a_manager_clears_reports_to()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/stakeholders";
        var boss = (await Created(await seller.Api.PostJsonAsync(url, new { name = "Boss", side = "Buyer", role = "EconomicBuyer" }))).GetProperty("id").GetGuid();
        var report = (await Created(await seller.Api.PostJsonAsync(url, new { name = "Report", side = "Buyer", role = "Champion", reportsToId = boss }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/{boss}")).StatusCode);
        var after = await (await seller.Api.GetAsync($"{url}/{report}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, after.GetProperty("reportsToId").ValueKind);
    }

    [Fact]
    public async Task A_dependency_cycle_is_refused_with_the_cycle_named()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/milestones";
        object M(string title, params Guid[] deps) => new { title, phase = "Evaluation", owner = "Joint", targetDate = "2026-12-01", dependsOn = deps };
        var a = (await Created(await seller.Api.PostJsonAsync(url, M("Alpha")))).GetProperty("id").GetGuid();
        var b = (await Created(await seller.Api.PostJsonAsync(url, M("Bravo", a)))).GetProperty("id").GetGuid();
        var c = (await Created(await seller.Api.PostJsonAsync(url, M("Charlie", b)))).GetProperty("id").GetGuid();

        var loop = await seller.Api.PutJsonAsync($"{url}/{a}", new { title = "Alpha", phase = "Evaluation", owner = "Joint", targetDate = "2026-12-01", dependsOn = new[] { c }, version = 1 });
        var message = await ErrorFor(loop, "dependsOn");
        Assert.Contains("“Alpha” → “Charlie” → “Bravo” → “Alpha”", message);
        var self = await seller.Api.PutJsonAsync($"{url}/{b}", new { title = "Bravo", phase = "Evaluation", owner = "Joint", targetDate = "2026-12-01", dependsOn = new[] { b }, version = 1 });
        Assert.Contains("itself", await ErrorFor(self, "dependsOn"));
    }

    [Fact]
    public async Task Action_assignees_come_from_this_plan_and_the_actions_side()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync("A");
        var other = await seller.NewPlanAsync("B");
        var buyer = (await Created(await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Tom", side = "Buyer", role = "TechnicalBuyer" }))).GetProperty("id").GetGuid();
        var elsewhere = (await Created(await seller.Api.PostJsonAsync($"/api/v1/plans/{other}/stakeholders", new { name = "Zoe", side = "Seller", role = "AccountExecutive" }))).GetProperty("id").GetGuid();
        var m = (await Created(await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "M", phase = "Evaluation", owner = "Joint", targetDate = "2026-12-01" }))).GetProperty("id").GetGuid();
        var url = $"/api/v1/plans/{plan}/milestones/{m}/actions";

        Assert.Contains("buyer side", await ErrorFor(await seller.Api.PostJsonAsync(url, new { description = "x", side = "Seller", assigneeId = buyer }), "assigneeId"));
        await ErrorFor(await seller.Api.PostJsonAsync(url, new { description = "x", side = "Seller", assigneeId = elsewhere }), "assigneeId");
        await ErrorFor(await seller.Api.PostJsonAsync(url, new { description = "x", side = "Buyer", isInternal = true }), "isInternal");
        await ErrorFor(await seller.Api.PostRawJsonAsync(url, """{"description":"x","side":"Buyer","dueDate":"tomorrow"}"""), "dueDate");

        var done = await Created(await seller.Api.PostJsonAsync(url, new { description = "Send it", side = "Buyer", assigneeId = buyer, status = "Done" }));
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedOn").ValueKind);
    }

    [Fact]
    public async Task A_risk_cannot_point_at_another_plans_milestone()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync("A");
        var other = await seller.NewPlanAsync("B");
        var foreign = (await Created(await seller.Api.PostJsonAsync($"/api/v1/plans/{other}/milestones", new { title = "M", phase = "Legal", owner = "Joint", targetDate = "2026-12-01" }))).GetProperty("id").GetGuid();
        await ErrorFor(await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/risks", new { description = "r", milestoneId = foreign }), "milestoneId");
        await ErrorFor(await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/risks", new { description = "r", delayDays = -3 }), "delayDays");
    }

    [Fact]
    public async Task Measurements_are_kept_in_date_order_and_drive_progress()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var metric = (await Created(await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/metrics", new { name = "Days to close", baseline = 9, target = 4 }))).GetProperty("id").GetGuid();
        var url = $"/api/v1/plans/{plan}/metrics/{metric}/measurements";
        await Created(await seller.Api.PostJsonAsync(url, new { measuredOn = "2026-10-31", value = 6 }));
        await Created(await seller.Api.PostJsonAsync(url, new { measuredOn = "2026-09-30", value = 8 }));
        await ErrorFor(await seller.Api.PostJsonAsync(url, new { measuredOn = "2099-01-01", value = 1 }), "measuredOn");
        await ErrorFor(await seller.Api.PostJsonAsync(url, new { measuredOn = "2026-10-01" }), "value");

        var list = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal("2026-09-30", list[0].GetProperty("measuredOn").GetString());
        var m = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/metrics/{metric}")).JsonAsync();
        Assert.Equal(0.6m, m.GetProperty("progress").GetDecimal());
    }

    [Fact]
    public async Task Fixed_sections_round_trip_and_refuse_a_stale_plan_version()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}";

        var ctx = await seller.Api.PutJsonAsync($"{url}/business-context", new { currentState = "9-day close", budgetStatus = "Approved", customerLanguage = "Looking backwards", version = 1 });
        Assert.Equal(HttpStatusCode.OK, ctx.StatusCode);
        var readiness = await seller.Api.PutJsonAsync($"{url}/readiness", new { outcomeAgreed = true, procurementCycleDays = 7, championAuthority = "Liaison", version = 2 });
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        var stale = await seller.Api.PutJsonAsync($"{url}/communication", new { channels = "Slack", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var doc = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal("Looking backwards", doc.GetProperty("businessContext").GetProperty("customerLanguage").GetString());
        Assert.Equal("Liaison", doc.GetProperty("readiness").GetProperty("championAuthority").GetString());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("communication").GetProperty("channels").ValueKind);

        await ErrorFor(await seller.Api.PutJsonAsync($"{url}/readiness", new { procurementCycleDays = 400, version = 3 }), "procurementCycleDays");
        await ErrorFor(await seller.Api.PutJsonAsync($"{url}/internal-notes", new { notes = new string('n', 4001), version = 3 }), "notes");
        await ErrorFor(await seller.Api.PutJsonAsync($"{url}/review", new { cadence = "weekly", nextReviewDate = "soon", version = 3 }), "nextReviewDate");
    }

    [Fact]
    public async Task Key_dates_must_run_in_deal_order()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var bad = await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/timeline-summary",
            new { expectedSignature = "2027-01-10", implementationKickoff = "2027-01-20", goLive = "2027-01-15", version = 1 });
        Assert.Contains("implementation kick-off", await ErrorFor(bad, "goLive"));
        var good = await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/timeline-summary",
            new { expectedSignature = "2027-01-10", goLive = "2027-03-01", valueRealised = "2027-06-01", version = 1 });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }
}

public sealed class PlanRulesTests_Sqlite(SqliteApp app) : PlanRulesTests(app), IClassFixture<SqliteApp>;
public sealed class PlanRulesTests_Postgres(PostgresApp app) : PlanRulesTests(app), IClassFixture<PostgresApp>;
