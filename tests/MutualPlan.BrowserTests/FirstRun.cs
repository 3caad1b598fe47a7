using System.Text.RegularExpressions;
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

    /// <summary>From the plan list: a new plan "Northwind: finance automation" for Northwind Health; returns its page URL.</summary>
    public static async Task<string> CreatePlanAsync(this IPage page, float? timeout = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "+ New plan" }).First.ClickAsync();
        await page.GetByLabel("Plan title").FillAsync("Northwind: finance automation");
        await page.GetByLabel("Buyer company").FillAsync("Northwind Health");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/plans/[0-9a-f-]{36}$"), new() { Timeout = timeout });
        return page.Url;
    }
}
