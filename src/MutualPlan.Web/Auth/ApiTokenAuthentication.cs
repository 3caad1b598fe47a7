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

    private sealed record TokenAndUser(ApiToken Token, AppUser User);

    private static readonly CompiledQuery<Func<AppDbContext, string, Task<TokenAndUser?>>> TokenWithUserQuery = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string hash) =>
            db.ApiTokens.Where(t => t.TokenHash == hash)
                .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenAndUser(t, u))
                .SingleOrDefault()));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0) return AuthenticateResult.Fail("Empty bearer token.");

        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(secret);
        // One query for the token and its user: this runs on every API request.
        var found = await TokenWithUserQuery.For(db)(db, hash);
        if (found is null) return AuthenticateResult.Fail("The API token is unknown.");
        var (token, user) = (found.Token, found.User);
        if (token.RevokedAt is not null || (token.ExpiresAt is { } exp && exp <= now))
            return AuthenticateResult.Fail("The API token is revoked or expired.");
        if (user.WorkspaceId != token.WorkspaceId || (user.LockoutEnd is { } l && l > now))
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
