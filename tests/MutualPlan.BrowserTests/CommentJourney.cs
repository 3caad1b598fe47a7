using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// Commenting with the keyboard only: open a milestone's comments, type "@", choose a person from
/// the suggestions with the arrow keys and Enter, post with Ctrl+Enter, then find the change in the
/// activity feed. Axe checks the panel with the suggestions open, and the feed and notification pages.
/// </summary>
public sealed class CommentJourney(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task A_seller_mentions_a_stakeholder_by_keyboard_and_sees_the_activity()
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

        // Open the milestone's comments from the keyboard: focus lands on the panel.
        var toggle = page.Locator(".milestone-actions .comment-toggle");
        await Assertions.Expect(toggle).ToHaveAccessibleNameAsync("Comments on milestone “Security review approved”");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator(".comments-panel").Filter(new() { HasText = "Comments on this milestone" });
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Comments on this milestone" })).ToBeFocusedAsync();

        var box = panel.GetByLabel("Start the conversation");
        await page.Keyboard.PressAsync("Tab"); // the Close button
        await page.Keyboard.PressAsync("Tab"); // the comment box
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Can @");
        var list = panel.GetByRole(AriaRole.Listbox, new() { Name = "People to mention" });
        await Assertions.Expect(list).ToBeVisibleAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(2); // Alex (seller) and Priya (stakeholder)
        await page.AssertNoSeriousViolationsAsync("comment box with @ suggestions");
        await page.Keyboard.TypeAsync("s");
        await Assertions.Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", new System.Text.RegularExpressions.Regex("mention-list-"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(list).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.TypeAsync("pri");
        await Assertions.Expect(list).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("Can @Priya Shah ");
        await page.Keyboard.TypeAsync("sign the **DPA** this week?");
        await page.Keyboard.PressAsync("Control+Enter");

        var comment = panel.Locator(".comment").First;
        await Assertions.Expect(comment.Locator(".mention")).ToHaveTextAsync("@Priya Shah");
        await Assertions.Expect(comment.Locator("strong", new() { HasText = "DPA" })).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAccessibleNameAsync("1 comment on milestone “Security review approved”");
        await page.AssertNoSeriousViolationsAsync("comments panel after posting");

        await page.GotoAsync(planUrl + "/activity");
        await Assertions.Expect(page.Locator(".activity-entry", new() { HasText = "Security review approved" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("activity feed");
        await page.GotoAsync("/notifications");
        await page.AssertNoSeriousViolationsAsync("notifications");

        await page.SetViewportSizeAsync(375, 800);
        await page.GotoAsync(planUrl + "/activity");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The activity feed fits a phone.");
        await page.ScreenshotAsync("comments-activity");
        Assert.Empty(errors);
    }
}
