using System.Security.Claims;
using MutualPlan.Planning.Collaboration;

namespace MutualPlan.Web.Auth;

/// <summary>Who is acting in the current scope, for attribution of comments and activity.</summary>
public interface IActorSource
{
    Actor Current { get; }
}

/// <summary>
/// The actor of the current HTTP request: a signed-in seller, a buyer link visitor (claims of the
/// "BuyerLink" scheme), or the system when there is no request (command line, demo data).
/// </summary>
public sealed class HttpActorSource(IHttpContextAccessor http) : IActorSource
{
    public Actor Current => http.HttpContext?.User is { } user ? Actors.From(user) : Actor.System;
}

public static class Actors
{
    public const string LinkClaim = "mp:link";
    public const string PlanClaim = "mp:plan";
    public const string PermissionClaim = "mp:permission";
    public const string VisitorClaim = "mp:visitor";
    public const string StakeholderClaim = "mp:stakeholder";

    public static Actor From(ClaimsPrincipal principal)
    {
        if (WorkspaceUser.From(principal) is { } seller) return Seller(seller);
        if (Guid.TryParse(principal.FindFirstValue(VisitorClaim), out var visitor))
        {
            var name = principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name);
            return new Actor(ActorKind.Buyer, visitor, string.IsNullOrWhiteSpace(name) ? "Buyer (via link)" : name);
        }
        return Actor.System;
    }

    public static Actor Seller(WorkspaceUser user) => new(ActorKind.Seller, user.UserId, user.DisplayName);
}
