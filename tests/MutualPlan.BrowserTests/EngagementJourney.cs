using System.Text.Json;
using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// Engagement insight: the buyer opens their personal link in a browser of their own and reads the
/// plan; the seller's engagement page then shows the visit, the person and the link they came
/// through, the active time and the sections read. The buyer's view reports every 2 s here
/// (<c>Engagement:ReportSeconds</c>), not every 15 s, so the journey does not sit and wait.
/// Every wait has a deadline: the buyer's page keeps a live-update connection open, so nothing
/// here waits for the network to go quiet.
/// </summary>
public sealed class EngagementJourney(EngagementAppServer app) : IClassFixture<EngagementAppServer>
{
    private const float Step = 20_000;

    [Fact(Timeout = 240_000)]
    public async Task The_seller_sees_who_read_the_shared_plan_for_how_long_and_which_sections()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.SetUpWorkspaceAsync();
        var planUrl = await page.CreatePlanAsync(Step);
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add stakeholder" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await page.GetByLabel("Job title").FillAsync("Financial Controller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stakeholder" }).ClickAsync();
        await Assertions.Expect(page.Locator(".person-name", new() { HasText = "Priya Shah" })).ToBeVisibleAsync(new() { Timeout = Step });
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("Security review approved");
        await page.GetByLabel("Target date").FillAsync("2027-01-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security review approved" })).ToBeVisibleAsync(new() { Timeout = Step });

        // Nobody has looked yet.
        await page.GotoAsync(planUrl + "/engagement", new() { Timeout = Step });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nobody on the buyer side has opened the plan yet" })).ToBeVisibleAsync(new() { Timeout = Step });

        // A personal link for Priya.
        await page.GotoAsync(planUrl + "/share", new() { Timeout = Step });
        await page.GetByLabel("Personal link for").SelectOptionAsync(new SelectOptionValue { Label = "Priya Shah, Financial Controller" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await page.GetByRole(AriaRole.Textbox, new() { Name = "Buyer link" }).InputValueAsync(new() { Timeout = Step });

        // Priya reads the plan in her own browser. The page reports what she does; collect its reports.
        var buyerContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        buyerContext.SetDefaultTimeout(Step);
        var buyer = await buyerContext.NewPageAsync();
        buyer.PageError += (_, e) => errors.Add("buyer: " + e);
        var console = new List<string>();
        buyer.Console += (_, m) => console.Add($"console {m.Type}: {m.Text}");
        buyer.Response += (_, r) => { if (r.Url.EndsWith("/engagement", StringComparison.Ordinal)) console.Add($"report answered {r.Status}"); };
        // "load", not "networkidle": the live-update connection stays open for as long as the page does.
        await buyer.GotoAsync(link, new() { WaitUntil = WaitUntilState.Load, Timeout = Step });
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Northwind: finance automation" })).ToBeVisibleAsync();
        await buyer.AssertNoSeriousViolationsAsync("buyer view reporting engagement");
        // She scrolls down to the milestones, a wheel notch at a time, as a person does …
        await buyer.Mouse.MoveAsync(640, 400);
        const string milestonesTop = "() => Math.round(document.querySelector('section[data-section=milestones]').getBoundingClientRect().top)";
        for (var notch = 0; await buyer.EvaluateAsync<int>(milestonesTop) > 150; notch++)
        {
            Assert.True(notch < 40, "The milestones never came up on the buyer's screen.");
            await buyer.Mouse.WheelAsync(0, 100);
            await buyer.WaitForTimeoutAsync(100);
        }
        Assert.InRange(await buyer.EvaluateAsync<int>(milestonesTop), -100, 150);
        // … and stays there, moving the mouse now and then, while the page reports what she
        // does every 2 s. Only the answers' statuses are read: the page never reads a report's answer,
        // so Chromium never finishes loading its body and Playwright would wait for it forever.
        for (var i = 0; i < 4; i++)
        {
            var report = await buyer.RunAndWaitForResponseAsync(() => buyer.Mouse.MoveAsync(200 + i * 40, 300 + i % 2 * 30),
                r => r.Request.Method == "POST" && r.Url.EndsWith("/engagement", StringComparison.Ordinal), new() { Timeout = 10_000 });
            Assert.True(report.Status == 200, $"Report {i + 1} was answered {report.Status}.\n{string.Join("\n", console)}");
        }
        await buyer.ScreenshotAsync("engagement-buyer-view");
        await buyerContext.CloseAsync();

        // The seller sees the visit.
        await page.GotoAsync(planUrl + "/engagement", new() { Timeout = Step });
        var summary = page.Locator(".engagement-summary");
        await Assertions.Expect(summary).ToContainTextAsync("just now");
        var person = page.Locator("table[class*=engagement-table]").First.Locator("tbody tr");
        await Assertions.Expect(person).ToHaveCountAsync(1);
        await Assertions.Expect(person.Locator(".eng-name")).ToHaveTextAsync("Priya Shah");
        await Assertions.Expect(person).ToContainTextAsync("via Priya Shah");
        var cells = person.Locator("td");
        await Assertions.Expect(cells.Nth(2)).ToContainTextAsync("1");
        var active = await cells.Nth(3).InnerTextAsync();
        Assert.Matches(@"^\d+ s$|min", active.Trim());
        Assert.NotEqual("0 s", active.Trim());
        await Assertions.Expect(cells.Nth(4).Locator(".eng-sections")).ToContainTextAsync("Milestones");
        var links = page.Locator("section[aria-labelledby=eng-links] tbody tr");
        await Assertions.Expect(links).ToHaveCountAsync(1);
        await Assertions.Expect(links.First.Locator("th")).ToContainTextAsync("Priya Shah");
        await Assertions.Expect(links.First.Locator(".eng-sections")).ToContainTextAsync("Milestones");
        await Assertions.Expect(page.Locator(".eng-bars")).ToContainTextAsync("Milestones");
        await page.AssertNoSeriousViolationsAsync("engagement page");
        await page.ScreenshotAsync("engagement-seller");

        // The plan list says when the buyer was last active.
        await page.GotoAsync("/plans", new() { Timeout = Step });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("just now");
        Assert.Empty(errors);
    }
}

/// <summary>The app with the buyer's view reporting engagement every 2 seconds instead of 15.</summary>
public sealed class EngagementAppServer : AppServer
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Engagement__ReportSeconds", "2")];
}
