namespace MutualPlan.Planning.Collaboration;

/// <summary>
/// Something a person should hear about (for now: being mentioned in a comment). Sellers read
/// theirs in the app; stakeholders' wait in <see cref="EmailedAt"/> = null for e-mail delivery.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid PlanId { get; set; }
    public MentionKind RecipientKind { get; set; }
    /// <summary>The user id of a seller, or the stakeholder id.</summary>
    public Guid RecipientId { get; set; }
    /// <summary>Where to send it by e-mail (stakeholders), as known when it was created.</summary>
    public string? Email { get; set; }
    public Guid? CommentId { get; set; }
    public string ActorName { get; set; } = "";
    /// <summary>One line: what happened and where ("mentioned you on milestone “Security review”").</summary>
    public string Text { get; set; } = "";
    /// <summary>The start of the comment, as plain text.</summary>
    public string Excerpt { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }

    public bool IsRead => ReadAt is not null;
}
