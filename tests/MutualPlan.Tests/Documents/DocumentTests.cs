using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Documents;

public abstract class DocumentTests(TestApp app)
{
    private async Task<(TestSeller Seller, Guid Plan)> PlanWithInternalItemsAsync()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync("Northwind rollout");
        var url = $"/api/v1/plans/{plan}";
        var m = (await (await seller.Api.PostJsonAsync($"{url}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "Send the questionnaire", side = "Buyer" });
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "Answer within three days", side = "Seller" });
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true });
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/assumptions", new { text = "IT has capacity in December" });
        await seller.Api.PostJsonAsync($"{url}/risks", new { description = "SECRET competitor favoured", isInternal = true, milestoneId = m });
        await seller.Api.PostJsonAsync($"{url}/risks", new { description = "IT backlog", milestoneId = m, mitigation = "Share SOC 2 early" });
        await seller.Api.PutJsonAsync($"{url}/internal-notes", new { notes = "SECRET pricing floor 12%", version = 1 });
        await seller.Api.PostJsonAsync($"{url}/stakeholders", new { name = "Priya Shah", title = "Financial Controller", side = "Buyer", role = "Champion" });
        return (seller, plan);
    }

    [Fact]
    public async Task The_markdown_document_has_every_section_and_the_buyer_version_has_nothing_internal()
    {
        var (seller, plan) = await PlanWithInternalItemsAsync();
        var internalDoc = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/document")).Content.ReadAsStringAsync();
        var buyerResponse = await seller.Api.GetAsync($"/api/v1/plans/{plan}/document?audience=buyer");
        Assert.Equal("text/markdown", buyerResponse.Content.Headers.ContentType?.MediaType);
        var buyerDoc = await buyerResponse.Content.ReadAsStringAsync();

        foreach (var heading in new[] { "# Northwind rollout", "## Stakeholders", "## Milestones", "## Risks and mitigations", "## Timeline summary", "## Next steps this week", "## Sign-off" })
            Assert.Contains(heading, buyerDoc);
        Assert.Contains("Security approved", buyerDoc);
        Assert.Contains("Send the questionnaire", buyerDoc);
        Assert.Contains("IT has capacity in December", buyerDoc);
        Assert.Contains("Priya Shah, Financial Controller", buyerDoc);
        Assert.DoesNotContain("SECRET", buyerDoc);
        Assert.Contains("SECRET discount approval", internalDoc);
        Assert.Contains("SECRET pricing floor", internalDoc);
    }

    [Fact]
    public async Task The_plain_text_document_lines_up_its_columns()
    {
        var (seller, plan) = await PlanWithInternalItemsAsync();
        var text = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/document?format=text&audience=buyer")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET", text);
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Target  ", StringComparison.Ordinal));
        Assert.True(header >= 0, text);
        var rule = lines[header + 1];
        var row = lines[header + 2];
        // Each column of the row starts where its dashes start.
        var starts = rule.Select((c, i) => (c, i)).Where(x => x.c == '-' && (x.i == 0 || rule[x.i - 1] == ' ')).Select(x => x.i).ToList();
        Assert.Equal(4, starts.Count);
        Assert.Equal("Security approved", row[starts[1]..].Split("  ")[0]);
        Assert.Equal("Buyer", row[starts[2]..].Split("  ")[0]);
    }

    [Fact]
    public async Task The_document_page_and_downloads_are_the_callers_only()
    {
        var (seller, plan) = await PlanWithInternalItemsAsync();
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}/document?audience=buyer");
        Assert.Contains("Security approved", page);
        Assert.DoesNotContain("SECRET", page);
        var download = await web.GetAsync($"/plans/{plan}/document?audience=buyer&format=markdown");
        Assert.Equal("northwind-rollout.md", download.Content.Headers.ContentDisposition?.FileName);

        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/document")).StatusCode);
        var strangerWeb = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{plan}/document")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await seller.Api.GetAsync($"/api/v1/plans/{plan}/document?audience=everyone")).StatusCode);
    }
}

public sealed class DocumentTests_Sqlite(SqliteApp app) : DocumentTests(app), IClassFixture<SqliteApp>;
public sealed class DocumentTests_Postgres(PostgresApp app) : DocumentTests(app), IClassFixture<PostgresApp>;
