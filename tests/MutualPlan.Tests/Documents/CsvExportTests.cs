using System.Net;
using System.Text;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Documents;

public sealed class CsvFormatTests
{
    /// <summary>A small RFC 4180 reader, to check that what is written reads back the same.</summary>
    public static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
            else field.Append(c);
        }
        return rows;
    }

    [Fact]
    public void Awkward_text_round_trips_and_every_row_has_the_header_width()
    {
        var plan = new Plan();
        var m = new Milestone { Title = "Legal, \"final\" review", Phase = MilestonePhase.Legal, TargetDate = new DateOnly(2026, 12, 10), Description = "Line one\nline two" };
        m.Assumptions.Add(new Assumption { Text = "DPA accepted" });
        plan.Milestones.Add(m);
        var csv = CsvExport.Write(plan, CsvKind.Milestones);
        Assert.EndsWith("\r\n", csv);
        var rows = Parse(csv);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.Equal("Legal, \"final\" review", rows[1][0]);
        Assert.Equal("2026-12-10", rows[1][3]);
        Assert.Equal("Line one\nline two", rows[1][10]);
    }
}

public abstract class CsvExportTests(TestApp app)
{
    [Fact]
    public async Task Each_list_exports_with_a_header_row_and_only_to_its_workspace()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync("Northwind rollout");
        var m = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{m}/actions", new { description = "Send questionnaire, today", side = "Buyer" });
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion" });
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/risks", new { description = "IT backlog", milestoneId = m });

        foreach (var (kind, header, expected) in new[] { ("milestones", "Title", "Security approved"), ("actions", "Milestone", "Send questionnaire, today"), ("stakeholders", "Name", "Priya Shah"), ("risks", "Risk", "IT backlog") })
        {
            var response = await seller.Api.GetAsync($"/api/v1/plans/{plan}/export/{kind}");
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"northwind-rollout-{kind}.csv", response.Content.Headers.ContentDisposition?.FileName);
            var rows = CsvFormatTests.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(header, rows[0][0]);
            Assert.Contains(rows.Skip(1), r => r.Contains(expected));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.GetAsync($"/api/v1/plans/{plan}/export/everything")).StatusCode);
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/export/milestones")).StatusCode);
        var web = await seller.LoginAsync();
        Assert.Contains("Security approved", await web.GetStringAsync($"/plans/{plan}/export/milestones"));
        var strangerWeb = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{plan}/export/milestones")).StatusCode);
    }
}

public sealed class CsvExportTests_Sqlite(SqliteApp app) : CsvExportTests(app), IClassFixture<SqliteApp>;
public sealed class CsvExportTests_Postgres(PostgresApp app) : CsvExportTests(app), IClassFixture<PostgresApp>;
