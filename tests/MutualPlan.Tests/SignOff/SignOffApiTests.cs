using MutualPlan.Planning.SignOff;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Plans;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.SignOff;

namespace MutualPlan.Tests.SignOff;

public abstract class SignOffApiTests(TestApp app)
{
    private sealed record Deal(TestSeller Seller, Guid Plan, Guid Champion, Guid Security, Guid Signature)
    {
        public string Url => $"/api/v1/plans/{Plan}";
    }

    private async Task<Deal> DealAsync()
    {
        var seller = await app.NewWorkspaceAsync("Brightline");
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}";
        async Task<Guid> Post(string path, object body)
        {
            var r = await seller.Api.PostJsonAsync(url + path, body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.JsonAsync()).GetProperty("id").GetGuid();
        }
        var champion = await Post("/stakeholders", new { name = "Priya Shah", title = "Financial Controller", side = "Buyer", role = "Champion", email = "priya@northwind.example" });
        await Post("/stakeholders", new { name = "Dana Fox", side = "Seller", role = "SalesEngineer" });
        var security = await Post("/milestones", new { title = "Security review approved", description = "IT security signs off.", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" });
        var signature = await Post("/milestones", new { title = "Contract signed", phase = "Signature", owner = "Joint", targetDate = "2027-01-29" });
        await Post($"/milestones/{security}/actions", new { description = "Answer the questionnaire", side = "Buyer", assigneeId = champion });
        await Post($"/milestones/{security}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true });
        await Post("/risks", new { description = "SECRET competitor favoured", isInternal = true });
        return new Deal(seller, plan, champion, security, signature);
    }

    private static async Task<JsonElement> StateAsync(Deal d) => await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off")).JsonAsync();

    private static async Task<string> HashAsync(Deal d) => (await StateAsync(d)).GetProperty("currentContentHash").GetString()!;

    private static async Task<HttpResponseMessage> RequestAsync(Deal d, object? body = null) =>
        await d.Seller.Api.PostJsonAsync($"{d.Url}/sign-off/requests",
            body ?? new { message = "Please accept the plan we agreed on Tuesday.", stakeholderIds = new[] { d.Champion }, userIds = new[] { d.Seller.UserId } });

    private static async Task<HttpResponseMessage> SellerSignsAsync(Deal d, string? hash = null, string name = "sam seller") =>
        await d.Seller.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = name, title = "Account Executive", contentHash = hash ?? await HashAsync(d) });

    /// <summary>The buyer's signature, through the same use case the buyer's link page calls.</summary>
    private async Task<Web.Infrastructure.OutcomeKind> BuyerSignsAsync(Deal d, string? hash = null, string name = "Priya Shah")
    {
        hash ??= await HashAsync(d);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var linkScope = (await SignOffCommands.LinkScopeAsync(db, d.Plan))!;
        var outcome = await SignOffCommands.SignAsync(db, linkScope, d.Plan,
            new SignatureInput { FullName = name, Title = "Financial Controller", ContentHash = hash },
            round => round.Signers.FirstOrDefault(s => s.Side == Side.Buyer && s.StakeholderId == d.Champion), "not a signer",
            new SignatureOrigin("203.0.113.7", "Mozilla/5.0 (Buyer phone)"), TimeProvider.System);
        return outcome.Kind;
    }

    private async Task<Deal> SignedDealAsync()
    {
        var d = await DealAsync();
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d)).StatusCode);
        Assert.Equal(Web.Infrastructure.OutcomeKind.Ok, await BuyerSignsAsync(d));
        return d;
    }

    [Fact]
    public async Task The_content_hash_is_stable_until_signed_content_changes()
    {
        var d = await DealAsync();
        var first = await HashAsync(d);
        Assert.Equal(first, await HashAsync(d));
        var m = await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Security}")).JsonAsync();
        // A status is progress, not agreement: the hash stays.
        var put = await d.Seller.Api.PutJsonAsync($"{d.Url}/milestones/{d.Security}", new
        {
            title = "Security review approved", description = "IT security signs off.", phase = "TechnicalValidation", owner = "Buyer",
            targetDate = "2026-12-10", status = "OnTrack", version = m.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(first, await HashAsync(d));
        // The description is part of what is signed.
        put = await d.Seller.Api.PutJsonAsync($"{d.Url}/milestones/{d.Security}", new
        {
            title = "Security review approved", description = "IT security signs off the questionnaire.", phase = "TechnicalValidation", owner = "Buyer",
            targetDate = "2026-12-10", status = "OnTrack", version = m.GetProperty("version").GetInt32() + 1,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.NotEqual(first, await HashAsync(d));
        var content = await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off/content")).Content.ReadAsStringAsync();
        Assert.Equal(await HashAsync(d), SignedContent.Hash(content));
        Assert.DoesNotContain("SECRET", content);
    }

    [Fact]
    public async Task The_same_plan_has_the_same_hash_on_every_database()
    {
        var seller = await app.NewWorkspaceAsync("Brightline");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var plan = SignOffFixtures.FixedPlan(seller.WorkspaceId, seller.UserId);
            plan.Id = Guid.CreateVersion7(); // unique per run; the expected hash is computed for the same id
            db.Plans.Add(Rehome(plan));
            await db.SaveChangesAsync();
            var expected = SignedContent.Hash(SignedContent.Render(Rehome(ReId(SignOffFixtures.FixedPlan(), plan.Id)), "Sam Seller"));
            var state = await (await seller.Api.GetAsync($"/api/v1/plans/{plan.Id}/sign-off")).JsonAsync();
            Assert.Equal(expected, state.GetProperty("currentContentHash").GetString());
        }

        static Plan ReId(Plan p, Guid id) { p.Id = id; return p; }
        // Items point at their plan: give them the plan's (new) id.
        static Plan Rehome(Plan p)
        {
            foreach (var x in p.Stakeholders) x.PlanId = p.Id;
            foreach (var x in p.Objectives) x.PlanId = p.Id;
            foreach (var x in p.Metrics) x.PlanId = p.Id;
            foreach (var x in p.Milestones) x.PlanId = p.Id;
            foreach (var x in p.Risks) x.PlanId = p.Id;
            foreach (var x in p.Resources) x.PlanId = p.Id;
            return p;
        }
    }

    [Fact]
    public async Task When_everyone_has_signed_the_baseline_is_frozen_and_the_trail_records_each_signature()
    {
        var d = await DealAsync();
        var hash = await HashAsync(d);
        var created = await RequestAsync(d);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var round = await created.JsonAsync();
        Assert.Equal(hash, round.GetProperty("contentHash").GetString());
        Assert.Equal(2, round.GetProperty("signers").GetArrayLength());
        Assert.Equal("AwaitingSignatures", (await StateAsync(d)).GetProperty("status").GetString());

        var seller = await SellerSignsAsync(d);
        Assert.Equal(HttpStatusCode.Created, seller.StatusCode);
        var sig = (await seller.JsonAsync()).GetProperty("signature");
        Assert.Equal("sam seller", sig.GetProperty("name").GetString());
        Assert.Equal(hash, sig.GetProperty("contentHash").GetString());
        Assert.Equal(JsonValueKind.Null, (await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Security}")).JsonAsync()).GetProperty("baselineDate").ValueKind);

        Assert.Equal(Web.Infrastructure.OutcomeKind.Ok, await BuyerSignsAsync(d));
        var state = await StateAsync(d);
        Assert.Equal("Signed", state.GetProperty("status").GetString());
        var trail = state.GetProperty("rounds")[0];
        Assert.Equal("Completed", trail.GetProperty("status").GetString());
        var buyer = trail.GetProperty("signers").EnumerateArray().Single(s => s.GetProperty("side").GetString() == "Buyer").GetProperty("signature");
        Assert.Equal("203.0.113.7", buyer.GetProperty("ipAddress").GetString());
        Assert.Equal("Mozilla/5.0 (Buyer phone)", buyer.GetProperty("userAgent").GetString());
        Assert.Equal("Financial Controller", buyer.GetProperty("title").GetString());
        Assert.Equal(hash, buyer.GetProperty("contentHash").GetString());
        Assert.True(buyer.GetProperty("planRevision").GetInt32() > 0);
        Assert.Equal("2026-12-10", (await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Security}")).JsonAsync()).GetProperty("baselineDate").GetString());
        Assert.Equal("2027-01-29", (await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Signature}")).JsonAsync()).GetProperty("baselineDate").GetString());
        var diff = await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off/baseline-diff")).JsonAsync();
        Assert.True(diff.GetProperty("signed").GetBoolean());
        Assert.False(diff.GetProperty("changedSinceSigned").GetBoolean());

        // The activity feed tells the story: the request, each signature, the baseline.
        var feed = (await (await d.Seller.Api.GetAsync($"{d.Url}/activity?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("itemKind").GetString() == "SignOff").ToList();
        Assert.Equal(3, feed.Count);
        Assert.Contains(feed, e => e.GetProperty("itemTitle").GetString() == "Round 1: Priya Shah, Sam Seller asked to sign");
        var last = feed.Single(e => e.GetProperty("actor").GetProperty("kind").GetString() == "Buyer");
        Assert.Equal("Priya Shah", last.GetProperty("actor").GetProperty("name").GetString());
        Assert.Contains(last.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "Baseline");
    }

    [Fact]
    public async Task A_signature_on_a_stale_version_is_refused_with_a_clear_message()
    {
        var d = await DealAsync();
        var read = await HashAsync(d);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        // The seller rewords a milestone after the request: what was put up for signature is gone.
        var m = await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Signature}")).JsonAsync();
        await d.Seller.Api.PutJsonAsync($"{d.Url}/milestones/{d.Signature}", new
        {
            title = "Contract signed by both", phase = "Signature", owner = "Joint", targetDate = "2027-01-29", version = m.GetProperty("version").GetInt32(),
        });
        foreach (var hash in new[] { read, await HashAsync(d) })
        {
            var refused = await SellerSignsAsync(d, hash);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.JsonAsync();
            Assert.Contains("requested again for the current version", problem.GetProperty("detail").GetString());
            Assert.Equal(await HashAsync(d), problem.GetProperty("currentContentHash").GetString());
        }
        Assert.Equal(Web.Infrastructure.OutcomeKind.Conflict, await BuyerSignsAsync(d));
        Assert.Equal("RequestOutdated", (await StateAsync(d)).GetProperty("status").GetString());

        // A new request for the current version can be signed; a hash read before it cannot.
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        var old = await SellerSignsAsync(d, read);
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Contains("Read the current version and sign that", (await old.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d)).StatusCode);
        var rounds = (await StateAsync(d)).GetProperty("rounds");
        Assert.Equal("Superseded", rounds[0].GetProperty("status").GetString());
        Assert.Equal("Open", rounds[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_seller_cancels_an_open_request_which_stays_in_the_trail_and_can_no_longer_be_signed()
    {
        var d = await DealAsync();
        var cancelUrl = $"{d.Url}/sign-off/cancel";
        var nothing = await d.Seller.Api.PostJsonAsync(cancelUrl, new { });
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.Equal("application/problem+json", nothing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("There is no open sign-off request to cancel.", (await nothing.JsonAsync()).GetProperty("detail").GetString());

        await d.Seller.Api.PostJsonAsync($"{d.Url}/share-links", new { label = "Northwind" });
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        var hash = await HashAsync(d);
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d, hash)).StatusCode);
        int NotificationCount()
        {
            using var scope = app.Scope();
            return scope.ServiceProvider.GetRequiredService<AppDbContext>().Notifications.Count(n => n.PlanId == d.Plan);
        }
        var notified = NotificationCount();
        Assert.True(notified > 0);

        var tooLong = await d.Seller.Api.PostJsonAsync(cancelUrl, new { reason = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("1000 characters", (await tooLong.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString());
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync(cancelUrl, new { })).StatusCode);
        var otherRound = await d.Seller.Api.PostJsonAsync(cancelUrl, new { roundId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Conflict, otherRound.StatusCode);
        Assert.Equal("AwaitingSignatures", (await StateAsync(d)).GetProperty("status").GetString());

        var cancelled = await d.Seller.Api.PostJsonAsync(cancelUrl, new { reason = "  Sent before legal reviewed the dates.  " });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var round = await cancelled.JsonAsync();
        Assert.Equal("Cancelled", round.GetProperty("status").GetString());
        Assert.Equal("Sam Seller", round.GetProperty("cancelledBy").GetString());
        Assert.Equal("Sent before legal reviewed the dates.", round.GetProperty("cancelReason").GetString());
        Assert.Equal(JsonValueKind.String, round.GetProperty("endedAt").ValueKind);

        // Nothing is open; the seller's signature stays in the trail.
        var state = await StateAsync(d);
        Assert.Equal("NotRequested", state.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("openRoundId").ValueKind);
        var trail = Assert.Single(state.GetProperty("rounds").EnumerateArray());
        Assert.Equal("Cancelled", trail.GetProperty("status").GetString());
        Assert.Single(trail.GetProperty("signers").EnumerateArray(), s => s.GetProperty("signature").ValueKind == JsonValueKind.Object);

        // The buyer can no longer sign; the notifications already sent are still there.
        Assert.Equal(Web.Infrastructure.OutcomeKind.Conflict, await BuyerSignsAsync(d, hash));
        Assert.Equal(notified, NotificationCount());
        var again = await d.Seller.Api.PostJsonAsync(cancelUrl, new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.StartsWith("Round 1 was already cancelled by Sam Seller", (await again.JsonAsync()).GetProperty("detail").GetString());

        var feed = (await (await d.Seller.Api.GetAsync($"{d.Url}/activity?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("itemTitle").GetString() == "Round 1: sign-off request cancelled");
        Assert.Equal("Sam Seller", feed.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal("Sent before legal reviewed the dates.", feed.GetProperty("reason").GetString());

        // A new request can be made and signed as usual.
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d)).StatusCode);
        Assert.Equal(Web.Infrastructure.OutcomeKind.Ok, await BuyerSignsAsync(d));
        var complete = await d.Seller.Api.PostJsonAsync(cancelUrl, new { reason = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        Assert.StartsWith("Sign-off is already complete: everyone signed round 2", (await complete.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("Signed", (await StateAsync(d)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_typed_name_must_be_the_signers_full_name_and_bad_input_is_a_problem()
    {
        var d = await DealAsync();
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        var wrong = await SellerSignsAsync(d, name: "Sam");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Sam Seller", (await wrong.JsonAsync()).GetProperty("errors").GetProperty("fullName")[0].GetString());
        var empty = await d.Seller.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "", title = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("contentHash", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await d.Seller.Api.PostRawJsonAsync($"{d.Url}/sign-off/signatures", "{\"fullName\": 12")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d, name: "  SAM   seller ")).StatusCode);
        var again = await SellerSignsAsync(d);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already signed", (await again.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Signers_are_notified_of_the_request_and_asked_again_after_a_material_change()
    {
        var d = await DealAsync();
        var colleague = await app.AddSellerAsync(d.Seller.WorkspaceId);
        async Task<List<MutualPlan.Planning.Collaboration.Notification>> NotificationsAsync()
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Notifications.Where(n => n.PlanId == d.Plan).ToListAsync();
        }
        // Before the plan is shared, only the seller side hears of it: the buyer signs through a link.
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d, new { stakeholderIds = new[] { d.Champion }, userIds = new[] { d.Seller.UserId, colleague.UserId } })).StatusCode);
        var first = await NotificationsAsync();
        var only = Assert.Single(first);
        Assert.Equal((MutualPlan.Planning.Collaboration.NotificationKind.SignOffRequested, colleague.UserId), (only.Kind, only.RecipientId));
        Assert.Equal($"/plans/{d.Plan}/sign-off", only.Url);

        await d.Seller.Api.PostJsonAsync($"{d.Url}/share-links", new { label = "Northwind" });
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d, new { message = "Now with the link.", stakeholderIds = new[] { d.Champion }, userIds = new[] { d.Seller.UserId, colleague.UserId } })).StatusCode);
        var second = (await NotificationsAsync()).Except(first, new IdComparer()).ToList();
        Assert.Equal(2, second.Count);
        var buyer = second.Single(n => n.RecipientId == d.Champion);
        Assert.Equal("priya@northwind.example", buyer.Email);
        Assert.Equal("Now with the link.", buyer.Excerpt);
        Assert.DoesNotContain(second, n => n.RecipientId == d.Seller.UserId);

        // Everyone signs, a date moves, and re-acceptance tells both sides what changed.
        var hash = await HashAsync(d);
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d, hash)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await colleague.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "Sam Seller", title = "Sales Engineer", contentHash = hash })).StatusCode);
        Assert.Equal(Web.Infrastructure.OutcomeKind.Ok, await BuyerSignsAsync(d, hash));
        await d.Seller.Api.PostJsonAsync($"{d.Url}/milestones/{d.Security}/reschedule", new { newDate = "2026-12-17", reason = "Reviewer on leave" });
        var before = await NotificationsAsync();
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d, new { })).StatusCode);
        var again = (await NotificationsAsync()).Except(before, new IdComparer()).Where(n => n.Kind == MutualPlan.Planning.Collaboration.NotificationKind.ChangedSinceSigned).ToList();
        Assert.Equal(2, again.Count);
        Assert.All(again, n => Assert.Contains("Security review approved: Moved 10 Dec 2026 → 17 Dec 2026 (+7 days)", n.Excerpt));
        Assert.All(again, n => Assert.Contains("changed since it was signed", n.Text));
    }

    private sealed class IdComparer : IEqualityComparer<MutualPlan.Planning.Collaboration.Notification>
    {
        public bool Equals(MutualPlan.Planning.Collaboration.Notification? x, MutualPlan.Planning.Collaboration.Notification? y) => x?.Id == y?.Id;
        public int GetHashCode(MutualPlan.Planning.Collaboration.Notification n) => n.Id.GetHashCode();
    }

    [Fact]
    public async Task A_request_needs_a_buyer_stakeholder_and_the_plan_owner()
    {
        var d = await DealAsync();
        var sellerSide = (await (await d.Seller.Api.GetAsync($"{d.Url}/stakeholders")).JsonAsync()).EnumerateArray()
            .Single(s => s.GetProperty("side").GetString() == "Seller").GetProperty("id").GetGuid();
        var colleague = await app.AddSellerAsync(d.Seller.WorkspaceId);
        var stranger = await app.NewWorkspaceAsync("Elsewhere");

        async Task<JsonElement> Invalid(object body)
        {
            var r = await RequestAsync(d, body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            return (await r.JsonAsync()).GetProperty("errors");
        }
        Assert.Contains("usually the champion", (await Invalid(new { stakeholderIds = Array.Empty<Guid>(), userIds = new[] { d.Seller.UserId } })).GetProperty("stakeholderIds")[0].GetString());
        Assert.Contains("buyer-side", (await Invalid(new { stakeholderIds = new[] { sellerSide }, userIds = new[] { d.Seller.UserId } })).GetProperty("stakeholderIds")[0].GetString());
        Assert.Contains("plan owner", (await Invalid(new { stakeholderIds = new[] { d.Champion }, userIds = new[] { colleague.UserId } })).GetProperty("userIds")[0].GetString());
        Assert.Contains("members of your workspace", (await Invalid(new { stakeholderIds = new[] { d.Champion }, userIds = new[] { d.Seller.UserId, stranger.UserId } })).GetProperty("userIds")[0].GetString());
        Assert.True((await Invalid(new { })).TryGetProperty("stakeholderIds", out _));
        Assert.Equal("NotRequested", (await StateAsync(d)).GetProperty("status").GetString());

        // A colleague asked to sign may; one who was not asked may not.
        var created = await RequestAsync(d, new { stakeholderIds = new[] { d.Champion }, userIds = new[] { d.Seller.UserId, colleague.UserId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, (await created.JsonAsync()).GetProperty("signers").GetArrayLength());
        var outsider = await app.AddSellerAsync(d.Seller.WorkspaceId);
        var refused = await outsider.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "Sam Seller", title = "AE", contentHash = await HashAsync(d) });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    public static TheoryData<string> MaterialChanges => new("date moved", "milestone added", "milestone removed", "owner changed");

    [Theory, MemberData(nameof(MaterialChanges))]
    public async Task A_material_change_after_signing_marks_the_plan_changed_since_signed(string change)
    {
        var d = await SignedDealAsync();
        string expectedKind;
        Guid milestone;
        switch (change)
        {
            case "date moved":
                var moved = await d.Seller.Api.PostJsonAsync($"{d.Url}/milestones/{d.Security}/reschedule", new { newDate = "2026-12-17", reason = "The reviewer is on leave" });
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
                (expectedKind, milestone) = ("DateMoved", d.Security);
                break;
            case "milestone added":
                var added = await d.Seller.Api.PostJsonAsync($"{d.Url}/milestones", new { title = "Go-live", phase = "Implementation", owner = "Joint", targetDate = "2027-03-01" });
                (expectedKind, milestone) = ("Added", (await added.JsonAsync()).GetProperty("id").GetGuid());
                break;
            case "milestone removed":
                Assert.Equal(HttpStatusCode.NoContent, (await d.Seller.Api.DeleteAsync($"{d.Url}/milestones/{d.Signature}")).StatusCode);
                (expectedKind, milestone) = ("Removed", d.Signature);
                break;
            default:
                var m = await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Signature}")).JsonAsync();
                var put = await d.Seller.Api.PutJsonAsync($"{d.Url}/milestones/{d.Signature}", new
                {
                    title = "Contract signed", phase = "Signature", owner = "Buyer", targetDate = "2027-01-29", version = m.GetProperty("version").GetInt32(),
                });
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                (expectedKind, milestone) = ("OwnerChanged", d.Signature);
                break;
        }
        var diff = await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off/baseline-diff")).JsonAsync();
        Assert.True(diff.GetProperty("changedSinceSigned").GetBoolean());
        var entry = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal(milestone, entry.GetProperty("milestoneId").GetGuid());
        Assert.Equal(expectedKind, Assert.Single(entry.GetProperty("kinds").EnumerateArray()).GetString());
        if (change == "date moved")
        {
            Assert.Equal("2026-12-10", entry.GetProperty("baselineDate").GetString());
            Assert.Equal("2026-12-17", entry.GetProperty("currentDate").GetString());
            Assert.Equal(7, entry.GetProperty("daysMoved").GetInt32());
        }
        Assert.Equal("ChangedSinceSigned", (await StateAsync(d)).GetProperty("status").GetString());

        // Both sides re-accept: a new round with the same signers; once signed, the baseline moves on.
        var again = await RequestAsync(d, new { message = "We moved things: please accept again." });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var round = await again.JsonAsync();
        Assert.Equal(2, round.GetProperty("number").GetInt32());
        Assert.Equal(new[] { "Buyer", "Seller" }, round.GetProperty("signers").EnumerateArray().Select(s => s.GetProperty("side").GetString()).ToArray());
        Assert.Equal(HttpStatusCode.Created, (await SellerSignsAsync(d)).StatusCode);
        Assert.Equal(Web.Infrastructure.OutcomeKind.Ok, await BuyerSignsAsync(d));
        var state = await StateAsync(d);
        Assert.Equal("Signed", state.GetProperty("status").GetString());
        Assert.Equal(2, state.GetProperty("rounds").GetArrayLength());
        Assert.False((await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off/baseline-diff")).JsonAsync()).GetProperty("changedSinceSigned").GetBoolean());
    }

    [Fact]
    public async Task Non_material_changes_after_signing_do_not_ask_for_re_acceptance()
    {
        var d = await SignedDealAsync();
        var m = await (await d.Seller.Api.GetAsync($"{d.Url}/milestones/{d.Security}")).JsonAsync();
        var put = await d.Seller.Api.PutJsonAsync($"{d.Url}/milestones/{d.Security}", new
        {
            title = "Security review approved", description = "IT security signs off (typo fixed).", phase = "TechnicalValidation", owner = "Buyer",
            targetDate = "2026-12-10", status = "Done", version = m.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await d.Seller.Api.PostJsonAsync($"{d.Url}/milestones/{d.Security}/actions", new { description = "Book the reviewer", side = "Seller" });
        await d.Seller.Api.PostJsonAsync($"{d.Url}/objectives", new { title = "Faster month-end close" });
        var diff = await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off/baseline-diff")).JsonAsync();
        Assert.False(diff.GetProperty("changedSinceSigned").GetBoolean());
        Assert.Empty(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("Signed", (await StateAsync(d)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_workspace_gets_404_and_anonymous_callers_401_on_every_sign_off_endpoint()
    {
        var d = await DealAsync();
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(d)).StatusCode);
        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var hash = await HashAsync(d);
        var responses = new[]
        {
            await stranger.Api.GetAsync($"{d.Url}/sign-off"),
            await stranger.Api.GetAsync($"{d.Url}/sign-off/content"),
            await stranger.Api.GetAsync($"{d.Url}/sign-off/baseline-diff"),
            await stranger.Api.PostJsonAsync($"{d.Url}/sign-off/requests", new { stakeholderIds = new[] { d.Champion }, userIds = new[] { stranger.UserId } }),
            await stranger.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "Sam Seller", title = "AE", contentHash = hash }),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{d.Url}/sign-off")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "x" })).StatusCode);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.SignOffRounds.CountAsync(r => r.PlanId == d.Plan));
        Assert.False(await db.SignOffSigners.AnyAsync(s => s.PlanId == d.Plan && s.SignedAt != null));
    }
}

public sealed class SignOffApiTests_Sqlite(SqliteApp app) : SignOffApiTests(app), IClassFixture<SqliteApp>;
public sealed class SignOffApiTests_Postgres(PostgresApp app) : SignOffApiTests(app), IClassFixture<PostgresApp>;
