using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Planning.Modes;

public sealed record ResetMove(Guid MilestoneId, string Title, DateOnly From, DateOnly To, bool Critical)
{
    public int CalendarDays => To.DayNumber - From.DayNumber;
}

/// <summary>A new timeline for a broken plan: every open milestone re-planned from today.</summary>
/// <param name="Anchor">The constraint planned back from.</param>
/// <param name="Feasible">Whether every milestone fits before its constraint at realistic durations.</param>
/// <param name="Moves">Open milestones whose date changes (unchanged ones are left out).</param>
public sealed record TimelineResetProposal(DateOnly Anchor, DateOnly? HardConstraint, bool Feasible, int OverrunWorkingDays,
    IReadOnlyList<ResetMove> Moves, DateOnly? SignatureAfter, DateOnly? ValueRealisedAfter);

/// <summary>
/// Recovering a broken plan means resetting its timeline honestly: plan every open milestone again
/// with the backward scheduler from the (possibly renegotiated) hard constraint, on the buyer's
/// calendar, never before tomorrow. Where the constraint is still reachable each milestone takes
/// its latest feasible date (the buyer's pace); where it is not, its earliest possible date, and
/// the overrun is stated. "As soon as possible" takes the earliest dates even when there is slack
/// (a buyer who wants to catch up). Done milestones keep their dates. Pure: plan, today, new constraint in.
/// </summary>
public static class TimelineReset
{
    public static TimelineResetProposal Propose(Plan plan, DateOnly today, DateOnly? newHardConstraint = null, bool asSoonAsPossible = false)
    {
        var hard = newHardConstraint ?? plan.Readiness.HardConstraintDate;
        // Plan against a copy of the readiness facts so the stored plan is not touched.
        var original = plan.Readiness.HardConstraintDate;
        plan.Readiness.HardConstraintDate = hard;
        PlanSchedule schedule;
        try { schedule = PlanScheduling.Analyse(plan, today); }
        finally { plan.Readiness.HardConstraintDate = original; }

        var moves = new List<ResetMove>();
        var newDates = plan.Milestones.ToDictionary(m => m.Id, m => m.TargetDate);
        var overrun = 0;
        if (schedule.Result is { } result)
        {
            overrun = Math.Max(0, -result.Milestones.Min(s => s.Slack));
            foreach (var s in result.Milestones)
            {
                var to = overrun == 0 && !asSoonAsPossible ? s.Latest : s.Earliest;
                newDates[s.Id] = to;
                var m = plan.Milestones.Single(x => x.Id == s.Id);
                if (m.TargetDate != to) moves.Add(new ResetMove(m.Id, m.Title, m.TargetDate, to, s.Critical));
            }
        }
        moves = [.. moves.OrderBy(x => x.To)];
        DateOnly? After(MilestonePhase phase) => plan.Milestones.Where(m => m.Phase == phase).Select(m => (DateOnly?)newDates[m.Id]).Max();
        return new TimelineResetProposal(schedule.Anchor, hard, overrun == 0, overrun, moves,
            After(MilestonePhase.Signature), After(MilestonePhase.Measurement) ?? plan.KeyDates.ValueRealised);
    }
}
