using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Timeline;

namespace MutualPlan.Tests.Planning;

public sealed class DomainTests
{
    [Theory]
    [InlineData(9, 4, 6, 0.6)]     // lower is better: 9 → 4 days, now 6
    [InlineData(38, 70, 54, 0.5)]  // higher is better
    [InlineData(10, 20, 25, 1.5)]  // past the target
    public void Metric_progress_runs_from_baseline_to_target_in_either_direction(decimal baseline, decimal target, decimal latest, decimal expected)
    {
        var m = new SuccessMetric { Baseline = baseline, Target = target };
        m.Measurements.Add(new MetricMeasurement { MeasuredOn = new DateOnly(2026, 1, 1), Value = baseline });
        m.Measurements.Add(new MetricMeasurement { MeasuredOn = new DateOnly(2026, 2, 1), Value = latest });
        Assert.Equal(expected, m.Progress());
    }

    [Fact]
    public void Metric_progress_is_unknown_without_a_target_or_a_measurement()
    {
        Assert.Null(new SuccessMetric { Baseline = 1 }.Progress());
        Assert.Null(new SuccessMetric { Baseline = 1, Target = 2 }.Progress());
    }

    [Fact]
    public void Marking_done_records_the_completion_date_and_reopening_clears_it()
    {
        var m = new Milestone();
        m.SetStatus(MilestoneStatus.Done, new DateOnly(2026, 11, 20));
        Assert.Equal(new DateOnly(2026, 11, 20), m.CompletedOn);
        m.SetStatus(MilestoneStatus.Done, new DateOnly(2026, 11, 25));
        Assert.Equal(new DateOnly(2026, 11, 20), m.CompletedOn);
        m.SetStatus(MilestoneStatus.OnTrack, new DateOnly(2026, 11, 26));
        Assert.Null(m.CompletedOn);
    }

    [Fact]
    public void Slip_is_measured_against_the_baseline()
    {
        var m = new Milestone { TargetDate = new DateOnly(2026, 12, 15), BaselineDate = new DateOnly(2026, 12, 1) };
        Assert.Equal(14, m.SlipDays);
        Assert.Null(new Milestone { TargetDate = new DateOnly(2026, 12, 15) }.SlipDays);
    }

    [Fact]
    public void The_timeline_scale_covers_the_dates_from_a_monday_and_orders_x_by_date()
    {
        var dates = new[] { new DateOnly(2026, 12, 10), new DateOnly(2026, 11, 18), new DateOnly(2027, 2, 3) };
        var scale = TimelineScale.Covering(dates, pixelsPerDay: 10);
        Assert.Equal(DayOfWeek.Monday, scale.Start.DayOfWeek);
        Assert.True(scale.Start <= new DateOnly(2026, 11, 11));
        Assert.True(scale.End >= new DateOnly(2027, 2, 10));
        Assert.True(scale.X(new DateOnly(2026, 11, 18)) < scale.X(new DateOnly(2026, 12, 10)));
        Assert.Equal(10, scale.X(new DateOnly(2026, 12, 11)) - scale.X(new DateOnly(2026, 12, 10)), 6);
        Assert.Contains(new DateOnly(2027, 1, 1), scale.MonthStarts());
        Assert.All(scale.Mondays(), d => Assert.Equal(DayOfWeek.Monday, d.DayOfWeek));
    }

    [Fact]
    public void A_long_plan_is_drawn_at_no_less_than_three_pixels_a_day()
    {
        var scale = TimelineScale.Covering([new DateOnly(2026, 1, 1), new DateOnly(2028, 1, 1)]);
        Assert.Equal(3, scale.PixelsPerDay);
    }
}
