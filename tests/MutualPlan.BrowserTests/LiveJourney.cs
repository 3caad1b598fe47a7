using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MutualPlan.BrowserTests;

/// <summary>
/// Working on the plan at the same time: the seller on a desktop and the buyer's champion through
/// a personal edit link on a phone see each other in "Also here"; the buyer marks an action done
/// and reopens it, the seller ticks it, and each time the other page shows it without a reload.
/// Prints how long that takes from the click to the other page's DOM (not asserted: the machine is
/// shared; a generous wait is the only time limit).
/// </summary>
public sealed class LiveJourney(AppServer app, ITestOutputHelper output) : IClassFixture<AppServer>
{
    private const string Action = "Send the security questionnaire";
    private const int Edits = 10;
    private static readonly LocatorAssertionsToBeVisibleOptions Wait = new() { Timeout = 15_000 };

    [Fact]
    public async Task Seller_and_buyer_see_each_other_and_each_others_changes_without_reloading()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.SetUpWorkspaceAsync();
        var (planUrl, link) = await PlanWithPersonalEditLinkAsync(page);

        await page.GotoAsync(planUrl);
        var buyerContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        buyerContext.SetDefaultTimeout(30_000);
        // The buyer's page reloads after each form it sends: the moment of the click survives in the tab's session storage.
        await buyerContext.AddInitScriptAsync("document.addEventListener('click', e => { if (e.target.closest && e.target.closest('button')) sessionStorage.setItem('clickAt', String(performance.timeOrigin + e.timeStamp)); }, true);");
        var buyer = await buyerContext.NewPageAsync();
        buyer.PageError += (_, e) => errors.Add("buyer: " + e);
        await buyer.GotoAsync(link);

        // Each sees the other, not themself.
        var sellerStrip = page.Locator("[data-presence]");
        var buyerStrip = buyer.Locator("[data-presence]");
        await Assertions.Expect(sellerStrip).ToBeVisibleAsync(Wait);
        await Assertions.Expect(sellerStrip).ToContainTextAsync("Priya Shah");
        await Assertions.Expect(sellerStrip).ToContainTextAsync("Northwind Health");
        await Assertions.Expect(sellerStrip).Not.ToContainTextAsync("Alex Morgan");
        await Assertions.Expect(buyerStrip).ToBeVisibleAsync(Wait);
        await Assertions.Expect(buyerStrip).ToContainTextAsync("Alex Morgan");
        await Assertions.Expect(buyerStrip).ToContainTextAsync("Brightline");
        await Assertions.Expect(buyerStrip).Not.ToContainTextAsync("Priya Shah");
        await page.AssertNoSeriousViolationsAsync("plan page with someone else here");
        await buyer.AssertNoSeriousViolationsAsync("buyer view on a phone with the seller here");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "live-presence-seller.png"), Clip = new() { X = 0, Y = 0, Width = 1280, Height = 520 } });
        await buyer.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "live-presence-buyer-phone.png") });
        // The seller on a phone: the strip and "Buyer last active" wrap onto their own lines.
        await page.SetViewportSizeAsync(375, 812);
        await page.AssertNoSeriousViolationsAsync("plan page on a phone with someone else here");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, "live-presence-seller-phone.png") });
        await page.SetViewportSizeAsync(1280, 900);

        // The seller's page must not reload during the edits: a marker in its window would be lost.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // Buyer → seller: the champion marks the action done and reopens it on the phone.
        var buyerToSeller = new List<double>();
        for (var i = 0; i < Edits; i++)
        {
            var done = i % 2 == 0;
            await WatchSellerAsync(page, done);
            await buyer.GetByRole(AriaRole.Button, new() { Name = $"{(done ? "Mark as done" : "Reopen")}: {Action}" }).First.ClickAsync();
            await Assertions.Expect(buyer.GetByRole(AriaRole.Button, new() { Name = $"{(done ? "Reopen" : "Mark as done")}: {Action}" }).First).ToBeVisibleAsync(Wait);
            await page.WaitForFunctionAsync("() => window.__seenAt !== null", null, new() { Timeout = 15_000 });
            var seenAt = await page.EvaluateAsync<double>("() => window.__seenAt");
            var clickAt = double.Parse(await buyer.EvaluateAsync<string>("() => sessionStorage.getItem('clickAt')"), System.Globalization.CultureInfo.InvariantCulture);
            buyerToSeller.Add(seenAt - clickAt);
        }
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The seller's page reloaded.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Done: " + Action })).ToHaveAttributeAsync("aria-pressed", "false");

        // Seller → buyer: the seller ticks the action on the plan page; the phone shows it.
        await page.EvaluateAsync("() => document.addEventListener('click', e => { window.__clickAt = performance.timeOrigin + e.timeStamp; }, true)");
        await buyer.EvaluateAsync("() => { window.__sameDocument = true; }");
        var sellerToBuyer = new List<double>();
        for (var i = 0; i < Edits; i++)
        {
            var done = i % 2 == 0;
            await WatchBuyerAsync(buyer, done);
            await page.GetByRole(AriaRole.Button, new() { Name = "Done: " + Action }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Done: " + Action })).ToHaveAttributeAsync("aria-pressed", done ? "true" : "false");
            await buyer.WaitForFunctionAsync("() => window.__seenAt !== null", null, new() { Timeout = 15_000 });
            sellerToBuyer.Add(await buyer.EvaluateAsync<double>("() => window.__seenAt") - await page.EvaluateAsync<double>("() => window.__clickAt"));
        }
        Assert.True(await buyer.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The buyer's page reloaded.");
        await Assertions.Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Mark as done: " + Action }).First).ToBeVisibleAsync();

        output.WriteLine($"LIVE-DOM-LATENCY buyer->seller {Summary(buyerToSeller)} (buyer marks done/reopens on a phone; the seller's plan page shows it)");
        output.WriteLine($"LIVE-DOM-LATENCY seller->buyer {Summary(sellerToBuyer)} (seller ticks the action; the buyer's page shows it)");
        Assert.Equal(Edits, buyerToSeller.Count);
        Assert.Equal(Edits, sellerToBuyer.Count);

        // The buyer closes the page: after a short grace the seller's strip says nobody else is here.
        await buyerContext.CloseAsync();
        await Assertions.Expect(sellerStrip).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.Empty(errors);
    }

    /// <summary>Records, in the seller's page, when the action's tick first shows <paramref name="done"/>.</summary>
    private static Task WatchSellerAsync(IPage page, bool done) => page.EvaluateAsync(
        """
        ([label, want]) => {
          window.__seenAt = null;
          const check = () => {
            const b = document.querySelector(`button[aria-label="${label}"]`);
            if (window.__seenAt === null && b && b.getAttribute('aria-pressed') === want) { window.__seenAt = performance.timeOrigin + performance.now(); obs.disconnect(); }
          };
          const obs = new MutationObserver(check);
          obs.observe(document.body, { subtree: true, childList: true, attributes: true });
        }
        """, new object[] { "Done: " + Action, done ? "true" : "false" });

    /// <summary>Records, in the buyer's page, when its progress first counts the action as <paramref name="done"/>.</summary>
    private static Task WatchBuyerAsync(IPage buyer, bool done) => buyer.EvaluateAsync(
        """
        (want) => {
          window.__seenAt = null;
          const check = () => {
            const hero = document.querySelector('.buyer-hero');
            const text = hero ? hero.textContent.replace(/\s+/g, ' ') : '';
            if (window.__seenAt === null && text.includes(want)) { window.__seenAt = performance.timeOrigin + performance.now(); obs.disconnect(); }
          };
          const obs = new MutationObserver(check);
          obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """, done ? "1 of 1 actions done" : "0 of 1 actions done");

    private static string Summary(List<double> ms)
    {
        var s = ms.Order().ToList();
        var median = s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        return $"median={median:0} max={s[^1]:0} min={s[0]:0} ms n={s.Count}";
    }

    /// <summary>A plan with the buyer's champion, a milestone and a buyer action for her, and her personal edit link.</summary>
    private static async Task<(string PlanUrl, string Link)> PlanWithPersonalEditLinkAsync(IPage page)
    {
        var planUrl = await page.CreatePlanAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add stakeholder" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await page.GetByLabel("Job title").FillAsync("Financial Controller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stakeholder" }).ClickAsync();
        await Assertions.Expect(page.Locator(".person-name", new() { HasText = "Priya Shah" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("IT security approves the platform");
        await page.GetByLabel("Target date").FillAsync("2027-01-15");
        await page.GetByLabel("Owner", new() { Exact = true }).SelectOptionAsync("Buyer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "IT security approves the platform" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Buyer action" }).ClickAsync();
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync(Action);
        await page.GetByLabel("Assignee").SelectOptionAsync(new SelectOptionValue { Label = "Priya Shah (Financial Controller)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Done: " + Action })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Share", Exact = true }).ClickAsync();
        await page.GetByLabel("Personal link for").SelectOptionAsync(new SelectOptionValue { Label = "Priya Shah, Financial Controller" });
        await page.GetByLabel("Visitors can").SelectOptionAsync(new SelectOptionValue { Label = "Comment and edit the buyer's items" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await page.GetByRole(AriaRole.Textbox, new() { Name = "Buyer link" }).InputValueAsync();
        return (planUrl, link);
    }
}
