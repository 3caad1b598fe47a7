using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.SignOff;

namespace MutualPlan.Tests.SignOff;

/// <summary>The plan document's sign-off block: blank lines before anyone signs; names, titles, dates and the hash after.</summary>
public abstract class SignOffDocumentTests(TestApp app)
{
    [Fact]
    public async Task The_document_shows_blank_lines_until_people_sign_then_their_names_titles_dates_and_the_hash()
    {
        var seller = await app.NewWorkspaceAsync("Brightline");
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}";
        var champion = (await (await seller.Api.PostJsonAsync($"{url}/stakeholders", new { name = "Priya Shah", title = "Financial Controller", side = "Buyer", role = "Champion" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"{url}/milestones", new { title = "Contract signed", phase = "Signature", owner = "Joint", targetDate = "2027-01-29" });
        var link = await (await seller.Api.PostJsonAsync($"{url}/share-links", new { label = "Priya" })).JsonAsync();
        var linkPath = new Uri(link.GetProperty("url").GetString()!).AbsolutePath;

        var before = await seller.Api.GetStringAsync($"{url}/document?format=markdown");
        Assert.Contains("- Priya Shah, Financial Controller (Northwind Traders) — signature: ______________ date: __________", before);
        Assert.Contains("- Sam Seller, Plan owner (Brightline) — signature: ______________", before);
        Assert.DoesNotContain("Content hash", before);

        await seller.Api.PostJsonAsync($"{url}/sign-off/requests", new { stakeholderIds = new[] { champion }, userIds = new[] { seller.UserId } });
        var hash = (await (await seller.Api.GetAsync($"{url}/sign-off")).JsonAsync()).GetProperty("currentContentHash").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await seller.Api.PostJsonAsync($"{url}/sign-off/signatures", new { fullName = "Sam Seller", title = "Account Executive", contentHash = hash })).StatusCode);
        var half = await seller.Api.GetStringAsync($"{url}/document?format=text");
        Assert.Contains("Sam Seller, Account Executive (Brightline)", half);
        Assert.Contains("Priya Shah, Financial Controller (Northwind Traders)\n  Signature: ____________________  Date: ____________", half.Replace("\r\n", "\n"));
        Assert.Contains("1 of 2 have signed", half);

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var outcome = await SignOffCommands.SignAsync(db, (await SignOffCommands.LinkScopeAsync(db, plan))!, plan,
                new SignatureInput { FullName = "Priya Shah", Title = "Head of Finance", ContentHash = hash },
                r => r.Signers.First(s => s.StakeholderId == champion), "no", new(null, null), TimeProvider.System);
            Assert.True(outcome.IsOk);
        }
        var today = DateTime.UtcNow.ToString("d MMMM yyyy");
        var signed = await seller.Api.GetStringAsync($"{url}/document?format=markdown");
        Assert.Contains($"- Priya Shah, Head of Finance (Northwind Traders) — signed on {today}", signed);
        Assert.Contains($"- Sam Seller, Account Executive (Brightline) — signed on {today}", signed);
        Assert.Contains($"Content hash (SHA-256) of the signed plan: `{hash}`", signed);
        Assert.Contains("Signed by both sides on", signed);

        // The web page and the PDF, for the seller and through the buyer's link.
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}/document?audience=buyer");
        Assert.Contains(hash, page);
        Assert.Contains($"Signed on {today}", page);
        var buyerView = await app.CreateClient().GetStringAsync(linkPath);
        Assert.Contains(hash, buyerView);
        Assert.Contains("Priya Shah, Head of Finance (Northwind Traders)", buyerView);
        foreach (var pdfUrl in new[] { $"/plans/{plan}/document.pdf", $"{linkPath}/document.pdf" })
        {
            var client = pdfUrl.StartsWith("/p/") ? app.CreateClient() : web;
            var response = await client.GetAsync(pdfUrl);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await Tools.PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains($"Signed on {today}", text);
            Assert.Contains("Head of Finance", text);
            Assert.Contains(hash, text);
        }
    }
}

public sealed class SignOffDocumentTests_Sqlite(SqliteApp app) : SignOffDocumentTests(app), IClassFixture<SqliteApp>;
public sealed class SignOffDocumentTests_Postgres(PostgresApp app) : SignOffDocumentTests(app), IClassFixture<PostgresApp>;
