using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Timeline;

namespace MutualPlan.Tests.Planning;

public sealed class GanttChartTests
{
    private static readonly DateOnly Today = new(2026, 11, 23); // a Monday

    [Fact]
    public void An_estimated_bar_ends_on_its_target_and_counts_its_working_days_back_over_holidays_and_weekends()
    {
        var plan = new Plan { Title = "P" };
        // Five working days ending Friday 11 Dec, with Wednesday 9 Dec a holiday: 11, 10, 8, 7 and Friday 4 Dec.
        plan.Milestones.Add(new Milestone { Title = "Review", TargetDate = new DateOnly(2026, 12, 11), DurationMinDays = 3, DurationMaxDays = 5 });
        plan.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.Holiday, Label = "Local holiday", From = new DateOnly(2026, 12, 9), To = new DateOnly(2026, 12, 9) });
        var bar = GanttChart.Build(plan, Today).Bars.Single();
        Assert.Equal(new DateOnly(2026, 12, 4), bar.Start);
        Assert.Equal(new DateOnly(2026, 12, 11), bar.End);
        Assert.Equal(5, bar.WorkingDays);
        Assert.True(bar.Estimated);
    }

    [Fact]
    public void An_unestimated_bar_spans_the_window_after_its_latest_prerequisite()
    {
        var plan = new Plan { Title = "P" };
        var a = new Milestone { Title = "A", TargetDate = new DateOnly(2026, 12, 4) };
        var b = new Milestone { Title = "B", TargetDate = new DateOnly(2026, 12, 10) };
        var c = new Milestone { Title = "C", TargetDate = new DateOnly(2026, 12, 18) };
        c.DependsOn.Add(new MilestoneDependency { MilestoneId = c.Id, DependsOnId = a.Id });
        c.DependsOn.Add(new MilestoneDependency { MilestoneId = c.Id, DependsOnId = b.Id });
        plan.Milestones.AddRange([a, b, c]);
        var bars = GanttChart.Build(plan, Today).Bars;
        Assert.Equal(["A", "B", "C"], bars.Select(x => x.Title));
        var bar = bars.Single(x => x.Title == "C");
        Assert.Equal(new DateOnly(2026, 12, 11), bar.Start);
        Assert.Equal(6, bar.WorkingDays);
        Assert.False(bar.Estimated);
        Assert.Equal(1, bars.Single(x => x.Title == "A").WorkingDays);
    }

    [Fact]
    public void Slack_counts_from_the_planned_date_so_a_date_past_its_latest_reads_as_late()
    {
        var plan = new Plan { Title = "P" };
        plan.Readiness.HardConstraintDate = new DateOnly(2027, 1, 29);
        var early = new Milestone { Title = "Early", TargetDate = new DateOnly(2027, 1, 22), DurationMinDays = 1, DurationMaxDays = 1 };
        var late = new Milestone { Title = "Late", Phase = MilestonePhase.Signature, TargetDate = new DateOnly(2027, 2, 3), DurationMinDays = 1, DurationMaxDays = 1 };
        plan.Milestones.Add(early);
        plan.Milestones.Add(late);
        var bars = GanttChart.Build(plan, Today).Bars;
        // The plan runs to its last date (Wed 3 Feb): Fri 22 Jan has eight working days of room. The
        // signature must land by the hard constraint (Fri 29 Jan): Wed 3 Feb is three working days past it.
        Assert.Equal(8, bars.Single(b => b.Title == "Early").Slack);
        Assert.Equal(-3, bars.Single(b => b.Title == "Late").Slack);
    }

    [Fact]
    public void Baseline_slack_critical_path_lines_and_calendar_marks_come_with_the_bars()
    {
        var plan = new Plan { Title = "P" };
        plan.Readiness.HardConstraintDate = new DateOnly(2027, 1, 29);
        plan.Readiness.HardConstraint = "Board";
        plan.Readiness.SellerTargetClose = new DateOnly(2027, 1, 15);
        var sign = new Milestone { Title = "Signed", Phase = MilestonePhase.Signature, TargetDate = new DateOnly(2027, 1, 20), BaselineDate = new DateOnly(2027, 1, 13), DurationMinDays = 2, DurationMaxDays = 2 };
        plan.Milestones.Add(sign);
        plan.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.Blackout, Label = "Freeze", From = new DateOnly(2026, 12, 21), To = new DateOnly(2027, 1, 1) });
        plan.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.FixedEvent, Label = "Far away", From = new DateOnly(2029, 1, 1), To = new DateOnly(2029, 1, 1) });
        var chart = GanttChart.Build(plan, Today);
        var bar = chart.Bars.Single();
        Assert.Equal(new DateOnly(2027, 1, 12), bar.BaselineStart);
        Assert.True(bar.Moved);
        Assert.True(bar.Critical);
        Assert.Equal(new DateOnly(2027, 1, 29), bar.Latest);
        Assert.True(bar.Earliest < bar.Latest);
        Assert.True(bar.Slack > 0);
        Assert.Equal(["constraint", "target-close"], chart.Lines.Select(l => l.Kind));
        Assert.Equal("Hard constraint: Board", chart.Lines[0].Label);
        // Only marks inside the scale are drawn; the blackout's weekdays are closed for the browser's snapping.
        Assert.Equal(["Freeze"], chart.Marks.Select(m => m.Label));
        Assert.Contains(new DateOnly(2026, 12, 21), chart.ClosedWeekdays());
        Assert.DoesNotContain(new DateOnly(2026, 12, 26), chart.ClosedWeekdays());
        Assert.InRange(chart.Scale.Start, DateOnly.MinValue, Today);
        Assert.True(chart.Scale.End >= new DateOnly(2027, 1, 29));
    }

    [Fact]
    public void A_dependency_loop_is_reported_instead_of_failing()
    {
        var plan = new Plan { Title = "P" };
        var a = new Milestone { Title = "A", TargetDate = new DateOnly(2026, 12, 4) };
        var b = new Milestone { Title = "B", TargetDate = new DateOnly(2026, 12, 10) };
        a.DependsOn.Add(new MilestoneDependency { MilestoneId = a.Id, DependsOnId = b.Id });
        b.DependsOn.Add(new MilestoneDependency { MilestoneId = b.Id, DependsOnId = a.Id });
        plan.Milestones.AddRange([a, b]);
        var chart = GanttChart.Build(plan, Today);
        Assert.Contains("loop", chart.ScheduleProblem);
        Assert.All(chart.Bars, x => Assert.Null(x.Slack));
    }
}
