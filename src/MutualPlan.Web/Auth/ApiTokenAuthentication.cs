using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Auth;

/// <summary>
/// "Authorization: Bearer mp_…" for the JSON API. The token is looked up by its hash; revoked or
/// expired tokens, and tokens whose user is locked out, authenticate nobody.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenPrefix = "mp_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0) return AuthenticateResult.Fail("Empty bearer token.");

        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(secret);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash);
        if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } exp && exp <= now))
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId);
        if (user is null || user.WorkspaceId != token.WorkspaceId || (user.LockoutEnd is { } l && l > now))
            return AuthenticateResult.Fail("The token's user cannot sign in.");

        // Recording every use would write on every request; once a minute is enough to show activity.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.UserName ?? ""),
             .. WorkspaceUser.ClaimsFor(user)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
