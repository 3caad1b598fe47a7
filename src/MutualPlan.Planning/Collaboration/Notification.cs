namespace MutualPlan.Planning.Collaboration;

/// <summary>What a notification is about.</summary>
public enum NotificationKind
{
    Mention, ActionAssigned, ActionDueSoon, ActionOverdue, DateChanged, SignOffRequested, ChangedSinceSigned, StatusUpdatePublished,
}

/// <summary>How a person wants notification e-mails: each at once, one summary a day, or none.</summary>
public enum EmailDelivery { Immediately, DailyDigest, Off }

/// <summary>
/// Something a person should hear about (a mention, an assignment, a reminder, a plan event).
/// Sellers read theirs in the app; e-mail goes to sellers and to buyer stakeholders with an
/// address, at once or in a daily digest (<see cref="EmailedAt"/> = when it went out).
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
    public NotificationKind Kind { get; set; } = NotificationKind.Mention;
    /// <summary>Where the item is, as a path of the app (for the seller's link); null for mentions (the comment says where).</summary>
    public string? Url { get; set; }
    /// <summary>The event and recipient ("overdue:{action}:{due}:Seller:{id}"): unique, so a reminder is never raised twice.</summary>
    public string? EventKey { get; set; }

    public bool IsRead => ReadAt is not null;
}
