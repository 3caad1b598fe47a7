using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MutualPlan.BrowserTests;

/// <summary>
/// The buyer and the seller working on one plan at the same time, in two browsers:
/// the seller shares the plan through a link that asks for a confirmed e-mail address and lets the
/// buyer edit the buyer's items; the buyer opens it on a phone, gets the one-time code by real
/// e-mail, completes an action and @mentions the seller in the discussion; the seller's open plan
/// page shows both without a reload. Both sides sign the plan, the seller moves a milestone with a
/// reason, and the plan says what changed since it was signed. Axe checks every buyer page.
/// </summary>
public abstract class BuyerCollaborationJourney(AppServer app, ITestOutputHelper output)
{
    private const string Buyer = "priya@northwind.example";
    private readonly Stopwatch _clock = new();

    /// <summary>Appended to screenshot names, so that the runs on both databases keep their pictures.</summary>
    protected abstract string Run { get; }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0}s  {what}");

    private Task Shot(IPage page, string name) => page.ScreenshotAsync("buyer-journey-" + name + Run);

    protected async Task BuyerAndSellerCollaborateOnOnePlan()
    {
        _clock.Start();
        var seller = await app.NewPageAsync();
        var errors = new List<string>();
        seller.PageError += (_, e) => errors.Add("seller: " + e);

        // --- The seller: workspace, plan, the buyer's champion, a milestone with a buyer action.
        await seller.SetUpWorkspaceAsync();
        var planUrl = await seller.CreatePlanAsync();

        await seller.GetByRole(AriaRole.Button, new() { Name = "+ Add stakeholder" }).ClickAsync();
        await seller.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await seller.GetByLabel("Job title").FillAsync("Financial Controller");
        await seller.GetByLabel("E-mail", new() { Exact = true }).FillAsync(Buyer);
        await seller.GetByLabel("Role in the deal").SelectOptionAsync("Champion");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Save stakeholder" }).ClickAsync();
        await Assertions.Expect(seller.Locator(".person-name", new() { HasText = "Priya Shah" })).ToBeVisibleAsync();

        await seller.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await seller.GetByLabel("Milestone", new() { Exact = true }).FillAsync("Security review approved");
        await seller.GetByLabel("Target date").FillAsync("2027-01-15");
        await seller.GetByLabel("Owner", new() { Exact = true }).SelectOptionAsync("Buyer");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Security review approved" })).ToBeVisibleAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "+ Buyer action" }).ClickAsync();
        await seller.GetByLabel("Action", new() { Exact = true }).FillAsync("Send the security questionnaire");
        await seller.GetByLabel("Assignee").SelectOptionAsync(new SelectOptionValue { Label = "Priya Shah (Financial Controller)" });
        await seller.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
        var doneToggle = seller.GetByRole(AriaRole.Button, new() { Name = "Done: Send the security questionnaire" });
        await Assertions.Expect(doneToggle).ToHaveAttributeAsync("aria-pressed", "false");
        Step("seller set up the plan");

        // --- A link that asks for a confirmed e-mail address and lets the buyer edit their items.
        await seller.GetByRole(AriaRole.Link, new() { Name = "Share", Exact = true }).ClickAsync();
        await seller.GetByLabel("Who it is for").FillAsync("Northwind buying team");
        await seller.GetByLabel("Visitors can").SelectOptionAsync(new SelectOptionValue { Label = "Comment and edit the buyer's items" });
        await seller.GetByLabel("Who can open it").SelectOptionAsync(new SelectOptionValue { Label = "People who confirm their e-mail address" });
        await seller.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await seller.GetByRole(AriaRole.Textbox, new() { Name = "Buyer link" }).InputValueAsync();
        await Assertions.Expect(seller.Locator(".share-link").First).ToContainTextAsync("People who confirm their e-mail address");

        // The seller keeps the plan open from here on; a marker on the window proves it is never reloaded.
        await seller.GotoAsync(planUrl);
        await Assertions.Expect(seller.Locator("[data-live-plan]")).ToHaveAttributeAsync("data-live-state", "connected");
        await seller.EvaluateAsync("() => { window.journeyNeverReloaded = true; }");
        Step("seller shared the plan and keeps it open");

        // --- The buyer, on a phone: the gate asks for a name and an address.
        var buyerContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, BaseURL = app.BaseUrl });
        buyerContext.SetDefaultTimeout(30_000);
        var buyer = await buyerContext.NewPageAsync();
        buyer.PageError += (_, e) => errors.Add("buyer: " + e);
        await buyer.GotoAsync(link);
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Brightline shared a plan with you" })).ToBeVisibleAsync();
        await Assertions.Expect(buyer.GetByText("Send the security questionnaire")).ToHaveCountAsync(0);
        await buyer.AssertNoSeriousViolationsAsync("link gate on a phone");
        await AssertFitsThePhoneAsync(buyer, "link gate");
        await Shot(buyer, "1-gate");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#gate-email-error")).ToContainTextAsync("Enter your work e-mail address");
        await buyer.GetByLabel("Your name").FillAsync("Priya Shah");
        await buyer.GetByLabel("Your e-mail address").FillAsync(Buyer);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();

        // The code arrives by e-mail through the real SMTP server.
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Check your e-mail" })).ToBeVisibleAsync();
        await buyer.AssertNoSeriousViolationsAsync("code entry on a phone");
        await AssertFitsThePhoneAsync(buyer, "code entry");
        await Shot(buyer, "2-code");
        var mail = await app.Mail.WaitForMessageAsync(Buyer, "is your code");
        var code = Regex.Match(mail.Subject, @"\b(\d{6})\b").Groups[1].Value;
        Assert.Matches(@"^\d{6}$", code);
        Assert.Contains(code, mail.Text);
        Assert.Contains("Northwind: finance automation", mail.Text);
        Step("buyer received the one-time code by e-mail");

        // A wrong code is refused beside the field; the right one opens the plan.
        var wrong = code == "000000" ? "111111" : "000000";
        await buyer.GetByLabel("Code from the e-mail").FillAsync(wrong);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Confirm and open the plan" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#gate-code-error")).ToContainTextAsync("That code is not right");
        await buyer.AssertNoSeriousViolationsAsync("wrong code on a phone");
        await buyer.GetByLabel("Code from the e-mail").FillAsync(code);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Confirm and open the plan" }).ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Northwind: finance automation" })).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator(".buyer-who")).ToContainTextAsync("Priya Shah");
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Your next actions" })).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator("[data-live-plan]")).ToHaveAttributeAsync("data-live-state", "connected");
        await buyer.AssertNoSeriousViolationsAsync("buyer plan on a phone");
        await AssertFitsThePhoneAsync(buyer, "buyer plan");
        await Shot(buyer, "3-plan");
        Step("buyer verified and sees the plan");

        // --- The buyer completes their action and @mentions the seller in the discussion.
        await buyer.Locator(".buyer-milestones").GetByRole(AriaRole.Button, new() { Name = "Mark as done: Send the security questionnaire" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".buyer-milestones").GetByRole(AriaRole.Button, new() { Name = "Reopen: Send the security questionnaire" })).ToBeVisibleAsync();
        var discussion = buyer.Locator("#discussion");
        var box = discussion.GetByLabel("Start the conversation");
        await box.ClickAsync();
        await buyer.Keyboard.TypeAsync("Done: questionnaire sent to @Al");
        var suggestions = discussion.GetByRole(AriaRole.Listbox, new() { Name = "People to mention" });
        await Assertions.Expect(suggestions.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Alex Morgan") })).ToBeVisibleAsync();
        await buyer.AssertNoSeriousViolationsAsync("mention suggestions on a phone");
        await buyer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("Done: questionnaire sent to @Alex Morgan ");
        await buyer.Keyboard.TypeAsync("can your team answer it this week?");
        await discussion.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        var posted = discussion.Locator(".comment").First;
        await Assertions.Expect(posted.Locator(".mention")).ToHaveTextAsync("@Alex Morgan");
        await Assertions.Expect(posted).ToContainTextAsync("can your team answer it this week?");
        await buyer.AssertNoSeriousViolationsAsync("buyer plan after commenting, on a phone");
        await Shot(buyer, "4-commented");
        Step("buyer completed the action and mentioned the seller");

        // --- The seller's open page shows both, without a reload.
        var sellerDiscussion = seller.Locator("#discussion");
        await Assertions.Expect(doneToggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(sellerDiscussion.Locator(".comment", new() { HasText = "can your team answer it this week?" })).ToBeVisibleAsync();
        await Assertions.Expect(sellerDiscussion.Locator(".comment .mention").First).ToHaveTextAsync("@Alex Morgan");
        await Assertions.Expect(sellerDiscussion.Locator(".comment").First).ToContainTextAsync("Priya Shah");
        Assert.True(await seller.EvaluateAsync<bool>("() => window.journeyNeverReloaded === true"), "The seller's page was reloaded.");
        Step("seller's open page shows the done action and the comment, not reloaded");
        // The mention also reaches the seller's inbox.
        var mention = await app.Mail.WaitForMessageAsync("alex@brightline.example", "Priya Shah");
        Assert.Contains("can your team answer it this week?", mention.Text);
        Step("seller received the mention by e-mail");

        // --- Sign-off: requested by the seller, signed by the seller and by the buyer's champion.
        await seller.Locator("#header").GetByRole(AriaRole.Link, new() { Name = "Sign-off", Exact = true }).ClickAsync();
        await seller.GetByLabel(new Regex("^Priya Shah")).CheckAsync();
        await Assertions.Expect(seller.GetByLabel("Alex Morgan (plan owner)")).ToBeCheckedAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Request sign-off" }).ClickAsync();
        await Assertions.Expect(seller.GetByText("Sign-off requested from Priya Shah, Alex Morgan.")).ToBeVisibleAsync();
        await seller.GetByLabel("Your full name").FillAsync("Alex Morgan");
        await seller.GetByLabel("Your title").FillAsync("Account Executive");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Sign the plan" }).ClickAsync();
        await Assertions.Expect(seller.GetByText("You signed the plan.")).ToBeVisibleAsync();
        Step("seller requested sign-off and signed");

        await buyer.GetByRole(AriaRole.Link, new() { Name = "Review and sign" }).ClickAsync();
        await Assertions.Expect(buyer.GetByText("Signing as Priya Shah")).ToBeVisibleAsync();
        await buyer.AssertNoSeriousViolationsAsync("buyer sign-off on a phone");
        await Shot(buyer, "5-sign-off");
        await AssertFitsThePhoneAsync(buyer, "buyer sign-off");
        await buyer.GetByLabel("Your full name").FillAsync("Priya Shah");
        await buyer.GetByLabel("Your title").FillAsync("Financial Controller");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Sign the plan" }).ClickAsync();
        await Assertions.Expect(buyer.GetByText("Thank you, Priya Shah")).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator(".signoff-status .pill").First).ToHaveTextAsync("Signed");
        await buyer.AssertNoSeriousViolationsAsync("buyer sign-off done, on a phone");
        await Shot(buyer, "6-signed");
        Step("buyer's champion signed");

        // The buyer goes back to the plan and keeps it open.
        await buyer.GetByRole(AriaRole.Link, new() { Name = "← Back to the plan" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("[data-live-plan]")).ToHaveAttributeAsync("data-live-state", "connected");
        await buyer.EvaluateAsync("() => { window.journeyNeverReloaded = true; }");

        // --- The seller moves the milestone with a reason: the plan changed since it was signed.
        await seller.GotoAsync(planUrl);
        await Assertions.Expect(seller.Locator("#sign-off .pill").First).ToHaveTextAsync("Signed");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Reschedule: Security review approved" }).ClickAsync();
        await seller.GetByLabel("New date").FillAsync("2027-01-22");
        await seller.GetByLabel("Why the date moves").FillAsync("The reviewer is on leave the week of the 11th");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Preview the new dates" }).ClickAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Agree new dates" }).ClickAsync();
        await Assertions.Expect(seller.GetByText("New dates agreed and recorded.")).ToBeVisibleAsync();
        Step("seller moved the date with a reason");

        // The buyer's open plan says so without a reload, and links to the difference.
        var notice = buyer.Locator(".buyer-signoff.changed");
        await Assertions.Expect(notice).ToContainTextAsync("Changed since signed");
        await Assertions.Expect(notice).ToContainTextAsync("One milestone differs");
        await Assertions.Expect(buyer.Locator("#m-" + await MilestoneIdAsync(buyer) + " time")).ToHaveAttributeAsync("datetime", "2027-01-22");
        Assert.True(await buyer.EvaluateAsync<bool>("() => window.journeyNeverReloaded === true"), "The buyer's page was reloaded.");
        await buyer.AssertNoSeriousViolationsAsync("buyer plan changed since signed, on a phone");
        await Shot(buyer, "7-changed");
        Step("buyer's open page shows the plan changed since signed, not reloaded");
        await notice.GetByRole(AriaRole.Link, new() { Name = "See the changes" }).ClickAsync();
        var buyerDiff = buyer.Locator(".signoff-status");
        await Assertions.Expect(buyerDiff).ToContainTextAsync("These milestones differ from what was signed");
        await Assertions.Expect(buyerDiff).ToContainTextAsync("15 Jan 2027");
        await Assertions.Expect(buyerDiff).ToContainTextAsync("22 Jan 2027");
        await buyer.AssertNoSeriousViolationsAsync("buyer sign-off page with the changes, on a phone");
        await Shot(buyer, "8-changes");
        await AssertFitsThePhoneAsync(buyer, "buyer sign-off with the changes");

        // The seller's plan page shows the alert with the difference once loaded again.
        await seller.ReloadAsync();
        var alert = seller.Locator("#changed-since-signed");
        await Assertions.Expect(alert).ToContainTextAsync("Changed since signed");
        await Assertions.Expect(alert).ToContainTextAsync("moved 15 Jan 2027 → 22 Jan 2027 (+7 days)");
        var diff = seller.Locator("#sign-off .baseline-diff");
        await Assertions.Expect(diff).ToContainTextAsync("Date moved");
        await Assertions.Expect(diff).ToContainTextAsync("15 Jan 2027");
        await Assertions.Expect(diff).ToContainTextAsync("22 Jan 2027");
        await alert.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "buyer-journey-9-seller-alert" + Run + ".png") });
        Step("seller's plan shows changed since signed with old → new date");

        Assert.Empty(errors);
        await buyerContext.CloseAsync();
    }

    private static Task<string> MilestoneIdAsync(IPage buyer) =>
        buyer.Locator(".milestone-card", new() { HasText = "Security review approved" }).First.EvaluateAsync<string>("el => el.id.substring(2)");

    /// <summary>Fails when the page scrolls sideways, naming the elements that stick out.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page, string what)
    {
        var wide = await page.EvaluateAsync<string[]>("""
            () => {
              // Only what widens the page: an element inside a scrolling or clipping box does not, unless it is
              // positioned against something outside that box (a visually hidden text in a scrolled table).
              const clipped = e => {
                let from = e.parentElement;
                if (getComputedStyle(e).position === 'absolute')
                  while (from && from !== document.body && getComputedStyle(from).position === 'static') from = from.parentElement;
                for (let p = from; p && p !== document.body; p = p.parentElement)
                  if (getComputedStyle(p).overflowX !== 'visible') return true;
                return false; };
              return document.documentElement.scrollWidth <= window.innerWidth + 1 ? [] :
              [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
                .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                  + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + 'px)');
            }
            """);
        Assert.True(wide.Length == 0, $"The {what} page scrolls sideways on a phone ({page.Url}); sticking out: {string.Join(", ", wide)}");
    }
}

/// <summary>The journey with the app on a SQLite file.</summary>
public sealed class BuyerCollaborationJourneyOnSqlite(MailAppServer app, ITestOutputHelper output)
    : BuyerCollaborationJourney(app, output), IClassFixture<MailAppServer>
{
    protected override string Run => "";

    [Fact]
    public Task Buyer_verifies_by_email_completes_an_action_mentions_the_seller_and_both_sign() => BuyerAndSellerCollaborateOnOnePlan();
}

/// <summary>The same journey with the app on PostgreSQL, where live updates travel by LISTEN/NOTIFY.</summary>
public sealed class BuyerCollaborationJourneyOnPostgres(PostgresMailAppServer app, ITestOutputHelper output)
    : BuyerCollaborationJourney(app, output), IClassFixture<PostgresMailAppServer>
{
    protected override string Run => "-postgres";

    [PostgresFact]
    public Task Buyer_verifies_by_email_completes_an_action_mentions_the_seller_and_both_sign() => BuyerAndSellerCollaborateOnOnePlan();
}
