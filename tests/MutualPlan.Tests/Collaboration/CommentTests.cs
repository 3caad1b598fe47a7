using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Comments;

namespace MutualPlan.Tests.Collaboration;

public abstract class CommentTests(TestApp app)
{
    private const string Hostile = "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) **bold**";

    private static async Task<Guid> MilestoneAsync(TestSeller s, Guid plan, string title = "Security review") =>
        (await (await s.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title, phase = "Evaluation", owner = "Joint", targetDate = "2026-12-04" })).JsonAsync()).GetProperty("id").GetGuid();

    private static async Task<JsonElement> CommentAsync(TestSeller s, Guid plan, object body)
    {
        var r = await s.Api.PostJsonAsync($"/api/v1/plans/{plan}/comments", body);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return await r.JsonAsync();
    }

    [Fact]
    public async Task A_thread_is_posted_answered_edited_resolved_reopened_and_deleted()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var m = await MilestoneAsync(seller, plan);
        var url = $"/api/v1/plans/{plan}/comments";

        var root = await CommentAsync(seller, plan, new { body = "Who signs the DPA?", target = "Milestone", targetId = m });
        var id = root.GetProperty("id").GetGuid();
        var reply = await CommentAsync(seller, plan, new { body = "Legal, by Friday.", parentId = id });
        var replyToReply = await CommentAsync(seller, plan, new { body = "Thanks", parentId = reply.GetProperty("id").GetGuid() });
        Assert.Equal(id, replyToReply.GetProperty("parentId").GetGuid()); // one level deep
        Assert.Equal(m, reply.GetProperty("targetId").GetGuid());

        var threads = await (await seller.Api.GetAsync($"{url}?target=Milestone&targetId={m}")).JsonAsync();
        Assert.Equal(1, threads.GetArrayLength());
        Assert.Equal(2, threads[0].GetProperty("replies").GetArrayLength());
        Assert.Equal(0, (await (await seller.Api.GetAsync($"{url}?target=Plan")).JsonAsync()).GetArrayLength());

        var edited = await seller.Api.PutJsonAsync($"{url}/{id}", new { body = "Who signs the DPA, and when?", version = 1 });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await seller.Api.PutJsonAsync($"{url}/{id}", new { body = "stale", version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await seller.Api.PutJsonAsync($"{url}/{id}", new { body = "", version = 2 })).StatusCode);

        var resolved = await (await seller.Api.PostAsync($"{url}/{reply.GetProperty("id").GetGuid()}/resolve", null)).JsonAsync();
        Assert.Equal(id, resolved.GetProperty("id").GetGuid()); // resolving a reply resolves its thread
        threads = await (await seller.Api.GetAsync($"{url}?target=Milestone&targetId={m}")).JsonAsync();
        Assert.True(threads[0].GetProperty("resolved").GetBoolean());
        Assert.Equal("Sam Seller", threads[0].GetProperty("resolvedBy").GetString());
        await seller.Api.PostAsync($"{url}/{id}/reopen", null);
        threads = await (await seller.Api.GetAsync($"{url}?target=Milestone&targetId={m}")).JsonAsync();
        Assert.False(threads[0].GetProperty("resolved").GetBoolean());

        // The first comment has replies: it stays as "deleted" so the thread still reads.
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/{id}")).StatusCode);
        var after = (await (await seller.Api.GetAsync($"{url}/{id}")).JsonAsync());
        Assert.True(after.GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("body").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/{reply.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Api.DeleteAsync($"{url}/{replyToReply.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(0, (await (await seller.Api.GetAsync(url)).JsonAsync()).GetArrayLength()); // the emptied thread is gone

        var invalid = await seller.Api.PostJsonAsync(url, new { body = "  ", target = "Risk", targetId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.JsonAsync()).GetProperty("errors").TryGetProperty("body", out _));
        var noItem = await seller.Api.PostJsonAsync(url, new { body = "Hello", target = "Risk", targetId = Guid.NewGuid() });
        Assert.True((await noItem.JsonAsync()).GetProperty("errors").TryGetProperty("targetId", out _));
    }

    [Fact]
    public async Task Only_the_author_edits_a_comment_and_a_seller_may_remove_a_buyers_comment_but_not_a_colleagues()
    {
        var owner = await app.NewWorkspaceAsync();
        var colleague = await app.AddSellerAsync(owner.WorkspaceId);
        var plan = await owner.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}/comments";
        var mine = (await CommentAsync(owner, plan, new { body = "Mine" })).GetProperty("id").GetGuid();

        var edit = await colleague.Api.PutJsonAsync($"{url}/{mine}", new { body = "Theirs now", version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal("application/problem+json", edit.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.Api.DeleteAsync($"{url}/{mine}")).StatusCode);
        Assert.Equal("Mine", (await (await owner.Api.GetAsync($"{url}/{mine}")).JsonAsync()).GetProperty("body").GetString());

        // A buyer's comment, as the access feature will post it for a link visitor.
        Guid buyerComment;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var access = CommentAccess.ForBuyer(plan, owner.WorkspaceId, "Northwind rollout", new Actor(ActorKind.Buyer, Guid.NewGuid(), "Priya Shah"));
            var posted = await CommentCommands.AddAsync(db, access, new CommentInput { Body = "Spam spam" }, TimeProvider.System);
            Assert.True(posted.IsOk);
            buyerComment = posted.Value!.Id;
            var internalTry = await CommentCommands.AddAsync(db, access, new CommentInput { Body = "Let me in", Internal = true }, TimeProvider.System);
            Assert.Equal(MutualPlan.Web.Infrastructure.OutcomeKind.Invalid, internalTry.Kind);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.Api.PutJsonAsync($"{url}/{buyerComment}", new { body = "Edited", version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await colleague.Api.DeleteAsync($"{url}/{buyerComment}")).StatusCode);
    }

    [Fact]
    public async Task Mentions_are_stored_and_notify_sellers_in_the_app_and_stakeholders_for_email()
    {
        var owner = await app.NewWorkspaceAsync();
        var colleague = await app.AddSellerAsync(owner.WorkspaceId);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var u = await db.Users.SingleAsync(x => x.Id == colleague.UserId);
            u.DisplayName = "Jordan Lee";
            await db.SaveChangesAsync();
        }
        var plan = await owner.NewPlanAsync();
        var priya = (await (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion", email = "priya@northwind.example" })).JsonAsync()).GetProperty("id").GetGuid();
        var m = await MilestoneAsync(owner, plan);

        var people = await (await owner.Api.GetAsync($"/api/v1/plans/{plan}/mentionable")).JsonAsync();
        Assert.Contains(people.EnumerateArray(), p => p.GetProperty("name").GetString() == "Priya Shah" && p.GetProperty("kind").GetString() == "Stakeholder");

        var c = await CommentAsync(owner, plan, new
        {
            body = "@Jordan Lee can you confirm with @Priya Shah? Also @Nobody.", target = "Milestone", targetId = m,
            mentions = new[] { new { kind = "Seller", id = colleague.UserId } },
        });
        var mentioned = c.GetProperty("mentions").EnumerateArray().Select(x => x.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["Jordan Lee", "Priya Shah"], mentioned);
        Assert.Contains("<span class=\"mention\">@Jordan Lee</span>", c.GetProperty("html").GetString());

        var inbox = await (await colleague.Api.GetAsync("/api/v1/notifications?unread=true")).JsonAsync();
        Assert.Equal(1, inbox.GetArrayLength());
        Assert.Contains("mentioned you on milestone “Security review”", inbox[0].GetProperty("text").GetString());
        Assert.Equal(0, (await (await owner.Api.GetAsync("/api/v1/notifications")).JsonAsync()).GetArrayLength());

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var forPriya = await db.Notifications.SingleAsync(n => n.RecipientId == priya);
            Assert.Equal(MentionKind.Stakeholder, forPriya.RecipientKind);
            Assert.Equal("priya@northwind.example", forPriya.Email);
            Assert.Null(forPriya.EmailedAt);
        }

        // Internal comments name sellers only: nothing internal is ever e-mailed to the buyer side.
        var bad = await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/comments", new { body = "@Priya Shah is wavering", @internal = true, mentions = new[] { new { kind = "Stakeholder", id = priya } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("mentions", out _));
        var typed = await CommentAsync(owner, plan, new { body = "@Priya Shah is wavering", @internal = true });
        Assert.Equal(0, typed.GetProperty("mentions").GetArrayLength());

        var web = await colleague.LoginAsync();
        var home = Html.Parse(await web.GetStringAsync("/notifications"));
        Assert.Equal("1", home.QuerySelector(".bell-count")!.TextContent.Trim());
        var id = inbox[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await colleague.Api.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(0, (await (await colleague.Api.GetAsync("/api/v1/notifications?unread=true")).JsonAsync()).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Api.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
    }

    [Fact]
    public async Task Hostile_comments_render_inert_in_the_page_and_the_json_html_while_the_body_keeps_the_raw_text()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var c = await CommentAsync(seller, plan, new { body = Hostile });
        Assert.Equal(Hostile, c.GetProperty("body").GetString());
        var html = Html.Parse("<div>" + c.GetProperty("html").GetString() + "</div>");
        AssertInert(html.QuerySelector("div")!);

        var web = await seller.LoginAsync();
        var panel = await web.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/plans/{plan}/comments?target=Plan") { Headers = { { "HX-Request", "true" } } });
        var page = Html.Parse(await panel.Content.ReadAsStringAsync());
        var body = page.QuerySelector(".comment-body")!;
        AssertInert(body);
        Assert.NotNull(body.QuerySelector("strong"));
        Assert.Contains("<script>", body.TextContent); // shown as text
    }

    private static void AssertInert(AngleSharp.Dom.IElement root)
    {
        Assert.Empty(root.QuerySelectorAll("script, img, iframe, [onerror], [onclick]"));
        Assert.DoesNotContain(root.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Trim().StartsWith("javascript", StringComparison.OrdinalIgnoreCase)
            || (a.GetAttribute("href") ?? "").Trim().StartsWith("data", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Comments_on_internal_items_are_internal_and_never_reach_the_buyer_side()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var risk = (await (await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/risks", new { description = "Champion may leave", isInternal = true })).JsonAsync()).GetProperty("id").GetGuid();
        var onRisk = await CommentAsync(seller, plan, new { body = "Line up a second champion", target = "Risk", targetId = risk });
        Assert.True(onRisk.GetProperty("internal").GetBoolean());
        var flagged = await CommentAsync(seller, plan, new { body = "Discount ceiling is 12%", @internal = true });
        await CommentAsync(seller, plan, new { body = "Welcome to the plan" });

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var buyer = CommentAccess.ForBuyer(plan, seller.WorkspaceId, "Northwind rollout", new Actor(ActorKind.Buyer, Guid.NewGuid(), "Priya Shah"));
        var threads = await CommentCommands.ThreadsAsync(db, buyer, null, null);
        Assert.Equal(["Welcome to the plan"], threads.Select(t => t.Comment.Body));
        Assert.Equal(MutualPlan.Web.Infrastructure.OutcomeKind.NotFound, (await CommentCommands.FindAsync(db, buyer, flagged.GetProperty("id").GetGuid())).Kind);
        Assert.Null(await CommentCommands.TargetAsync(db, buyer, CommentTarget.Risk, risk));
        var onInternal = await CommentCommands.AddAsync(db, buyer, new CommentInput { Body = "What risk?", Target = CommentTarget.Risk, TargetId = risk }, TimeProvider.System);
        Assert.Equal(MutualPlan.Web.Infrastructure.OutcomeKind.Invalid, onInternal.Kind);
        Assert.Equal(1, (await CommentCommands.CountsAsync(db, plan, seesInternal: false)).Values.Sum());
    }

    [Fact]
    public async Task Another_workspace_gets_404_from_every_comment_endpoint_and_page()
    {
        var seller = await app.NewWorkspaceAsync();
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var plan = await seller.NewPlanAsync();
        var id = (await CommentAsync(seller, plan, new { body = "Private" })).GetProperty("id").GetGuid();
        var url = $"/api/v1/plans/{plan}/comments";
        var api = stranger.Api;
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{url}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync(url, new { body = "Hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutJsonAsync($"{url}/{id}", new { body = "Hi", version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"{url}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"{url}/{id}/resolve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"{url}/{id}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/plans/{plan}/mentionable")).StatusCode);
        // The stranger's own plan does not open a door to this comment either.
        var own = await stranger.NewPlanAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/plans/{own}/comments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/plans/{own}/comments/{id}")).StatusCode);

        var web = await stranger.LoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/plans/{plan}/comments?target=Plan")).StatusCode);
        var token = Html.AntiforgeryToken(await web.GetStringAsync("/notifications"));
        var post = await web.PostAsync($"/plans/{plan}/comments/add?target=Plan", new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "Hi", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, (await (await seller.Api.GetAsync(url)).JsonAsync())[0].GetProperty("replies").GetArrayLength());
    }

    [Fact]
    public async Task The_plan_page_shows_comment_counts_and_the_panel_posts_through_htmx()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var m = await MilestoneAsync(seller, plan);
        await CommentAsync(seller, plan, new { body = "First", target = "Milestone", targetId = m });
        var web = await seller.LoginAsync();
        var page = Html.Parse(await web.GetStringAsync($"/plans/{plan}"));
        Assert.Equal("1", page.QuerySelector($"#comment-toggle-{m}")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#discussion #comments-plan"));

        var token = Html.AntiforgeryToken(await web.GetStringAsync($"/plans/{plan}"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/plans/{plan}/comments/add?target=Milestone&targetId={m}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "Second, **bold**", ["internal"] = "true" }),
            Headers = { { "HX-Request", "true" }, { "RequestVerificationToken", token } },
        };
        var panel = Html.Parse(await (await web.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal(2, panel.QuerySelectorAll(".comment").Length);
        Assert.NotNull(panel.QuerySelector(".comment.internal .pill.internal"));
        Assert.Equal("2", panel.QuerySelector($"#comment-toggle-{m}[hx-swap-oob]")!.TextContent.Trim());

        var empty = new HttpRequestMessage(HttpMethod.Post, $"/plans/{plan}/comments/add?target=Milestone&targetId={m}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "" }),
            Headers = { { "HX-Request", "true" }, { "RequestVerificationToken", token } },
        };
        var invalid = Html.Parse(await (await web.SendAsync(empty)).Content.ReadAsStringAsync());
        Assert.Equal("true", invalid.QuerySelector(".new-comment textarea")!.GetAttribute("aria-invalid"));
        Assert.Contains("Write a comment", invalid.QuerySelector(".new-comment .field-error")!.TextContent);

        page = Html.Parse(await web.GetStringAsync($"/plans/{plan}"));
        Assert.Equal("2", page.QuerySelector($"#comment-toggle-{m}")!.TextContent.Trim()); // the cached page moved on with the revision
    }
}

public sealed class CommentTests_Sqlite(SqliteApp app) : CommentTests(app), IClassFixture<SqliteApp>;
public sealed class CommentTests_Postgres(PostgresApp app) : CommentTests(app), IClassFixture<PostgresApp>;
