namespace MutualPlan.Planning.Recaps;

/// <summary>What a sent e-mail of a plan was: a meeting recap, or a saved status update sent on.</summary>
public enum SentEmailKind { Recap, StatusUpdate }

/// <summary>One recipient as the e-mail was addressed; <paramref name="Side"/> is Buyer, Seller, Partner or Other (a typed-in address).</summary>
public sealed record SentRecipient(string Address, string Name, string Side);

/// <summary>
/// An e-mail sent from a plan, kept as it went out: who sent it, when, to whom, the subject and the
/// Markdown it was written in. The plan's recap history and a status update's sendings are these.
/// </summary>
public sealed class SentEmail
{
    public const int SubjectMax = 200;
    public const int BodyMax = 20000;
    public const int NotesMax = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public SentEmailKind Kind { get; set; }
    /// <summary>The status update sent, for <see cref="SentEmailKind.StatusUpdate"/>.</summary>
    public Guid? StatusUpdateId { get; set; }
    /// <summary>The meeting a recap follows.</summary>
    public DateOnly? MeetingDate { get; set; }
    public string Subject { get; set; } = "";
    /// <summary>Markdown, as edited and sent.</summary>
    public string Body { get; set; } = "";
    public List<SentRecipient> Recipients { get; set; } = [];
    public bool PdfAttached { get; set; }
    public Guid? SentById { get; set; }
    public string SentBy { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    /// <summary>The Message-ID the mail server accepted it under.</summary>
    public string MessageId { get; set; } = "";
}
