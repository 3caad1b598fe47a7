using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

/// <summary>The buyer calendar through the API, and what it changes: pins, durations, slips.</summary>
public abstract class CalendarApiTests(TestApp app)
{
    [Fact]
    public async Task A_blackout_needs_a_sensible_last_day()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/calendar";

        var missing = await seller.Api.PostJsonAsync(url, new { kind = "Blackout", label = "Freeze", from = "2026-12-20" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("to", out _));

        var backwards = await seller.Api.PostJsonAsync(url, new { kind = "Blackout", label = "Freeze", from = "2026-12-20", to = "2026-12-01" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);

        var noLabel = await seller.Api.PostJsonAsync(url, new { kind = "Holiday", from = "2026-12-20" });
        Assert.True((await noLabel.JsonAsync()).GetProperty("errors").TryGetProperty("label", out _));

        var holiday = await (await seller.Api.PostJsonAsync(url, new { kind = "Holiday", label = "Founders' day", from = "2026-12-08", to = "2026-12-31" })).JsonAsync();
        Assert.Equal("2026-12-08", holiday.GetProperty("to").GetString()); // a holiday is one day whatever "to" says
        Assert.Equal(1, (await (await seller.Api.GetAsync(url)).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_milestone_is_pinned_only_to_a_fixed_event_of_its_own_plan_and_deleting_the_event_unpins_it()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var other = await seller.NewPlanAsync();
        var cfo = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/calendar", new { kind = "FixedEvent", label = "CFO budget review", from = "2027-01-14" })).JsonAsync()).GetProperty("id").GetGuid();
        var holiday = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/calendar", new { kind = "Holiday", label = "Founders' day", from = "2026-12-08" })).JsonAsync()).GetProperty("id").GetGuid();
        var foreign = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{other}/calendar", new { kind = "FixedEvent", label = "Board", from = "2027-01-20" })).JsonAsync()).GetProperty("id").GetGuid();

        object Body(Guid? pin, int? min = 3, int? max = 5) => new { title = "Budget approved", phase = "Approval", owner = "Buyer", targetDate = "2027-01-14", durationMinDays = min, durationMaxDays = max, pinnedEventId = pin };
        foreach (var bad in new[] { holiday, foreign, Guid.NewGuid() })
        {
            var r = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", Body(bad));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await r.JsonAsync()).GetProperty("errors").TryGetProperty("pinnedEventId", out _));
        }
        var shorter = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", Body(cfo, 8, 5));
        Assert.True((await shorter.JsonAsync()).GetProperty("errors").TryGetProperty("durationMaxDays", out _));
        var tooLong = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", Body(cfo, 3, 400));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var created = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", Body(cfo));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var m = await created.JsonAsync();
        Assert.Equal(cfo, m.GetProperty("pinnedEventId").GetGuid());
        Assert.Equal(5, m.GetProperty("durationMaxDays").GetInt32());

        // The event cannot quietly become a holiday while a milestone hangs on it.
        var retype = await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/calendar/{cfo}", new { kind = "Holiday", label = "CFO budget review", from = "2027-01-14", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, retype.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"/api/v1/plans/{plan}/calendar/{cfo}")).StatusCode);
        var after = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/milestones/{m.GetProperty("id").GetGuid()}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("pinnedEventId").ValueKind);
    }

    [Fact]
    public async Task A_slip_proposal_counts_the_buyers_holidays_and_blackouts()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        async Task<Guid> Milestone(string title, string phase, string date, params Guid[] after) =>
            (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title, phase, owner = "Joint", targetDate = date, dependsOn = after })).JsonAsync()).GetProperty("id").GetGuid();
        var a = await Milestone("Security approved", "TechnicalValidation", "2026-12-04");
        var b = await Milestone("Procurement approves", "Procurement", "2026-12-14", a);
        var url = $"/api/v1/plans/{plan}/milestones/{a}/reschedule?newDate=2026-12-09";

        // Without a calendar: a 3-working-day move (4 → 9 Dec) moves the follower 14 → 17 Dec.
        var before = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal("2026-12-17", before.GetProperty("dependents")[0].GetProperty("to").GetString());

        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/calendar", new { kind = "Blackout", label = "Stocktake", from = "2026-12-15", to = "2026-12-18" });
        var after = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal("2026-12-23", after.GetProperty("dependents")[0].GetProperty("to").GetString());
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteApp app) : CalendarApiTests(app), IClassFixture<SqliteApp>;
public sealed class CalendarApiTests_Postgres(PostgresApp app) : CalendarApiTests(app), IClassFixture<PostgresApp>;
