using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

public abstract class StatusUpdateTests(TestApp app)
{
    [Fact]
    public async Task An_update_is_drafted_saved_and_listed_and_its_markdown_renders_inert()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Fit confirmed", phase = "Evaluation", owner = "Buyer", targetDate = today.ToString("yyyy-MM-dd"), status = "Done" });

        var draft = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/status-updates/draft")).JsonAsync();
        Assert.Contains("Fit confirmed", draft.GetProperty("markdown").GetString());

        var generated = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/status-updates", new { from = today.AddDays(-6).ToString("yyyy-MM-dd"), to = today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        Assert.Contains("Milestones completed", (await generated.JsonAsync()).GetProperty("body").GetString());

        var hostile = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/status-updates",
            new { from = "2026-11-01", to = "2026-11-07", body = "Hello <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>" });
        Assert.Equal(HttpStatusCode.Created, hostile.StatusCode);
        Assert.Equal(2, (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/status-updates")).JsonAsync()).GetArrayLength());

        var web = await seller.LoginAsync();
        var page = Html.Parse(await web.GetStringAsync($"/plans/{plan}/updates"));
        var bodies = page.QuerySelectorAll(".update-body");
        Assert.Equal(2, bodies.Length);
        Assert.Empty(page.QuerySelectorAll(".update-body script, .update-body img, .update-body [onerror]"));
        Assert.DoesNotContain(page.QuerySelectorAll(".update-body a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_and_other_workspaces_see_nothing()
    {
        var seller = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var plan = await seller.NewPlanAsync();
        var bad = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/status-updates", new { from = "2026-11-10", to = "2026-11-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/status-updates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/status-updates/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync($"/api/v1/plans/{plan}/status-updates", new { from = "2026-11-01", to = "2026-11-07" })).StatusCode);
        var strangerWeb = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{plan}/updates")).StatusCode);
    }
}

public sealed class StatusUpdateTests_Sqlite(SqliteApp app) : StatusUpdateTests(app), IClassFixture<SqliteApp>;
public sealed class StatusUpdateTests_Postgres(PostgresApp app) : StatusUpdateTests(app), IClassFixture<PostgresApp>;
