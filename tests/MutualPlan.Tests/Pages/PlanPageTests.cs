using System.Net;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Features.Plans;

namespace MutualPlan.Tests.Pages;

/// <summary>The server-rendered pages, driven over HTTP the way htmx drives them.</summary>
public abstract class PlanPageTests(TestApp app)
{
    private static async Task<HttpResponseMessage> HtmxPostAsync(HttpClient client, string page, string url, Dictionary<string, string> form)
    {
        var token = Html.AntiforgeryToken(page);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_plan_page_renders_every_section_in_document_order()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();

        var html = await web.GetStringAsync($"/plans/{plan}");
        var doc = Html.Parse(html);
        var anchors = doc.QuerySelectorAll("section.card").Select(s => s.Id).ToList();
        Assert.Equal(PlanPageModel.Sections.Select(s => s.Anchor), anchors);
    }

    [Fact]
    public async Task Adding_a_stakeholder_inline_returns_the_section_with_the_new_person()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}");

        var response = await HtmxPostAsync(web, page, $"/plans/{plan}/stakeholders/save",
            new() { ["name"] = "Priya Shah", ["side"] = "Buyer", ["role"] = "Champion", ["buyIn"] = "OnBoard" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("stakeholders", section.QuerySelector("section")!.Id);
        Assert.Contains("Priya Shah", section.QuerySelector(".person-name")!.TextContent);
        Assert.Equal("plan-changed", response.Headers.GetValues("HX-Trigger").Single());

        var again = await web.GetStringAsync($"/plans/{plan}");
        Assert.Contains("Priya Shah", again);
    }

    [Fact]
    public async Task An_invalid_inline_form_keeps_the_input_and_shows_the_error_beside_the_field()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}");

        var response = await HtmxPostAsync(web, page, $"/plans/{plan}/milestones/save",
            new() { ["title"] = "", ["description"] = "Keep this text", ["phase"] = "Legal", ["owner"] = "Joint", ["targetDate"] = "not-a-date" });
        var text = await response.Content.ReadAsStringAsync();
        var html = Html.Parse(text);
        var error = html.QuerySelector("#milestone-new-targetDate-error");
        Assert.NotNull(error);
        Assert.Equal("true", html.QuerySelector("#milestone-new-targetDate")!.GetAttribute("aria-invalid"));
        Assert.Contains("Keep this text", html.QuerySelector("#milestone-new-description")!.TextContent);

        var missingTitle = await HtmxPostAsync(web, page, $"/plans/{plan}/milestones/save",
            new() { ["title"] = "", ["phase"] = "Legal", ["owner"] = "Joint", ["targetDate"] = "2026-12-01" });
        var html2 = Html.Parse(await missingTitle.Content.ReadAsStringAsync());
        Assert.Contains("Name the milestone", html2.QuerySelector("#milestone-new-title-error")!.TextContent);
        Assert.DoesNotContain("milestone-number", await web.GetStringAsync($"/plans/{plan}"));
    }

    [Fact]
    public async Task A_fixed_section_saves_inline_and_a_stale_form_shows_a_conflict()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}");

        var saved = await HtmxPostAsync(web, page, $"/plans/{plan}/business-context/save",
            new() { ["customerLanguage"] = "We look backwards for two weeks", ["budgetStatus"] = "Approved", ["version"] = "1" });
        Assert.Contains("We look backwards for two weeks", await saved.Content.ReadAsStringAsync());

        var stale = await HtmxPostAsync(web, page, $"/plans/{plan}/review/save", new() { ["cadence"] = "Weekly", ["version"] = "1" });
        Assert.Contains("Someone else changed this", await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_workspaces_plan_pages_and_sections_are_not_found()
    {
        var owner = await app.NewWorkspaceAsync("Owner Inc");
        var stranger = await app.NewWorkspaceAsync("Stranger Ltd");
        var plan = await owner.NewPlanAsync("Secret deal");
        var web = await stranger.LoginAsync();
        var ownPage = await web.GetStringAsync("/plans");

        foreach (var url in new[] { $"/plans/{plan}", $"/plans/{plan}/timeline", $"/plans/{plan}/stakeholders", $"/plans/{plan}/header/edit", $"/plans/{plan}/readiness/edit" })
            Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync(url)).StatusCode);
        var post = await HtmxPostAsync(web, ownPage, $"/plans/{plan}/objectives/save", new() { ["title"] = "Injected" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("Secret deal", ownPage);
    }

    [Fact]
    public async Task Creating_a_plan_through_the_form_validates_beside_the_field_then_opens_the_plan()
    {
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        var form = await web.GetStringAsync("/plans/new");
        var token = Html.AntiforgeryToken(form);

        var bad = await web.PostAsync("/plans/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["title"] = "Contoso", ["buyerCompany"] = "", ["currency"] = "EURO", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badText = await bad.Content.ReadAsStringAsync();
        var badHtml = Html.Parse(badText);
        Assert.NotNull(badHtml.QuerySelector("#plan-buyerCompany-error"));
        Assert.NotNull(badHtml.QuerySelector("#plan-currency-error"));
        Assert.Equal("Contoso", badHtml.QuerySelector("#plan-title")!.GetAttribute("value"));

        var good = await web.PostAsync("/plans/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["title"] = "Contoso", ["buyerCompany"] = "Contoso Ltd", ["currency"] = "gbp", ["stage"] = "Evaluation", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var planPage = await web.GetStringAsync(good.Headers.Location!.ToString());
        Assert.Contains("Contoso Ltd", planPage);
        Assert.Contains("GBP", (await (await seller.Api.GetAsync("/api/v1/plans")).JsonAsync()).GetProperty("items")[0].GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();
        var response = await web.PostAsync($"/plans/{plan}/objectives/save", new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_timeline_shows_a_changed_milestone_date()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var m = await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones",
            new { title = "Legal review done", phase = "Legal", owner = "Joint", targetDate = "2026-12-10" })).JsonAsync();
        await seller.Api.PutJsonAsync($"/api/v1/plans/{plan}/milestones/{m.GetProperty("id").GetGuid()}",
            new { title = "Legal review done", phase = "Legal", owner = "Joint", targetDate = "2027-01-22", version = 1 });
        var web = await seller.LoginAsync();

        var html = Html.Parse(await web.GetStringAsync($"/plans/{plan}/timeline"));
        Assert.Contains(html.QuerySelectorAll("time"), t => t.GetAttribute("datetime") == "2027-01-22");
        Assert.NotNull(html.QuerySelector("svg .today-line"));
        Assert.NotNull(html.QuerySelector("button.gantt-bar[data-end='2027-01-22']"));
    }
}

public sealed class PlanPageTests_Sqlite(SqliteApp app) : PlanPageTests(app), IClassFixture<SqliteApp>;
public sealed class PlanPageTests_Postgres(PostgresApp app) : PlanPageTests(app), IClassFixture<PostgresApp>;

public abstract class PlanListTests(TestApp app)
{
    [Fact]
    public async Task The_plan_list_shows_each_plans_health_and_only_this_workspaces_plans()
    {
        var seller = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        await seller.NewPlanAsync("Mine");
        await stranger.NewPlanAsync("Theirs");
        var web = await seller.LoginAsync();

        var doc = Html.Parse(await web.GetStringAsync("/plans"));
        var rows = doc.QuerySelectorAll(".plan-table tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("Mine", row.TextContent);
        Assert.NotNull(row.QuerySelector(".health-pill"));
        Assert.DoesNotContain("Theirs", doc.Body!.TextContent);

        var filtered = Html.Parse(await web.GetStringAsync("/plans?q=nothing-matches"));
        Assert.Contains("No plans match", filtered.Body!.TextContent);
    }
}

public sealed class PlanListTests_Sqlite(SqliteApp app) : PlanListTests(app), IClassFixture<SqliteApp>;
public sealed class PlanListTests_Postgres(PostgresApp app) : PlanListTests(app), IClassFixture<PostgresApp>;

public abstract class InterviewTests(TestApp app)
{
    [Fact]
    public async Task The_interview_drafts_a_plan_planned_back_from_the_constraint()
    {
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        var form = await web.GetStringAsync("/plans/interview");
        var constraint = DateTime.UtcNow.Date.AddDays(120);
        while (constraint.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) constraint = constraint.AddDays(1);
        var response = await web.PostAsync("/plans/interview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["title"] = "Contoso renewal", ["buyerCompany"] = "Contoso", ["currency"] = "EUR", ["stage"] = "Evaluation",
            ["outcomeAgreed"] = "true", ["impactClear"] = "true", ["decisionMakersKnown"] = "false", ["willingToCommit"] = "",
            ["hardConstraint"] = "Board meeting", ["hardConstraintDate"] = constraint.ToString("yyyy-MM-dd"),
            ["procurementInvolved"] = "true", ["procurementCycleDays"] = "10", ["championAuthority"] = "Liaison",
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var planId = Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());

        var doc = await (await seller.Api.GetAsync($"/api/v1/plans/{planId}")).JsonAsync();
        var milestones = doc.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("milestone")).ToList();
        var signature = milestones.Single(m => m.GetProperty("phase").GetString() == "Signature");
        Assert.Equal(constraint.ToString("yyyy-MM-dd"), signature.GetProperty("targetDate").GetString());
        Assert.Contains(milestones, m => m.GetProperty("title").GetString() == "Identify and engage Procurement");
        Assert.Contains(milestones, m => m.GetProperty("title").GetString()!.Contains("aligned"));
        Assert.Contains("Red flags", doc.GetProperty("internalNotes").GetProperty("notes").GetString());
        Assert.Equal("Liaison", doc.GetProperty("readiness").GetProperty("championAuthority").GetString());

        var page = await web.GetStringAsync($"/plans/{planId}");
        Assert.Contains("Drafted from your answers", page);
    }

    [Fact]
    public async Task Interview_errors_are_shown_beside_the_fields_and_nothing_is_created()
    {
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        var form = await web.GetStringAsync("/plans/interview");
        var response = await web.PostAsync("/plans/interview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["title"] = "", ["buyerCompany"] = "Contoso", ["currency"] = "EUR", ["hardConstraintDate"] = "2001-01-01",
            ["procurementCycleDays"] = "900", ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
        }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var html = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(html.QuerySelector("#iv-title-error"));
        Assert.NotNull(html.QuerySelector("#iv-procurementCycleDays-error"));
        Assert.Equal(0, (await (await seller.Api.GetAsync("/api/v1/plans")).JsonAsync()).GetProperty("totalCount").GetInt32());
    }
}

public sealed class InterviewTests_Sqlite(SqliteApp app) : InterviewTests(app), IClassFixture<SqliteApp>;
public sealed class InterviewTests_Postgres(PostgresApp app) : InterviewTests(app), IClassFixture<PostgresApp>;
