using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

public static class FirstRun
{
    /// <summary>The first-run setup every journey starts with: the Brightline workspace and its owner, Alex Morgan.</summary>
    public static async Task SetUpWorkspaceAsync(this IPage page)
    {
        await page.GotoAsync("/setup");
        await page.GetByLabel("Workspace name").FillAsync("Brightline");
        await page.GetByLabel("Your name").FillAsync("Alex Morgan");
        await page.GetByLabel("Work e-mail").FillAsync("alex@brightline.example");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await page.WaitForURLAsync("**/plans");
    }
}
