using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Tests.Planning;

/// <summary>A stored plan (calendar entries, durations, pins, done milestones) fed to the scheduler.</summary>
public sealed class PlanSchedulingTests
{
    private static readonly DateOnly Today = new(2026, 11, 23); // a Monday
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private static Milestone M(Plan plan, string title, MilestonePhase phase, DateOnly target, int? min, int? max, params Milestone[] after)
    {
        var m = new Milestone { PlanId = plan.Id, Title = title, Phase = phase, TargetDate = target, DurationMinDays = min, DurationMaxDays = max };
        foreach (var a in after) m.DependsOn.Add(new MilestoneDependency { MilestoneId = m.Id, DependsOnId = a.Id });
        plan.Milestones.Add(m);
        return m;
    }

    [Fact]
    public void The_plans_holidays_and_blackouts_make_the_buyers_calendar_and_fixed_events_do_not_block_days()
    {
        var plan = new Plan();
        plan.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.Holiday, Label = "Founders' day", From = D(12, 8), To = D(12, 8) });
        plan.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.Blackout, Label = "Freeze", From = D(12, 21), To = D(12, 31) });
        plan.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.FixedEvent, Label = "CFO review", From = D(12, 10), To = D(12, 10) });
        var cal = PlanScheduling.CalendarOf(plan);
        Assert.False(cal.IsWorkingDay(D(12, 8)));
        Assert.False(cal.IsWorkingDay(D(12, 23)));
        Assert.True(cal.IsWorkingDay(D(12, 10)));
        Assert.True(cal.IsWorkingDay(D(12, 9)));
        Assert.Same(BusinessCalendar.Weekdays, PlanScheduling.CalendarOf(new Plan()));
    }

    [Fact]
    public void Signature_must_land_by_the_hard_constraint_while_the_plan_runs_to_the_value_date()
    {
        var plan = new Plan { Readiness = { HardConstraintDate = D(12, 18) }, KeyDates = { ValueRealised = D(3, 31, 2027) } };
        var legal = M(plan, "Legal review", MilestonePhase.Legal, D(12, 15), 3, 5);
        var sign = M(plan, "Contract signed", MilestonePhase.Signature, D(12, 18), 1, 1, legal);
        var live = M(plan, "Live", MilestonePhase.Implementation, D(2, 1, 2027), 20, 30, sign);

        var s = PlanScheduling.Analyse(plan, Today);

        Assert.Equal(D(3, 31, 2027), s.Anchor);
        Assert.Equal(D(12, 18), s.For(sign.Id)!.Latest);       // the deadline, not the value date
        Assert.Equal(D(12, 17), s.For(legal.Id)!.Latest);      // the working day before signature
        Assert.Equal(D(3, 31, 2027), s.For(live.Id)!.Latest);
        Assert.Equal(sign.Id, s.Signature!.Id);
        // Forward from today: legal takes 5 days (24–30 Nov), signature the day after.
        Assert.Equal(D(12, 1), s.Signature.Earliest);
    }

    [Fact]
    public void Done_milestones_are_history_and_their_dependents_do_not_wait_for_them()
    {
        var plan = new Plan { KeyDates = { ValueRealised = D(2, 26, 2027) } };
        var done = M(plan, "Evaluation", MilestonePhase.Evaluation, D(11, 13), 10, 10);
        done.SetStatus(MilestoneStatus.Done, D(11, 13));
        var next = M(plan, "Security", MilestonePhase.TechnicalValidation, D(12, 4), 3, 3, done);

        var s = PlanScheduling.Analyse(plan, Today);

        Assert.Null(s.For(done.Id));
        Assert.Equal(D(11, 26), s.For(next.Id)!.Earliest); // 24, 25, 26 Nov
    }

    [Fact]
    public void A_milestone_pinned_to_a_fixed_event_lands_on_its_day_and_unestimated_work_counts_as_one_day()
    {
        var plan = new Plan { KeyDates = { ValueRealised = D(2, 26, 2027) } };
        var cfo = new CalendarEntry { Kind = CalendarEntryKind.FixedEvent, Label = "CFO budget review", From = D(12, 10), To = D(12, 10) };
        plan.Calendar.Add(cfo);
        var budget = M(plan, "Budget approved", MilestonePhase.Approval, D(12, 10), null, null);
        budget.PinnedEventId = cfo.Id;
        var s = PlanScheduling.Analyse(plan, Today);
        Assert.Equal(D(12, 10), s.For(budget.Id)!.Earliest);
        Assert.Equal(D(12, 10), s.For(budget.Id)!.Latest);
        Assert.Equal(0, s.For(budget.Id)!.Slack);
    }

    [Fact]
    public void The_seller_target_is_compared_with_the_buyer_feasible_signature_date()
    {
        var plan = new Plan { Readiness = { SellerTargetClose = D(11, 27) } };
        var sign = M(plan, "Contract signed", MilestonePhase.Signature, D(12, 18), 8, 10);
        var s = PlanScheduling.Analyse(plan, Today);
        Assert.NotNull(s.Tension);
        Assert.True(s.Tension!.Exists);
        Assert.Equal(D(12, 7), s.Tension.BuyerFeasible); // 10 working days from 24 Nov
        Assert.Equal(6, s.Tension.WorkingDays);
    }

    [Fact]
    public void A_plan_with_no_open_milestones_has_no_schedule()
    {
        var s = PlanScheduling.Analyse(new Plan(), Today);
        Assert.Null(s.Result);
        Assert.Equal(Today, s.Anchor);
    }
}
