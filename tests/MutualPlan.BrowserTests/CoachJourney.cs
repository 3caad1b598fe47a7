using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// The planning coach end to end in Chromium: the guided interview drafts a plan back from the
/// buyer's deadline; on the timeline the signature bar is dragged with the mouse past the deadline,
/// the slip proposal shows the dependents that move, and once accepted the plan's health drops with
/// the finding "Milestones fall after the buyer's hard constraint". Then a bar is moved with the
/// keyboard alone. Axe checks the interview steps and the timeline (with the proposal open).
/// </summary>
public sealed class CoachJourney(AppServer app) : IClassFixture<AppServer>
{
    private static DateOnly Weekday(int daysAhead)
    {
        var d = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysAhead);
        while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(1);
        return d;
    }

    private static async Task<int> HealthScoreAsync(IPage page) =>
        int.Parse(await page.Locator(".gantt-health strong").TextContentAsync() ?? "", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Interview_then_drag_the_signature_past_the_deadline_and_the_health_shows_it()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.SetUpWorkspaceAsync();

        // The interview, one short step at a time.
        await page.GotoAsync("/plans/interview");
        await Assertions.Expect(page.GetByText("Step 1 of 7")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("interview: readiness");
        await page.GetByLabel("The buyer agrees this can deliver a specific outcome").SelectOptionAsync("true");
        await page.GetByLabel("The buyer will write next steps down").SelectOptionAsync("true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Step 2 of 7")).ToBeVisibleAsync();
        // Next without a title: the error is beside the field and the step stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.Locator("#iv-title-error")).ToContainTextAsync("Give the plan a title");
        await page.AssertNoSeriousViolationsAsync("interview: step with an error");
        await page.GetByLabel("Plan title").FillAsync("Contoso: finance automation");
        await page.GetByLabel("Buyer company").FillAsync("Contoso");
        await page.GetByLabel("Current deal stage").SelectOptionAsync("Evaluation");
        // Enter submits the step (Next is the form's default button).
        await page.GetByLabel("Buyer company").PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Step 3 of 7")).ToBeVisibleAsync();
        var deadline = Weekday(110);
        await page.GetByLabel("The buyer's hard constraint").FillAsync("Board meeting; budget not approved there waits a quarter");
        await page.GetByLabel("Its date").FillAsync(deadline.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Procurement will be involved").CheckAsync();
        await page.GetByLabel("Procurement's usual cycle (working days)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Your champion").SelectOptionAsync("HasAuthority");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answers" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Step 7 of 7")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".review-milestones time[datetime='{deadline:yyyy-MM-dd}']")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("interview: review");
        await page.ScreenshotAsync("interview-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft the plan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/plans/[0-9a-f-]{36}$"));
        var planUrl = page.Url;
        await Assertions.Expect(page.GetByText("Drafted from your answers")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#health")).Not.ToContainTextAsync("Milestones fall after the buyer's hard constraint");

        // The timeline: the signature sits on the deadline, on the critical path.
        await page.GotoAsync(planUrl + "/timeline");
        var signature = page.Locator(".gantt-bar[data-title='Contract signed']");
        await Assertions.Expect(signature).ToHaveAttributeAsync("data-end", deadline.ToString("yyyy-MM-dd"));
        await Assertions.Expect(signature).ToHaveAttributeAsync("aria-label", new Regex("^Contract signed, .*on the critical path"));
        await page.AssertNoSeriousViolationsAsync("timeline");
        var before = await HealthScoreAsync(page);

        // A real mouse drag, three weeks to the right.
        var ppd = double.Parse(await page.Locator(".gantt-canvas").GetAttributeAsync("data-ppd") ?? "", CultureInfo.InvariantCulture);
        await signature.ScrollIntoViewIfNeededAsync();
        var box = (await signature.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(x + 21 * ppd), (float)y, new() { Steps = 12 });
        await Assertions.Expect(signature).ToHaveClassAsync(new Regex("moving"));
        await page.Mouse.UpAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Move “Contract signed”" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator(".proposal-move")).ToContainTextAsync("working days");
        await Assertions.Expect(dialog.GetByText("Signature would land after the buyer's hard constraint")).ToBeVisibleAsync();
        var dependents = dialog.Locator("input[name=moveDependents]");
        await Assertions.Expect(dependents).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.Locator(".proposal-dependents")).ToContainTextAsync("Live and in use");
        await page.AssertNoSeriousViolationsAsync("timeline with the proposal open");
        await page.ScreenshotAsync("timeline-proposal");
        // The reason is required.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Accept new dates" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#tl-move-reason-error")).ToContainTextAsync("Say why the date moves");
        await dialog.GetByLabel("Why the date moves").FillAsync("Legal needs three more weeks for the DPA");
        await dialog.GetByLabel("Agreed with (buyer side)").FillAsync("Priya Shah");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Accept new dates" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("“Contract signed” moved from");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("with 2 dependent milestones");

        var moved = DateOnly.Parse(await signature.GetAttributeAsync("data-end") ?? "", CultureInfo.InvariantCulture);
        Assert.True(moved > deadline, $"The signature should now be after {deadline}, is {moved}.");
        var after = await HealthScoreAsync(page);
        Assert.True(after < before, $"Health should drop after the signature moved past the deadline: {before} → {after}.");
        await page.ScreenshotAsync("timeline-after-drag");

        // The plan's health now names the problem and the milestone.
        await page.GotoAsync(planUrl);
        var finding = page.Locator("#health .findings li", new() { HasText = "Milestones fall after the buyer's hard constraint" });
        await Assertions.Expect(finding).ToHaveCountAsync(1);
        await Assertions.Expect(finding).ToContainTextAsync("“Contract signed”");
        await Assertions.Expect(page.Locator("#health .health-score .score")).ToHaveTextAsync(after.ToString(CultureInfo.InvariantCulture));

        // The keyboard alone: focus a bar, → → and Shift+→ (a week), Enter opens the proposal.
        await page.GotoAsync(planUrl + "/timeline");
        var tech = page.Locator(".gantt-bar[data-title='Technical validation passed']");
        var techEnd = await tech.GetAttributeAsync("data-end");
        await tech.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Assertions.Expect(page.Locator("#gantt-live")).ToContainTextAsync("7 working days later");
        await page.Keyboard.PressAsync("Enter");
        var techDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Move “Technical validation passed”" });
        await Assertions.Expect(techDialog.Locator(".proposal-move")).ToContainTextAsync("+7 working days");
        // Escape closes it, puts the bar back and returns focus to it.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(techDialog).ToBeHiddenAsync();
        await Assertions.Expect(tech).ToBeFocusedAsync();
        await Assertions.Expect(tech).Not.ToHaveClassAsync(new Regex("pending"));
        // Again, and agree it with the keyboard: the reason field has focus when the proposal opens.
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(techDialog.GetByLabel("Why the date moves")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Security questionnaire arrives a day late");
        await techDialog.GetByRole(AriaRole.Button, new() { Name = "Accept new dates" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("“Technical validation passed” moved from");
        Assert.NotEqual(techEnd, await tech.GetAttributeAsync("data-end"));

        // A phone: the chart scrolls inside its frame, the page does not.
        var phone = page;
        await phone.SetViewportSizeAsync(375, 800);
        await phone.GotoAsync(planUrl + "/timeline");
        await Assertions.Expect(phone.Locator(".gantt-bar").First).ToBeVisibleAsync();
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "The timeline page scrolls sideways on a phone.");
        await phone.AssertNoSeriousViolationsAsync("timeline on a phone");
        await phone.ScreenshotAsync("timeline-phone");

        Assert.Empty(errors);
    }
}
