namespace MutualPlan.Planning.Ics;

/// <summary>
/// What the plan's calendar has published about one item (a milestone or an action's due date):
/// the fingerprint of the event as last published and its SEQUENCE, which rises on every change.
/// Kept after the item is gone (<see cref="RemovedAt"/>) so subscribers receive a cancellation
/// instead of an event that silently lingers in their calendar.
/// </summary>
public sealed class CalendarPublication
{
    public const int SummaryMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    /// <summary>The milestone's or action's id; the event's UID is derived from it.</summary>
    public Guid ItemId { get; set; }
    public CalendarItemKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>SHA-256 (hex) of everything the event shows, to tell a change from a re-read.</summary>
    public string Fingerprint { get; set; } = "";
    public int Sequence { get; set; }
    public DateTimeOffset FirstPublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when the item left the buyer's calendar (deleted, made internal, due date cleared): the tombstone.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}

public enum CalendarItemKind { Milestone, Action }

/// <summary>
/// A secret subscription URL for the plan's calendar (<c>/cal/{secret}.ics</c>). Only the hash of
/// the secret is stored; a plan has at most one active feed, and regenerating revokes the old one.
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public string TokenHash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastFetchedAt { get; set; }
    public int Fetches { get; set; }
}
