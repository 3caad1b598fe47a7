using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Coaching;

public enum Severity { Low, Medium, High }

/// <summary>A mechanical fix the product can apply in one click.</summary>
public abstract record Fix(string Label);

/// <summary>Adds a milestone (e.g. "Identify and engage Procurement") dated a week from today.</summary>
public sealed record AddMilestoneFix(string Label, string Title, MilestonePhase Phase, OwnerSide Owner) : Fix(Label);

/// <summary>Sets the next review date (the plan has none, or it has passed).</summary>
public sealed record SetNextReviewFix(string Label, DateOnly Date) : Fix(Label);

/// <summary>
/// One weakness of a plan: a stable rule id, how serious it is, the items it concerns, why it
/// matters in plain words, what to do, and — where the fix is mechanical — the fix itself.
/// </summary>
public sealed record Finding(string RuleId, Severity Severity, string Title, string Explanation, string Advice,
    IReadOnlyList<Guid> Items, Fix? Fix = null);

public sealed record HealthReport(int Score, IReadOnlyList<Finding> Findings)
{
    /// <summary>"Healthy", "Needs attention" or "At risk", for the plan list.</summary>
    public string Grade => Score >= 80 ? "Healthy" : Score >= 55 ? "Needs attention" : "At risk";
}
