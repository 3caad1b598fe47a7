using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Planning.Renegotiation;

public sealed record ProposedMove(Guid MilestoneId, string Title, DateOnly From, DateOnly To);

/// <summary>What moving one milestone means for the rest of the plan.</summary>
public sealed record SlipProposal(ProposedMove Moved, IReadOnlyList<ProposedMove> Dependents, DateOnly? SignatureBefore, DateOnly? SignatureAfter,
    DateOnly? ValueRealisedBefore, DateOnly? ValueRealisedAfter)
{
    public int SignatureSlipDays => SignatureBefore is { } b && SignatureAfter is { } a ? a.DayNumber - b.DayNumber : 0;
}

/// <summary>
/// When a milestone slips, everything that depends on it (directly or not) slips by the same
/// number of working days, so the gaps the plan allowed between steps are kept. When a milestone
/// moves earlier nothing else is moved: pulling dependents forward is a separate conversation.
/// Pure: the plan and the proposed date in, a proposal out.
/// </summary>
public static class SlipPlanner
{
    public static SlipProposal Propose(Plan plan, Guid milestoneId, DateOnly newDate, BusinessCalendar? calendar = null)
    {
        var cal = calendar ?? PlanScheduling.CalendarOf(plan);
        var moved = plan.Milestones.Single(m => m.Id == milestoneId);
        var delta = cal.WorkingDaysBetween(cal.OnOrAfter(moved.TargetDate), cal.OnOrAfter(newDate));
        var dependents = new List<ProposedMove>();
        if (delta > 0)
        {
            foreach (var d in Downstream(plan, milestoneId))
                dependents.Add(new ProposedMove(d.Id, d.Title, d.TargetDate, cal.AddWorkingDays(cal.OnOrAfter(d.TargetDate), delta)));
        }
        var after = dependents.ToDictionary(p => p.MilestoneId, p => p.To);
        after[milestoneId] = newDate;
        DateOnly Date(Milestone m) => after.TryGetValue(m.Id, out var d) ? d : m.TargetDate;

        var signature = plan.Milestones.Where(m => m.Phase == MilestonePhase.Signature).OrderBy(m => m.TargetDate).FirstOrDefault();
        var value = plan.Milestones.Where(m => m.Phase is MilestonePhase.Measurement or MilestonePhase.BusinessReview).OrderByDescending(m => m.TargetDate).FirstOrDefault();
        return new SlipProposal(new ProposedMove(moved.Id, moved.Title, moved.TargetDate, newDate), dependents,
            signature?.TargetDate, signature is null ? null : Date(signature),
            value?.TargetDate ?? plan.KeyDates.ValueRealised, value is null ? plan.KeyDates.ValueRealised : Date(value));
    }

    /// <summary>Every milestone that depends on the given one, directly or through others, in plan order.</summary>
    public static IReadOnlyList<Milestone> Downstream(Plan plan, Guid milestoneId)
    {
        var found = new HashSet<Guid>();
        var queue = new Queue<Guid>([milestoneId]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var m in plan.Milestones.Where(m => m.DependsOn.Any(d => d.DependsOnId == current)))
                if (m.Id != milestoneId && found.Add(m.Id)) queue.Enqueue(m.Id);
        }
        return plan.Milestones.Where(m => found.Contains(m.Id)).OrderBy(m => m.TargetDate).ThenBy(m => m.Position).ToList();
    }
}
