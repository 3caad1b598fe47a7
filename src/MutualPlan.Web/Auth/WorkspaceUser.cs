using System.Security.Claims;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Auth;

/// <summary>
/// The signed-in seller as every query sees them: who they are and which workspace they may see.
/// Built from claims, so a cookie session and an API token give the same shape.
/// </summary>
public sealed record WorkspaceUser(Guid UserId, Guid WorkspaceId, WorkspaceRole Role, string DisplayName)
{
    public const string WorkspaceClaim = "mp:workspace";
    public const string RoleClaim = "mp:role";
    public const string DisplayNameClaim = "mp:name";

    public bool IsAdmin => Role is WorkspaceRole.Owner or WorkspaceRole.Admin;

    public static WorkspaceUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var ws = principal.FindFirstValue(WorkspaceClaim);
        var role = principal.FindFirstValue(RoleClaim);
        if (!Guid.TryParse(id, out var userId) || !Guid.TryParse(ws, out var workspaceId)
            || !Enum.TryParse<WorkspaceRole>(role, out var r)) return null;
        return new WorkspaceUser(userId, workspaceId, r, principal.FindFirstValue(DisplayNameClaim) ?? "");
    }

    public static IEnumerable<Claim> ClaimsFor(AppUser user) =>
    [
        new(WorkspaceClaim, user.WorkspaceId.ToString()),
        new(RoleClaim, user.Role.ToString()),
        new(DisplayNameClaim, user.DisplayName),
    ];
}

public static class WorkspaceUserExtensions
{
    /// <summary>The caller; only call behind an authorization policy that guarantees sign-in.</summary>
    public static WorkspaceUser Seller(this HttpContext http) =>
        WorkspaceUser.From(http.User) ?? throw new InvalidOperationException("No signed-in seller.");
}
