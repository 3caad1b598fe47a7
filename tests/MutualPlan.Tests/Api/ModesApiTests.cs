using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

/// <summary>The working mode and the timeline reset, through the API and the pages.</summary>
public abstract class ModesApiTests(TestApp app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<Guid> MilestoneAsync(TestSeller s, Guid plan, string title, string phase, DateOnly date, int days, params Guid[] after) =>
        (await (await s.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones",
            new { title, phase, owner = "Joint", targetDate = Iso(date), durationMinDays = days, durationMaxDays = days, dependsOn = after })).JsonAsync()).GetProperty("id").GetGuid();

    /// <summary>A plan whose first milestone is a month overdue: broken.</summary>
    private static async Task<(Guid Plan, Guid Security, Guid Signature)> BrokenPlanAsync(TestSeller seller)
    {
        var plan = await seller.NewPlanAsync();
        var security = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", Today.AddDays(-30), 3);
        var signature = await MilestoneAsync(seller, plan, "Contract signed", "Signature", Today.AddDays(-20), 1, security);
        return (plan, security, signature);
    }

    [Fact]
    public async Task A_broken_plan_is_in_recovering_mode_and_its_timeline_reset_moves_every_open_date_with_the_reason()
    {
        var seller = await app.NewWorkspaceAsync();
        var (plan, security, signature) = await BrokenPlanAsync(seller);

        var mode = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/mode")).JsonAsync();
        Assert.Equal("Recovering", mode.GetProperty("mode").GetString());
        Assert.Equal(2, mode.GetProperty("slipping").GetArrayLength());

        var constraint = Today.AddDays(60);
        var preview = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/replan?hardConstraint={Iso(constraint)}")).JsonAsync();
        Assert.Equal(2, preview.GetProperty("moves").GetArrayLength());
        Assert.True(preview.GetProperty("feasible").GetBoolean());

        var noReason = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/replan", new { hardConstraint = Iso(constraint) });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        var past = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/replan", new { hardConstraint = Iso(Today.AddDays(-1)), reason = "x" });
        Assert.True((await past.JsonAsync()).GetProperty("errors").TryGetProperty("hardConstraint", out _));
        Assert.Equal(0, (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync()).GetArrayLength());

        var applied = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/replan",
            new { hardConstraint = Iso(constraint), reason = "Budget freeze lifted", agreedWith = "Priya Shah" });
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var milestones = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/milestones")).JsonAsync()).EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetGuid(), m => DateOnly.Parse(m.GetProperty("targetDate").GetString()!));
        Assert.True(milestones[security] > Today);
        Assert.True(milestones[signature] <= constraint && milestones[signature] > milestones[security]);
        var changes = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync();
        Assert.Equal(2, changes.GetArrayLength());
        Assert.All(changes.EnumerateArray(), c => Assert.Equal("Timeline reset: Budget freeze lifted", c.GetProperty("reason").GetString()));

        var after = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/mode")).JsonAsync();
        Assert.Equal("Building", after.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Another_workspace_cannot_read_the_mode_or_reset_the_timeline()
    {
        var owner = await app.NewWorkspaceAsync();
        var (plan, _, _) = await BrokenPlanAsync(owner);
        var stranger = await app.NewWorkspaceAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/mode")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/replan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync($"/api/v1/plans/{plan}/replan", new { reason = "mine now" })).StatusCode);
        var web = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/plans/{plan}/replan")).StatusCode);
        Assert.Equal(0, (await (await owner.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task The_plan_page_leads_with_the_mode_and_the_reset_page_applies_the_new_timeline()
    {
        var seller = await app.NewWorkspaceAsync();
        var (plan, security, _) = await BrokenPlanAsync(seller);
        var web = await seller.LoginAsync();

        var page = Html.Parse(await web.GetStringAsync($"/plans/{plan}"));
        Assert.Equal("Working mode: Recovering", page.QuerySelector("#mode-title")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"#mode tr[data-milestone='{security}']"));
        Assert.NotNull(page.QuerySelector($"#mode a[href='/plans/{plan}/replan']"));

        var form = await web.GetStringAsync($"/plans/{plan}/replan");
        Assert.Equal(2, Html.Parse(form).QuerySelectorAll("table.replan-moves tbody tr").Length);
        var token = Html.AntiforgeryToken(form);

        var invalid = await web.PostAsync($"/plans/{plan}/replan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["hardConstraint"] = Iso(Today.AddDays(45)), ["reason"] = "", ["confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var invalidDoc = Html.Parse(await invalid.Content.ReadAsStringAsync());
        Assert.NotNull(invalidDoc.QuerySelector("#replan-reason-error"));
        Assert.Equal(Iso(Today.AddDays(45)), invalidDoc.QuerySelector("#replan-hardConstraint")!.GetAttribute("value"));

        var ok = await web.PostAsync($"/plans/{plan}/replan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["hardConstraint"] = Iso(Today.AddDays(45)), ["reason"] = "New budget cycle", ["confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var changes = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync();
        Assert.Equal(2, changes.GetArrayLength());
    }
}

public sealed class ModesApiTests_Sqlite(SqliteApp app) : ModesApiTests(app), IClassFixture<SqliteApp>;
public sealed class ModesApiTests_Postgres(PostgresApp app) : ModesApiTests(app), IClassFixture<PostgresApp>;
