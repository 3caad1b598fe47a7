using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Scheduling;

/// <summary>What the backward scheduler says about a plan as it stands, on the buyer's calendar.</summary>
/// <param name="Anchor">The date nothing may finish after.</param>
/// <param name="AnchorReason">Where the anchor comes from, in words ("value-realised date").</param>
/// <param name="Result">Latest/earliest/slack per open milestone; null when the plan has none open.</param>
/// <param name="Signature">The signature milestone's schedule, when the plan has one still open.</param>
/// <param name="Tension">Seller target close against the buyer-feasible signature date, when both exist.</param>
public sealed record PlanSchedule(
    DateOnly Anchor, string AnchorReason, ScheduleResult? Result, ScheduledMilestone? Signature, CloseTension? Tension)
{
    public ScheduledMilestone? For(Guid milestoneId) => Result?.Milestones.FirstOrDefault(m => m.Id == milestoneId);
}

/// <summary>
/// Connects a stored plan to the pure scheduler: the plan's calendar entries become the buyer's
/// <see cref="BusinessCalendar"/>, its open milestones (with their duration estimates, dependencies
/// and pins) become schedule items.
///
/// Anchors: the whole plan runs to the value-realised date (or, without one, to the later of the
/// last target date and the hard constraint); the signature milestones must also land by the
/// buyer's hard constraint. Milestones already done are history, not work: they are left out and
/// their dependents no longer wait for them.
/// </summary>
public static class PlanScheduling
{
    public static BusinessCalendar CalendarOf(Plan plan)
    {
        var holidays = new List<DateOnly>();
        var blackouts = new List<Blackout>();
        foreach (var e in plan.Calendar)
        {
            if (e.Kind == CalendarEntryKind.Holiday)
                for (var d = e.From; d <= e.To; d = d.AddDays(1)) holidays.Add(d);
            else if (e.Kind == CalendarEntryKind.Blackout)
                blackouts.Add(new Blackout(e.From, e.To, e.Label));
        }
        return holidays.Count == 0 && blackouts.Count == 0 ? BusinessCalendar.Weekdays : new BusinessCalendar(holidays, blackouts);
    }

    /// <summary>Throws <see cref="DependencyCycleException"/> if the stored dependencies loop (validation prevents it).</summary>
    public static PlanSchedule Analyse(Plan plan, DateOnly today) => Analyse(plan, today, CalendarOf(plan));

    public static PlanSchedule Analyse(Plan plan, DateOnly today, BusinessCalendar cal)
    {
        var hard = plan.Readiness.HardConstraintDate;
        var lastTarget = plan.Milestones.Count == 0 ? today : plan.Milestones.Max(m => m.TargetDate);
        var (anchor, reason) = plan.KeyDates.ValueRealised is { } value
            ? (value, "the value-realised date")
            : hard is { } h && h > lastTarget ? (h, "the buyer's hard constraint") : (lastTarget, "the last milestone's target date");

        var open = plan.Milestones.Where(m => m.Status != MilestoneStatus.Done).ToList();
        var openIds = open.Select(m => m.Id).ToHashSet();
        var events = plan.Calendar.Where(e => e.Kind == CalendarEntryKind.FixedEvent).ToDictionary(e => e.Id, e => e.From);
        var items = open.Select(m =>
        {
            var min = Math.Max(1, m.DurationMinDays ?? m.DurationMaxDays ?? 1);
            var max = Math.Max(min, m.DurationMaxDays ?? min);
            DateOnly? pin = m.PinnedEventId is { } pe && events.TryGetValue(pe, out var day) ? day : null;
            DateOnly? deadline = m.Phase == MilestonePhase.Signature ? hard : null;
            return new ScheduleItem(m.Id, m.Title, min, max,
                [.. m.DependsOn.Select(d => d.DependsOnId).Where(openIds.Contains)], pin, deadline);
        }).ToList();
        if (items.Count == 0) return new PlanSchedule(anchor, reason, null, null, null);

        var result = BackwardScheduler.Schedule(new ScheduleRequest(items, cal, today, anchor));
        var signatureMilestone = open.Where(m => m.Phase == MilestonePhase.Signature)
            .OrderBy(m => m.TargetDate).ThenBy(m => m.Position).FirstOrDefault();
        var signature = signatureMilestone is null ? null : result[signatureMilestone.Id];
        var tension = signature is not null && plan.Readiness.SellerTargetClose is { } target
            ? CloseTension.Between(target, signature, cal) : null;
        return new PlanSchedule(anchor, reason, result, signature, tension);
    }
}
