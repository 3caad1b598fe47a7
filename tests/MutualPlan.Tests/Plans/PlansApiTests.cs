using System.Net;
using System.Net.Http.Headers;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Plans;

public abstract class PlansApiTests(TestApp app)
{
    private static object NewPlan(string title = "Northwind rollout") => new
    {
        title, buyerCompany = "Northwind", solution = "Finance automation", dealValue = 120000, currency = "EUR", stage = "Evaluation",
        periodStart = "2026-11-01", periodEnd = "2027-03-31",
    };

    [Fact]
    public async Task A_plan_is_created_listed_filtered_and_paged()
    {
        var seller = await app.NewWorkspaceAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await seller.Api.PostJsonAsync("/api/v1/plans", NewPlan($"Plan {i}"))).StatusCode);
        await seller.Api.PostJsonAsync("/api/v1/plans", new { title = "Contoso expansion", buyerCompany = "Contoso", currency = "USD", stage = "Negotiation" });

        var all = await (await seller.Api.GetAsync("/api/v1/plans?pageSize=2")).JsonAsync();
        Assert.Equal(4, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        var page2 = await (await seller.Api.GetAsync("/api/v1/plans?pageSize=2&page=2")).JsonAsync();
        Assert.Equal(2, page2.GetProperty("items").GetArrayLength());

        var byStage = await (await seller.Api.GetAsync("/api/v1/plans?stage=Negotiation")).JsonAsync();
        Assert.Equal("Contoso expansion", byStage.GetProperty("items")[0].GetProperty("title").GetString());
        var bySearch = await (await seller.Api.GetAsync("/api/v1/plans?q=contoso")).JsonAsync();
        Assert.Equal(1, bySearch.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await seller.Api.GetAsync("/api/v1/plans?pageSize=500")).StatusCode);
    }

    [Fact]
    public async Task The_whole_plan_is_one_document_with_every_section()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = (await (await seller.Api.PostJsonAsync("/api/v1/plans", NewPlan())).JsonAsync()).GetProperty("id").GetGuid();
        var m = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones",
            new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{m}/actions", new { description = "Send questionnaire", side = "Buyer" });
        await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Priya", side = "Buyer", role = "Champion" });

        var response = await seller.Api.GetAsync($"/api/v1/plans/{plan}");
        var doc = await response.JsonAsync();
        Assert.NotNull(response.Headers.ETag);
        foreach (var section in new[] { "header", "businessContext", "readiness", "objectives", "metrics", "stakeholders", "decisionProcess",
                     "milestones", "risks", "resources", "communication", "review", "keyDates", "internalNotes" })
            Assert.True(doc.TryGetProperty(section, out _), $"missing {section}");
        Assert.Equal("Send questionnaire", doc.GetProperty("milestones")[0].GetProperty("actions")[0].GetProperty("description").GetString());
        Assert.Equal(120000, doc.GetProperty("header").GetProperty("dealValue").GetDecimal());
    }

    [Fact]
    public async Task A_header_update_needs_the_current_version_by_body_or_if_match()
    {
        var seller = await app.NewWorkspaceAsync();
        var created = await (await seller.Api.PostJsonAsync("/api/v1/plans", NewPlan())).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var url = $"/api/v1/plans/{id}";

        var ok = await seller.Api.PutJsonAsync(url, new { title = "Renamed", buyerCompany = "Northwind", currency = "EUR", version = 1 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stale = await seller.Api.PutJsonAsync(url, new { title = "Lost update", buyerCompany = "Northwind", currency = "EUR", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Renamed", (await stale.JsonAsync()).GetProperty("current").GetProperty("title").GetString());

        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent(new { title = "Also lost", buyerCompany = "Northwind", currency = "EUR" }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await seller.Api.SendAsync(request)).StatusCode);

        var good = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent(new { title = "By ETag", buyerCompany = "Northwind", currency = "EUR" }) };
        good.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        Assert.Equal(HttpStatusCode.OK, (await seller.Api.SendAsync(good)).StatusCode);
        var doc = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal("By ETag", doc.GetProperty("header").GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_archived_plan_leaves_the_list_and_can_be_restored_then_deleted()
    {
        var seller = await app.NewWorkspaceAsync();
        var id = (await (await seller.Api.PostJsonAsync("/api/v1/plans", NewPlan())).JsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await seller.Api.PostAsync($"/api/v1/plans/{id}/archive", null)).StatusCode);
        Assert.Equal(0, (await (await seller.Api.GetAsync("/api/v1/plans")).JsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.Equal(1, (await (await seller.Api.GetAsync("/api/v1/plans?archived=true")).JsonAsync()).GetProperty("totalCount").GetInt32());

        var restored = await (await seller.Api.PostAsync($"/api/v1/plans/{id}/restore", null)).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, restored.GetProperty("archivedAt").ValueKind);
        Assert.Equal(1, (await (await seller.Api.GetAsync("/api/v1/plans")).JsonAsync()).GetProperty("totalCount").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"/api/v1/plans/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.GetAsync($"/api/v1/plans/{id}")).StatusCode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "missing title", """{"buyerCompany":"Northwind","currency":"EUR"}""", "title" },
        { "period end before start", """{"title":"T","buyerCompany":"N","currency":"EUR","periodStart":"2026-12-01","periodEnd":"2026-11-01"}""", "periodEnd" },
        { "unknown stage", """{"title":"T","buyerCompany":"N","currency":"EUR","stage":"Haggling"}""", "stage" },
        { "title too long", "{\"title\":\"" + new string('x', 201) + "\",\"buyerCompany\":\"N\",\"currency\":\"EUR\"}", "title" },
        { "malformed JSON", """{"title": "T", """, "body" },
        { "value of wrong type", """{"title":"T","buyerCompany":"N","currency":"EUR","dealValue":"lots"}""", "dealValue" },
        { "object instead of text", """{"title":{"a":1},"buyerCompany":"N","currency":"EUR"}""", "title" },
        { "unknown currency", """{"title":"T","buyerCompany":"N","currency":"XYZ"}""", "currency" },
        { "negative value", """{"title":"T","buyerCompany":"N","currency":"EUR","dealValue":-5}""", "dealValue" },
        { "invalid date", """{"title":"T","buyerCompany":"N","currency":"EUR","periodStart":"31/12/2026"}""", "periodStart" },
    };

    [Theory, MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_saves_nothing(string why, string body, string field)
    {
        var seller = await app.NewWorkspaceAsync();
        var created = await seller.Api.PostRawJsonAsync("/api/v1/plans", body);

        Assert.True(created.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)created.StatusCode}");
        Assert.Equal("application/problem+json", created.Content.Headers.ContentType?.MediaType);
        var problem = await created.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: errors were {problem.GetProperty("errors")}");
        Assert.Equal(0, (await (await seller.Api.GetAsync("/api/v1/plans")).JsonAsync()).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/plans?stage=Haggling", "stage")]
    [InlineData("/api/v1/plans?page=abc", "page")]
    [InlineData("/api/v1/plans?ownerId=not-a-guid", "ownerId")]
    public async Task A_bad_query_value_is_a_400_naming_the_parameter(string url, string field)
    {
        var seller = await app.NewWorkspaceAsync();
        var response = await seller.Api.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        var seller = await app.NewWorkspaceAsync();
        var response = await seller.Api.PostAsync("/api/v1/plans", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_input_on_update_leaves_the_saved_plan_unchanged()
    {
        var seller = await app.NewWorkspaceAsync();
        var id = (await (await seller.Api.PostJsonAsync("/api/v1/plans", NewPlan("Keep me"))).JsonAsync()).GetProperty("id").GetGuid();
        var bad = await seller.Api.PutJsonAsync($"/api/v1/plans/{id}", new { title = "", buyerCompany = "N", currency = "EUR", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var doc = await (await seller.Api.GetAsync($"/api/v1/plans/{id}")).JsonAsync();
        Assert.Equal("Keep me", doc.GetProperty("header").GetProperty("title").GetString());
        Assert.Equal(1, doc.GetProperty("header").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Every_plan_endpoint_is_404_for_another_workspace_and_the_list_is_scoped()
    {
        var owner = await app.NewWorkspaceAsync("Owner Inc");
        var stranger = await app.NewWorkspaceAsync("Stranger Ltd");
        var id = (await (await owner.Api.PostJsonAsync("/api/v1/plans", NewPlan("Secret deal"))).JsonAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/plans/{id}";

        var responses = new[]
        {
            await stranger.Api.GetAsync(url),
            await stranger.Api.PutJsonAsync(url, new { title = "Hijack", buyerCompany = "N", currency = "EUR", version = 1 }),
            await stranger.Api.PostAsync($"{url}/archive", null),
            await stranger.Api.PostAsync($"{url}/restore", null),
            await stranger.Api.DeleteAsync(url),
            await stranger.Api.GetAsync($"{url}/business-context"),
            await stranger.Api.PutJsonAsync($"{url}/readiness", new { version = 1 }),
            await stranger.Api.GetAsync($"{url}/timeline-summary"),
            await stranger.Api.PutJsonAsync($"{url}/internal-notes", new { notes = "x", version = 1 }),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var list = await (await stranger.Api.GetAsync("/api/v1/plans")).JsonAsync();
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        Assert.Equal("Secret deal", (await (await owner.Api.GetAsync(url)).JsonAsync()).GetProperty("header").GetProperty("title").GetString());
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, HttpExtensions.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class PlansApiTests_Sqlite(SqliteApp app) : PlansApiTests(app), IClassFixture<SqliteApp>;
public sealed class PlansApiTests_Postgres(PostgresApp app) : PlansApiTests(app), IClassFixture<PostgresApp>;
