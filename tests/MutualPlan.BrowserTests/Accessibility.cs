using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MutualPlan.BrowserTests;

public static class Accessibility
{
    /// <summary>Runs axe on the page and fails on any serious or critical violation, listing them.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page, string what)
    {
        // Check the settled page, not one caught mid-swap.
        await page.WaitForFunctionAsync("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')");
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe found on {what} ({page.Url}):\n" + string.Join("\n", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- [{v.Impact}] {v.Id}: {v.Help} — " + string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)));

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDir, name + ".png"), FullPage = true });
}
