using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Tests.Sharing;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Engagement;
using MutualPlan.Web.Features.Sharing;

namespace MutualPlan.Tests.Engagement;

/// <summary>The server's accounting rules on their own: caps, idle reports and the visit gap.</summary>
public sealed class EngagementRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_report_is_credited_no_more_than_the_time_that_passed_plus_a_little_slack()
    {
        Assert.Equal(15, EngagementRules.Credit(15, T0, T0.AddSeconds(15)));
        Assert.Equal(3, EngagementRules.Credit(15, T0, T0.AddSeconds(1)));
        Assert.Equal(EngagementRules.SlackSeconds, EngagementRules.Credit(15, T0, T0));
    }

    [Fact]
    public void One_report_never_counts_for_more_than_the_per_report_cap_and_never_negative()
    {
        Assert.Equal(EngagementRules.MaxBeatSeconds, EngagementRules.Credit(3600, T0, T0.AddHours(1)));
        Assert.Equal(EngagementRules.MaxBeatSeconds, EngagementRules.Credit(3600, null, T0));
        Assert.Equal(0, EngagementRules.Credit(-20, T0, T0.AddMinutes(1)));
        Assert.Equal(0, EngagementRules.Credit(0, T0, T0.AddMinutes(1)));
    }

    [Fact]
    public void A_visit_continues_within_thirty_minutes_and_ends_after()
    {
        Assert.True(EngagementRules.Continues(T0, T0.AddMinutes(30)));
        Assert.False(EngagementRules.Continues(T0, T0.AddMinutes(31)));
    }

    [Fact]
    public void Durations_and_ages_read_as_people_say_them()
    {
        Assert.Equal("35 s", EngagementRules.Duration(35));
        Assert.Equal("4 min 10 s", EngagementRules.Duration(250));
        Assert.Equal("2 h 05 min", EngagementRules.Duration(7500));
        Assert.Equal("just now", EngagementRules.Ago(T0, T0.AddSeconds(20)));
        Assert.Equal("1 hour ago", EngagementRules.Ago(T0, T0.AddMinutes(61)));
        Assert.Equal("3 days ago", EngagementRules.Ago(T0, T0.AddDays(3.2)));
    }
}

/// <summary>Engagement of link visitors recorded through the buyer's view and reported to the seller.</summary>
public abstract class EngagementTests(TestApp app)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<HttpResponseMessage> BeatAsync(HttpClient buyer, string path, string html, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path + "/engagement")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", Html.AntiforgeryToken(html));
        return await buyer.SendAsync(request);
    }

    private async Task<JsonElement> ReportAsync(SharedPlan s)
    {
        var r = await s.Seller.Api.GetAsync($"{s.Api}/engagement");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.JsonAsync();
    }

    /// <summary>The plan as GET /api/v1/plans lists it.</summary>
    private static async Task<JsonElement> ListedAsync(SharedPlan s)
    {
        var list = await (await s.Seller.Api.GetAsync("/api/v1/plans?pageSize=100")).JsonAsync();
        return list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == s.Plan);
    }

    /// <summary>The session a visitor of the link holds, read back from the database (for driving the recorder with chosen times).</summary>
    private async Task<BuyerSession> SessionAsync(SharedPlan s, Guid linkId)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var link = await db.ShareLinks.AsNoTracking().SingleAsync(l => l.Id == linkId);
        var visitor = await db.LinkVisitors.AsNoTracking().Where(v => v.LinkId == linkId).OrderByDescending(v => v.FirstSeenAt).FirstAsync();
        return new BuyerSession(link, s.Seller.WorkspaceId, "t", visitor.Id, visitor.Name ?? "Visitor", visitor.Email, visitor.StakeholderId);
    }

    [Fact]
    public async Task Opening_a_link_counts_a_visit_with_first_and_last_view_and_the_plan_shows_buyer_last_active()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (linkId, path) = await s.LinkAsync(new { label = "Northwind team" });
        var before = await ReportAsync(s);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("buyerLastActiveAt").ValueKind);
        Assert.Equal(0, before.GetProperty("people").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, (await ListedAsync(s)).GetProperty("buyerLastActiveAt").ValueKind);

        var buyer = s.Browser();
        var html = await (await buyer.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("/js/engagement.js", html);
        Assert.Contains("data-report-seconds=\"15\"", html);
        Assert.Contains("data-section=\"milestones\"", html);
        await buyer.GetAsync(path);

        var report = await ReportAsync(s);
        var person = Assert.Single(report.GetProperty("people").EnumerateArray());
        Assert.Equal(1, person.GetProperty("visits").GetInt32());
        Assert.Equal(2, person.GetProperty("pageViews").GetInt32());
        Assert.Equal(0, person.GetProperty("activeSeconds").GetInt32());
        Assert.StartsWith("Unnamed visitor", person.GetProperty("name").GetString());
        Assert.True(person.GetProperty("lastViewAt").GetDateTimeOffset() >= person.GetProperty("firstViewAt").GetDateTimeOffset());
        var link = Assert.Single(report.GetProperty("links").EnumerateArray());
        Assert.Equal(linkId, link.GetProperty("linkId").GetGuid());
        Assert.Equal(1, link.GetProperty("people").GetInt32());
        Assert.Equal(JsonValueKind.String, report.GetProperty("buyerLastActiveAt").ValueKind);
        // The plan list of the API says the same as the engagement report.
        Assert.Equal(report.GetProperty("buyerLastActiveAt").GetDateTimeOffset(), (await ListedAsync(s)).GetProperty("buyerLastActiveAt").GetDateTimeOffset());

        var seller = await s.Seller.LoginAsync();
        var list = await seller.GetStringAsync("/plans");
        Assert.Contains("Buyer last active", list);
        Assert.Contains("just now", list);
        var page = await seller.GetStringAsync($"/plans/{s.Plan}");
        Assert.Contains("Buyer last active", page);
        Assert.Contains($"/plans/{s.Plan}/engagement", page);
    }

    [Fact]
    public async Task Active_time_from_the_browser_is_capped_by_the_time_that_passed_and_idle_reports_count_nothing()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "Northwind team" });
        var buyer = s.Browser();
        var html = await (await buyer.GetAsync(path)).Content.ReadAsStringAsync();

        // Right after the page view a report of ten minutes is not believed: at most the seconds since, plus slack.
        var forged = await BeatAsync(buyer, path, html, new { active = 600, sections = new { milestones = 600 } });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var credited = (await forged.JsonAsync()).GetProperty("credited").GetInt32();
        Assert.InRange(credited, 1, EngagementRules.SlackSeconds + 5);

        var lastActive = (await ReportAsync(s)).GetProperty("buyerLastActiveAt").GetDateTimeOffset();
        var idle = await BeatAsync(buyer, path, html, new { active = 0, sections = new { milestones = 15 } });
        Assert.Equal(0, (await idle.JsonAsync()).GetProperty("credited").GetInt32());

        var report = await ReportAsync(s);
        var person = Assert.Single(report.GetProperty("people").EnumerateArray());
        Assert.Equal(credited, person.GetProperty("activeSeconds").GetInt32());
        Assert.Equal(lastActive, report.GetProperty("buyerLastActiveAt").GetDateTimeOffset());
        var section = Assert.Single(person.GetProperty("sections").EnumerateArray());
        Assert.Equal("milestones", section.GetProperty("section").GetString());
        Assert.Equal("Milestones", section.GetProperty("label").GetString());
        Assert.Equal(credited, section.GetProperty("seconds").GetInt32());
    }

    [Fact]
    public async Task Reports_over_time_add_up_per_visit_and_a_long_silence_starts_a_new_visit()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (linkId, path) = await s.LinkAsync(new { label = "Northwind team" });
        await s.Browser().GetAsync(path);
        var session = await SessionAsync(s, linkId);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The page view above happened "now"; this visitor's story starts later, at T0 (a fresh visit).
            await db.EngagementVisits.Where(v => v.VisitorId == session.VisitorId).ExecuteDeleteAsync();
            await EngagementRecorder.RecordViewAsync(db, session, T0);
            Assert.Equal(15, await EngagementRecorder.RecordBeatAsync(db, session, new BeatInput { Active = 15, Sections = new() { ["milestones"] = 15, ["risks"] = 4 } }, T0.AddSeconds(15)));
            // A second tab reporting one second later cannot double the time.
            Assert.Equal(1 + EngagementRules.SlackSeconds, await EngagementRecorder.RecordBeatAsync(db, session, new BeatInput { Active = 15, Sections = new() { ["milestones"] = 15 } }, T0.AddSeconds(16)));
            // Unknown sections are ignored; a section never gets more than the active time credited.
            Assert.Equal(10, await EngagementRecorder.RecordBeatAsync(db, session, new BeatInput { Active = 10, Sections = new() { ["milestones"] = 50, ["made-up"] = 10 } }, T0.AddSeconds(40)));
            // Two hours later the visitor is back: a new visit.
            await EngagementRecorder.RecordViewAsync(db, session, T0.AddHours(2));
            Assert.Equal(EngagementRules.MaxBeatSeconds, await EngagementRecorder.RecordBeatAsync(db, session, new BeatInput { Active = 900 }, T0.AddHours(2).AddMinutes(5)));
        }

        var report = await ReportAsync(s);
        var person = Assert.Single(report.GetProperty("people").EnumerateArray());
        Assert.Equal(2, person.GetProperty("visits").GetInt32());
        Assert.Equal(2, person.GetProperty("pageViews").GetInt32());
        Assert.Equal(15 + 3 + 10 + 30, person.GetProperty("activeSeconds").GetInt32());
        Assert.Equal(T0, person.GetProperty("firstViewAt").GetDateTimeOffset());
        Assert.Equal(T0.AddHours(2).AddMinutes(5), person.GetProperty("lastViewAt").GetDateTimeOffset());
        var sections = person.GetProperty("sections").EnumerateArray().ToDictionary(x => x.GetProperty("section").GetString()!, x => x.GetProperty("seconds").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["milestones"] = 15 + 3 + 10, ["risks"] = 4 }, sections);
        Assert.Equal(2, report.GetProperty("visits").GetInt32());
    }

    [Fact]
    public async Task Engagement_is_reported_per_person_and_per_link()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (teamLink, teamPath) = await s.LinkAsync(new { label = "Northwind team" });
        var (personal, personalPath) = await s.LinkAsync(new { stakeholderId = s.Champion });
        var (unused, _) = await s.LinkAsync(new { label = "Procurement" });
        await s.Browser().GetAsync(teamPath);
        await s.Browser().GetAsync(teamPath);
        var priya = s.Browser();
        await priya.GetAsync(personalPath);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var session = await SessionAsync(s, personal);
            var now = DateTimeOffset.UtcNow;
            await EngagementRecorder.RecordBeatAsync(db, session, new BeatInput { Active = 20, Sections = new() { ["sign-off"] = 12 } }, now.AddSeconds(25));
        }

        var report = await ReportAsync(s);
        var people = report.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(3, people.Count);
        var p = people.Single(x => x.GetProperty("name").GetString() == "Priya Shah");
        Assert.Equal(s.Champion, p.GetProperty("stakeholderId").GetGuid());
        Assert.Equal("priya@northwind.example", p.GetProperty("email").GetString());
        Assert.Equal([personal], p.GetProperty("linkIds").EnumerateArray().Select(x => x.GetGuid()));
        Assert.Equal(20, p.GetProperty("activeSeconds").GetInt32());

        var links = report.GetProperty("links").EnumerateArray().ToDictionary(x => x.GetProperty("linkId").GetGuid());
        Assert.Equal(2, links[teamLink].GetProperty("people").GetInt32());
        Assert.Equal(2, links[teamLink].GetProperty("visits").GetInt32());
        Assert.Equal(0, links[teamLink].GetProperty("activeSeconds").GetInt32());
        Assert.Equal(1, links[personal].GetProperty("people").GetInt32());
        Assert.Equal(20, links[personal].GetProperty("activeSeconds").GetInt32());
        Assert.Equal("sign-off", Assert.Single(links[personal].GetProperty("sections").EnumerateArray()).GetProperty("section").GetString());
        Assert.Equal(0, links[unused].GetProperty("visits").GetInt32());
        Assert.Equal(JsonValueKind.Null, links[unused].GetProperty("lastViewAt").ValueKind);

        // The seller's engagement page says the same.
        var seller = await s.Seller.LoginAsync();
        var page = await seller.GetStringAsync($"/plans/{s.Plan}/engagement");
        Assert.Contains("Priya Shah", page);
        Assert.Contains("Northwind team", page);
        Assert.Contains("Procurement", page);
        Assert.Contains("Not opened yet", page);
        Assert.Contains("20 s", page);
    }

    [Fact]
    public async Task A_sellers_own_views_of_the_link_are_not_counted()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "Northwind team" });
        var seller = await s.Seller.LoginAsync();
        var html = await (await seller.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("Security approved", html);
        Assert.DoesNotContain("/js/engagement.js", html);
        var beat = await BeatAsync(seller, path, html, new { active = 2 });
        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);

        var report = await ReportAsync(s);
        Assert.Equal(0, report.GetProperty("people").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("buyerLastActiveAt").ValueKind);
    }

    [Fact]
    public async Task Reports_that_are_not_reports_are_refused_and_visitors_before_the_gate_cannot_report()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "Northwind team" });
        var buyer = s.Browser();
        var html = await (await buyer.GetAsync(path)).Content.ReadAsStringAsync();
        foreach (var bad in new object[] { new { active = -5 }, new { active = 3, sections = new { milestones = -1 } }, "not json at all" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path + "/engagement")
            {
                Content = new StringContent(bad is string raw ? raw : JsonSerializer.Serialize(bad), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("RequestVerificationToken", Html.AntiforgeryToken(html));
            var r = await buyer.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
        // Without the antiforgery token: refused.
        var noToken = await buyer.PostAsync(path + "/engagement", new StringContent("{\"active\":3}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var (_, pinPath) = await s.LinkAsync(new { label = "With PIN", pin = "482913" });
        var stranger = s.Browser();
        var gate = await (await stranger.GetAsync(pinPath)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("/js/engagement.js", gate);
        var blocked = await stranger.PostAsync(pinPath + "/engagement", new StringContent("{\"active\":3}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, blocked.StatusCode);
        Assert.Equal(0, (await ReportAsync(s)).GetProperty("people").EnumerateArray().Count(p => p.GetProperty("activeSeconds").GetInt32() > 0));
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_the_engagement_of_a_plan()
    {
        var s = await SharedPlan.CreateAsync(app);
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{s.Api}/engagement")).StatusCode);
        var page = await (await stranger.LoginAsync()).GetAsync($"/plans/{s.Plan}/engagement");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}

public sealed class EngagementTests_Sqlite(SqliteApp app) : EngagementTests(app), IClassFixture<SqliteApp>;
public sealed class EngagementTests_Postgres(PostgresApp app) : EngagementTests(app), IClassFixture<PostgresApp>;
