using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// The live channel of an open plan view. Sellers connect at /hubs/plan with their session and may
/// join any plan of their workspace; link visitors connect under their link (/p/{token}/live), where
/// the link middleware has just re-checked the link and their gate, and may join only that link's
/// plan. Joining puts the connection into the plan's group for sellers or for buyers, so a buyer
/// never receives what is meant for sellers.
/// </summary>
public sealed class PlanHub(AppDbContext db, TimeProvider clock, PresenceBoard presence) : Hub
{
    public static string SellerGroup(Guid planId) => $"plan:{planId:N}";
    public static string BuyerGroup(Guid planId) => $"plan:{planId:N}:buyers";

    /// <summary>Joins the plan's live group; returns the plan's current revision.</summary>
    public async Task<JoinResult> Join(Guid planId)
    {
        var viewer = await ViewerAsync(planId) ?? throw new HubException("This plan is not available.");
        var revision = await db.Plans.Where(p => p.Id == planId).Select(p => p.Revision).SingleAsync(Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, viewer.IsBuyer ? BuyerGroup(planId) : SellerGroup(planId), Context.ConnectionAborted);
        Context.Items[ViewerKey] = viewer;
        var (me, people) = await presence.JoinAsync(db, Context, viewer, Context.ConnectionAborted);
        return new JoinResult(revision, Context.ConnectionId, me, people);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.LeaveAsync(db, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    internal const string ViewerKey = "mp:viewer";

    /// <summary>Who this connection is for the plan, or null when it may not see the plan.</summary>
    private async Task<LiveViewer?> ViewerAsync(Guid planId)
    {
        var user = Context.User;
        if (user is null) return null;
        if (WorkspaceUser.From(user) is { } seller)
        {
            var ok = await db.Plans.AnyAsync(p => p.Id == planId && p.WorkspaceId == seller.WorkspaceId, Context.ConnectionAborted);
            return ok ? new LiveViewer(planId, false, seller.UserId, seller.DisplayName, null) : null;
        }
        var actor = Actors.From(user);
        if (actor.Kind != Planning.Collaboration.ActorKind.Buyer || actor.Id is not { } visitorId) return null;
        if (user.FindFirst(Actors.PlanClaim)?.Value != planId.ToString()) return null;
        if (!Guid.TryParse(user.FindFirst(Actors.LinkClaim)?.Value, out var linkId)) return null;
        // The link is checked again here: revoked or expired links stop at once.
        var now = clock.GetUtcNow();
        var link = await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId && l.PlanId == planId, Context.ConnectionAborted);
        if (link is null || !link.IsActive(now)) return null;
        return new LiveViewer(planId, true, visitorId, actor.Name, linkId);
    }
}

/// <summary>
/// What a view gets on joining: the plan's revision, its connection (to recognise its own changes),
/// its own presence key (to leave itself out) and who is viewing the plan now.
/// </summary>
public sealed record JoinResult(int Revision, string ConnectionId, string Me, object Presence);

/// <summary>A person viewing a plan over one connection.</summary>
public sealed record LiveViewer(Guid PlanId, bool IsBuyer, Guid PersonId, string Name, Guid? LinkId);
