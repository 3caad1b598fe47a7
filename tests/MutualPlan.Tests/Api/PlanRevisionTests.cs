using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Api;

/// <summary>
/// The rendered plan is cached per plan revision, so every kind of change inside a plan must
/// raise the revision — or readers would see stale content.
/// </summary>
public abstract class PlanRevisionTests(TestApp app)
{
    private async Task<int> RevisionAsync(Guid plan)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Plans.Where(p => p.Id == plan).Select(p => p.Revision).SingleAsync();
    }

    [Fact]
    public async Task Changes_deep_inside_a_plan_raise_its_revision_and_show_in_the_cached_document()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var other = await seller.NewPlanAsync("Untouched");
        var url = $"/api/v1/plans/{plan}";
        var m = (await (await seller.Api.PostJsonAsync($"{url}/milestones", new { title = "M", phase = "Legal", owner = "Joint", targetDate = "2026-12-01" })).JsonAsync()).GetProperty("id").GetGuid();
        var a = (await (await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "Before", side = "Buyer" })).JsonAsync()).GetProperty("id").GetGuid();
        var k = (await (await seller.Api.PostJsonAsync($"{url}/metrics", new { name = "Days", baseline = 9, target = 4 })).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Contains("Before", await (await seller.Api.GetAsync(url)).Content.ReadAsStringAsync());

        var r0 = await RevisionAsync(plan);
        await seller.Api.PutJsonAsync($"{url}/milestones/{m}/actions/{a}", new { description = "After", side = "Buyer", version = 1 });
        var r1 = await RevisionAsync(plan);
        Assert.True(r1 > r0);
        Assert.Contains("After", await (await seller.Api.GetAsync(url)).Content.ReadAsStringAsync());

        await seller.Api.PostJsonAsync($"{url}/metrics/{k}/measurements", new { measuredOn = "2026-11-01", value = 7 });
        var r2 = await RevisionAsync(plan);
        Assert.True(r2 > r1);
        var doc = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal(7, doc.GetProperty("metrics")[0].GetProperty("measurements")[0].GetProperty("value").GetDecimal());

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/milestones/{m}")).StatusCode);
        Assert.True(await RevisionAsync(plan) > r2);
        Assert.Equal(0, (await (await seller.Api.GetAsync(url)).JsonAsync()).GetProperty("milestones").GetArrayLength());
        Assert.Equal(0, await RevisionAsync(other));
    }

    [Fact]
    public async Task The_cached_page_shows_a_change_made_through_the_api()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();
        Assert.DoesNotContain("Procurement signs off", await web.GetStringAsync($"/plans/{plan}"));
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Procurement signs off", phase = "Procurement", owner = "Buyer", targetDate = "2026-12-01" });
        Assert.Contains("Procurement signs off", await web.GetStringAsync($"/plans/{plan}"));
    }
}

public sealed class PlanRevisionTests_Sqlite(SqliteApp app) : PlanRevisionTests(app), IClassFixture<SqliteApp>;
public sealed class PlanRevisionTests_Postgres(PostgresApp app) : PlanRevisionTests(app), IClassFixture<PostgresApp>;
