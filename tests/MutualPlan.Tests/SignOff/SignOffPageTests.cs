using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.SignOff;

/// <summary>The sign-off pages: the buyer signs through the link, the certificates list the trail, and nobody else gets in.</summary>
public abstract class SignOffPageTests(TestApp app)
{
    private sealed record Deal(TestSeller Seller, Guid Plan, Guid Champion, Guid Milestone, string LinkPath)
    {
        public string Url => $"/api/v1/plans/{Plan}";
    }

    private async Task<Deal> RequestedDealAsync()
    {
        var seller = await app.NewWorkspaceAsync("Brightline");
        var plan = await seller.NewPlanAsync();
        var url = $"/api/v1/plans/{plan}";
        async Task<Guid> Post(string path, object body) =>
            (await (await seller.Api.PostJsonAsync(url + path, body)).JsonAsync()).GetProperty("id").GetGuid();
        var champion = await Post("/stakeholders", new { name = "Priya Shah", title = "Financial Controller", side = "Buyer", role = "Champion" });
        var milestone = await Post("/milestones", new { title = "Security review approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" });
        await Post($"/milestones/{milestone}/actions", new { description = "Answer the questionnaire", side = "Buyer" });
        await Post($"/milestones/{milestone}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true });
        await Post("/risks", new { description = "SECRET competitor favoured", isInternal = true });
        await seller.Api.PutJsonAsync($"{url}/internal-notes", new { notes = "SECRET pricing floor", version = 1 });
        var link = await (await seller.Api.PostJsonAsync($"{url}/share-links", new { label = "Priya" })).JsonAsync();
        var requested = await seller.Api.PostJsonAsync($"{url}/sign-off/requests",
            new { message = "Please accept the plan.", stakeholderIds = new[] { champion }, userIds = new[] { seller.UserId } });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        return new Deal(seller, plan, champion, milestone, new Uri(link.GetProperty("url").GetString()!).AbsolutePath);
    }

    private static async Task<string> HashAsync(Deal d) =>
        (await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off")).JsonAsync()).GetProperty("currentContentHash").GetString()!;

    private HttpClient Browser() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(pageHtml);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_buyer_signs_through_the_link_and_both_certificates_list_the_trail_without_internal_items()
    {
        var d = await RequestedDealAsync();
        var hash = await HashAsync(d);
        Assert.Equal(HttpStatusCode.Created, (await d.Seller.Api.PostJsonAsync($"{d.Url}/sign-off/signatures",
            new { fullName = "Sam Seller", title = "Account Executive", contentHash = hash })).StatusCode);

        var buyer = Browser();
        var view = await (await buyer.GetAsync(d.LinkPath)).Content.ReadAsStringAsync();
        Assert.Contains("Sam Seller asks you to accept the plan.", view);
        Assert.Contains($"href=\"{d.LinkPath}/sign-off\">Review and sign</a>", view);
        var page = await buyer.GetAsync($"{d.LinkPath}/sign-off");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Signing as <strong>Priya Shah</strong>", html);
        Assert.Contains("Answer the questionnaire", html);
        Assert.DoesNotContain("SECRET", html);

        var signerId = Html.Parse(html).QuerySelector("input[name=signerId]")!.GetAttribute("value")!;
        var wrong = await PostFormAsync(buyer, $"{d.LinkPath}/sign-off", html,
            new() { ["signerId"] = signerId, ["fullName"] = "P. Shah", ["title"] = "Financial Controller", ["contentHash"] = hash });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Type your full name as the request names you: Priya Shah.", await wrong.Content.ReadAsStringAsync());

        var signed = await PostFormAsync(buyer, $"{d.LinkPath}/sign-off", html,
            new() { ["signerId"] = signerId, ["fullName"] = "priya shah", ["title"] = "Financial Controller", ["contentHash"] = hash });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var after = await (await buyer.GetAsync($"{d.LinkPath}/sign-off")).Content.ReadAsStringAsync();
        Assert.Contains("Thank you, priya shah", after);
        Assert.DoesNotContain("Sign the plan</h2>", after);

        var certificate = await buyer.GetAsync($"{d.LinkPath}/sign-off/certificate");
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        var text = await certificate.Content.ReadAsStringAsync();
        Assert.Contains("Sign-off certificate", text);
        Assert.Contains(hash, text);
        Assert.Contains("Round 1", text);
        Assert.Contains("Financial Controller", text);
        Assert.Contains("Account Executive", text);
        Assert.Contains("Please accept the plan.", text);
        Assert.DoesNotContain("SECRET", text);

        var seller = await d.Seller.LoginAsync();
        var sellerCertificate = await seller.GetAsync($"/plans/{d.Plan}/sign-off/certificate");
        Assert.Equal(HttpStatusCode.OK, sellerCertificate.StatusCode);
        var doc = Html.Parse(await sellerCertificate.Content.ReadAsStringAsync());
        var rows = doc.QuerySelectorAll(".trail-table tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", r.TextContent));
        Assert.Contains("Completed", doc.QuerySelector(".trail-head")!.TextContent);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var buyerSignature = await db.SignOffSigners.SingleAsync(s => s.PlanId == d.Plan && s.StakeholderId == d.Champion);
        Assert.Equal(hash, buyerSignature.SignedHash);
        Assert.NotNull(buyerSignature.SignedAt);
        Assert.Equal("2026-12-10", (await db.Milestones.SingleAsync(m => m.Id == d.Milestone)).BaselineDate?.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task A_request_cancelled_on_the_sign_off_page_leaves_the_buyer_nothing_to_sign()
    {
        var d = await RequestedDealAsync();
        var hash = await HashAsync(d);
        var buyer = Browser();
        var before = await (await buyer.GetAsync($"{d.LinkPath}/sign-off")).Content.ReadAsStringAsync();
        Assert.Contains("Sign the plan</h2>", before);

        var seller = await d.Seller.LoginAsync();
        var page = await seller.GetStringAsync($"/plans/{d.Plan}/sign-off");
        Assert.Contains("Cancel round 1", page);
        var tooLong = await PostFormAsync(seller, $"/plans/{d.Plan}/sign-off/cancel", page, new() { ["reason"] = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var invalid = Html.Parse(await tooLong.Content.ReadAsStringAsync());
        Assert.Contains("Keep the reason under 1000 characters.", invalid.QuerySelector("#cancel")!.TextContent);

        var done = await PostFormAsync(seller, $"/plans/{d.Plan}/sign-off/cancel", page, new() { ["reason"] = "Wrong signer: the CFO signs." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = Html.Parse(await seller.GetStringAsync($"/plans/{d.Plan}/sign-off"));
        Assert.Contains("Round 1 is cancelled", after.QuerySelector(".flash.ok")!.TextContent);
        Assert.Null(after.QuerySelector("#cancel"));
        Assert.Equal("Request cancelled", after.QuerySelector("#signoff-status")!.TextContent);
        Assert.Contains("Cancelled by Sam Seller", after.QuerySelector("#trail")!.TextContent);
        Assert.Contains("Wrong signer: the CFO signs.", after.QuerySelector("#trail")!.TextContent);
        var again = await PostFormAsync(seller, $"/plans/{d.Plan}/sign-off/cancel", page, new());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("already cancelled", Html.Parse(await seller.GetStringAsync($"/plans/{d.Plan}/sign-off")).QuerySelector(".flash.error")!.TextContent);

        // The buyer's page says there is nothing to sign, and the old form is refused with the reason.
        var view = Html.Parse(await (await buyer.GetAsync($"{d.LinkPath}/sign-off")).Content.ReadAsStringAsync());
        Assert.Contains("There is nothing to sign", view.QuerySelector("#nothing-to-sign")!.TextContent);
        Assert.Equal("Request cancelled", view.QuerySelector(".signoff-status .pill")!.TextContent);
        Assert.Contains("Wrong signer: the CFO signs.", view.QuerySelector("#nothing-to-sign")!.TextContent);
        Assert.Null(view.QuerySelector("#sign"));
        Assert.DoesNotContain("Review and sign", await (await buyer.GetAsync(d.LinkPath)).Content.ReadAsStringAsync());
        var signerId = Html.Parse(before).QuerySelector("input[name=signerId]")!.GetAttribute("value")!;
        var late = await PostFormAsync(buyer, $"{d.LinkPath}/sign-off", before,
            new() { ["signerId"] = signerId, ["fullName"] = "Priya Shah", ["title"] = "Financial Controller", ["contentHash"] = hash });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Sam Seller cancelled the sign-off request", await late.Content.ReadAsStringAsync());
        var certificate = await (await buyer.GetAsync($"{d.LinkPath}/sign-off/certificate")).Content.ReadAsStringAsync();
        Assert.Contains("Cancelled by Sam Seller", certificate);

        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().SignOffSigners.AnyAsync(s => s.PlanId == d.Plan && s.SignedAt != null));
    }

    [Fact]
    public async Task The_buyer_link_cannot_sign_for_the_seller_nor_sign_a_version_it_did_not_read()
    {
        var d = await RequestedDealAsync();
        var hash = await HashAsync(d);
        var buyer = Browser();
        var html = await (await buyer.GetAsync($"{d.LinkPath}/sign-off")).Content.ReadAsStringAsync();
        var state = await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off")).JsonAsync();
        var sellerSigner = state.GetProperty("rounds")[0].GetProperty("signers").EnumerateArray()
            .Single(s => s.GetProperty("side").GetString() == "Seller").GetProperty("id").GetString()!;
        var asSeller = await PostFormAsync(buyer, $"{d.LinkPath}/sign-off", html,
            new() { ["signerId"] = sellerSigner, ["fullName"] = "Sam Seller", ["title"] = "AE", ["contentHash"] = hash });
        Assert.Equal(HttpStatusCode.BadRequest, asSeller.StatusCode);
        Assert.Contains("Choose one of the buyer", await asSeller.Content.ReadAsStringAsync());

        var stale = await PostFormAsync(buyer, $"{d.LinkPath}/sign-off", html,
            new() { ["fullName"] = "Priya Shah", ["title"] = "Financial Controller", ["contentHash"] = new string('0', 64) });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Read the current version and sign that", await stale.Content.ReadAsStringAsync());

        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().SignOffSigners.AnyAsync(s => s.PlanId == d.Plan && s.SignedAt != null));
    }

    [Fact]
    public async Task A_personal_link_signs_only_as_its_own_stakeholder()
    {
        var d = await RequestedDealAsync();
        var cfo = (await (await d.Seller.Api.PostJsonAsync($"{d.Url}/stakeholders", new { name = "Marcus Lee", title = "CFO", side = "Buyer", role = "EconomicBuyer" })).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await d.Seller.Api.PostJsonAsync($"{d.Url}/sign-off/requests",
            new { stakeholderIds = new[] { d.Champion, cfo }, userIds = new[] { d.Seller.UserId } })).StatusCode);
        var hash = await HashAsync(d);
        var state = await (await d.Seller.Api.GetAsync($"{d.Url}/sign-off")).JsonAsync();
        var priya = state.GetProperty("rounds")[1].GetProperty("signers").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Priya Shah").GetProperty("id").GetString()!;

        // The general link may sign as either buyer signer; Marcus's personal link only as Marcus.
        var general = await (await Browser().GetAsync($"{d.LinkPath}/sign-off")).Content.ReadAsStringAsync();
        Assert.Equal(2, Html.Parse(general).QuerySelectorAll("input[name=signerId][type=radio]").Length);
        var personal = await (await d.Seller.Api.PostJsonAsync($"{d.Url}/share-links", new { stakeholderId = cfo })).JsonAsync();
        var personalPath = new Uri(personal.GetProperty("url").GetString()!).AbsolutePath;
        var marcus = Browser();
        var html = await (await marcus.GetAsync($"{personalPath}/sign-off")).Content.ReadAsStringAsync();
        Assert.Contains("Signing as <strong>Marcus Lee</strong>", html);
        var asPriya = await PostFormAsync(marcus, $"{personalPath}/sign-off", html,
            new() { ["signerId"] = priya, ["fullName"] = "Priya Shah", ["title"] = "Financial Controller", ["contentHash"] = hash });
        Assert.Equal(HttpStatusCode.BadRequest, asPriya.StatusCode);
        var asMarcus = await PostFormAsync(marcus, $"{personalPath}/sign-off", html,
            new() { ["fullName"] = "Marcus Lee", ["title"] = "CFO", ["contentHash"] = hash });
        Assert.Equal(HttpStatusCode.Redirect, asMarcus.StatusCode);
        await using var scope = app.Scope();
        var signed = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SignOffSigners
            .Where(s => s.PlanId == d.Plan && s.SignedAt != null).Select(s => s.StakeholderId).ToListAsync();
        Assert.Equal([cfo], signed);
    }

    [Fact]
    public async Task Revoked_and_unknown_links_and_other_workspaces_get_404_on_every_sign_off_page()
    {
        var d = await RequestedDealAsync();
        var stranger = await (await app.NewWorkspaceAsync("Elsewhere")).LoginAsync();
        foreach (var path in new[] { $"/plans/{d.Plan}/sign-off", $"/plans/{d.Plan}/sign-off/certificate", $"/plans/{d.Plan}/sign-off/content" })
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        var own = await (await stranger.GetAsync("/plans")).Content.ReadAsStringAsync();
        var post = await PostFormAsync(stranger, $"/plans/{d.Plan}/sign-off/request", own, new() { ["stakeholderIds"] = d.Champion.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var buyer = Browser();
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"{d.LinkPath}/sign-off")).StatusCode);
        var linkId = (await (await d.Seller.Api.GetAsync($"{d.Url}/share-links")).JsonAsync())[0].GetProperty("id").GetGuid();
        await d.Seller.Api.PostAsync($"{d.Url}/share-links/{linkId}/revoke", null);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"{d.LinkPath}/sign-off")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"{d.LinkPath}/sign-off/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync("/p/s_unknown/sign-off")).StatusCode);
    }

    [Fact]
    public async Task The_plan_page_shows_the_plan_changed_since_signed_with_the_difference()
    {
        var d = await RequestedDealAsync();
        var hash = await HashAsync(d);
        await d.Seller.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "Sam Seller", title = "AE", contentHash = hash });
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var linkScope = (await Web.Features.SignOff.SignOffCommands.LinkScopeAsync(db, d.Plan))!;
            var ok = await Web.Features.SignOff.SignOffCommands.SignAsync(db, linkScope, d.Plan,
                new() { FullName = "Priya Shah", Title = "Financial Controller", ContentHash = hash },
                r => r.Signers.First(s => s.StakeholderId == d.Champion), "no", new(null, null), TimeProvider.System);
            Assert.True(ok.IsOk);
        }
        var seller = await d.Seller.LoginAsync();
        var signedPage = await seller.GetStringAsync($"/plans/{d.Plan}");
        Assert.DoesNotContain("changed-since-signed", signedPage);
        Assert.Contains("Signed 2", signedPage); // "Signed 23 Nov 2026" beside each signer

        await d.Seller.Api.PostJsonAsync($"{d.Url}/milestones/{d.Milestone}/reschedule", new { newDate = "2026-12-17", reason = "Reviewer on leave" });
        var page = Html.Parse(await seller.GetStringAsync($"/plans/{d.Plan}"));
        var alert = page.QuerySelector("#changed-since-signed")!.TextContent;
        Assert.Contains("Changed since signed", alert);
        Assert.Contains("“Security review approved” moved 10 Dec 2026 → 17 Dec 2026 (+7 days)", alert);
        var row = page.QuerySelector("#sign-off .baseline-diff tbody tr")!.TextContent;
        Assert.Contains("Date moved", row);
        Assert.Contains("10 Dec 2026", row);
        Assert.Contains("17 Dec 2026", row);

        // The buyer's pages say so too.
        var buyer = await Browser().GetStringAsync($"{d.LinkPath}/sign-off");
        Assert.Contains("The plan changed after both sides signed it", buyer);
        Assert.Contains("One milestone differs from the plan both sides signed.", await Browser().GetStringAsync(d.LinkPath));
    }
}

public sealed class SignOffPageTests_Sqlite(SqliteApp app) : SignOffPageTests(app), IClassFixture<SqliteApp>;
public sealed class SignOffPageTests_Postgres(PostgresApp app) : SignOffPageTests(app), IClassFixture<PostgresApp>;
