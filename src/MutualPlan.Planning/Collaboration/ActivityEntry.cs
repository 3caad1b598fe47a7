namespace MutualPlan.Planning.Collaboration;

public enum ActivityChange { Created, Updated, Deleted }

public enum ActivityItemKind { Plan, Objective, Metric, Measurement, Stakeholder, Milestone, Action, Assumption, Risk, Resource, CalendarEntry, StatusUpdate, SignOff }

/// <summary>
/// One change to a plan or one of its items: who, when, what, and each changed field before and
/// after. Written by the data layer in the same transaction as the change itself, so the feed
/// cannot miss or invent a change. <see cref="IsInternal"/> marks entries about seller-only items
/// or fields: buyer feeds never include them.
/// </summary>
public sealed class ActivityEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public DateTimeOffset At { get; set; }
    public ActorKind ActorKind { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public ActivityItemKind ItemKind { get; set; }
    public Guid ItemId { get; set; }
    public string ItemTitle { get; set; } = "";
    public ActivityChange Change { get; set; }
    public bool IsInternal { get; set; }
    /// <summary>The changed fields (JSON list of <see cref="FieldChange"/>); empty for creation and deletion.</summary>
    public List<FieldChange> Fields { get; set; } = [];
    /// <summary>The recorded renegotiation when a milestone date moved, with its reason.</summary>
    public Guid? DateChangeId { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A field as shown to people ("Target date"), and its value before and after, formatted.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
