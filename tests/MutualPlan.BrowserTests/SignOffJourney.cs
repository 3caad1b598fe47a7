using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// Signing the plan: the seller requests sign-off from the buyer's champion and themself, both
/// sign (the buyer through the link on a phone), then the seller moves a date with a reason and
/// the plan says it changed since it was signed, with the difference. Axe checks every page.
/// </summary>
public sealed class SignOffJourney(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task Both_sides_sign_and_a_moved_date_shows_the_plan_changed_since_signed()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.SetUpWorkspaceAsync();
        var planUrl = await page.CreatePlanAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add stakeholder" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await page.GetByLabel("Job title").FillAsync("Financial Controller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stakeholder" }).ClickAsync();
        await Assertions.Expect(page.Locator(".person-name", new() { HasText = "Priya Shah" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("Security review approved");
        await page.GetByLabel("Target date").FillAsync("2027-01-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security review approved" })).ToBeVisibleAsync();

        // A buyer link to sign through.
        await page.GetByRole(AriaRole.Link, new() { Name = "Share", Exact = true }).ClickAsync();
        await page.GetByLabel("Who it is for").FillAsync("Priya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await page.GetByRole(AriaRole.Textbox, new() { Name = "Buyer link" }).InputValueAsync();

        // The seller requests sign-off from the champion and themself.
        await page.GotoAsync(planUrl);
        await page.Locator("#header").GetByRole(AriaRole.Link, new() { Name = "Sign-off", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-off", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel(new Regex("^Priya Shah")).CheckAsync();
        await Assertions.Expect(page.GetByLabel("Alex Morgan (plan owner)")).ToBeCheckedAsync();
        await page.GetByLabel("Message to the signers (optional)").FillAsync("As agreed on Tuesday: please accept the plan.");
        await page.AssertNoSeriousViolationsAsync("sign-off request form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request sign-off" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Sign-off requested from Priya Shah, Alex Morgan.")).ToBeVisibleAsync();

        // The seller signs: a wrong name is refused beside the field, the full name is taken.
        await page.GetByLabel("Your full name").FillAsync("Alex");
        await page.GetByLabel("Your title").FillAsync("Account Executive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the plan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-fullName-error")).ToContainTextAsync("Alex Morgan");
        await page.AssertNoSeriousViolationsAsync("seller signature with an error");
        await page.GetByLabel("Your full name").FillAsync("alex morgan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the plan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You signed the plan.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signoff-status")).ToHaveTextAsync("Awaiting signatures");

        // The buyer signs through the link, on a phone.
        var buyerContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var buyer = await buyerContext.NewPageAsync();
        await buyer.GotoAsync(link);
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Review and sign" }).ClickAsync();
        await Assertions.Expect(buyer.GetByText("Signing as Priya Shah")).ToBeVisibleAsync();
        await buyer.AssertNoSeriousViolationsAsync("buyer sign-off on a phone");
        await buyer.ScreenshotAsync("sign-off-buyer-phone");
        await buyer.GetByLabel("Your full name").FillAsync("Priya Shah");
        await buyer.GetByLabel("Your title").FillAsync("Financial Controller");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Sign the plan" }).ClickAsync();
        await Assertions.Expect(buyer.GetByText("Thank you, Priya Shah")).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator(".signoff-status .pill").First).ToHaveTextAsync("Signed");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Printable certificate" }).ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Northwind: finance automation" })).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator(".trail-table")).ToContainTextAsync("Financial Controller");
        await buyer.AssertNoSeriousViolationsAsync("buyer certificate");

        // The seller moves the date with a reason: the plan changed since it was signed.
        await page.GotoAsync(planUrl);
        await Assertions.Expect(page.Locator("#sign-off .pill").First).ToHaveTextAsync("Signed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reschedule: Security review approved" }).ClickAsync();
        await page.GetByLabel("New date").FillAsync("2027-01-22");
        await page.GetByLabel("Why the date moves").FillAsync("The reviewer is on leave the week of the 11th");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the new dates" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree new dates" }).ClickAsync();
        await Assertions.Expect(page.GetByText("New dates agreed and recorded.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        var alert = page.Locator("#changed-since-signed");
        await Assertions.Expect(alert).ToContainTextAsync("Changed since signed");
        await Assertions.Expect(alert).ToContainTextAsync("moved 15 Jan 2027 → 22 Jan 2027 (+7 days)");
        var diff = page.Locator("#sign-off .baseline-diff");
        await Assertions.Expect(diff.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(diff).ToContainTextAsync("Date moved");
        await Assertions.Expect(diff).ToContainTextAsync("15 Jan 2027");
        await Assertions.Expect(diff).ToContainTextAsync("22 Jan 2027");
        await page.AssertNoSeriousViolationsAsync("plan changed since signed");
        await page.Locator("#header").ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "sign-off-plan-top.png") });
        await alert.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "sign-off-alert.png") });
        await page.Locator("#sign-off").ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "sign-off-section.png") });

        // The certificate lists the trail; re-acceptance is one click away.
        await page.GotoAsync(planUrl + "/sign-off/certificate");
        await Assertions.Expect(page.Locator(".trail-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".certificate")).ToContainTextAsync("Changed since signed");
        await page.AssertNoSeriousViolationsAsync("certificate");
        await page.ScreenshotAsync("sign-off-certificate");
        await page.GotoAsync(planUrl + "/sign-off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask both sides to re-accept" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Re-acceptance requested from Priya Shah, Alex Morgan.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("sign-off-page");
        await page.SetViewportSizeAsync(375, 812);
        await page.AssertNoSeriousViolationsAsync("sign-off page on a phone");
        await page.ScreenshotAsync("sign-off-page-phone");
        Assert.Empty(errors);
    }
}
