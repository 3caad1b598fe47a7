using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// A seller's first plan, end to end in Chromium: set up the workspace, create a plan, add a
/// stakeholder, a milestone with a buyer and a seller action, a risk and a metric, move a date and
/// see it on the timeline, reload and find everything kept. Axe checks every page visited.
/// </summary>
public sealed class PlanJourney(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task A_seller_builds_a_plan_and_everything_is_kept()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.SetUpWorkspaceAsync();
        await page.AssertNoSeriousViolationsAsync("empty plan list");

        await page.GetByRole(AriaRole.Link, new() { Name = "+ New plan" }).First.ClickAsync();
        await page.AssertNoSeriousViolationsAsync("new plan form");
        await page.GetByLabel("Plan title").FillAsync("Northwind: finance automation");
        await page.GetByLabel("Buyer company").FillAsync("Northwind Health");
        await page.GetByLabel("Deal value").FillAsync("186000");
        await page.GetByLabel("Currency").FillAsync("EUR");
        await page.GetByLabel("Deal stage").SelectOptionAsync("Evaluation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/plans/[0-9a-f-]{36}$"));
        var planUrl = page.Url;

        // Stakeholder
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add stakeholder" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await page.GetByLabel("Job title").FillAsync("Financial Controller");
        await page.GetByLabel("Role in the deal").SelectOptionAsync("Champion");
        await page.GetByLabel("Buy-in").SelectOptionAsync("OnBoard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stakeholder" }).ClickAsync();
        await Assertions.Expect(page.Locator(".person-name", new() { HasText = "Priya Shah" })).ToBeVisibleAsync();

        // Milestone, with a validation error first
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.Locator("#milestone-new-title-error")).ToContainTextAsync("Name the milestone");
        await page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("IT security approves the platform");
        await page.GetByLabel("Target date").FillAsync("2027-01-15");
        await page.GetByLabel("Phase").SelectOptionAsync("TechnicalValidation");
        await page.GetByLabel("Owner", new() { Exact = true }).SelectOptionAsync("Buyer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "IT security approves the platform" })).ToBeVisibleAsync();

        // A buyer action and a seller action
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Buyer action" }).ClickAsync();
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Send the security questionnaire");
        await page.GetByLabel("Assignee").SelectOptionAsync(new SelectOptionValue { Label = "Priya Shah (Financial Controller)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Send the security questionnaire")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Seller action" }).ClickAsync();
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Answer the questionnaire within three days");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Answer the questionnaire within three days")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done: Send the security questionnaire" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Done: Send the security questionnaire" })).ToHaveAttributeAsync("aria-pressed", "true");

        // Risk and metric
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add risk" }).ClickAsync();
        await page.GetByLabel("Risk", new() { Exact = true }).FillAsync("IT backlog delays the review");
        await page.GetByLabel("Milestone it threatens").SelectOptionAsync(new SelectOptionValue { Label = "IT security approves the platform" });
        await page.GetByLabel("Mitigation", new() { Exact = true }).FillAsync("Share the SOC 2 report up front");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save risk" }).ClickAsync();
        await Assertions.Expect(page.GetByText("IT backlog delays the review")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add metric" }).ClickAsync();
        await page.GetByLabel("Metric", new() { Exact = true }).FillAsync("Days to close the books");
        await page.GetByLabel("Baseline").FillAsync("9");
        await page.GetByLabel("Target", new() { Exact = true }).FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save metric" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Days to close the books")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("plan page");
        await page.ScreenshotAsync("plan-desktop");

        // Move the milestone's date, then see it on the timeline
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit milestone: IT security approves the platform" }).ClickAsync();
        await page.GetByLabel("Target date").FillAsync("2027-02-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.Locator("#milestones time[datetime='2027-02-05']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "View timeline" }).ClickAsync();
        await page.WaitForURLAsync("**/timeline");
        await Assertions.Expect(page.Locator("table time[datetime='2027-02-05']")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("timeline");
        await page.ScreenshotAsync("timeline-desktop");

        // Reload the plan: everything is kept
        await page.GotoAsync(planUrl);
        foreach (var text in new[] { "Priya Shah", "IT security approves the platform", "Send the security questionnaire",
                     "Answer the questionnaire within three days", "IT backlog delays the review", "Days to close the books", "€186,000" })
            await Assertions.Expect(page.GetByText(text).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#milestones time[datetime='2027-02-05']")).ToBeVisibleAsync();

        // A status update drafted from what changed, saved into the history.
        await page.GetByRole(AriaRole.Link, new() { Name = "Status updates" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Update (Markdown)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Status update: Northwind"));
        await page.AssertNoSeriousViolationsAsync("status updates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status update" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Status update saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".update-body h2")).ToContainTextAsync("Northwind");
        await page.ScreenshotAsync("status-updates");

        // Renegotiate the milestone date with a reason: preview, then agree.
        await page.GotoAsync(planUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reschedule: IT security approves the platform" }).ClickAsync();
        await page.GetByLabel("New date").FillAsync("2027-02-12");
        await page.GetByLabel("Why the date moves").FillAsync("IT change freeze in early February");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the new dates" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No other milestone has to move.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("reschedule preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree new dates" }).ClickAsync();
        await Assertions.Expect(page.GetByText("New dates agreed and recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#milestones time[datetime='2027-02-12']")).ToBeVisibleAsync();

        // Share with the buyer: the link opens without an account, on a phone, with no internal items.
        await page.GetByRole(AriaRole.Link, new() { Name = "Share", Exact = true }).ClickAsync();
        await page.GetByLabel("Who it is for").FillAsync("Northwind buying team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await page.GetByRole(AriaRole.Textbox, new() { Name = "Buyer link" }).InputValueAsync();
        await page.AssertNoSeriousViolationsAsync("share page");
        var buyerContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var buyer = await buyerContext.NewPageAsync();
        await buyer.GotoAsync(link);
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Northwind: finance automation" })).ToBeVisibleAsync();
        await Assertions.Expect(buyer.GetByText("Send the security questionnaire").First).ToBeVisibleAsync();
        await buyer.AssertNoSeriousViolationsAsync("buyer view on a phone");
        await buyer.ScreenshotAsync("buyer-phone");
        await page.GotoAsync(planUrl);

        // The same plan on a phone
        var phone = await app.NewPageAsync(390, 844);
        var cookies = await page.Context.CookiesAsync();
        await phone.Context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await phone.GotoAsync(planUrl);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Northwind: finance automation" })).ToBeVisibleAsync();
        await phone.AssertNoSeriousViolationsAsync("plan page on a phone");
        await phone.ScreenshotAsync("plan-phone");
        await phone.GotoAsync("/plans");
        await phone.AssertNoSeriousViolationsAsync("plan list on a phone");
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The plan list scrolls sideways on a phone.");

        // The guided interview drafts a second plan, planned back from the buyer's deadline.
        await page.GotoAsync("/plans/new");
        await page.GetByRole(AriaRole.Link, new() { Name = "Draft it from a short interview instead" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync("interview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Plan title").FillAsync("Contoso renewal");
        await page.GetByLabel("Buyer company").FillAsync("Contoso");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("The buyer's hard constraint").FillAsync("Board meeting");
        await page.GetByLabel("Its date").FillAsync("2027-03-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Procurement will be involved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answers" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft the plan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Drafted from your answers")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contract signed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#milestones time[datetime='2027-03-31']")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("drafted plan");
        await page.ScreenshotAsync("drafted-plan");

        // Settings: create an API token and invite a colleague, each page checked by axe.
        await page.GotoAsync("/settings/tokens");
        await page.GetByLabel("Token name").FillAsync("CRM sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("New API token")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^mp_"));
        await page.AssertNoSeriousViolationsAsync("API tokens");
        await page.GotoAsync("/settings/members");
        await page.GetByLabel("E-mail").FillAsync("sam@brightline.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Invitation link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invite/inv_"));
        await page.AssertNoSeriousViolationsAsync("members");
        await page.ScreenshotAsync("members-desktop");

        Assert.Empty(errors);
    }
}
