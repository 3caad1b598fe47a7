using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Settings;

public abstract class AccountsTests(TestApp app)
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient web, string pageUrl, string postUrl, Dictionary<string, string> form)
    {
        var page = await web.GetStringAsync(pageUrl);
        form["__RequestVerificationToken"] = Html.AntiforgeryToken(page);
        return await web.PostAsync(postUrl, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task An_invited_colleague_joins_the_same_workspace_with_the_chosen_role()
    {
        var owner = await app.NewWorkspaceAsync("Contoso");
        var web = await owner.LoginAsync();
        var email = $"new-{Guid.NewGuid():N}@example.com";
        var created = await PostFormAsync(web, "/settings/members", "/settings/members?handler=Invite", new() { ["email"] = email, ["role"] = "Admin" });
        var link = Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("#invite-link")!.GetAttribute("value")!;
        var path = new Uri(link).AbsolutePath;

        var guest = app.CreateClient(new() { AllowAutoRedirect = false });
        var join = await PostFormAsync(guest, path, path, new() { ["displayName"] = "Nina New", ["password"] = "a long enough password" });
        Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);

        await using var scope = app.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email);
        Assert.Equal(owner.WorkspaceId, user.WorkspaceId);
        Assert.Equal(WorkspaceRole.Admin, user.Role);

        // The link works once.
        var again = await guest.GetStringAsync(path);
        Assert.Contains("already been used", again);
    }

    [Fact]
    public async Task Expired_revoked_and_unknown_invitations_are_refused_clearly()
    {
        var owner = await app.NewWorkspaceAsync();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var expiredToken = "inv_expired_" + Guid.NewGuid().ToString("N");
        var revokedToken = "inv_revoked_" + Guid.NewGuid().ToString("N");
        db.Invitations.Add(new Invitation { WorkspaceId = owner.WorkspaceId, Email = "x@example.com", TokenHash = MutualPlan.Web.Auth.Secrets.Hash(expiredToken),
            InvitedById = owner.UserId, CreatedAt = DateTimeOffset.UtcNow.AddDays(-10), ExpiresAt = DateTimeOffset.UtcNow.AddDays(-3) });
        db.Invitations.Add(new Invitation { WorkspaceId = owner.WorkspaceId, Email = "y@example.com", TokenHash = MutualPlan.Web.Auth.Secrets.Hash(revokedToken),
            InvitedById = owner.UserId, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(3), RevokedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        var guest = app.CreateClient();

        Assert.Contains("expired", await guest.GetStringAsync($"/invite/{expiredToken}"));
        Assert.Contains("withdrawn", await guest.GetStringAsync($"/invite/{revokedToken}"));
        Assert.Contains("not valid", await guest.GetStringAsync("/invite/inv_made_up"));
    }

    [Fact]
    public async Task A_member_cannot_invite_or_change_roles_and_the_last_owner_stays_owner()
    {
        var owner = await app.NewWorkspaceAsync();
        var member = await app.AddSellerAsync(owner.WorkspaceId, WorkspaceRole.Member);
        var memberWeb = await member.LoginAsync();

        var invite = await PostFormAsync(memberWeb, "/settings/members", "/settings/members?handler=Invite", new() { ["email"] = "z@example.com", ["role"] = "Member" });
        Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
        var promote = await PostFormAsync(memberWeb, "/settings/members", "/settings/members?handler=Role", new() { ["userId"] = member.UserId.ToString(), ["role"] = "Owner" });
        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);

        var ownerWeb = await owner.LoginAsync();
        var demoteSelf = await PostFormAsync(ownerWeb, "/settings/members", "/settings/members?handler=Role", new() { ["userId"] = owner.UserId.ToString(), ["role"] = "Member" });
        Assert.Contains("at least one owner", await demoteSelf.Content.ReadAsStringAsync());

        var stranger = await app.NewWorkspaceAsync("Elsewhere");
        var cross = await PostFormAsync(ownerWeb, "/settings/members", "/settings/members?handler=Role", new() { ["userId"] = stranger.UserId.ToString(), ["role"] = "Member" });
        Assert.Equal(HttpStatusCode.NotFound, cross.StatusCode);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(WorkspaceRole.Member, (await db.Users.SingleAsync(u => u.Id == member.UserId)).Role);
        Assert.Equal(WorkspaceRole.Owner, (await db.Users.SingleAsync(u => u.Id == owner.UserId)).Role);
        Assert.Equal(WorkspaceRole.Owner, (await db.Users.SingleAsync(u => u.Id == stranger.UserId)).Role);
    }

    [Fact]
    public async Task A_token_created_in_the_ui_works_until_revoked_and_only_its_hash_is_stored()
    {
        var seller = await app.NewWorkspaceAsync("Token Co");
        var web = await seller.LoginAsync();
        var created = await PostFormAsync(web, "/settings/tokens", "/settings/tokens?handler=Create", new() { ["name"] = "CRM sync", ["days"] = "30" });
        var secret = Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("#new-token")!.GetAttribute("value")!;

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var me = await (await api.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal("Token Co", me.GetProperty("workspaceName").GetString());

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.ApiTokens.SingleAsync(t => t.Name == "CRM sync" && t.UserId == seller.UserId);
            Assert.NotEqual(secret, stored.TokenHash);
            Assert.DoesNotContain(secret, stored.TokenHash + stored.Prefix + stored.Name);
            var tokensPage = await web.GetStringAsync("/settings/tokens");
            Assert.DoesNotContain(secret, tokensPage);
            var revoke = await PostFormAsync(web, "/settings/tokens", "/settings/tokens?handler=Revoke", new() { ["id"] = stored.Id.ToString() });
            Assert.True(revoke.IsSuccessStatusCode || revoke.StatusCode == HttpStatusCode.Redirect);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_authenticates_nobody()
    {
        var seller = await app.NewWorkspaceAsync();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var secret = MutualPlan.Web.Auth.Secrets.New("mp_");
        db.ApiTokens.Add(new ApiToken { UserId = seller.UserId, WorkspaceId = seller.WorkspaceId, Name = "old", Prefix = secret[..8],
            TokenHash = MutualPlan.Web.Auth.Secrets.Hash(secret), CreatedAt = DateTimeOffset.UtcNow.AddDays(-40), ExpiresAt = DateTimeOffset.UtcNow.AddDays(-10) });
        await db.SaveChangesAsync();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/plans")).StatusCode);
    }

    [Fact]
    public async Task Pages_need_a_login()
    {
        await app.NewWorkspaceAsync(); // past first-run setup
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var url in new[] { "/plans", "/plans/new", "/settings/members", "/settings/tokens", $"/plans/{Guid.NewGuid()}" })
        {
            var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/login", r.Headers.Location!.ToString());
        }
    }
}

public sealed class AccountsTests_Sqlite(SqliteApp app) : AccountsTests(app), IClassFixture<SqliteApp>;
public sealed class AccountsTests_Postgres(PostgresApp app) : AccountsTests(app), IClassFixture<PostgresApp>;
