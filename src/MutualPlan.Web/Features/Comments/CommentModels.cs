using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Features.Activity;

namespace MutualPlan.Web.Features.Comments;

/// <summary>A person named with @: a seller of the workspace or a stakeholder of the plan.</summary>
public sealed record MentionRef(MentionKind Kind, Guid Id);

public sealed class CommentInput
{
    [Required(ErrorMessage = "Write a comment before posting it.")]
    [StringLength(Comment.BodyMax, ErrorMessage = "Keep a comment under 5,000 characters.")]
    public string? Body { get; set; }

    /// <summary>What the comment is about; ignored for replies (they join the thread's item).</summary>
    public CommentTarget Target { get; set; } = CommentTarget.Plan;
    public Guid? TargetId { get; set; }
    /// <summary>The comment this one answers (a reply joins that comment's thread).</summary>
    public Guid? ParentId { get; set; }
    /// <summary>Seller-only comment, never shown to the buyer side.</summary>
    public bool Internal { get; set; }
    /// <summary>People picked from the @ suggestions; names typed as "@Name" are found in the text too.</summary>
    public List<MentionRef>? Mentions { get; set; }
}

public sealed class CommentEditInput
{
    [Required(ErrorMessage = "A comment cannot be empty; delete it instead.")]
    [StringLength(Comment.BodyMax, ErrorMessage = "Keep a comment under 5,000 characters.")]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Send the version of the comment you edited.")]
    public int? Version { get; set; }

    public List<MentionRef>? Mentions { get; set; }
}

public sealed record MentionDto(MentionKind Kind, Guid Id, string Name);

/// <summary>
/// A comment as the API returns it. <c>body</c> is the Markdown as typed (data, never HTML);
/// <c>html</c> is the same text rendered through the safe subset, ready to insert in a page.
/// </summary>
public sealed record CommentDto(Guid Id, CommentTarget Target, Guid? TargetId, Guid? ParentId, ActorDto Author, string? Body, string Html,
    bool Internal, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted, IReadOnlyList<MentionDto> Mentions, int Version)
{
    public static CommentDto From(Comment c) => new(c.Id, c.Target, c.TargetId, c.ParentId, new ActorDto(c.AuthorKind, c.AuthorId, c.AuthorName),
        c.IsDeleted ? null : c.Body, c.IsDeleted ? "" : CommentText.Html(c), c.IsInternal, c.CreatedAt, c.EditedAt, c.IsDeleted,
        [.. c.Mentions.Select(m => new MentionDto(m.Kind, m.PersonId, m.Name))], c.Version);
}

/// <summary>A thread: the first comment (which carries the resolution) and its replies, oldest first.</summary>
public sealed record ThreadDto(CommentDto Comment, IReadOnlyList<CommentDto> Replies, bool Resolved, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>Someone who can be @mentioned on a plan.</summary>
public sealed record Mentionable(MentionKind Kind, Guid Id, string Name, string Detail, string? Email);

/// <summary>One commentable thing as the UI names it ("milestone “Security review”").</summary>
public sealed record CommentTargetRef(Guid PlanId, CommentTarget Target, Guid? TargetId, string Title, bool Internal = false)
{
    /// <summary>The panel's address with the handler, e.g. "add".</summary>
    public string Url(string? handler = null) =>
        $"{BasePath ?? $"/plans/{PlanId}"}/comments{(handler is null ? "" : "/" + handler)}?target={Target}{(TargetId is { } id ? $"&targetId={id}" : "")}";

    /// <summary>Where the panel is served: the seller's plan (default) or a buyer link (/p/{token}).</summary>
    public string? BasePath { get; init; }

    /// <summary>Render the item's comment button for an htmx out-of-band swap.</summary>
    public bool OutOfBand { get; init; }

    /// <summary>Unique on the page: the item id, or "plan".</summary>
    public string Key => TargetId?.ToString() ?? "plan";
    public string Describe() => Target == CommentTarget.Plan ? "the plan" : $"{Target.ToString().ToLowerInvariant()} “{Title}”";
}

/// <summary>The comment counts of one plan, read once per request however many items show a count.</summary>
public static class CommentCounts
{
    public static async Task<int> ForAsync(HttpContext http, Data.AppDbContext db, Guid planId, Guid? itemId)
    {
        var key = "comment-counts:" + planId;
        if (http.Items[key] is not Dictionary<Guid, int> counts)
            http.Items[key] = counts = await CommentCommands.CountsAsync(db, planId,
                seesInternal: MutualPlan.Web.Auth.WorkspaceUser.From(http.User) is not null, http.RequestAborted);
        return counts.GetValueOrDefault(itemId ?? Guid.Empty);
    }
}

public static class CommentText
{
    public static string Html(Comment c) => Infrastructure.SafeMarkdown.Comment(c.Body, [.. c.Mentions.Select(m => m.Name)]);

    /// <summary>The start of a comment as plain text (for notifications).</summary>
    public static string Excerpt(string body, int max = 280)
    {
        var flat = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
