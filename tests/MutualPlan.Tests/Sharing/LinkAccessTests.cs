using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Sharing;

/// <summary>Link settings through the API, the PIN gate, the "BuyerLink" cookie and its revocation.</summary>
public abstract class LinkAccessTests(TestApp app)
{
    [Fact]
    public async Task A_pin_link_shows_only_the_gate_until_the_right_pin_is_given()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "Northwind team", pin = "482913", permission = "Comment" });
        var buyer = s.Browser();

        var gate = await (await buyer.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("Enter the PIN", gate);
        Assert.DoesNotContain("Security approved", gate);
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.GetAsync(path + "/sign-off")).StatusCode);

        var wrong = await SharedPlan.PostFormAsync(buyer, path, path + "?handler=pin", new() { ["pin"] = "111111" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("That PIN is not right", wrongHtml);
        Assert.DoesNotContain("Security approved", wrongHtml);

        await SharedPlan.PassPinAsync(buyer, path, "482913");
        var plan = await (await buyer.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("Security approved", plan);
        SharingAsserts.NoSecrets(plan, "buyer view");
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(path + "/sign-off")).StatusCode);

        await using var scope = app.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ShareLinks.SingleAsync(l => l.PlanId == s.Plan);
        Assert.NotNull(stored.PinHash);
        Assert.DoesNotContain("482913", stored.PinHash);
    }

    [Fact]
    public async Task Revoking_a_link_locks_out_a_visitor_who_already_holds_its_cookie()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, path) = await s.LinkAsync(new { label = "Northwind team" });
        var buyer = s.Browser();
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(path + "/sign-off")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await s.RevokeAsync(id)).StatusCode);
        var after = await buyer.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("This link does not work", await after.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync(path + "/sign-off")).StatusCode);
    }

    [Fact]
    public async Task A_new_pin_sends_everyone_inside_back_to_the_gate_and_a_permission_change_applies_at_once()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, path) = await s.LinkAsync(new { label = "Northwind team", permission = "Edit" });
        var buyer = s.Browser();
        Assert.Contains("Security approved", await buyer.GetStringAsync(path));

        var changed = await s.UpdateLinkAsync(id, new { label = "Northwind team", permission = "View", pin = "2468" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var json = await changed.JsonAsync();
        Assert.Equal("View", json.GetProperty("permission").GetString());
        Assert.True(json.GetProperty("hasPin").GetBoolean());

        var gate = await buyer.GetStringAsync(path);
        Assert.Contains("Enter the PIN", gate);
        Assert.DoesNotContain("Security approved", gate);
        await SharedPlan.PassPinAsync(buyer, path, "2468");
        Assert.Contains("Security approved", await buyer.GetStringAsync(path));

        var removed = await s.UpdateLinkAsync(id, new { label = "Northwind team", permission = "View", removePin = true });
        Assert.False((await removed.JsonAsync()).GetProperty("hasPin").GetBoolean());
        Assert.Contains("Security approved", await s.Browser().GetStringAsync(path));
    }

    [Fact]
    public async Task Bad_link_settings_are_refused_with_a_problem_naming_the_field()
    {
        var s = await SharedPlan.CreateAsync(app);
        var other = await SharedPlan.CreateAsync(app, "Elsewhere");

        async Task<string> Refused(object body, string field)
        {
            var r = await s.Seller.Api.PostJsonAsync($"{s.Api}/share-links", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            var errors = (await r.JsonAsync()).GetProperty("errors");
            // Each problem once, even when a field rule and an object rule both ran.
            Assert.Equal(1, errors.GetProperty(field).GetArrayLength());
            return errors.GetProperty(field)[0].GetString()!;
        }
        Assert.Contains("4 to 12 digits", await Refused(new { label = "x", pin = "12a4" }, "pin"));
        Assert.Contains("Name the link", await Refused(new { pin = "1234" }, "label"));
        Assert.Contains("buyer", await Refused(new { stakeholderId = s.SellerPerson }, "stakeholderId"));
        Assert.Contains("stakeholder of this plan", await Refused(new { stakeholderId = other.Champion }, "stakeholderId"));
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Seller.Api.PostRawJsonAsync($"{s.Api}/share-links", "{\"label\":\"x\",\"permission\":\"Admin\"}")).StatusCode);

        var (id, _) = await s.LinkAsync(new { label = "Northwind team" });
        var past = await s.UpdateLinkAsync(id, new { label = "Northwind team", permission = "View", expiresOn = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.JsonAsync()).GetProperty("errors").TryGetProperty("expiresOn", out _));
        var nopermission = await s.UpdateLinkAsync(id, new { label = "Northwind team" });
        Assert.True((await nopermission.JsonAsync()).GetProperty("errors").TryGetProperty("permission", out _));
    }

    [Fact]
    public async Task Email_access_and_invitations_are_refused_while_the_server_has_no_email()
    {
        var s = await SharedPlan.CreateAsync(app);
        var r = await s.Seller.Api.PostJsonAsync($"{s.Api}/share-links", new { label = "x", access = "Email" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("E-mail is not set up", (await r.JsonAsync()).GetProperty("errors").GetProperty("access")[0].GetString());
        var invite = await s.Seller.Api.PostJsonAsync($"{s.Api}/share-links", new { stakeholderId = s.Champion, sendInvitation = true });
        Assert.True((await invite.JsonAsync()).GetProperty("errors").TryGetProperty("sendInvitation", out _));
        var noTarget = await s.Seller.Api.PostJsonAsync($"{s.Api}/share-links", new { label = "x", sendInvitation = true });
        Assert.True((await noTarget.JsonAsync()).GetProperty("errors").TryGetProperty("stakeholderId", out _));
    }

    [Fact]
    public async Task A_personal_link_is_named_after_its_stakeholder_and_only_its_workspace_sees_or_changes_it()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, path) = await s.LinkAsync(new { stakeholderId = s.Champion, permission = "Comment" });
        var json = await (await s.Seller.Api.GetAsync($"{s.Api}/share-links/{id}")).JsonAsync();
        Assert.Equal("Priya Shah", json.GetProperty("label").GetString());
        Assert.Equal("Priya Shah", json.GetProperty("stakeholderName").GetString());
        Assert.Equal(s.Champion, json.GetProperty("stakeholderId").GetGuid());

        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{s.Api}/share-links/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PutJsonAsync($"{s.Api}/share-links/{id}", new { label = "x", permission = "Edit" })).StatusCode);
        Assert.Equal("Comment", (await (await s.Seller.Api.GetAsync($"{s.Api}/share-links/{id}")).JsonAsync()).GetProperty("permission").GetString());

        var buyer = s.Browser();
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(path)).StatusCode);
        await using var scope = app.Scope();
        var visitor = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LinkVisitors.SingleAsync(v => v.LinkId == id);
        Assert.Equal(s.Champion, visitor.StakeholderId);
        Assert.Equal("Priya Shah", visitor.Name);
    }

    [Fact]
    public async Task The_seller_creates_changes_and_revokes_links_on_the_share_page()
    {
        var s = await SharedPlan.CreateAsync(app);
        var web = await s.Seller.LoginAsync();
        var page = $"/plans/{s.Plan}/share";
        var bad = await SharedPlan.PostFormAsync(web, page, page + "?handler=Create", new() { ["label"] = "Team", ["pin"] = "12", ["permission"] = "Edit", ["days"] = "30" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Use 4 to 12 digits for the PIN.", await bad.Content.ReadAsStringAsync());

        var created = await SharedPlan.PostFormAsync(web, page, page + "?handler=Create", new() { ["stakeholderId"] = s.Champion.ToString(), ["permission"] = "Edit", ["days"] = "30" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        Assert.Contains("Copy the link for Priya Shah now", html);
        Assert.Contains("Personal link for Priya Shah", html);

        var id = (await (await s.Seller.Api.GetAsync($"{s.Api}/share-links")).JsonAsync())[0].GetProperty("id").GetGuid();
        var saved = await SharedPlan.PostFormAsync(web, page, page + "?handler=Update", new() { ["linkId"] = id.ToString(), ["label"] = "Priya (personal)", ["permission"] = "View", ["expiresOn"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var link = await (await s.Seller.Api.GetAsync($"{s.Api}/share-links/{id}")).JsonAsync();
        Assert.Equal("Priya (personal)", link.GetProperty("label").GetString());
        Assert.Equal("View", link.GetProperty("permission").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, link.GetProperty("expiresAt").ValueKind);

        var revoked = await SharedPlan.PostFormAsync(web, page, page + "?handler=Revoke", new() { ["linkId"] = id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False((await (await s.Seller.Api.GetAsync($"{s.Api}/share-links/{id}")).JsonAsync()).GetProperty("active").GetBoolean());
    }
}

public sealed class LinkAccessTests_Sqlite(SqliteApp app) : LinkAccessTests(app), IClassFixture<SqliteApp>;
public sealed class LinkAccessTests_Postgres(PostgresApp app) : LinkAccessTests(app), IClassFixture<PostgresApp>;
