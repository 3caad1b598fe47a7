using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Settings;

public sealed class TokenInput
{
    [Required(ErrorMessage = "Name the token after where it will be used, e.g. \"CRM sync\".")]
    [StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    public string? Name { get; set; }

    /// <summary>Days until the token expires; null = never.</summary>
    [Range(1, 3650, ErrorMessage = "Choose an expiry between 1 and 3650 days, or never.")]
    public int? Days { get; set; }
}

public sealed record CreatedToken(ApiToken Token, string Secret);

/// <summary>Personal API tokens: created with a secret shown once, stored as a hash, revocable.</summary>
public static class ApiTokens
{
    public static async Task<Outcome<CreatedToken>> CreateAsync(AppDbContext db, Guid userId, Guid workspaceId, TokenInput input, TimeProvider clock)
    {
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<CreatedToken>.Invalid(errors);
        var now = clock.GetUtcNow();
        var secret = Secrets.New(ApiTokenAuthentication.TokenPrefix);
        var token = new ApiToken
        {
            UserId = userId, WorkspaceId = workspaceId, Name = input.Name!.Trim(), Prefix = secret[..10],
            TokenHash = Secrets.Hash(secret), CreatedAt = now, ExpiresAt = input.Days is { } d ? now.AddDays(d) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return Outcome<CreatedToken>.Ok(new CreatedToken(token, secret));
    }

    public static Task<List<ApiToken>> ListAsync(AppDbContext db, WorkspaceUser user) =>
        db.ApiTokens.Where(t => t.UserId == user.UserId).OrderByDescending(t => t.CreatedAt).ToListAsync();

    /// <summary>Revokes one of the caller's own tokens; takes effect on the next request.</summary>
    public static async Task<bool> RevokeAsync(AppDbContext db, WorkspaceUser user, Guid id, TimeProvider clock)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == user.UserId);
        if (token is null) return false;
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync();
        return true;
    }
}

public sealed record MeDto(Guid UserId, string Name, string Email, Guid WorkspaceId, string WorkspaceName, WorkspaceRole Role);

public sealed class MeApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", async (HttpContext http, AppDbContext db) =>
            {
                var me = http.Seller();
                var user = await db.Users.SingleAsync(u => u.Id == me.UserId);
                var ws = await db.Workspaces.SingleAsync(w => w.Id == me.WorkspaceId);
                return TypedResults.Ok(new MeDto(user.Id, user.DisplayName, user.Email ?? "", ws.Id, ws.Name, user.Role));
            })
            .WithTags("Account").WithName("GetMe").WithSummary("Who the token belongs to: user, workspace and role.");
}
