using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Comments;
using MutualPlan.Web.Features.Sharing;

namespace MutualPlan.Web.Features.Buyer;

/// <summary>
/// The comments panel through a buyer link: the same panel and use cases as the seller's, as the
/// link's visitor, without internal comments or internal items. Only comment and edit links reach it (404 otherwise).
/// </summary>
public sealed class BuyerCommentsModel(AppDbContext db, TimeProvider clock) : CommentsPanelModel(db, clock)
{
    private readonly AppDbContext _db = db;

    protected override async Task<CommentAccess?> AccessAsync()
    {
        var s = HttpContext.BuyerSession();
        // A view-only link has no comments at all: the panel is not found for it.
        if (s is null || !s.CanComment) return null;
        PlanId = s.PlanId;
        var title = await _db.Plans.Where(p => p.Id == s.PlanId).Select(p => p.Title).SingleAsync(HttpContext.RequestAborted);
        return CommentAccess.ForBuyer(s.PlanId, s.WorkspaceId, title, s.Actor);
    }

    protected override string? BasePath => HttpContext.BuyerSession()?.BasePath;
    protected override string HomeUrl => HttpContext.BuyerSession()?.BasePath ?? "/";
}
