using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

public abstract class RescheduleTests(TestApp app)
{
    private static async Task<Guid> MilestoneAsync(TestSeller s, Guid plan, string title, string phase, string date, params Guid[] after) =>
        (await (await s.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title, phase, owner = "Joint", targetDate = date, dependsOn = after })).JsonAsync()).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_reschedule_with_a_reason_moves_the_chosen_dependents_and_records_every_move()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var a = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", "2026-12-04");
        var b = await MilestoneAsync(seller, plan, "Procurement approves", "Procurement", "2026-12-14", a);
        var c = await MilestoneAsync(seller, plan, "Contract signed", "Signature", "2026-12-18", b);
        var url = $"/api/v1/plans/{plan}/milestones/{a}/reschedule";

        var preview = await (await seller.Api.GetAsync($"{url}?newDate=2026-12-09")).JsonAsync();
        Assert.Equal(2, preview.GetProperty("dependents").GetArrayLength());
        Assert.Equal("2026-12-23", preview.GetProperty("signatureAfter").GetString());

        var noReason = await seller.Api.PostJsonAsync(url, new { newDate = "2026-12-09" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));

        var done = await seller.Api.PostJsonAsync(url, new { newDate = "2026-12-09", reason = "IT freeze until 8 Dec", agreedWith = "Priya Shah", moveDependents = new[] { b } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var milestones = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/milestones")).JsonAsync()).EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetGuid(), m => m.GetProperty("targetDate").GetString());
        Assert.Equal("2026-12-09", milestones[a]);
        Assert.Equal("2026-12-17", milestones[b]);
        Assert.Equal("2026-12-18", milestones[c]); // not chosen: stays

        var changes = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync();
        Assert.Equal(2, changes.GetArrayLength());
        var own = changes.EnumerateArray().Single(c => c.GetProperty("milestoneId").GetGuid() == a);
        var follower = changes.EnumerateArray().Single(c => c.GetProperty("milestoneId").GetGuid() == b);
        Assert.Equal("IT freeze until 8 Dec", own.GetProperty("reason").GetString());
        Assert.Contains("with Priya Shah", own.GetProperty("agreedBy").GetString());
        Assert.StartsWith("Follows “Security approved”", follower.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_date_edited_in_the_milestone_form_is_recorded_too()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var a = await MilestoneAsync(seller, plan, "Legal approves", "Legal", "2026-12-04");
        await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{a}", new { title = "Legal approves", phase = "Legal", owner = "Joint", targetDate = "2026-12-11", version = 1 });
        var changes = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync();
        Assert.Equal("2026-12-04", changes[0].GetProperty("oldDate").GetString());
        Assert.Equal("", changes[0].GetProperty("reason").GetString());
        var health = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/health")).JsonAsync();
        Assert.Contains(health.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "alive.unexplained-date-change");
    }

    [Fact]
    public async Task Another_workspace_can_neither_preview_nor_reschedule_nor_read_the_history()
    {
        var owner = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var plan = await owner.NewPlanAsync();
        var a = await MilestoneAsync(owner, plan, "Security approved", "TechnicalValidation", "2026-12-04");
        var url = $"/api/v1/plans/{plan}/milestones/{a}/reschedule";
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{url}?newDate=2026-12-09")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync(url, new { newDate = "2026-12-09", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync(url, new { newDate = "2026-12-09" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).StatusCode);
    }

    [Fact]
    public async Task The_reschedule_form_previews_then_agrees()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var a = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", "2026-12-04");
        await MilestoneAsync(seller, plan, "Contract signed", "Signature", "2026-12-18", a);
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}");
        async Task<string> Post(Dictionary<string, string> form)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, $"/plans/{plan}/reschedule?milestoneId={a}") { Content = new FormUrlEncodedContent(form) };
            r.Headers.Add("HX-Request", "true");
            r.Headers.Add("RequestVerificationToken", Html.AntiforgeryToken(page));
            return await (await web.SendAsync(r)).Content.ReadAsStringAsync();
        }
        var preview = await Post(new() { ["newDate"] = "2026-12-09", ["reason"] = "IT freeze" });
        Assert.Contains("Agree new dates", preview);
        Assert.Contains("Signature moves from", preview);
        var agreed = await Post(new() { ["newDate"] = "2026-12-09", ["reason"] = "IT freeze", ["confirm"] = "true", ["moveDependents"] = Html.Parse(preview).QuerySelector("input[name=moveDependents]")!.GetAttribute("value")! });
        Assert.Contains("New dates agreed", agreed);
        Assert.Contains("Date moved 1 time", agreed);
    }
}

public sealed class RescheduleTests_Sqlite(SqliteApp app) : RescheduleTests(app), IClassFixture<SqliteApp>;
public sealed class RescheduleTests_Postgres(PostgresApp app) : RescheduleTests(app), IClassFixture<PostgresApp>;
