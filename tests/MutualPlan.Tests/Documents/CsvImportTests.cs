using System.Net;
using System.Text;
using System.Text.Json;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Documents;

public abstract class CsvImportTests(TestApp app)
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> ListAsync(TestSeller seller, Guid plan, string list) =>
        await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/{list}")).JsonAsync();

    private const string GoodMilestones =
        "Title,Phase,Owner,Target date,Depends on,Assumptions\r\n" +
        "Security review passed,TechnicalValidation,Buyer,2027-01-15,,IT has capacity; SOC 2 report shared\r\n" +
        "\"Procurement approves terms, v2\",Procurement,Buyer,2027-02-01,Security review passed,\r\n";

    [Fact]
    public async Task A_preview_checks_every_row_and_writes_nothing()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var activity = (await ListAsync(seller, plan, "activity")).GetProperty("total").GetInt32();

        var preview = await seller.Api.PostAsync($"/api/v1/plans/{plan}/import/milestones", Csv(GoodMilestones));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var body = await preview.JsonAsync();
        Assert.False(body.GetProperty("written").GetBoolean());
        Assert.Equal(2, body.GetProperty("rows").GetInt32());

        Assert.Equal(0, (await ListAsync(seller, plan, "milestones")).GetArrayLength());
        Assert.Equal(activity, (await ListAsync(seller, plan, "activity")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Confirmed_rows_are_written_with_their_dependencies_and_assumptions()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var done = await seller.Api.PostAsync($"/api/v1/plans/{plan}/import/milestones?dryRun=false", Csv(GoodMilestones));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.True((await done.JsonAsync()).GetProperty("written").GetBoolean());

        var milestones = (await ListAsync(seller, plan, "milestones")).EnumerateArray().ToList();
        Assert.Equal(["Security review passed", "Procurement approves terms, v2"], milestones.Select(m => m.GetProperty("title").GetString()));
        var security = milestones[0].GetProperty("id").GetGuid();
        Assert.Equal(security, milestones[1].GetProperty("dependsOn")[0].GetGuid());
        var assumptions = await ListAsync(seller, plan, $"milestones/{security}/assumptions");
        Assert.Equal(["IT has capacity", "SOC 2 report shared"], assumptions.EnumerateArray().Select(a => a.GetProperty("text").GetString()));

        // Actions refer to the milestones by title and to stakeholders by name.
        await seller.Api.PostAsync($"/api/v1/plans/{plan}/import/stakeholders?dryRun=false",
            Csv("Name,Side,Title,Role,Buy-in,E-mail\nPriya Shah,Buyer,Financial Controller,Champion,On board,priya@northwind.example\n"));
        var actions = await seller.Api.PostAsync($"/api/v1/plans/{plan}/import/actions?dryRun=false",
            Csv("Milestone,Action,Side,Assignee,Due date,Internal\nSecurity review passed,Send the questionnaire,Buyer,Priya Shah,2027-01-08,no\n"));
        Assert.Equal(HttpStatusCode.OK, actions.StatusCode);
        var imported = (await ListAsync(seller, plan, $"milestones/{security}/actions")).EnumerateArray().Single();
        Assert.Equal("Send the questionnaire", imported.GetProperty("description").GetString());
        var priya = (await ListAsync(seller, plan, "stakeholders")).EnumerateArray().Single();
        Assert.Equal(priya.GetProperty("id").GetGuid(), imported.GetProperty("assigneeId").GetGuid());
        Assert.Equal("Champion", priya.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_column_and_nothing_is_written_even_when_confirmed()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var csv = "Title,Phase,Owner,Target date\n" +
                  "Good milestone,Evaluation,Buyer,2027-01-15\n" +
                  ",Evaluation,Buyer,2027-01-20\n" +
                  "Bad date,Evaluation,Buyer,15/01/2027\n" +
                  "Bad phase,Lunch,Buyer,2027-01-22\n" +
                  ",Lunch,Buyer,2027-01-22\n";
        var r = await seller.Api.PostAsync($"/api/v1/plans/{plan}/import/milestones?dryRun=false", Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var errors = (await r.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("row 3: Title", out _), errors.ToString());
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("row 4: Target date")[0].GetString());
        Assert.Contains("Evaluation", errors.GetProperty("row 5: Phase")[0].GetString());
        Assert.False(errors.TryGetProperty("row 2: Title", out _));
        // A row with an unreadable value still reports its other problems.
        Assert.True(errors.TryGetProperty("row 6: Title", out _) && errors.TryGetProperty("row 6: Phase", out _), errors.ToString());
        Assert.Equal(0, (await ListAsync(seller, plan, "milestones")).GetArrayLength());
    }

    [Theory]
    [InlineData("Title,Phase,Owner,Target date,Colour\nA,Evaluation,Buyer,2027-01-15,red\n", "row 1: Colour")]
    [InlineData("Title,Owner,Target date\nA,Buyer,2027-01-15\n", "row 1: Phase")]
    [InlineData("Title,Phase,Owner,Target date\n", "row 1")]
    [InlineData("Title,Phase,Owner,Target date\n\"A,Evaluation,Buyer,2027-01-15\n", "row 2")]
    public async Task A_file_that_cannot_be_read_is_refused_with_the_reason(string csv, string key)
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var r = await seller.Api.PostAsync($"/api/v1/plans/{plan}/import/milestones", Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await r.JsonAsync()).GetProperty("errors").TryGetProperty(key, out _));
    }

    [Fact]
    public async Task An_export_imports_into_another_plan_unchanged()
    {
        var seller = await app.NewWorkspaceAsync();
        var source = await seller.NewPlanAsync();
        await seller.Api.PostAsync($"/api/v1/plans/{source}/import/milestones?dryRun=false", Csv(GoodMilestones));
        var exported = await (await seller.Api.GetAsync($"/api/v1/plans/{source}/export/milestones")).Content.ReadAsStringAsync();

        var target = await seller.NewPlanAsync("Copy");
        var r = await seller.Api.PostAsync($"/api/v1/plans/{target}/import/milestones?dryRun=false", Csv(exported));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var again = await (await seller.Api.GetAsync($"/api/v1/plans/{target}/export/milestones")).Content.ReadAsStringAsync();
        Assert.Equal(exported, again);
    }

    [Fact]
    public async Task Another_workspace_cannot_import_into_a_plan()
    {
        var owner = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var plan = await owner.NewPlanAsync();
        var r = await stranger.Api.PostAsync($"/api/v1/plans/{plan}/import/milestones?dryRun=false", Csv(GoodMilestones));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var web = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/plans/{plan}/import")).StatusCode);
        Assert.Equal(0, (await ListAsync(owner, plan, "milestones")).GetArrayLength());
    }

    [Fact]
    public async Task The_page_previews_then_imports_on_confirm()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}/import");
        var token = Html.AntiforgeryToken(page);

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Milestones"), "kind" },
            { new StringContent("false"), "confirm" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(GoodMilestones)), "upload", "milestones.csv" },
        };
        var preview = await web.PostAsync($"/plans/{plan}/import", upload);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var doc = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Equal(2, doc.QuerySelectorAll("table.import-rows tbody tr").Length);
        Assert.Equal(0, (await ListAsync(seller, plan, "milestones")).GetArrayLength());
        var confirmForm = doc.QuerySelectorAll("form").Single(f => f.QuerySelector("button[value=true]") is not null);
        var hidden = confirmForm.QuerySelector("input[name=csv]")!.GetAttribute("value")!;

        var confirm = await web.PostAsync($"/plans/{plan}/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["kind"] = "Milestones", ["csv"] = hidden, ["confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(2, (await ListAsync(seller, plan, "milestones")).GetArrayLength());

        // A bad file shows the errors beside their rows and offers no import button.
        var bad = await web.PostAsync($"/plans/{plan}/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["kind"] = "Milestones", ["csv"] = "Title,Phase,Owner,Target date\nX,Nope,Buyer,2027-01-01\n", ["confirm"] = "true",
        }));
        var badDoc = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.NotNull(badDoc.QuerySelector("table.import-rows tr.bad"));
        Assert.Null(badDoc.QuerySelector("button[value=true]"));
        Assert.Equal(2, (await ListAsync(seller, plan, "milestones")).GetArrayLength());
    }
}

public sealed class CsvImportTests_Sqlite(SqliteApp app) : CsvImportTests(app), IClassFixture<SqliteApp>;
public sealed class CsvImportTests_Postgres(PostgresApp app) : CsvImportTests(app), IClassFixture<PostgresApp>;
