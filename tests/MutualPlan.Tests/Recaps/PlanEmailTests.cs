using System.Net;
using System.Text.Json;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Recaps;

/// <summary>Recaps and status updates sent by e-mail, received by a real SMTP server (aiosmtpd).</summary>
public abstract class PlanEmailTests(MailApp app)
{
    private sealed record Setup(TestSeller Seller, Guid Plan, Guid Ana, string AnaMail, TestSeller Colleague);

    /// <summary>A plan with a buyer champion who has an address, a colleague in the workspace, and internal items.</summary>
    private async Task<Setup> SetupAsync()
    {
        var seller = await app.NewWorkspaceAsync();
        var colleague = await app.AddSellerAsync(seller.WorkspaceId);
        var plan = await seller.NewPlanAsync();
        var anaMail = $"ana-{Guid.NewGuid():N}@northwind.test";
        var ana = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders",
            new { name = "Ana Lopez", title = "Finance Director", side = "Buyer", role = "Champion", decisionRole = "Decides", email = anaMail })).JsonAsync()).GetProperty("id").GetGuid();
        var milestone = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones",
            new { title = "Security review approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "Send the questionnaire", side = "Buyer", assigneeId = ana });
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "SECRET prepare the discount", side = "Seller", isInternal = true });
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/risks", new { description = "SECRET champion may leave", isInternal = true });
        return new Setup(seller, plan, ana, anaMail, colleague);
    }

    /// <summary>A message a seller sent from the plan to <paramref name="address"/>, not one of the automatic notification e-mails (Auto-Submitted).</summary>
    private static bool SentTo(ReceivedEmail m, string address) => m.IsFor(address) && m.Header("Auto-Submitted") is null;

    private IReadOnlyList<ReceivedEmail> Received(string address) => app.Sink.Messages().Where(m => SentTo(m, address)).ToList();

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_recap_reaches_the_chosen_people_on_both_sides_with_both_parts_and_the_pdf_and_is_kept_in_the_history()
    {
        var s = await SetupAsync();
        var raj = $"raj-{Guid.NewGuid():N}@partner.test";
        var response = await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/recaps", new
        {
            meetingDate = Today, notes = "We agreed to start the security review.",
            stakeholderIds = new[] { s.Ana }, sellerIds = new[] { s.Colleague.UserId }, addresses = new[] { $"Raj Patel <{raj}>" }, attachPdf = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = await response.JsonAsync();
        Assert.Equal(3, sent.GetProperty("recipients").GetArrayLength());

        var mail = Assert.Single(await app.Sink.WaitForAsync(1, m => SentTo(m, s.AnaMail)));
        Assert.Equal([s.AnaMail, raj], mail.To.Order(StringComparer.Ordinal).ToArray().OrderBy(a => a == s.AnaMail ? 0 : 1));
        Assert.Equal([s.Colleague.Email], mail.Cc);
        Assert.Equal($"Recap of our meeting on {DateTime.UtcNow:d MMMM}: Northwind rollout", mail.Subject);
        Assert.Equal(s.Seller.Email, mail.Mime.ReplyTo.Mailboxes.Single().Address);
        foreach (var part in new[] { mail.Html!, mail.Text! })
        {
            foreach (var heading in new[] { "What we discussed", "Desired outcome", "Challenges", "Why this approach fits", "Expected impact and how we will measure it",
                         "Key stakeholders", "Timeline to value realised", "Negotiables and assumptions", "Over to you" })
                Assert.Contains(heading, part);
            Assert.Contains("We agreed to start the security review.", part);
            Assert.Contains("Security review approved", part);
            Assert.DoesNotContain("SECRET", part);
        }
        Assert.Contains("<h2 style=", mail.Html);
        Assert.Contains("Desired outcome\n---------------", mail.Text!.Replace("\r\n", "\n"));
        var pdf = Assert.Single(mail.Attachments);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.Equal("northwind-rollout.pdf", pdf.FileName);
        var pdfText = await Tools.PdfTextAsync(ReceivedEmail.Content(pdf));
        Assert.Contains("Security review approved", pdfText);
        Assert.DoesNotContain("SECRET", pdfText);

        var history = await (await s.Seller.Api.GetAsync($"/api/v1/plans/{s.Plan}/recaps")).JsonAsync();
        var entry = Assert.Single(history.EnumerateArray());
        Assert.Equal("Sam Seller", entry.GetProperty("sentBy").GetString());
        Assert.True(entry.GetProperty("pdfAttached").GetBoolean());
        Assert.Equal(mail.MessageId, entry.GetProperty("messageId").GetString());
        Assert.Contains("## Desired outcome", entry.GetProperty("body").GetString());
        Assert.Equal([s.AnaMail, s.Colleague.Email, raj], entry.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("address").GetString()));
        Assert.Equal(["Buyer", "Seller", "Other"], entry.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("side").GetString()));

        var page = Html.Parse(await (await s.Seller.LoginAsync()).GetStringAsync($"/plans/{s.Plan}/recap"));
        var item = Assert.Single(page.QuerySelectorAll("#history .sent-item"));
        Assert.Contains("Ana Lopez", item.TextContent);
        Assert.Contains("Raj Patel", item.TextContent);
    }

    [Fact]
    public async Task An_edited_recap_is_sent_as_written_and_a_dry_run_sends_and_records_nothing()
    {
        var s = await SetupAsync();
        var body = new { meetingDate = Today, subject = "Our plan, as agreed", body = "Hello Ana,\n\n## Next steps\n\n- **You**: send the questionnaire", stakeholderIds = new[] { s.Ana } };
        var preview = await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/recaps", new { body.meetingDate, body.subject, body.body, body.stakeholderIds, dryRun = true });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var p = await preview.JsonAsync();
        Assert.Equal("Our plan, as agreed", p.GetProperty("subject").GetString());
        Assert.Contains("<strong style=", p.GetProperty("html").GetString());
        Assert.Contains("- You: send the questionnaire", p.GetProperty("text").GetString());
        await Task.Delay(300);
        Assert.Empty(Received(s.AnaMail));
        Assert.Equal(0, (await (await s.Seller.Api.GetAsync($"/api/v1/plans/{s.Plan}/recaps")).JsonAsync()).GetArrayLength());

        Assert.Equal(HttpStatusCode.Created, (await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/recaps", body)).StatusCode);
        var mail = Assert.Single(await app.Sink.WaitForAsync(1, m => SentTo(m, s.AnaMail)));
        Assert.Equal("Our plan, as agreed", mail.Subject);
        Assert.Contains("Next steps", mail.Text);
        Assert.DoesNotContain("Desired outcome", mail.Text);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_nothing_is_sent()
    {
        var s = await SetupAsync();
        var other = await s.Seller.NewPlanAsync("Other plan");
        var stranger = (await (await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{other}/stakeholders",
            new { name = "Elsewhere Ed", side = "Buyer", role = "Champion", email = "ed@elsewhere.test" })).JsonAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/plans/{s.Plan}/recaps";
        var cases = new (object Body, string Field)[]
        {
            (new { meetingDate = Today }, "recipients"),
            (new { meetingDate = Today, addresses = new[] { "ana@northwind.test, not an address" } }, "addresses"),
            (new { meetingDate = Today, addresses = new[] { "ana@localhost" } }, "addresses"),
            (new { meetingDate = Today, stakeholderIds = new[] { stranger } }, "stakeholderIds"),
            (new { meetingDate = Today, sellerIds = new[] { Guid.NewGuid() } }, "sellerIds"),
            (new { meetingDate = "2099-01-01", stakeholderIds = new[] { s.Ana } }, "meetingDate"),
            (new { stakeholderIds = new[] { s.Ana } }, "meetingDate"),
        };
        foreach (var (body, field) in cases)
        {
            var r = await s.Seller.Api.PostJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.True((await r.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(body)} should name {field}");
        }
        var update = (await (await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/status-updates", new { from = "2026-11-01", to = "2026-11-07" })).JsonAsync()).GetProperty("id").GetGuid();
        var none = await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/status-updates/{update}/send", new { addresses = new[] { "" } });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await none.JsonAsync()).GetProperty("errors").TryGetProperty("recipients", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{other}/status-updates/{update}/send", new { stakeholderIds = new[] { s.Ana } })).StatusCode);

        await Task.Delay(300);
        Assert.Empty(Received(s.AnaMail));
        Assert.Empty(Received("ed@elsewhere.test"));
    }

    [Fact]
    public async Task Another_workspace_finds_neither_the_recaps_nor_the_recipients_nor_the_updates_to_send()
    {
        var s = await SetupAsync();
        var outsider = await app.NewWorkspaceAsync("Stranger Ltd");
        var update = (await (await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/status-updates", new { from = "2026-11-01", to = "2026-11-07" })).JsonAsync()).GetProperty("id").GetGuid();
        var responses = new[]
        {
            await outsider.Api.GetAsync($"/api/v1/plans/{s.Plan}/recaps"),
            await outsider.Api.GetAsync($"/api/v1/plans/{s.Plan}/recaps/draft"),
            await outsider.Api.GetAsync($"/api/v1/plans/{s.Plan}/email-recipients"),
            await outsider.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/recaps", new { meetingDate = Today, stakeholderIds = new[] { s.Ana } }),
            await outsider.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/status-updates/{update}/send", new { stakeholderIds = new[] { s.Ana } }),
            await (await outsider.LoginAsync()).GetAsync($"/plans/{s.Plan}/recap"),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        await Task.Delay(300);
        Assert.Empty(Received(s.AnaMail));

        var choices = await (await s.Seller.Api.GetAsync($"/api/v1/plans/{s.Plan}/email-recipients")).JsonAsync();
        Assert.Equal(["Ana Lopez", "Sam Seller", "Sam Seller"], choices.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.DoesNotContain(choices.EnumerateArray(), c => c.GetProperty("email").GetString() == outsider.Email);
    }

    [Fact]
    public async Task A_status_update_is_sent_with_both_parts_and_the_sending_is_recorded_with_the_update()
    {
        var s = await SetupAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var update = (await (await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/status-updates",
            new { from = today.AddDays(-6).ToString("yyyy-MM-dd"), to = today.ToString("yyyy-MM-dd") })).JsonAsync()).GetProperty("id").GetGuid();

        var sent = await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/status-updates/{update}/send",
            new { stakeholderIds = new[] { s.Ana }, sellerIds = new[] { s.Colleague.UserId }, attachPdf = true });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var mail = Assert.Single(await app.Sink.WaitForAsync(1, m => SentTo(m, s.AnaMail)));
        Assert.Equal([s.AnaMail], mail.To);
        Assert.Equal([s.Colleague.Email], mail.Cc);
        Assert.StartsWith("Status update: Northwind rollout, ", mail.Subject);
        foreach (var part in new[] { mail.Html!, mail.Text! })
        {
            Assert.Contains("Milestones completed", part);
            Assert.Contains("Timeline", part);
            Assert.DoesNotContain("SECRET", part);
        }
        Assert.Equal("application/pdf", Assert.Single(mail.Attachments).ContentType.MimeType);

        var listed = (await (await s.Seller.Api.GetAsync($"/api/v1/plans/{s.Plan}/status-updates")).JsonAsync()).EnumerateArray().Single();
        var sending = Assert.Single(listed.GetProperty("sendings").EnumerateArray());
        Assert.Equal([s.AnaMail, s.Colleague.Email], sending.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("address").GetString()));
        Assert.Equal("Sam Seller", sending.GetProperty("sentBy").GetString());

        var page = Html.Parse(await (await s.Seller.LoginAsync()).GetStringAsync($"/plans/{s.Plan}/updates"));
        Assert.Contains("Sent by Sam Seller", page.QuerySelector($"#update-{update} .update-sendings")!.TextContent);
        Assert.Contains("Ana Lopez", page.QuerySelector($"#update-{update} .update-sendings")!.TextContent);
    }

    [Fact]
    public async Task On_the_page_a_recap_is_drafted_previewed_and_sent_and_a_missing_recipient_is_said_beside_the_list()
    {
        var s = await SetupAsync();
        var web = await s.Seller.LoginAsync();
        var html = await web.GetStringAsync($"/plans/{s.Plan}/recap");
        var page = Html.Parse(html);
        Assert.Contains("## Desired outcome", page.QuerySelector("textarea[name=body]")!.TextContent);
        Assert.DoesNotContain("SECRET", html);
        Assert.NotNull(page.QuerySelector($"input[type=checkbox][name=stakeholderIds][value='{s.Ana}']"));
        Assert.NotNull(page.QuerySelector($"input[type=checkbox][name=sellerIds][value='{s.Colleague.UserId}']"));
        Assert.NotNull(page.QuerySelector("input[name=attachPdf]"));
        var token = Html.AntiforgeryToken(html);
        var body = page.QuerySelector("textarea[name=body]")!.TextContent;

        FormUrlEncodedContent Form(params (string, string)[] extra) => new(new[]
        {
            ("meetingDate", Today), ("subject", "Recap from the page"), ("body", body), ("__RequestVerificationToken", token),
        }.Concat(extra).Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)));

        var missing = await web.PostAsync($"/plans/{s.Plan}/recap", Form());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errorPage = Html.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Contains("Choose at least one person", errorPage.QuerySelector(".recipients .field-error")!.TextContent);
        Assert.Equal("Recap from the page", errorPage.QuerySelector("input[name=subject]")!.GetAttribute("value"));

        var preview = await web.PostAsync($"/plans/{s.Plan}/recap/preview", Form(("stakeholderIds", s.Ana.ToString())));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var frame = Html.Parse(await preview.Content.ReadAsStringAsync()).QuerySelector("iframe.email-frame")!;
        Assert.Contains("Desired outcome", frame.GetAttribute("srcdoc"));
        Assert.NotNull(frame.GetAttribute("sandbox"));
        await Task.Delay(300);
        Assert.Empty(Received(s.AnaMail));

        var send = await web.PostAsync($"/plans/{s.Plan}/recap", Form(("stakeholderIds", s.Ana.ToString()), ("addresses", "cfo@northwind.test"), ("attachPdf", "true")));
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var mail = Assert.Single(await app.Sink.WaitForAsync(1, m => SentTo(m, s.AnaMail)));
        Assert.Equal("Recap from the page", mail.Subject);
        Assert.True(mail.IsFor("cfo@northwind.test"));
        Assert.Single(mail.Attachments);
        var after = Html.Parse(await web.GetStringAsync(send.Headers.Location!.OriginalString));
        Assert.Contains("Recap sent to 2 people", after.QuerySelector(".flash.ok")!.TextContent);
        Assert.Single(after.QuerySelectorAll("#history .sent-item"));
    }

    [Fact]
    public async Task When_the_mail_server_is_down_sending_fails_with_a_problem_and_nothing_is_recorded()
    {
        var s = await SetupAsync();
        app.Sink.Stop();
        try
        {
            var r = await s.Seller.Api.PostJsonAsync($"/api/v1/plans/{s.Plan}/recaps", new { meetingDate = Today, stakeholderIds = new[] { s.Ana } });
            Assert.Equal(HttpStatusCode.BadGateway, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Contains("nothing was sent", (await r.JsonAsync()).GetProperty("detail").GetString());
        }
        finally
        {
            app.Sink.Start();
        }
        Assert.Equal(0, (await (await s.Seller.Api.GetAsync($"/api/v1/plans/{s.Plan}/recaps")).JsonAsync()).GetArrayLength());
    }
}

public sealed class PlanEmailTests_Sqlite(SqliteMailApp app) : PlanEmailTests(app), IClassFixture<SqliteMailApp>;
public sealed class PlanEmailTests_Postgres(PostgresMailApp app) : PlanEmailTests(app), IClassFixture<PostgresMailApp>;

/// <summary>Without an SMTP server, recaps can be drafted and previewed but not sent: the API says why, the page too.</summary>
public abstract class PlanEmailOffTests(TestApp app)
{
    [Fact]
    public async Task Sending_is_refused_with_the_reason_while_a_preview_still_works()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var body = new { meetingDate = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), addresses = new[] { "ana@northwind.test" } };
        var refused = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/recaps", body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Smtp__Host", (await refused.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/recaps", new { body.meetingDate, body.addresses, dryRun = true })).StatusCode);
        Assert.Equal(0, (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/recaps")).JsonAsync()).GetArrayLength());

        var page = Html.Parse(await (await seller.LoginAsync()).GetStringAsync($"/plans/{plan}/recap"));
        Assert.Contains("E-mail is turned off", page.QuerySelector(".flash.info")!.TextContent);
        Assert.True(page.QuerySelector("button.primary[type=submit]")!.HasAttribute("disabled"));
    }
}

public sealed class PlanEmailOffTests_Sqlite(SqliteApp app) : PlanEmailOffTests(app), IClassFixture<SqliteApp>;
public sealed class PlanEmailOffTests_Postgres(PostgresApp app) : PlanEmailOffTests(app), IClassFixture<PostgresApp>;
