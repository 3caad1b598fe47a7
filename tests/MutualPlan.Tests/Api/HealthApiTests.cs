using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

public abstract class HealthApiTests(TestApp app)
{
    [Fact]
    public async Task The_health_report_explains_findings_and_a_one_click_fix_resolves_one()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/health";

        var before = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.InRange(before.GetProperty("score").GetInt32(), 0, 99);
        var economicBuyer = before.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "stakeholders.no-economic-buyer");
        Assert.Equal("High", economicBuyer.GetProperty("severity").GetString());
        Assert.Equal("addMilestone", economicBuyer.GetProperty("fix").GetProperty("kind").GetString());

        var fixedReport = await seller.Api.PostAsync($"{url}/fixes/stakeholders.no-economic-buyer", null);
        Assert.Equal(HttpStatusCode.OK, fixedReport.StatusCode);
        var milestones = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/milestones")).JsonAsync();
        Assert.Contains(milestones.EnumerateArray(), m => m.GetProperty("title").GetString() == "Identify and engage the economic buyer");

        var review = await seller.Api.PostAsync($"{url}/fixes/alive.review-due", null);
        var after = await review.JsonAsync();
        Assert.DoesNotContain(after.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "alive.review-due");
        Assert.True(after.GetProperty("score").GetInt32() > before.GetProperty("score").GetInt32() - 20);

        var gone = await seller.Api.PostAsync($"{url}/fixes/alive.review-due", null);
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
    }

    [Fact]
    public async Task Sharing_the_plan_answers_the_never_shared_finding_at_once()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2027-02-10" });
        static IEnumerable<string?> Rules(System.Text.Json.JsonElement r) => r.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString());
        var url = $"/api/v1/plans/{plan}/health";

        var before = Rules(await (await seller.Api.GetAsync(url)).JsonAsync()).ToList();
        Assert.Contains("shared.never-shared", before);
        Assert.DoesNotContain("signed.not-signed", before);

        var link = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/share-links", new { label = "Northwind buying team" });
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        var after = Rules(await (await seller.Api.GetAsync(url)).JsonAsync()).ToList();
        Assert.DoesNotContain("shared.never-shared", after);
        Assert.Contains("signed.not-signed", after);
    }

    [Fact]
    public async Task Another_workspace_cannot_read_or_fix_a_plans_health()
    {
        var owner = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var plan = await owner.NewPlanAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsync($"/api/v1/plans/{plan}/health/fixes/alive.review-due", null)).StatusCode);
        Assert.Equal(0, (await (await owner.Api.GetAsync($"/api/v1/plans/{plan}/milestones")).JsonAsync()).GetArrayLength());
    }
}

public sealed class HealthApiTests_Sqlite(SqliteApp app) : HealthApiTests(app), IClassFixture<SqliteApp>;
public sealed class HealthApiTests_Postgres(PostgresApp app) : HealthApiTests(app), IClassFixture<PostgresApp>;
