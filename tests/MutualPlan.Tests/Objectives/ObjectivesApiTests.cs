using System.Net;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Objectives;

public abstract class ObjectivesApiTests(TestApp app)
{
    [Fact]
    public async Task An_objective_can_be_added_edited_reordered_and_removed()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/objectives";

        var first = await (await seller.Api.PostJsonAsync(url, new { title = "Close books in 4 days" })).JsonAsync();
        var second = await (await seller.Api.PostJsonAsync(url, new { title = "One source of truth for AP" })).JsonAsync();
        Assert.Equal(0, first.GetProperty("position").GetInt32());
        Assert.Equal(1, second.GetProperty("position").GetInt32());

        var id = first.GetProperty("id").GetGuid();
        var updated = await seller.Api.PutJsonAsync($"{url}/{id}", new { title = "Close books in 3 days", version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await updated.JsonAsync()).GetProperty("version").GetInt32());

        var moved = await (await seller.Api.PostJsonAsync($"{url}/{id}/move", new { position = 1 })).JsonAsync();
        Assert.Equal(new[] { "One source of truth for AP", "Close books in 3 days" },
            moved.EnumerateArray().Select(o => o.GetProperty("title").GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/{id}")).StatusCode);
        var list = await (await seller.Api.GetAsync(url)).JsonAsync();
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task A_stale_update_is_refused_with_the_current_state()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/objectives";
        var id = (await (await seller.Api.PostJsonAsync(url, new { title = "A" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PutJsonAsync($"{url}/{id}", new { title = "B", version = 1 });

        var stale = await seller.Api.PutJsonAsync($"{url}/{id}", new { title = "C", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("B", problem.GetProperty("current").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_missing_or_overlong_title_is_a_400_naming_the_field()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/objectives";

        var missing = await seller.Api.PostJsonAsync(url, new { description = "no title" });
        var tooLong = await seller.Api.PostJsonAsync(url, new { title = new string('x', 201) });
        var malformed = await seller.Api.PostRawJsonAsync(url, "{\"title\": ");

        foreach (var r in new[] { missing, tooLong })
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await r.JsonAsync()).GetProperty("errors").TryGetProperty("title", out _));
        }
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_every_objective_endpoint()
    {
        var owner = await app.NewWorkspaceAsync("Owner Inc");
        var stranger = await app.NewWorkspaceAsync("Stranger Ltd");
        var plan = await owner.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/objectives";
        var id = (await (await owner.Api.PostJsonAsync(url, new { title = "Secret" })).JsonAsync()).GetProperty("id").GetGuid();

        var responses = new[]
        {
            await stranger.Api.GetAsync(url),
            await stranger.Api.GetAsync($"{url}/{id}"),
            await stranger.Api.PostJsonAsync(url, new { title = "x" }),
            await stranger.Api.PutJsonAsync($"{url}/{id}", new { title = "x", version = 1 }),
            await stranger.Api.DeleteAsync($"{url}/{id}"),
            await stranger.Api.PostJsonAsync($"{url}/{id}/move", new { position = 0 }),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(1, (await (await owner.Api.GetAsync(url)).JsonAsync()).GetArrayLength());
    }
}

public sealed class ObjectivesApiTests_Sqlite(SqliteApp app) : ObjectivesApiTests(app), IClassFixture<SqliteApp>;
public sealed class ObjectivesApiTests_Postgres(PostgresApp app) : ObjectivesApiTests(app), IClassFixture<PostgresApp>;
