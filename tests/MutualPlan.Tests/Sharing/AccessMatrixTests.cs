using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Sharing;

namespace MutualPlan.Tests.Sharing;

/// <summary>
/// Every page and endpoint a link reaches, and the seller's sharing endpoints, against every kind
/// of caller: each gets exactly what it should, and no response a link visitor receives carries an
/// internal item (every internal item of the plan contains "SECRET").
/// </summary>
public abstract class AccessMatrixTests(TestApp app)
{
    public enum Who { Revoked, Expired, View, Comment, Edit, WrongPin, UnverifiedEmail }

    /// <summary>What each buyer-side request answers, per caller: page, sign-off, certificate, PDF, comments (read, write), an edit.</summary>
    private static readonly Dictionary<Who, HttpStatusCode[]> Expected = new()
    {
        [Who.Revoked] = [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
        [Who.Expired] = [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
        [Who.View] = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden],
        [Who.Comment] = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden],
        [Who.Edit] = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect],
        // Not through the gate: the main page is the gate (200, without the plan), everything else sends them to it.
        [Who.WrongPin] = [HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Redirect],
        [Who.UnverifiedEmail] = [HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Redirect],
    };

    public static TheoryData<Who> Callers => new(Enum.GetValues<Who>());

    private async Task<(SharedPlan Plan, HttpClient Client, string Path)> ArrangeAsync(Who who)
    {
        var s = await SharedPlan.CreateAsync(app);
        var permission = who switch { Who.View => "View", Who.Comment => "Comment", _ => "Edit" };
        var client = s.Browser();
        string path;
        switch (who)
        {
            case Who.WrongPin:
                (_, path) = await s.LinkAsync(new { label = "PIN", permission, pin = "8642" });
                var wrong = await SharedPlan.PostFormAsync(client, path, path + "?handler=pin", new() { ["pin"] = "1111" });
                Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
                break;
            case Who.UnverifiedEmail:
                // E-mail access needs a mail server to be created; switch the link over in the database instead.
                (var emailId, path) = await s.LinkAsync(new { label = "E-mail", permission });
                await using (var scope = app.Scope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var link = await db.ShareLinks.FindAsync(emailId);
                    link!.Access = MutualPlan.Planning.Plans.LinkAccess.Email;
                    link.AccessStamp = Guid.NewGuid();
                    await db.SaveChangesAsync();
                }
                break;
            default:
                (var id, path) = await s.LinkAsync(new { label = who.ToString(), permission });
                // Open it first: the visitor holds a live cookie when the link stops working.
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
                if (who == Who.Revoked) Assert.Equal(HttpStatusCode.OK, (await s.RevokeAsync(id)).StatusCode);
                if (who == Who.Expired)
                {
                    await using var scope = app.Scope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    (await db.ShareLinks.FindAsync(id))!.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
                    await db.SaveChangesAsync();
                }
                break;
        }
        app.Services.GetRequiredService<GuessGuard>().Reset(null);
        return (s, client, path);
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Each_link_caller_gets_exactly_what_its_link_allows_and_never_an_internal_item(Who who)
    {
        var (s, client, path) = await ArrangeAsync(who);
        var page = await client.GetAsync(path);
        var pageHtml = await page.Content.ReadAsStringAsync();
        var token = page.StatusCode == HttpStatusCode.OK ? Html.AntiforgeryToken(pageHtml) : "none";

        async Task<HttpResponseMessage> Htmx(HttpMethod method, string url, Dictionary<string, string>? form = null)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("RequestVerificationToken", token);
            if (form is not null) request.Content = new FormUrlEncodedContent(form);
            return await client.SendAsync(request);
        }

        var responses = new List<HttpResponseMessage>
        {
            page,
            await client.GetAsync(path + "/sign-off"),
            await client.GetAsync(path + "/sign-off/certificate"),
            await client.GetAsync(path + "/document.pdf"),
            await Htmx(HttpMethod.Get, path + "/comments?target=Plan"),
            await Htmx(HttpMethod.Post, path + "/comments/add?target=Plan", new() { ["body"] = "Looks good to us" }),
            await client.PostAsync(path + "?handler=done", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["actionId"] = s.BuyerAction.ToString(), ["done"] = "true", ["__RequestVerificationToken"] = token })),
        };
        Assert.Equal(Expected[who], responses.Select(r => r.StatusCode).ToArray());

        foreach (var r in responses.Where(r => r.Content.Headers.ContentType?.MediaType is "text/html" or "application/json" or "application/problem+json"))
            SharingAsserts.NoSecrets(await r.Content.ReadAsStringAsync(), $"{who}: {r.RequestMessage!.Method} {r.RequestMessage.RequestUri!.PathAndQuery}");

        var plan = await s.Seller.Api.GetAsync($"{s.Api}/milestones/{s.Milestone}/actions/{s.BuyerAction}");
        Assert.Equal(who == Who.Edit ? "Done" : "NotStarted", (await plan.JsonAsync()).GetProperty("status").GetString());
        var comments = await (await s.Seller.Api.GetAsync($"{s.Api}/comments?target=Plan")).Content.ReadAsStringAsync();
        Assert.Equal(who is Who.Comment or Who.Edit, comments.Contains("Looks good to us"));
        if (who is Who.View or Who.Comment or Who.Edit)
        {
            Assert.Contains("Security approved", pageHtml);
            Assert.Contains("Send the questionnaire", pageHtml);
        }
        else Assert.DoesNotContain("Security approved", pageHtml);
    }

    [Fact]
    public async Task Sellers_reach_the_sharing_pages_and_endpoints_of_their_own_workspace_only()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, _) = await s.LinkAsync(new { label = "Northwind" });
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var strangerWeb = await stranger.LoginAsync();
        var ownWeb = await s.Seller.LoginAsync();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var update = new { label = "Renamed", permission = "View" };

        foreach (var (client, expected) in new[] { (s.Seller.Api, HttpStatusCode.OK), (stranger.Api, HttpStatusCode.NotFound), (anonymous, HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(expected, (await client.GetAsync($"{s.Api}/share-links")).StatusCode);
            Assert.Equal(expected, (await client.GetAsync($"{s.Api}/share-links/{id}")).StatusCode);
            Assert.Equal(expected, (await client.PutJsonAsync($"{s.Api}/share-links/{id}", update)).StatusCode);
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.Created : expected, (await client.PostJsonAsync($"{s.Api}/share-links", new { label = "x" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsync($"{s.Api}/share-links/{id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"{s.Api}/share-links/{id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Seller.Api.PostAsync($"{s.Api}/share-links/{id}/revoke", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ownWeb.GetAsync($"/plans/{s.Plan}/share")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{s.Plan}/share")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/plans/{s.Plan}/share")).StatusCode);

        // A seller's own session does not open another workspace's plan through the buyer's comment endpoints either.
        Assert.Equal(HttpStatusCode.NotFound, (await strangerWeb.GetAsync($"/plans/{s.Plan}/comments?target=Plan")).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_pins_from_one_address_are_answered_with_429_even_for_the_right_pin()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "PIN", pin = "8642" });
        var client = s.Browser();
        var gate = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < GuessGuard.Limit + 1; i++)
            statuses.Add((await SharedPlan.PostFormAsync(client, path, path + "?handler=pin", new() { ["pin"] = "0000" }, gate)).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, GuessGuard.Limit), statuses.Take(GuessGuard.Limit));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses.Last());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SharedPlan.PostFormAsync(client, path, path + "?handler=pin", new() { ["pin"] = "8642" }, gate)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(path)).StatusCode);
        app.Services.GetRequiredService<GuessGuard>().Reset(null);
    }
}

public sealed class AccessMatrixTests_Sqlite(SqliteApp app) : AccessMatrixTests(app), IClassFixture<SqliteApp>;
public sealed class AccessMatrixTests_Postgres(PostgresApp app) : AccessMatrixTests(app), IClassFixture<PostgresApp>;
