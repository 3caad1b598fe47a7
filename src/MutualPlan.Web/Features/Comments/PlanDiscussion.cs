using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Comments;

/// <summary>
/// The plan-wide discussion, rendered inside the plan page itself rather than fetched after it
/// loads: the page's HTML then holds the comments, so a live refresh of an open page sees a new
/// comment as a change of the Discussion section and shows it (a placeholder never changes).
/// </summary>
public static class PlanDiscussion
{
    /// <summary>The panel as <paramref name="access"/>'s person sees it; <paramref name="basePath"/> is the buyer link's path, null for sellers.</summary>
    public static async Task<CommentPanel> PanelAsync(AppDbContext db, CommentAccess access, string? basePath, CancellationToken ct) =>
        new(new CommentTargetRef(access.PlanId, CommentTarget.Plan, null, access.PlanTitle) { BasePath = basePath },
            await CommentCommands.ThreadsAsync(db, access, CommentTarget.Plan, null, ct),
            await CommentCommands.MentionablesAsync(db, access, ct), access.Actor);
}
