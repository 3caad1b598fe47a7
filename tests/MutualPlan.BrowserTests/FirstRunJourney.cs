using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

public sealed class FirstRunJourney(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task A_new_install_leads_to_setup_then_the_owner_can_log_out_and_back_in()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        Assert.EndsWith("/setup", page.Url);
        await page.AssertNoSeriousViolationsAsync("setup page");
        await page.ScreenshotAsync("setup-desktop");

        // A bad submission keeps what was typed and explains the problem beside the field.
        await page.GetByLabel("Workspace name").FillAsync("Contoso Sales");
        await page.GetByLabel("Your name").FillAsync("Dana Seller");
        await page.GetByLabel("Work e-mail").FillAsync("not-an-email");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Enter a valid e-mail address")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Workspace name")).ToHaveValueAsync("Contoso Sales");

        await page.GetByLabel("Work e-mail").FillAsync("dana@contoso.example");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await page.WaitForURLAsync("**/plans");
        await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync("Dana Seller");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.AssertNoSeriousViolationsAsync("login page");
        await page.GetByLabel("E-mail").FillAsync("dana@contoso.example");
        await page.GetByLabel("Password").FillAsync("wrong password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/plans");

        // Setup is closed once an account exists.
        await page.GotoAsync("/setup");
        Assert.DoesNotContain("/setup", page.Url);
    }
}
