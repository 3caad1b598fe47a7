using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Auth;

/// <summary>Adds the workspace, role and display name to the sign-in cookie.</summary>
public sealed class WorkspaceClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(WorkspaceUser.ClaimsFor(user));
        return identity;
    }
}
