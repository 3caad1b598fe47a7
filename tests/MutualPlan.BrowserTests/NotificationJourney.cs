using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

/// <summary>
/// A seller chooses how notification e-mails reach them, on a server without SMTP settings: the
/// page says e-mail is off instead of failing, the choice is made with the keyboard and saved.
/// Axe checks the page at desktop and phone widths.
/// </summary>
public sealed class NotificationJourney(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task A_seller_switches_to_a_daily_digest_and_is_told_email_is_off_on_this_server()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.SetUpWorkspaceAsync();

        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "E-mail is turned off on this server" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "E-mail settings" }).ClickAsync();
        await page.WaitForURLAsync("**/settings/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true }).And(page.Locator("[aria-current=page]"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Each notification at once" })).ToBeCheckedAsync();
        await page.AssertNoSeriousViolationsAsync("notification settings");

        // Arrow keys move within the radio group; Enter submits the form.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Each notification at once" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "One summary a day" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your choice is saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "One summary a day" })).ToBeCheckedAsync();
        await page.ScreenshotAsync("notification-settings-1280");

        await page.SetViewportSizeAsync(375, 800);
        await page.GotoAsync("/settings/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "One summary a day" })).ToBeCheckedAsync();
        await page.AssertNoSeriousViolationsAsync("notification settings on a phone");
        await page.ScreenshotAsync("notification-settings-375");
        Assert.Empty(errors);
    }
}
