using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Plans;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Timeline;

/// <summary>The Gantt page: bars with accessible names, the buyer calendar, and rescheduling through the slip proposal.</summary>
public abstract class TimelinePageTests(TestApp app)
{
    private static string Text(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ").Trim();

    private static DateOnly Monday(int weeksAhead)
    {
        var d = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7 * weeksAhead);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    /// <summary>Three milestones in a chain (security → terms → signature), signature by the hard constraint, a blackout, a holiday and a fixed event.</summary>
    private async Task<(Guid Plan, Guid Security, Guid Terms, Guid Signature)> ChainAsync(TestSeller seller)
    {
        var planId = await seller.NewPlanAsync();
        await using var scope = seller.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var plan = await db.Plans.Include(p => p.Milestones).SingleAsync(p => p.Id == planId);
        var start = Monday(4);
        plan.Readiness.HardConstraintDate = start.AddDays(7 * 6 + 4);
        plan.Readiness.HardConstraint = "Board meeting";
        plan.Readiness.SellerTargetClose = start.AddDays(7 * 5);
        var security = new Milestone { PlanId = planId, Title = "IT security approves", Phase = MilestonePhase.TechnicalValidation, TargetDate = start.AddDays(4), DurationMinDays = 5, DurationMaxDays = 5, Position = 0 };
        var terms = new Milestone { PlanId = planId, Title = "Procurement agrees terms", Phase = MilestonePhase.Procurement, TargetDate = start.AddDays(7 * 2 + 4), DurationMinDays = 5, DurationMaxDays = 5, Position = 1 };
        var signature = new Milestone { PlanId = planId, Title = "Contract signed", Phase = MilestonePhase.Signature, TargetDate = start.AddDays(7 * 3 + 4), Position = 2 };
        terms.DependsOn.Add(new MilestoneDependency { MilestoneId = terms.Id, DependsOnId = security.Id });
        signature.DependsOn.Add(new MilestoneDependency { MilestoneId = signature.Id, DependsOnId = terms.Id });
        db.AddRange(security, terms, signature);
        db.Add(new CalendarEntry { PlanId = planId, Kind = CalendarEntryKind.Blackout, Label = "Quarter-end freeze", From = start.AddDays(7 * 4), To = start.AddDays(7 * 4 + 4) });
        db.Add(new CalendarEntry { PlanId = planId, Kind = CalendarEntryKind.Holiday, Label = "Founders' Day", From = start.AddDays(7 + 2), To = start.AddDays(7 + 2) });
        db.Add(new CalendarEntry { PlanId = planId, Kind = CalendarEntryKind.FixedEvent, Label = "CFO budget review", From = start.AddDays(7 * 3 + 3), To = start.AddDays(7 * 3 + 3) });
        await db.SaveChangesAsync();
        return (planId, security.Id, terms.Id, signature.Id);
    }

    [Fact]
    public async Task Each_bar_is_a_button_named_with_its_dates_slack_and_the_critical_path()
    {
        var seller = await app.NewWorkspaceAsync();
        var (planId, security, _, _) = await ChainAsync(seller);
        var web = await seller.LoginAsync();
        var doc = Html.Parse(await web.GetStringAsync($"/plans/{planId}/timeline"));

        var bars = doc.QuerySelectorAll("button.gantt-bar");
        Assert.Equal(3, bars.Length);
        var first = bars.Single(b => b.GetAttribute("data-id") == security.ToString());
        var name = first.GetAttribute("aria-label")!;
        Assert.StartsWith("IT security approves, work ", name);
        Assert.Contains("(5 working days)", name);
        Assert.Contains("slack ", name);
        Assert.Equal("gantt-help", first.GetAttribute("aria-describedby"));
        // The chain to the signature is the critical path: every bar says so and is drawn so.
        Assert.All(bars, b => Assert.Contains("on the critical path", b.GetAttribute("aria-label")));
        Assert.All(bars, b => Assert.Contains("critical", b.ClassList));
        Assert.Equal(2, doc.QuerySelectorAll("path.dependency.critical").Length);

        // The buyer calendar and the plan's date lines are drawn and also listed in words.
        Assert.NotNull(doc.QuerySelector("rect.blackout"));
        Assert.NotNull(doc.QuerySelector("rect.holiday"));
        Assert.NotNull(doc.QuerySelector("path.event-mark"));
        Assert.NotNull(doc.QuerySelector("line.date-line.constraint"));
        Assert.NotNull(doc.QuerySelector("line.date-line.target-close"));
        Assert.NotNull(doc.QuerySelector("line.today-line"));
        var calendar = Text(doc.QuerySelector(".gantt-calendar")!.TextContent);
        Assert.Contains("Blackout: Quarter-end freeze", calendar);
        Assert.Contains("Holiday: Founders' Day", calendar);
        Assert.Contains("Fixed event: CFO budget review", calendar);
        // The table alternative has a row per milestone, each with a way to move it.
        Assert.Equal(3, doc.QuerySelectorAll(".gantt-table tbody tr").Length);
        Assert.Equal(3, doc.QuerySelectorAll(".gantt-table a[aria-label^='Move: ']").Length);
        // The browser snaps to working days: the holiday is sent as a closed weekday.
        Assert.Contains(Monday(4).AddDays(9).ToString("yyyy-MM-dd"), doc.QuerySelector(".gantt-canvas")!.GetAttribute("data-closed"));
    }

    [Fact]
    public async Task Moving_a_bar_proposes_its_dependents_and_the_new_signature_date()
    {
        var seller = await app.NewWorkspaceAsync();
        var (planId, security, terms, signature) = await ChainAsync(seller);
        var web = await seller.LoginAsync();
        var newDate = Monday(4).AddDays(7 + 4); // a week later
        var doc = Html.Parse(await web.GetStringAsync($"/plans/{planId}/timeline?handler=proposal&milestoneId={security}&newDate={newDate:yyyy-MM-dd}"));

        // The holiday in that week counts: a calendar week is four working days here.
        Assert.Contains("+4 working days", Text(doc.QuerySelector(".proposal-move")!.TextContent));
        var boxes = doc.QuerySelectorAll("input[name=moveDependents]");
        Assert.Equal([terms.ToString(), signature.ToString()], boxes.Select(b => b.GetAttribute("value")!).ToArray());
        Assert.All(boxes, b => Assert.True(b.HasAttribute("checked")));
        var dates = Text(doc.QuerySelector(".proposal-dates")!.TextContent);
        var oldSignature = Monday(4).AddDays(7 * 3 + 4);
        // Four working days later, across the blackout week: Thursday of the week after it.
        Assert.Contains($"{oldSignature:d MMM yyyy} → {Monday(4).AddDays(7 * 5 + 3):d MMM yyyy}", dates);
        Assert.NotNull(doc.QuerySelector("textarea[name=reason]"));
    }

    [Fact]
    public async Task Accepting_the_proposal_moves_the_chosen_dependents_with_the_reason_recorded()
    {
        var seller = await app.NewWorkspaceAsync();
        var (planId, security, terms, signature) = await ChainAsync(seller);
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{planId}/timeline");
        var newDate = Monday(4).AddDays(7 + 4);
        var url = $"/plans/{planId}/timeline?handler=proposal&milestoneId={security}";

        // No reason: the error is beside the field and nothing moves.
        var bad = await web.PostAsync(url, new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("newDate", newDate.ToString("yyyy-MM-dd")), new("reason", ""), new("confirm", "true"), new("choseDependents", "true"),
            new("moveDependents", terms.ToString()), new("__RequestVerificationToken", Html.AntiforgeryToken(page)),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badDoc = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Say why the date moves", badDoc.QuerySelector("#tl-move-reason-error")!.TextContent);
        // The user's choice of dependents is kept: terms ticked, signature not.
        Assert.True(badDoc.QuerySelector($"input[name=moveDependents][value='{terms}']")!.HasAttribute("checked"));
        Assert.False(badDoc.QuerySelector($"input[name=moveDependents][value='{signature}']")!.HasAttribute("checked"));

        var ok = await web.PostAsync(url, new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("newDate", newDate.ToString("yyyy-MM-dd")), new("reason", "Security review needs another week"), new("agreedWith", "Priya Shah"),
            new("confirm", "true"), new("choseDependents", "true"), new("moveDependents", terms.ToString()),
            new("__RequestVerificationToken", Html.AntiforgeryToken(page)),
        }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal($"/plans/{planId}/timeline", ok.Headers.Location!.ToString());

        var changes = (await (await seller.Api.GetAsync($"/api/v1/plans/{planId}/date-changes")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c.GetProperty("milestoneId").GetString() == security.ToString() && c.GetProperty("reason").GetString() == "Security review needs another week"
                                      && c.GetProperty("agreedBy").GetString()!.Contains("Priya Shah"));
        Assert.Contains(changes, c => c.GetProperty("milestoneId").GetString() == terms.ToString() && c.GetProperty("newDate").GetString() == Monday(4).AddDays(7 * 3 + 3).ToString("yyyy-MM-dd"));
        Assert.DoesNotContain(changes, c => c.GetProperty("milestoneId").GetString() == signature.ToString());

        var after = await web.GetStringAsync($"/plans/{planId}/timeline");
        Assert.Contains("moved from", Html.Parse(after).QuerySelector(".flash")!.TextContent);
    }

    [Fact]
    public async Task Through_htmx_an_accepted_move_redirects_the_page_and_a_preview_returns_the_fragment()
    {
        var seller = await app.NewWorkspaceAsync();
        var (planId, security, _, _) = await ChainAsync(seller);
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{planId}/timeline");
        var url = $"/plans/{planId}/timeline?handler=proposal&milestoneId={security}";
        async Task<HttpResponseMessage> Post(string confirm, string date)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["newDate"] = date, ["reason"] = "Moved earlier by agreement", ["confirm"] = confirm, ["inDialog"] = "true",
                    ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
                }),
            };
            request.Headers.Add("HX-Request", "true");
            return await web.SendAsync(request);
        }
        var earlier = Monday(4).AddDays(2).ToString("yyyy-MM-dd");
        var preview = await Post("false", earlier);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var fragment = await preview.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains("Moving a milestone earlier moves nothing else", fragment);
        Assert.Contains("data-close-proposal", fragment);

        var accepted = await Post("true", earlier);
        Assert.Equal($"/plans/{planId}/timeline", accepted.Headers.GetValues("HX-Redirect").Single());
        var milestone = (await (await seller.Api.GetAsync($"/api/v1/plans/{planId}/milestones/{security}")).JsonAsync());
        Assert.Equal(earlier, milestone.GetProperty("targetDate").GetString());
    }

    [Fact]
    public async Task Another_workspaces_timeline_and_proposals_are_not_found()
    {
        var owner = await app.NewWorkspaceAsync();
        var (planId, security, _, _) = await ChainAsync(owner);
        var stranger = await (await app.NewWorkspaceAsync()).LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/plans/{planId}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/plans/{planId}/timeline?handler=proposal&milestoneId={security}&newDate=2030-01-07")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/plans/{planId}/timeline?move={security}")).StatusCode);
        var mine = await (await app.NewWorkspaceAsync()).LoginAsync();
        var page = await mine.GetStringAsync("/plans");
        var post = await mine.PostAsync($"/plans/{planId}/timeline?handler=proposal&milestoneId={security}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["newDate"] = "2030-01-07", ["reason"] = "x", ["confirm"] = "true", ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Without_script_the_table_link_opens_the_proposal_on_the_page()
    {
        var seller = await app.NewWorkspaceAsync();
        var (planId, _, terms, _) = await ChainAsync(seller);
        var web = await seller.LoginAsync();
        var doc = Html.Parse(await web.GetStringAsync($"/plans/{planId}/timeline?move={terms}"));
        var panel = doc.QuerySelector("#proposal")!;
        Assert.Contains("Move “Procurement agrees terms”", panel.TextContent);
        Assert.Equal(Monday(4).AddDays(7 * 2 + 4).ToString("yyyy-MM-dd"), panel.QuerySelector("input[name=newDate]")!.GetAttribute("value"));
        Assert.Equal("false", panel.QuerySelector("input[name=inDialog]")!.GetAttribute("value"));
    }
}

public sealed class TimelinePageTests_Sqlite(SqliteApp app) : TimelinePageTests(app), IClassFixture<SqliteApp>;
public sealed class TimelinePageTests_Postgres(PostgresApp app) : TimelinePageTests(app), IClassFixture<PostgresApp>;
