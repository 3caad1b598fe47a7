using System.Net;
using AngleSharp.Dom;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Interview;

/// <summary>The interview as short steps: answers carried in the form, each step validated before the next, a review, then the draft.</summary>
public abstract class InterviewFlowTests(TestApp app)
{
    /// <summary>Posts the form on screen (every input and select as it stands, with changes) with the given button.</summary>
    private static async Task<(HttpResponseMessage Response, IDocument Doc)> Submit(HttpClient web, IDocument doc, string go, Dictionary<string, string>? changes = null)
    {
        var form = doc.QuerySelector("form.interview")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var el in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = el.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || el.GetAttribute("type") == "submit") continue;
            if (changes?.ContainsKey(name) == true) continue;
            if (el.GetAttribute("type") == "checkbox") { if (el.HasAttribute("checked")) fields.Add(new(name, el.GetAttribute("value") ?? "true")); continue; }
            var value = el.LocalName switch
            {
                "select" => el.QuerySelector("option[selected]")?.GetAttribute("value") ?? el.QuerySelector("option")?.GetAttribute("value") ?? "",
                "textarea" => el.TextContent,
                _ => el.GetAttribute("value") ?? "",
            };
            fields.Add(new(name, value));
        }
        foreach (var (k, v) in changes ?? []) fields.Add(new(k, v));
        fields.Add(new("go", go));
        var response = await web.PostAsync("/plans/interview", new FormUrlEncodedContent(fields));
        return (response, Html.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static string Current(IDocument doc) => doc.QuerySelector(".wizard-step[aria-current=step] .wizard-label")!.FirstChild!.TextContent.Trim();

    [Fact]
    public async Task A_seller_walks_the_steps_fixes_a_step_goes_back_reviews_and_drafts()
    {
        var seller = await app.NewWorkspaceAsync();
        var web = await seller.LoginAsync();
        var doc = Html.Parse(await web.GetStringAsync("/plans/interview"));
        Assert.Equal("Is a plan worth building yet?", Current(doc));
        Assert.Equal("Step 1 of 7", doc.QuerySelector(".wizard-count")!.TextContent.Trim());
        Assert.Null(doc.QuerySelector("button[value=back]"));

        var (r, d) = await Submit(web, doc, "next", new() { ["outcomeAgreed"] = "true", ["willingToCommit"] = "false" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("The deal and its people", Current(d));
        // Answers of other steps travel as hidden fields.
        Assert.Equal("true", d.QuerySelector("input[type=hidden][name=outcomeAgreed]")!.GetAttribute("value"));

        // The deal step needs a title and a company before moving on.
        (r, d) = await Submit(web, d, "next", new() { ["title"] = "", ["buyerCompany"] = "Contoso" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("The deal and its people", Current(d));
        Assert.Contains("Give the plan a title", d.QuerySelector("#iv-title-error")!.TextContent);
        Assert.Equal("Contoso", d.QuerySelector("#iv-buyerCompany")!.GetAttribute("value"));

        (r, d) = await Submit(web, d, "next", new() { ["title"] = "Contoso renewal" });
        Assert.Equal("The buyer's deadline", Current(d));
        // A constraint date without saying what it is, or one in the past, is refused on this step.
        (r, d) = await Submit(web, d, "next", new() { ["hardConstraintDate"] = "2001-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.NotNull(d.QuerySelector("#iv-hardConstraintDate-error"));
        var constraint = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(120);
        while (constraint.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) constraint = constraint.AddDays(1);
        (r, d) = await Submit(web, d, "next", new() { ["hardConstraintDate"] = constraint.ToString("yyyy-MM-dd"), ["hardConstraint"] = "Board meeting" });
        Assert.Equal("Procurement", Current(d));

        // Back keeps what was typed.
        (r, d) = await Submit(web, d, "back", new() { ["procurementInvolved"] = "true" });
        Assert.Equal("The buyer's deadline", Current(d));
        Assert.Equal("Board meeting", d.QuerySelector("#iv-hardConstraint")!.GetAttribute("value"));
        (r, d) = await Submit(web, d, "next");
        Assert.True(d.QuerySelector("#iv-procurementInvolved")!.HasAttribute("checked"));
        (r, d) = await Submit(web, d, "next", new() { ["procurementCycleDays"] = "10" });
        Assert.Equal("Your champion", Current(d));
        (r, d) = await Submit(web, d, "next", new() { ["championAuthority"] = "Liaison" });
        Assert.Equal("Your target close", Current(d));
        (r, d) = await Submit(web, d, "next");
        Assert.Equal("Review and draft", Current(d));

        // The review shows the answers and what will be drafted, with red flags.
        var review = d.QuerySelector(".review")!.TextContent;
        Assert.Contains("Contoso renewal", review);
        Assert.Contains("Liaison", review);
        Assert.Contains("Identify and engage Procurement", review);
        Assert.NotNull(d.QuerySelector($".review-milestones time[datetime='{constraint:yyyy-MM-dd}']"));
        Assert.NotNull(d.QuerySelector(".review-flags"));

        // Change one answer from the review: Next returns straight to the review.
        (r, d) = await Submit(web, d, "step-1");
        Assert.Equal("The deal and its people", Current(d));
        Assert.Equal("Back to the review", d.QuerySelector("button[value=next]")!.TextContent.Trim());
        (r, d) = await Submit(web, d, "next", new() { ["title"] = "Contoso renewal 2027" });
        Assert.Equal("Review and draft", Current(d));

        (r, _) = await Submit(web, d, "draft");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var planId = Guid.Parse(r.Headers.Location!.ToString().Split('/').Last());
        var plan = await (await seller.Api.GetAsync($"/api/v1/plans/{planId}")).JsonAsync();
        Assert.Equal("Contoso renewal 2027", plan.GetProperty("header").GetProperty("title").GetString());
        Assert.Equal("Liaison", plan.GetProperty("readiness").GetProperty("championAuthority").GetString());
        Assert.True(plan.GetProperty("readiness").GetProperty("outcomeAgreed").GetBoolean());
    }
}

public sealed class InterviewFlowTests_Sqlite(SqliteApp app) : InterviewFlowTests(app), IClassFixture<SqliteApp>;
public sealed class InterviewFlowTests_Postgres(PostgresApp app) : InterviewFlowTests(app), IClassFixture<PostgresApp>;
