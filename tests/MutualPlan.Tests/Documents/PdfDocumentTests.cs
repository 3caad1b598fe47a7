using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Documents;

public abstract class PdfDocumentTests(TestApp app)
{
    private async Task<(TestSeller Seller, Guid Plan)> PlanAsync(int extraMilestones = 0)
    {
        var seller = await app.NewWorkspaceAsync("Brightline Software");
        var plan = await seller.NewPlanAsync("Northwind rollout");
        var url = $"/api/v1/plans/{plan}";
        var m = (await (await seller.Api.PostJsonAsync($"{url}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"{url}/milestones", new { title = "Contract signed", phase = "Signature", owner = "Joint", targetDate = "2027-01-15" });
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "Send the questionnaire", side = "Buyer", dueDate = "2026-12-01" });
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true });
        await seller.Api.PostJsonAsync($"{url}/risks", new { description = "SECRET competitor favoured", isInternal = true });
        await seller.Api.PutJsonAsync($"{url}/internal-notes", new { notes = "SECRET pricing floor", version = 1 });
        await seller.Api.PostJsonAsync($"{url}/stakeholders", new { name = "Priya Shah", title = "Financial Controller", side = "Buyer", role = "Champion" });
        for (var i = 1; i <= extraMilestones; i++)
            await seller.Api.PostJsonAsync($"{url}/milestones", new
            {
                title = $"Step {i:00}: a milestone with a long enough name to wrap inside its table cell on an A4 page", phase = "Evaluation",
                owner = "Buyer", targetDate = new DateOnly(2027, 2, 1).AddDays(i).ToString("yyyy-MM-dd"),
            });
        return (seller, plan);
    }

    private static async Task<byte[]> PdfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_pdf_has_the_milestones_the_sign_off_block_and_page_numbers()
    {
        var (seller, plan) = await PlanAsync();
        var web = await seller.LoginAsync();
        var text = await Tools.PdfTextAsync(await PdfAsync(web, $"/plans/{plan}/document.pdf"));

        Assert.Contains("Northwind rollout", text);
        Assert.Contains("Northwind Traders and Brightline Software", text);
        Assert.Contains("Security approved", text);
        Assert.Contains("Contract signed", text);
        Assert.Contains("10 Dec 2026", text);
        Assert.Contains("Send the questionnaire", text);
        Assert.Contains("Sign-off", text);
        Assert.Contains("FOR NORTHWIND TRADERS", text);
        Assert.Contains("Priya Shah", text);
        Assert.Contains("Plan owner", text);
        Assert.Contains("Page 1 of", text);
        // The team's own version carries the internal items, and says so.
        Assert.Contains("SECRET discount approval", text);
        Assert.Contains("SECRET pricing floor", text);
        Assert.Contains("Internal version", text);
    }

    [Fact]
    public async Task The_buyer_pdf_has_nothing_internal_from_the_seller_or_through_the_link()
    {
        var (seller, plan) = await PlanAsync();
        var web = await seller.LoginAsync();
        var fromSeller = await Tools.PdfTextAsync(await PdfAsync(web, $"/plans/{plan}/document.pdf?audience=buyer"));
        var fromApi = await Tools.PdfTextAsync(await PdfAsync(seller.Api, $"/api/v1/plans/{plan}/document?format=pdf&audience=buyer"));

        var created = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/share-links", new { label = "Northwind team" });
        var link = await created.JsonAsync();
        var path = new Uri(link.GetProperty("url").GetString()!).AbsolutePath;
        var buyer = app.CreateClient(new() { AllowAutoRedirect = false });
        var fromLink = await Tools.PdfTextAsync(await PdfAsync(buyer, $"{path}/document.pdf"));

        foreach (var text in new[] { fromSeller, fromApi, fromLink })
        {
            Assert.Contains("Security approved", text);
            Assert.Contains("Send the questionnaire", text);
            Assert.Contains("Page 1 of", text);
            Assert.DoesNotContain("SECRET", text);
            Assert.DoesNotContain("Internal", text);
        }

        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/share-links/{link.GetProperty("id").GetGuid()}/revoke", new { });
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"{path}/document.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_long_plan_runs_over_several_pages_with_the_table_header_on_each()
    {
        var (seller, plan) = await PlanAsync(extraMilestones: 45);
        var pdf = await PdfAsync(seller.Api, $"/api/v1/plans/{plan}/document?format=pdf&audience=buyer");
        var pages = await Tools.PdfPagesAsync(pdf);
        Assert.True(pages >= 3, $"Expected at least 3 pages, got {pages}.");

        var pagesWithMilestoneRows = 0;
        for (var p = 1; p <= pages; p++)
        {
            var text = await Tools.PdfTextAsync(pdf, p);
            Assert.Contains($"Page {p} of {pages}", text);
            if (!text.Contains("Step ", StringComparison.Ordinal)) continue;
            pagesWithMilestoneRows++;
            // Every page that continues the milestones table starts it with the header row again.
            Assert.Matches(@"#\s+Milestone\s+Target date\s+Owner\s+Status", text);
        }
        Assert.True(pagesWithMilestoneRows >= 2, $"The milestones table should span pages; it is on {pagesWithMilestoneRows}.");
        var all = await Tools.PdfTextAsync(pdf);
        for (var i = 1; i <= 45; i++) Assert.Contains($"Step {i:00}:", all);
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_the_pdf()
    {
        var (_, plan) = await PlanAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/document?format=pdf")).StatusCode);
        var strangerWeb = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{plan}/document.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{plan}/document.pdf?audience=buyer")).StatusCode);
    }

    [Fact]
    public async Task The_document_page_offers_the_pdf()
    {
        var (seller, plan) = await PlanAsync();
        var web = await seller.LoginAsync();
        var page = Html.Parse(await web.GetStringAsync($"/plans/{plan}/document?audience=buyer"));
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Download PDF");
        Assert.Equal($"/plans/{plan}/document.pdf?audience=buyer", link.GetAttribute("href"));
        var response = await web.GetAsync(link.GetAttribute("href"));
        Assert.Equal("northwind-rollout.pdf", response.Content.Headers.ContentDisposition?.FileName);
    }
}

public sealed class PdfDocumentTests_Sqlite(SqliteApp app) : PdfDocumentTests(app), IClassFixture<SqliteApp>;
public sealed class PdfDocumentTests_Postgres(PostgresApp app) : PdfDocumentTests(app), IClassFixture<PostgresApp>;
