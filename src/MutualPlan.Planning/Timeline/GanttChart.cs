using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Planning.Timeline;

/// <summary>
/// One milestone as a bar: the work towards it runs over its estimated working days and ends on
/// its target date. The baseline bar is the same work ending on the signed date. Critical and the
/// latest/earliest dates come from the backward scheduler (open milestones only). Slack is counted
/// from the milestone's planned date to its latest date, in working days: how far this date can
/// still move without breaking the buyer's constraint, negative when it is already too late.
/// </summary>
public sealed record GanttBar(
    Guid Id, string Title, MilestonePhase Phase, MilestoneStatus Status, OwnerSide Owner,
    DateOnly Start, DateOnly End, int WorkingDays,
    DateOnly? BaselineStart, DateOnly? BaselineEnd,
    int? Slack, bool Critical, DateOnly? Latest, DateOnly? Earliest,
    IReadOnlyList<Guid> DependsOn, string? PinnedTo, bool Estimated = true)
{
    public bool Moved => BaselineEnd is { } b && b != End;
}

public enum GanttMarkKind { Holiday, Blackout, FixedEvent }

/// <summary>A day or range of the buyer's calendar drawn on the chart.</summary>
public sealed record GanttMark(GanttMarkKind Kind, DateOnly From, DateOnly To, string Label);

/// <summary>A vertical date line across the chart (the buyer's hard constraint, the seller's target close…).</summary>
public sealed record GanttLine(string Kind, DateOnly Date, string Label);

/// <summary>
/// Everything the timeline draws, computed from the plan and today: bars in date order, the
/// buyer-calendar marks and the date lines inside the scale, and the scale itself. Pure.
/// </summary>
public sealed record GanttChart(
    IReadOnlyList<GanttBar> Bars, IReadOnlyList<GanttMark> Marks, IReadOnlyList<GanttLine> Lines,
    TimelineScale Scale, DateOnly Today, BusinessCalendar Calendar, string? ScheduleProblem)
{
    /// <summary>Days inside the scale that are not working days for a reason other than the weekend (for snapping in the browser).</summary>
    public IEnumerable<DateOnly> ClosedWeekdays()
    {
        for (var d = Scale.Start; d <= Scale.End; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Calendar.IsWorkingDay(d)) yield return d;
    }

    public static GanttChart Build(Plan plan, DateOnly today, double targetWidth = 840)
    {
        var cal = PlanScheduling.CalendarOf(plan);
        PlanSchedule? schedule = null;
        string? problem = null;
        try { schedule = PlanScheduling.Analyse(plan, today, cal); }
        catch (DependencyCycleException e) { problem = e.Message; }

        var targets = plan.Milestones.ToDictionary(m => m.Id, m => m.TargetDate);
        var bars = plan.Milestones
            .OrderBy(m => m.TargetDate).ThenBy(m => m.Position)
            .Select(m =>
            {
                var estimate = m.DurationMaxDays ?? m.DurationMinDays;
                var days = Math.Max(1, estimate ?? 1);
                if (estimate is null)
                {
                    // Not estimated: the bar shows the window the plan leaves it, from the working day
                    // after its latest prerequisite to its own date (one day when it has none).
                    var after = m.DependsOn.Select(d => targets.TryGetValue(d.DependsOnId, out var t) ? t : (DateOnly?)null).Max();
                    if (after is { } p && p < m.TargetDate)
                    {
                        var first = cal.OnOrAfter(p.AddDays(1));
                        if (first <= m.TargetDate) days = Math.Max(1, cal.WorkingDaysBetween(first, cal.OnOrBefore(m.TargetDate)) + 1);
                    }
                }
                var start = StartOf(cal, m.TargetDate, days);
                DateOnly? baselineStart = m.BaselineDate is { } b ? StartOf(cal, b, days) : null;
                var s = schedule?.For(m.Id);
                var pinned = m.PinnedEventId is { } pe ? plan.Calendar.FirstOrDefault(e => e.Id == pe)?.Label : null;
                return new GanttBar(m.Id, m.Title, m.Phase, m.Status, m.Owner, start, m.TargetDate, days,
                    baselineStart, m.BaselineDate, s is null ? null : cal.WorkingDaysBetween(cal.OnOrBefore(m.TargetDate), s.Latest), s?.Critical ?? false, s?.Latest, s?.Earliest,
                    [.. m.DependsOn.Select(d => d.DependsOnId)], pinned, estimate is not null);
            }).ToList();

        var lines = new List<GanttLine>();
        if (plan.Readiness.HardConstraintDate is { } hard)
            lines.Add(new GanttLine("constraint", hard, string.IsNullOrWhiteSpace(plan.Readiness.HardConstraint)
                ? "Buyer's hard constraint" : "Hard constraint: " + plan.Readiness.HardConstraint!.Trim()));
        if (plan.Readiness.SellerTargetClose is { } close)
            lines.Add(new GanttLine("target-close", close, "Your target close"));
        if (plan.KeyDates.ValueRealised is { } value)
            lines.Add(new GanttLine("value", value, "Value realised"));

        var dates = bars.Select(b => b.Start).Concat(bars.Select(b => b.End))
            .Concat(bars.Where(b => b.BaselineStart is not null).Select(b => b.BaselineStart!.Value))
            .Concat(bars.Where(b => b.BaselineEnd is not null).Select(b => b.BaselineEnd!.Value))
            .Concat(lines.Select(l => l.Date)).Append(today).ToList();
        var scale = TimelineScale.Covering(dates, targetWidth: targetWidth, minPixelsPerDay: 5);

        var marks = plan.Calendar
            .Where(e => e.To >= scale.Start && e.From <= scale.End)
            .OrderBy(e => e.From)
            .Select(e => new GanttMark(e.Kind switch
            {
                CalendarEntryKind.Holiday => GanttMarkKind.Holiday,
                CalendarEntryKind.Blackout => GanttMarkKind.Blackout,
                _ => GanttMarkKind.FixedEvent,
            }, e.From < scale.Start ? scale.Start : e.From, e.To > scale.End ? scale.End : e.To, e.Label))
            .ToList();
        return new GanttChart(bars, marks, lines, scale, today, cal, problem);
    }

    /// <summary>The first working day of work that takes <paramref name="days"/> working days and ends on <paramref name="end"/>.</summary>
    public static DateOnly StartOf(BusinessCalendar cal, DateOnly end, int days)
    {
        if (days <= 1) return end;
        return cal.AddWorkingDays(cal.OnOrBefore(end), -(days - 1));
    }
}
