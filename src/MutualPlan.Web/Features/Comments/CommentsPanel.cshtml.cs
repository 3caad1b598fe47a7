using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Comments;

/// <summary>What the comments panel of one item renders.</summary>
public sealed record CommentPanel(CommentTargetRef Target, IReadOnlyList<ThreadDto> Threads, IReadOnlyList<Mentionable> People, Actor Me,
    Guid? EditingId = null, FieldErrors? Errors = null, string? Draft = null, Guid? DraftParentId = null, bool DraftInternal = false, string? Message = null)
{
    public int Count => Threads.Sum(t => (t.Comment.Deleted ? 0 : 1) + t.Replies.Count(r => !r.Deleted));
    public bool CanEdit(CommentDto c) => !c.Deleted && c.Author.Kind == Me.Kind && c.Author.Id == Me.Id;
    public bool CanDelete(CommentDto c) => !c.Deleted && (CanEdit(c) || (Me.Kind == ActorKind.Seller && c.Author.Kind == ActorKind.Buyer));
}

/// <summary>
/// The comments panel of the plan or one milestone, action or risk, served to htmx: open, post,
/// reply, edit, delete, resolve and reopen, each answered with the panel re-rendered (and the
/// item's comment count updated out of band). Without htmx, it goes back to the plan page.
/// </summary>
public class CommentsPanelModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid PlanId { get; set; }
    [FromQuery] public CommentTarget Target { get; set; } = CommentTarget.Plan;
    [FromQuery] public Guid? TargetId { get; set; }

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    public Task<IActionResult> OnGetAsync() => RenderAsync(null);

    public IActionResult OnGetClose() => Content("", "text/html");

    public Task<IActionResult> OnGetEditAsync(Guid commentId) => RenderAsync(p => p with { EditingId = commentId });

    public async Task<IActionResult> OnPostAddAsync([FromForm] string? body, [FromForm] bool @internal, [FromForm] Guid? parentId, [FromForm] string[]? mentions)
    {
        var access = await AccessAsync();
        if (access is null) return NotFound();
        var input = new CommentInput { Body = body, Target = Target, TargetId = TargetId, ParentId = parentId, Internal = @internal, Mentions = Picked(mentions) };
        var outcome = await CommentCommands.AddAsync(db, access, input, clock);
        return await AfterAsync(outcome, p => p with { Errors = outcome.Errors, Draft = body, DraftParentId = parentId, DraftInternal = @internal }, "Comment posted.");
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid commentId, [FromForm] string? body, [FromForm] int? version, [FromForm] string[]? mentions)
    {
        var access = await AccessAsync();
        if (access is null) return NotFound();
        var outcome = await CommentCommands.EditAsync(db, access, commentId, new CommentEditInput { Body = body, Version = version, Mentions = Picked(mentions) }, clock);
        return await AfterAsync(outcome, p => p with { EditingId = commentId, Errors = outcome.Errors, Draft = body }, "Comment updated.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid commentId)
    {
        var access = await AccessAsync();
        if (access is null) return NotFound();
        return await AfterAsync(await CommentCommands.DeleteAsync(db, access, commentId, clock), p => p, "Comment deleted.");
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid commentId, bool reopen = false)
    {
        var access = await AccessAsync();
        if (access is null) return NotFound();
        return await AfterAsync(await CommentCommands.SetResolvedAsync(db, access, commentId, !reopen, clock), p => p, reopen ? "Thread reopened." : "Thread resolved.");
    }

    /// <summary>Who comments: the signed-in seller here; a buyer link's visitor in <c>BuyerCommentsModel</c>.</summary>
    protected virtual Task<CommentAccess?> AccessAsync() => CommentAccess.ForSellerAsync(db, HttpContext.Seller(), PlanId, HttpContext.RequestAborted);

    /// <summary>Where the panel is served from (null: the seller's plan), and where to go without htmx.</summary>
    protected virtual string? BasePath => null;
    protected virtual string HomeUrl => $"/plans/{PlanId}";

    private static List<MentionRef> Picked(string[]? values) =>
        [.. (values ?? []).Select(v => v.Split(':', 2)).Where(p => p.Length == 2 && Enum.TryParse<MentionKind>(p[0], out _) && Guid.TryParse(p[1], out _))
            .Select(p => new MentionRef(Enum.Parse<MentionKind>(p[0]), Guid.Parse(p[1])))];

    private async Task<IActionResult> AfterAsync(Outcome<Comment> outcome, Func<CommentPanel, CommentPanel> onProblem, string okMessage) => outcome.Kind switch
    {
        OutcomeKind.NotFound => NotFound(),
        OutcomeKind.Ok => await RenderAsync(p => p with { Message = okMessage }),
        OutcomeKind.Forbidden => await RenderAsync(p => p with { Message = outcome.Errors!.For("") }),
        OutcomeKind.Conflict => await RenderAsync(p => p with { Message = "Someone changed this comment while you were editing. The latest version is shown." }),
        _ => await RenderAsync(onProblem),
    };

    private async Task<IActionResult> RenderAsync(Func<CommentPanel, CommentPanel>? change)
    {
        var ct = HttpContext.RequestAborted;
        var access = await AccessAsync();
        if (access is null) return NotFound();
        var target = await CommentCommands.TargetAsync(db, access, Target, Target == CommentTarget.Plan ? null : TargetId, ct);
        if (target is null) return NotFound();
        if (!IsHtmx) return Redirect(HomeUrl);
        var panel = new CommentPanel(new CommentTargetRef(PlanId, Target, Target == CommentTarget.Plan ? null : TargetId, target.Value.Title, target.Value.Internal) { BasePath = BasePath },
            await CommentCommands.ThreadsAsync(db, access, Target, TargetId, ct), await CommentCommands.MentionablesAsync(db, access, ct), access.Actor);
        if (change is not null) panel = change(panel);
        return Partial("/Features/Comments/_CommentsPanel.cshtml", panel);
    }
}
