namespace MutualPlan.Planning.Collaboration;

/// <summary>What a comment is about: the plan as a whole or one of its items.</summary>
public enum CommentTarget { Plan, Milestone, Action, Risk }

/// <summary>
/// A comment, or a reply when <see cref="ParentId"/> is set (threads are one level deep: a reply
/// to a reply joins the same thread). Resolution belongs to the thread, so it lives on the root.
/// Deleting keeps the row (without its text) while it has replies, so the thread still reads.
/// </summary>
public sealed class Comment
{
    public const int BodyMax = 5000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; } = 1;
    public Guid PlanId { get; set; }
    public CommentTarget Target { get; set; }
    /// <summary>The milestone, action or risk; null for the plan as a whole.</summary>
    public Guid? TargetId { get; set; }
    public Guid? ParentId { get; set; }

    public ActorKind AuthorKind { get; set; }
    public Guid? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";

    /// <summary>Markdown as typed; rendered through the safe subset only.</summary>
    public string Body { get; set; } = "";
    /// <summary>Seller-only: never shown to the buyer side (always true on internal items).</summary>
    public bool IsInternal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    public List<CommentMention> Mentions { get; set; } = [];

    public bool IsDeleted => DeletedAt is not null;
    public bool IsResolved => ResolvedAt is not null;

    public bool IsBy(Actor actor) => actor.Kind == AuthorKind && actor.Id is not null && actor.Id == AuthorId;

    /// <summary>
    /// Only the author edits a comment. Deleting is the author's, and a seller of the plan's
    /// workspace may also remove a buyer's comment (moderation of their own shared plan); a seller
    /// never removes another seller's words, and buyers never remove anyone else's.
    /// </summary>
    public bool CanEdit(Actor actor) => !IsDeleted && IsBy(actor);
    public bool CanDelete(Actor actor) => !IsDeleted && (IsBy(actor) || (actor.Kind == ActorKind.Seller && AuthorKind == ActorKind.Buyer));

    public void Edit(string body, DateTimeOffset now) { Body = body; EditedAt = now; }

    public void Delete(DateTimeOffset now) { Body = ""; DeletedAt = now; Mentions.Clear(); }

    public void Resolve(Actor by, DateTimeOffset now) { ResolvedAt ??= now; ResolvedBy ??= by.Name; }

    public void Reopen() { ResolvedAt = null; ResolvedBy = null; }
}

public enum MentionKind { Seller, Stakeholder }

/// <summary>A person named in a comment: a seller of the workspace or a stakeholder of the plan.</summary>
public sealed class CommentMention
{
    public Guid CommentId { get; set; }
    public MentionKind Kind { get; set; }
    public Guid PersonId { get; set; }
    public string Name { get; set; } = "";
}
