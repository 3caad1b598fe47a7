using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Sharing;

public abstract class ShareLinkTests(TestApp app)
{
    private async Task<(TestSeller Seller, Guid Plan)> PlanWithSecretsAsync()
    {
        var seller = await app.NewWorkspaceAsync("Brightline");
        var plan = await seller.NewPlanAsync("Northwind rollout");
        var url = $"/api/v1/plans/{plan}";
        var m = (await (await seller.Api.PostJsonAsync($"{url}/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" })).JsonAsync()).GetProperty("id").GetGuid();
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "Send the questionnaire", side = "Buyer" });
        await seller.Api.PostJsonAsync($"{url}/milestones/{m}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true });
        await seller.Api.PostJsonAsync($"{url}/risks", new { description = "SECRET competitor favoured", isInternal = true });
        await seller.Api.PutJsonAsync($"{url}/internal-notes", new { notes = "SECRET pricing floor", version = 1 });
        return (seller, plan);
    }

    private static async Task<string> LinkAsync(TestSeller seller, Guid plan, int? days = null)
    {
        var created = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/share-links", new { label = "Northwind team", days });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return new Uri((await created.JsonAsync()).GetProperty("url").GetString()!).AbsolutePath;
    }

    [Fact]
    public async Task The_buyer_reads_the_plan_through_the_link_without_any_internal_item()
    {
        var (seller, plan) = await PlanWithSecretsAsync();
        var path = await LinkAsync(seller, plan);
        var buyer = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await buyer.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Security approved", html);
        Assert.Contains("Send the questionnaire", html);
        Assert.Contains("Brightline", html);
        Assert.DoesNotContain("SECRET", html);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());

        var links = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/share-links")).JsonAsync();
        Assert.Equal(1, links[0].GetProperty("views").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, links[0].GetProperty("url").ValueKind);
        await using var scope = app.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ShareLinks.SingleAsync(l => l.PlanId == plan);
        Assert.DoesNotContain(path.Split('/').Last(), stored.TokenHash);
    }

    [Fact]
    public async Task Revoked_and_expired_links_stop_working_at_once()
    {
        var (seller, plan) = await PlanWithSecretsAsync();
        var path = await LinkAsync(seller, plan);
        var buyer = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(path)).StatusCode);
        var id = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/share-links")).JsonAsync())[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await seller.Api.PostAsync($"/api/v1/plans/{plan}/share-links/{id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync(path)).StatusCode);

        var expiring = await LinkAsync(seller, plan, days: 30);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var l in db.ShareLinks.Where(l => l.PlanId == plan && l.RevokedAt == null)) l.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync(expiring)).StatusCode);
    }

    [Fact]
    public async Task Another_workspace_cannot_create_list_or_revoke_links_of_a_plan()
    {
        var (seller, plan) = await PlanWithSecretsAsync();
        await LinkAsync(seller, plan);
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var id = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/share-links")).JsonAsync())[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/share-links")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync($"/api/v1/plans/{plan}/share-links", new { label = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsync($"/api/v1/plans/{plan}/share-links/{id}/revoke", null)).StatusCode);
        var strangerWeb = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{plan}/share")).StatusCode);
        Assert.Equal(1, (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/share-links")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Guessing_links_is_answered_with_429_after_repeated_failures()
    {
        await app.NewWorkspaceAsync();
        var guesser = app.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await guesser.GetAsync($"/p/s_guess{i}")).StatusCode);
        // Other tests of this class may already have failed from the same (test) address, so the
        // limit can be reached sooner; what matters is that it is reached and then holds.
        var notFound = statuses.TakeWhile(s => s == HttpStatusCode.NotFound).Count();
        Assert.InRange(notFound, 1, MutualPlan.Web.Features.Sharing.GuessGuard.Limit);
        Assert.All(statuses.Skip(notFound), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}

public sealed class ShareLinkTests_Sqlite(SqliteApp app) : ShareLinkTests(app), IClassFixture<SqliteApp>;
public sealed class ShareLinkTests_Postgres(PostgresApp app) : ShareLinkTests(app), IClassFixture<PostgresApp>;
