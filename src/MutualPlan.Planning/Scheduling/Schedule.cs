namespace MutualPlan.Planning.Scheduling;

/// <summary>
/// One milestone to schedule: how many working days its work takes (a range: a procurement
/// review typically takes 5–7), which milestones must finish first, and optionally a fixed date it
/// is pinned to (a board meeting or a CFO review on a given day), and optionally a deadline of its
/// own that is earlier than the plan's anchor (signature by the buyer's hard constraint, while the
/// plan as a whole runs to the value-realised date).
/// </summary>
public sealed record ScheduleItem(Guid Id, string Title, int MinDays, int MaxDays, IReadOnlyList<Guid> DependsOn, DateOnly? PinnedTo = null,
    DateOnly? Deadline = null)
{
    public static ScheduleItem Of(Guid id, string title, int days, params Guid[] dependsOn) => new(id, title, days, days, dependsOn);
}

/// <summary>
/// What to schedule: the milestones, the buyer's calendar, today, and the anchor — the buyer's hard
/// constraint (or the value-realised date) that nothing may finish after.
/// </summary>
public sealed record ScheduleRequest(IReadOnlyList<ScheduleItem> Items, BusinessCalendar Calendar, DateOnly Today, DateOnly Anchor);

/// <summary>
/// The result for one milestone. Latest = the latest finish that still meets the anchor (backward
/// pass); Earliest = the earliest finish from today given its prerequisites (forward pass, at the
/// realistic upper duration); BestCase = the same at the lower duration. Slack is in working days;
/// negative slack is the overrun that makes the plan infeasible.
/// </summary>
public sealed record ScheduledMilestone(Guid Id, string Title, DateOnly Latest, DateOnly Earliest, DateOnly BestCase, int Slack, bool Critical)
{
    public bool Feasible => Slack >= 0;
}

public sealed record ScheduleResult(IReadOnlyList<ScheduledMilestone> Milestones)
{
    public bool Feasible => Milestones.All(m => m.Feasible);
    public IEnumerable<ScheduledMilestone> Infeasible => Milestones.Where(m => !m.Feasible);
    public IEnumerable<ScheduledMilestone> CriticalPath => Milestones.Where(m => m.Critical);
    public ScheduledMilestone this[Guid id] => Milestones.Single(m => m.Id == id);
}

/// <summary>The milestones' dependencies loop; <see cref="Cycle"/> names them in order.</summary>
public sealed class DependencyCycleException(IReadOnlyList<string> cycle)
    : Exception("The dependencies form a loop: " + string.Join(" → ", cycle) + ".")
{
    public IReadOnlyList<string> Cycle { get; } = cycle;
}
