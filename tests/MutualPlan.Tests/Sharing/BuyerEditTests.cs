using System.Net;
using System.Text.Json;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Sharing;

/// <summary>What an edit link may change on the buyer's side, attributed to the visitor; and what comment and view links may not.</summary>
public abstract class BuyerEditTests(TestApp app)
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient buyer, string path, string handler, Dictionary<string, string> fields) =>
        SharedPlan.PostFormAsync(buyer, path, $"{path}?handler={handler}", fields);

    private static async Task<JsonElement> ActivityAsync(SharedPlan s) =>
        (await (await s.Seller.Api.GetAsync($"{s.Api}/activity")).JsonAsync()).GetProperty("items");

    [Fact]
    public async Task A_personal_edit_link_completes_its_persons_action_and_the_feed_names_them()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "Edit" });
        var buyer = s.Browser();
        var page = await buyer.GetStringAsync(path);
        Assert.Contains("Your next actions", page);
        Assert.Contains("Mark as done: Send the questionnaire", page);
        SharingAsserts.NoSecrets(page, "edit link page");

        var done = await PostAsync(buyer, path, "done", new() { ["actionId"] = s.BuyerAction.ToString(), ["done"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var action = await (await s.Seller.Api.GetAsync($"{s.Api}/milestones/{s.Milestone}/actions/{s.BuyerAction}")).JsonAsync();
        Assert.Equal("Done", action.GetProperty("status").GetString());

        var entry = (await ActivityAsync(s)).EnumerateArray().First(e => e.GetProperty("itemId").GetGuid() == s.BuyerAction);
        Assert.Equal("Buyer", entry.GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal("Priya Shah", entry.GetProperty("actor").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_edit_link_edits_buyer_actions_proposes_dates_updates_buy_in_and_adds_people()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "Northwind team", permission = "Edit" });
        var buyer = s.Browser();

        var bad = await PostAsync(buyer, path, "action", new() { ["actionId"] = s.BuyerAction.ToString(), ["description"] = "", ["status"] = "InProgress" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Describe the action.", await bad.Content.ReadAsStringAsync());
        var edited = await PostAsync(buyer, path, "action", new()
        {
            ["actionId"] = s.BuyerAction.ToString(), ["description"] = "Send the filled questionnaire", ["status"] = "InProgress",
            ["dueDate"] = DateTime.UtcNow.AddDays(9).ToString("yyyy-MM-dd"), ["notes"] = "Legal reads it first",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var action = await (await s.Seller.Api.GetAsync($"{s.Api}/milestones/{s.Milestone}/actions/{s.BuyerAction}")).JsonAsync();
        Assert.Equal("Send the filled questionnaire", action.GetProperty("description").GetString());
        Assert.Equal("InProgress", action.GetProperty("status").GetString());

        var newDate = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd");
        var noReason = await PostAsync(buyer, path, "propose", new() { ["milestoneId"] = s.Milestone.ToString(), ["proposedDate"] = newDate });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(buyer, path, "propose", new() { ["milestoneId"] = s.Milestone.ToString(), ["proposedDate"] = newDate, ["reason"] = "Board meets later" })).StatusCode);
        var proposals = await (await s.Seller.Api.GetAsync($"{s.Api}/date-proposals")).JsonAsync();
        var proposal = proposals.EnumerateArray().Single();
        Assert.Equal("Buyer", proposal.GetProperty("proposedBySide").GetString());
        Assert.Equal("Northwind team (link)", proposal.GetProperty("proposedBy").GetString());

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(buyer, path, "buyin", new() { ["stakeholderId"] = s.Champion.ToString(), ["buyIn"] = "OnBoard" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(buyer, path, "person", new() { ["name"] = "Lena Fox", ["title"] = "Head of Procurement", ["role"] = "Procurement" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(buyer, path, "person", new() { ["name"] = "Sam", ["role"] = "AccountExecutive" })).StatusCode);
        var people = (await (await s.Seller.Api.GetAsync($"{s.Api}/stakeholders")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal("OnBoard", people.Single(p => p.GetProperty("id").GetGuid() == s.Champion).GetProperty("buyIn").GetString());
        var lena = people.Single(p => p.GetProperty("name").GetString() == "Lena Fox");
        Assert.Equal("Buyer", lena.GetProperty("side").GetString());

        var feed = (await ActivityAsync(s)).EnumerateArray().ToList();
        Assert.Contains(feed, e => e.GetProperty("itemId").GetGuid() == lena.GetProperty("id").GetGuid() && e.GetProperty("actor").GetProperty("kind").GetString() == "Buyer");
    }

    [Fact]
    public async Task An_edit_link_cannot_reach_internal_or_seller_items_and_lesser_links_cannot_edit()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, edit) = await s.LinkAsync(new { label = "Edit", permission = "Edit" });
        var buyer = s.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(buyer, edit, "done", new() { ["actionId"] = s.InternalAction.ToString(), ["done"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(buyer, edit, "buyin", new() { ["stakeholderId"] = s.SellerPerson.ToString(), ["buyIn"] = "OnBoard" })).StatusCode);
        var other = await SharedPlan.CreateAsync(app, "Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(buyer, edit, "done", new() { ["actionId"] = other.BuyerAction.ToString(), ["done"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(buyer, edit, "propose", new() { ["milestoneId"] = other.Milestone.ToString(), ["proposedDate"] = "2030-01-01", ["reason"] = "x" })).StatusCode);

        foreach (var permission in new[] { "View", "Comment" })
        {
            var (_, path) = await s.LinkAsync(new { label = permission, permission });
            var client = s.Browser();
            var page = await client.GetStringAsync(path);
            Assert.DoesNotContain("Mark as done", page);
            Assert.DoesNotContain("Propose a new date", page);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, path, "done", new() { ["actionId"] = s.BuyerAction.ToString(), ["done"] = "true" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, path, "person", new() { ["name"] = "X", ["role"] = "Legal" })).StatusCode);
        }
        var action = await (await s.Seller.Api.GetAsync($"{s.Api}/milestones/{s.Milestone}/actions/{s.InternalAction}")).JsonAsync();
        Assert.NotEqual("Done", action.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_comment_link_comments_as_its_visitor_and_a_view_link_has_no_comments()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "Comment" });
        var buyer = s.Browser();
        var page = await buyer.GetStringAsync(path);
        buyer.DefaultRequestHeaders.Add("HX-Request", "true");
        buyer.DefaultRequestHeaders.Add("RequestVerificationToken", Html.AntiforgeryToken(page));
        var panel = await buyer.GetStringAsync($"{path}/comments?target=Plan");
        SharingAsserts.NoSecrets(panel, "buyer comments panel");
        Assert.DoesNotContain("Internal (your team only)", panel);
        var posted = await buyer.PostAsync($"{path}/comments/add?target=Plan", new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "Can we start on the 5th?" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Can we start on the 5th?", await posted.Content.ReadAsStringAsync());
        var internalItem = await buyer.GetAsync($"{path}/comments?target=Action&targetId={s.InternalAction}");
        Assert.Equal(HttpStatusCode.NotFound, internalItem.StatusCode);

        // The discussion is part of the page itself (so live updates see new comments), without the seller's internal ones.
        var internalNote = await s.Seller.Api.PostJsonAsync($"{s.Api}/comments", new { body = "SECRET floor price is 150k", @internal = true });
        Assert.Equal(HttpStatusCode.Created, internalNote.StatusCode);
        var discussion = Html.Parse(await s.Browser().GetStringAsync(path)).QuerySelector("#discussion")!.TextContent;
        Assert.Contains("Can we start on the 5th?", discussion);
        Assert.DoesNotContain("SECRET", discussion);
        var sellerDiscussion = Html.Parse(await (await s.Seller.LoginAsync()).GetStringAsync($"/plans/{s.Plan}")).QuerySelector("#discussion")!.TextContent;
        Assert.Contains("Can we start on the 5th?", sellerDiscussion);
        Assert.Contains("SECRET floor price is 150k", sellerDiscussion);

        var comments = await (await s.Seller.Api.GetAsync($"{s.Api}/comments?target=Plan")).JsonAsync();
        var mine = comments.EnumerateArray().Select(t => t.GetProperty("comment")).Single(c => c.GetProperty("body").GetString() == "Can we start on the 5th?");
        Assert.Equal("Priya Shah", mine.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("Buyer", mine.GetProperty("author").GetProperty("kind").GetString());

        var (_, view) = await s.LinkAsync(new { label = "Readers", permission = "View" });
        var reader = s.Browser();
        Assert.DoesNotContain("Discussion", await reader.GetStringAsync(view));
        reader.DefaultRequestHeaders.Add("HX-Request", "true");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"{view}/comments?target=Plan")).StatusCode);
    }
}

public sealed class BuyerEditTests_Sqlite(SqliteApp app) : BuyerEditTests(app), IClassFixture<SqliteApp>;
public sealed class BuyerEditTests_Postgres(PostgresApp app) : BuyerEditTests(app), IClassFixture<PostgresApp>;
