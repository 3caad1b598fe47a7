using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MimeKit;

namespace MutualPlan.BrowserTests;

/// <summary>
/// E-mail from a plan: after a meeting the seller drafts the recap from the plan, edits it,
/// previews it and sends it to the buyer's CFO and themself with the plan PDF attached; then
/// saves a status update and sends it too. Both arrive at a real SMTP server, each page lists
/// what was sent, axe checks the recap page, the preview and the send form, at desktop and
/// phone width.
/// </summary>
public sealed class RecapJourney(MailAppServer app) : IClassFixture<MailAppServer>
{
    private const string Dana = "dana@northwind.example";
    private const string Alex = "alex@brightline.example";

    [Fact]
    public async Task The_seller_sends_the_recap_and_a_status_update_to_both_sides()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.SetUpWorkspaceAsync();
        var planUrl = await page.CreatePlanAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add stakeholder" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dana Reyes");
        await page.GetByLabel("Job title").FillAsync("CFO");
        await page.GetByLabel("Side").SelectOptionAsync(new SelectOptionValue { Label = "Buyer" });
        await page.GetByLabel("E-mail").FillAsync(Dana);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stakeholder" }).ClickAsync();
        await Assertions.Expect(page.Locator(".person-name", new() { HasText = "Dana Reyes" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add milestone" }).ClickAsync();
        await page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("Security review approved");
        await page.GetByLabel("Target date").FillAsync("2027-01-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security review approved" })).ToBeVisibleAsync();

        // The recap, drafted from the plan: the milestone is in its timeline.
        await page.Locator("#header").GetByRole(AriaRole.Link, new() { Name = "Recap e-mail" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recap e-mail", Exact = true })).ToBeVisibleAsync();
        var body = page.GetByLabel("Recap (Markdown)");
        Assert.Contains("Security review approved", await body.InputValueAsync());
        await page.AssertNoSeriousViolationsAsync("recap page");
        await page.ScreenshotAsync("recap-desktop");

        // The seller edits it: a subject of their own and a line of what was agreed.
        await page.GetByLabel("Subject").FillAsync("Recap: our kickoff with Northwind Health");
        var edited = (await body.InputValueAsync()).Replace("## Desired outcome",
            "We agreed to run the security review in parallel with the commercial terms.\n\n## Desired outcome");
        await body.FillAsync(edited);
        // Each recipient reads "Name, title" and their address.
        await Assertions.Expect(page.Locator(".recipient-who").First).ToHaveTextAsync("Dana Reyes, CFO");
        await page.GetByLabel(new Regex("^Dana Reyes")).CheckAsync();
        await page.GetByLabel(new Regex("^Alex Morgan")).CheckAsync();
        await page.GetByLabel("Attach the plan document as a PDF").CheckAsync();

        // The preview shows the e-mail as recipients will see it, edits included.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.Locator("#preview");
        await preview.WaitForAsync();
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Preview" })).ToBeVisibleAsync();
        await Assertions.Expect(preview).ToContainTextAsync("Recap: our kickoff with Northwind Health");
        await Assertions.Expect(preview.Locator("dd").Nth(1)).ToHaveTextAsync($"Dana Reyes <{Dana}>\nAlex Morgan <{Alex}>");
        await Assertions.Expect(preview).ToContainTextAsync("The plan document (PDF)");
        await Assertions.Expect(page.FrameLocator(".email-frame").GetByText("in parallel with the commercial terms")).ToBeVisibleAsync();
        // The preview keeps the choices, so sending is one click away.
        await Assertions.Expect(page.GetByLabel(new Regex("^Dana Reyes"))).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Attach the plan document as a PDF")).ToBeCheckedAsync();
        Assert.Contains("in parallel with the commercial terms", await body.InputValueAsync());
        await AssertNoSeriousViolationsBesidePreviewAsync(page, "recap preview");
        await AssertEmailHasNoSeriousViolationsAsync(await page.Locator(".email-frame").GetAttributeAsync("srcdoc") ?? "", "the recap e-mail");
        await preview.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("recap-preview-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("recap-preview-phone");
        await AssertNoSeriousViolationsBesidePreviewAsync(page, "recap preview on a phone");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.Empty(app.Mail.Messages());

        await page.GetByRole(AriaRole.Button, new() { Name = "Send recap" }).ClickAsync();
        // Sending renders the PDF and talks to the SMTP server before the page answers.
        await page.WaitForURLAsync(new Regex(@"/recap\?sent="));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Recap sent to 2 people." })).ToBeVisibleAsync();
        var history = page.Locator("#history");
        await Assertions.Expect(history.Locator(".sent-item")).ToHaveCountAsync(1);
        await Assertions.Expect(history.Locator(".sent-item")).ToContainTextAsync("Recap: our kickoff with Northwind Health");
        await Assertions.Expect(history.Locator(".sent-item")).ToContainTextAsync($"To: Dana Reyes <{Dana}>, Alex Morgan <{Alex}>");
        await Assertions.Expect(history.Locator(".sent-item")).ToContainTextAsync("PDF attached");
        await page.ScreenshotAsync("recap-sent-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("recap-sent-phone");
        await page.SetViewportSizeAsync(1280, 900);

        // One message: the buyer in To, the seller's own team in Cc, both delivered by the SMTP server.
        var recap = await app.Mail.WaitForMessageAsync(Dana, "Recap: our kickoff with Northwind Health");
        Assert.Equal([Alex], recap.Mime.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal([Dana, Alex], EnvelopeRecipients("Recap: our kickoff with Northwind Health"));
        // The plain-text part wraps its lines; read it as a person does.
        Assert.Contains("in parallel with the commercial terms", Words(recap.Text));
        Assert.Contains("Security review approved", recap.Html);
        AssertPdfAttached(recap);

        // A status update: saved from the draft, then sent by e-mail to the CFO.
        await page.GotoAsync(planUrl);
        await page.Locator("#header").GetByRole(AriaRole.Link, new() { Name = "Status updates" }).ClickAsync();
        await page.GetByLabel("Update (Markdown)").FillAsync(
            (await page.GetByLabel("Update (Markdown)").InputValueAsync()) + "\n\nThe security questionnaire is with Northwind's IT team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status update" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/updates\?saved="));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Status update saved." })).ToBeVisibleAsync();
        var update = page.Locator("article.update").First;
        await update.GetByText("Send by e-mail").ClickAsync();
        await update.GetByLabel(new Regex("^Dana Reyes")).CheckAsync();
        await update.GetByLabel("Attach the plan document as a PDF").CheckAsync();
        await page.AssertNoSeriousViolationsAsync("status update send form");
        await update.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("status-update-send-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("status-update-send-phone");
        await page.AssertNoSeriousViolationsAsync("status update send form on a phone");
        await page.SetViewportSizeAsync(1280, 900);

        await update.GetByRole(AriaRole.Button, new() { Name = "Send status update" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/updates\?sent="));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Status update sent to 1 person." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.update").First.Locator(".update-sendings"))
            .ToContainTextAsync(new Regex(@"Sent by Alex Morgan on .* to Dana Reyes · PDF attached"));
        await page.ScreenshotAsync("status-update-sent-desktop");

        var statusMail = await app.Mail.WaitForMessageAsync(Dana, "Status update: Northwind: finance automation");
        Assert.Contains("The security questionnaire is with Northwind's IT team.", Words(statusMail.Text));
        AssertPdfAttached(statusMail);
        Assert.Equal([Dana], EnvelopeRecipients(statusMail.Subject));

        Assert.Empty(errors);
    }

    /// <summary>
    /// axe on the page around the preview. The preview frame is sandboxed without scripts (the
    /// e-mail must not run any), so axe cannot run inside it and would wait for it forever; the
    /// e-mail itself is checked on its own by <see cref="AssertEmailHasNoSeriousViolationsAsync"/>.
    /// </summary>
    private static async Task AssertNoSeriousViolationsBesidePreviewAsync(IPage page, string what)
    {
        await page.WaitForFunctionAsync("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')");
        var context = new AxeRunContext { Exclude = [new AxeSelector(".email-frame")] };
        var result = await page.RunAxe(context, new AxeRunOptions { Iframes = false });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe found on {what}:\n" + string.Join("\n", bad.Select(v => $"- [{v.Impact}] {v.Id}: {v.Help} — " +
            string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target))))));
    }

    /// <summary>The e-mail's HTML as a page of its own, the way a mail client shows it, checked by axe.</summary>
    private async Task AssertEmailHasNoSeriousViolationsAsync(string html, string what)
    {
        Assert.Contains("<html", html);
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, JavaScriptEnabled = true });
        var email = await context.NewPageAsync();
        await email.SetContentAsync(html);
        await email.AssertNoSeriousViolationsAsync(what);
        await email.ScreenshotAsync("recap-email-phone");
        await context.CloseAsync();
    }

    /// <summary>Whom the SMTP server accepted the message with this subject for (its envelope, written beside the .eml).</summary>
    private List<string> EnvelopeRecipients(string subject)
    {
        var eml = Directory.GetFiles(app.Mail.Folder, "*.eml").Single(f => (MimeMessage.Load(f).Subject ?? "") == subject);
        using var envelope = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(eml, ".json")));
        return envelope.RootElement.GetProperty("rcptTos").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static string Words(string text) => Regex.Replace(text, @"\s+", " ");

    private static void AssertPdfAttached(ReceivedMail mail)
    {
        var pdf = Assert.Single(mail.Mime.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "application/pdf");
        using var bytes = new MemoryStream();
        pdf.Content!.DecodeTo(bytes);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes.ToArray(), 0, 5));
        Assert.EndsWith(".pdf", pdf.FileName);
    }
}
