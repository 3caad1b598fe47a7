using System.Net;
using System.Text.RegularExpressions;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.CalendarFeeds;

public abstract partial class CalendarTests(TestApp app)
{
    private sealed record Arranged(TestSeller Seller, Guid Plan, Guid Milestone, Guid Doomed, Guid Action);

    private async Task<Arranged> PlanAsync()
    {
        var seller = await app.NewWorkspaceAsync("Brightline Software");
        var plan = await seller.NewPlanAsync("Northwind rollout");
        var url = $"/api/v1/plans/{plan}";
        async Task<Guid> Post(string path, object body) => (await (await seller.Api.PostJsonAsync(url + path, body)).JsonAsync()).GetProperty("id").GetGuid();
        var m = await Post("/milestones", new { title = "Security approved; IT, legal and finance agree", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" });
        var doomed = await Post("/milestones", new { title = "Pilot in one clinic", phase = "Evaluation", owner = "Joint", targetDate = "2026-12-20" });
        var action = await Post($"/milestones/{m}/actions", new { description = "Send the questionnaire", side = "Buyer", dueDate = "2026-12-01" });
        await Post($"/milestones/{m}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true, dueDate = "2026-12-02" });
        await Post($"/milestones/{m}/actions", new { description = "Undated step", side = "Buyer" });
        return new Arranged(seller, plan, m, doomed, action);
    }

    private static async Task<string> IcsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        await Tools.AssertValidICalendarAsync(ics);
        return ics;
    }

    /// <summary>The unfolded properties of the event with this UID.</summary>
    private static Dictionary<string, string> Event(string ics, string uid)
    {
        var unfolded = ics.Replace("\r\n ", "");
        var block = unfolded.Split("BEGIN:VEVENT").Single(b => b.Contains($"UID:{uid}\r\n", StringComparison.Ordinal));
        return block.Split("\r\n").Where(l => l.Contains(':') && !l.StartsWith("END:", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [GeneratedRegex(@"^UID:(.+)$", RegexOptions.Multiline)]
    private static partial Regex UidLine();

    private static List<string> Uids(string ics) => UidLine().Matches(ics.Replace("\r\n ", "")).Select(m => m.Groups[1].Value.TrimEnd('\r')).ToList();

    [Fact]
    public async Task The_calendar_file_is_valid_with_all_day_events_and_no_internal_action()
    {
        var a = await PlanAsync();
        var ics = await IcsAsync(a.Seller.Api, $"/api/v1/plans/{a.Plan}/calendar.ics");

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", ics);
        Assert.Contains("METHOD:PUBLISH\r\n", ics);
        Assert.Contains("X-WR-CALNAME:Northwind rollout\r\n", ics);
        Assert.DoesNotContain("SECRET", ics);
        Assert.DoesNotContain("Undated step", ics);
        var milestone = Event(ics, $"milestone-{a.Milestone:N}@mutualplan");
        Assert.Equal("20261210", milestone["DTSTART;VALUE=DATE"]);
        Assert.Equal("20261211", milestone["DTEND;VALUE=DATE"]);
        Assert.Equal("0", milestone["SEQUENCE"]);
        Assert.Equal(@"Milestone: Security approved\; IT\, legal and finance agree", milestone["SUMMARY"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", milestone["DTSTAMP"]);
        var action = Event(ics, $"action-{a.Action:N}@mutualplan");
        Assert.Equal("20261201", action["DTSTART;VALUE=DATE"]);
        Assert.Equal(3, Uids(ics).Count);

        // The signed-in seller's download is the same calendar, as a file.
        var web = await a.Seller.LoginAsync();
        var file = await web.GetAsync($"/plans/{a.Plan}/calendar.ics");
        Assert.Equal("northwind-rollout.ics", file.Content.Headers.ContentDisposition?.FileName);
        await Tools.AssertValidICalendarAsync(await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Uids_stay_sequence_rises_on_change_and_a_removed_milestone_is_cancelled()
    {
        var a = await PlanAsync();
        var url = $"/api/v1/plans/{a.Plan}";
        var first = await IcsAsync(a.Seller.Api, $"{url}/calendar.ics");
        var again = await IcsAsync(a.Seller.Api, $"{url}/calendar.ics");
        Assert.Equal(Uids(first), Uids(again));
        Assert.Equal("0", Event(again, $"milestone-{a.Milestone:N}@mutualplan")["SEQUENCE"]);

        var moved = await a.Seller.Api.PutJsonAsync($"{url}/milestones/{a.Milestone}", new
        {
            title = "Security approved; IT, legal and finance agree", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-17", version = 1,
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Seller.Api.DeleteAsync($"{url}/milestones/{a.Doomed}")).StatusCode);

        var after = await IcsAsync(a.Seller.Api, $"{url}/calendar.ics");
        var milestone = Event(after, $"milestone-{a.Milestone:N}@mutualplan");
        Assert.Equal("1", milestone["SEQUENCE"]);
        Assert.Equal("20261217", milestone["DTSTART;VALUE=DATE"]);
        Assert.Equal("0", Event(after, $"action-{a.Action:N}@mutualplan")["SEQUENCE"]);
        var cancelled = Event(after, $"milestone-{a.Doomed:N}@mutualplan");
        Assert.Equal("CANCELLED", cancelled["STATUS"]);
        Assert.Equal("1", cancelled["SEQUENCE"]);
        Assert.Equal("20261220", cancelled["DTSTART;VALUE=DATE"]);

        // Reading again changes nothing: the cancellation stays, its SEQUENCE does not climb.
        var later = await IcsAsync(a.Seller.Api, $"{url}/calendar.ics");
        Assert.Equal("1", Event(later, $"milestone-{a.Doomed:N}@mutualplan")["SEQUENCE"]);
        Assert.Equal("1", Event(later, $"milestone-{a.Milestone:N}@mutualplan")["SEQUENCE"]);
        Assert.Equal(Uids(after), Uids(later));
    }

    [Fact]
    public async Task The_subscription_url_works_until_replaced_or_revoked()
    {
        var a = await PlanAsync();
        var url = $"/api/v1/plans/{a.Plan}/calendar-feed";
        Assert.Equal(HttpStatusCode.NotFound, (await a.Seller.Api.GetAsync(url)).StatusCode);
        var created = await a.Seller.Api.PostAsync(url, null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var feedUrl = (await created.JsonAsync()).GetProperty("url").GetString()!;
        var path = new Uri(feedUrl).AbsolutePath;
        Assert.Matches(@"^/cal/c_[A-Za-z0-9_-]{43}\.ics$", path);

        var calendarApp = app.CreateClient(new() { AllowAutoRedirect = false });
        var ics = await IcsAsync(calendarApp, path);
        Assert.Contains($"UID:milestone-{a.Milestone:N}@mutualplan", ics);
        Assert.DoesNotContain("SECRET", ics);
        var status = await (await a.Seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal(1, status.GetProperty("fetches").GetInt32());
        Assert.Equal(JsonValueKindNull, status.GetProperty("url").ValueKind);

        var replaced = new Uri((await (await a.Seller.Api.PostAsync(url, null)).JsonAsync()).GetProperty("url").GetString()!).AbsolutePath;
        Assert.NotEqual(path, replaced);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(path)).StatusCode);
        await IcsAsync(calendarApp, replaced);

        Assert.Equal(HttpStatusCode.NoContent, (await a.Seller.Api.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(replaced)).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Another_workspace_gets_404_for_the_calendar_and_its_feed()
    {
        var a = await PlanAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var url = $"/api/v1/plans/{a.Plan}";
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{url}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{url}/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsync($"{url}/calendar-feed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.DeleteAsync($"{url}/calendar-feed")).StatusCode);
        var web = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/plans/{a.Plan}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/plans/{a.Plan}/calendar-feed")).StatusCode);
        // Nothing was created for the owner by the stranger's attempts.
        Assert.Equal(HttpStatusCode.NotFound, (await a.Seller.Api.GetAsync($"{url}/calendar-feed")).StatusCode);
    }

    [Fact]
    public async Task The_calendar_page_creates_replaces_and_revokes_the_subscription()
    {
        var a = await PlanAsync();
        var web = await a.Seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{a.Plan}/calendar-feed");
        Assert.Contains("Create subscription URL", page);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(page) });
        var created = await (await web.PostAsync($"/plans/{a.Plan}/calendar-feed?handler=Regenerate", form)).Content.ReadAsStringAsync();
        var url = Html.Parse(created).QuerySelector("#feed-url")!.GetAttribute("value")!;
        var calendarApp = app.CreateClient();
        await IcsAsync(calendarApp, new Uri(url).AbsolutePath);
        Assert.Contains("Revoke", created);

        form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(created) });
        var revoked = await (await web.PostAsync($"/plans/{a.Plan}/calendar-feed?handler=Revoke", form)).Content.ReadAsStringAsync();
        Assert.Contains("no longer works", revoked);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(new Uri(url).AbsolutePath)).StatusCode);
    }
}

public sealed class CalendarTests_Sqlite(SqliteApp app) : CalendarTests(app), IClassFixture<SqliteApp>;
public sealed class CalendarTests_Postgres(PostgresApp app) : CalendarTests(app), IClassFixture<PostgresApp>;
