using MutualPlan.Planning.Modes;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Tests.Planning;

public sealed class WorkingModeTests
{
    private static readonly DateOnly Today = new(2026, 11, 23); // a Monday
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private static Milestone M(Plan plan, string title, MilestonePhase phase, DateOnly target, int days = 5, params Milestone[] after)
    {
        var m = new Milestone { PlanId = plan.Id, Title = title, Phase = phase, TargetDate = target, DurationMinDays = days, DurationMaxDays = days, Position = plan.Milestones.Count };
        foreach (var a in after) m.DependsOn.Add(new MilestoneDependency { MilestoneId = m.Id, DependsOnId = a.Id });
        plan.Milestones.Add(m);
        return m;
    }

    [Fact]
    public void A_plan_on_time_is_being_built()
    {
        var plan = new Plan();
        M(plan, "Security approved", MilestonePhase.TechnicalValidation, D(12, 4));
        var a = WorkingModeAdvisor.Assess(plan, Today);
        Assert.Equal(WorkingMode.Building, a.Mode);
        Assert.Empty(a.Slipping);
    }

    [Theory]
    [InlineData(MilestoneStatus.AtRisk, SlipKind.AtRisk)]
    [InlineData(MilestoneStatus.Slipped, SlipKind.Slipped)]
    [InlineData(MilestoneStatus.Blocked, SlipKind.Blocked)]
    public void A_milestone_at_risk_slipped_or_blocked_means_renegotiating(MilestoneStatus status, SlipKind kind)
    {
        var plan = new Plan();
        var m = M(plan, "Security approved", MilestonePhase.TechnicalValidation, D(12, 4));
        m.Status = status;
        var a = WorkingModeAdvisor.Assess(plan, Today);
        Assert.Equal(WorkingMode.Renegotiating, a.Mode);
        Assert.Equal(kind, Assert.Single(a.Slipping).Kind);
    }

    [Fact]
    public void A_few_days_overdue_or_behind_the_signed_baseline_means_renegotiating()
    {
        var plan = new Plan();
        M(plan, "Security approved", MilestonePhase.TechnicalValidation, D(11, 18));          // 3 working days overdue
        var b = M(plan, "Procurement approves", MilestonePhase.Procurement, D(12, 11));
        b.BaselineDate = D(12, 4);
        M(plan, "Legal", MilestonePhase.Legal, D(12, 18));
        M(plan, "Signature", MilestonePhase.Signature, D(12, 21));
        var a = WorkingModeAdvisor.Assess(plan, Today);
        Assert.Equal(WorkingMode.Renegotiating, a.Mode);
        Assert.Equal([SlipKind.Overdue, SlipKind.BehindBaseline], a.Slipping.Select(s => s.Kind));
        Assert.Equal(3, a.Slipping[0].OverdueWorkingDays);
        Assert.Contains("1 milestone is overdue.", a.Reasons);
        Assert.True(a.IsSigned);
    }

    [Fact]
    public void A_milestone_more_than_ten_working_days_overdue_means_recovering()
    {
        var plan = new Plan();
        M(plan, "Security approved", MilestonePhase.TechnicalValidation, D(11, 6)); // 11 working days
        M(plan, "Procurement", MilestonePhase.Procurement, D(12, 11));
        M(plan, "Legal", MilestonePhase.Legal, D(12, 18));
        var a = WorkingModeAdvisor.Assess(plan, Today);
        Assert.Equal(WorkingMode.Recovering, a.Mode);
        Assert.Contains("11 working days overdue", Assert.Single(a.Reasons));
    }

    [Fact]
    public void Half_the_open_milestones_overdue_means_recovering()
    {
        var plan = new Plan();
        M(plan, "Security approved", MilestonePhase.TechnicalValidation, D(11, 19));
        M(plan, "Procurement", MilestonePhase.Procurement, D(11, 20));
        M(plan, "Legal", MilestonePhase.Legal, D(12, 18));
        M(plan, "Signature", MilestonePhase.Signature, D(12, 21));
        Assert.Equal(WorkingMode.Recovering, WorkingModeAdvisor.Assess(plan, Today).Mode);
    }

    [Fact]
    public void A_passed_hard_constraint_without_signature_means_recovering_and_a_buyer_holiday_does_not_count_as_overdue_time()
    {
        var plan = new Plan { Readiness = { HardConstraintDate = D(11, 20) } };
        M(plan, "Signature", MilestonePhase.Signature, D(12, 21));
        var a = WorkingModeAdvisor.Assess(plan, Today);
        Assert.Equal(WorkingMode.Recovering, a.Mode);

        var quiet = new Plan();
        M(quiet, "Security approved", MilestonePhase.TechnicalValidation, D(11, 6));
        M(quiet, "Procurement", MilestonePhase.Procurement, D(12, 11));
        M(quiet, "Legal", MilestonePhase.Legal, D(12, 18));
        quiet.Calendar.Add(new CalendarEntry { Kind = CalendarEntryKind.Blackout, Label = "Shutdown", From = D(11, 9), To = D(11, 13) });
        Assert.Equal(WorkingMode.Renegotiating, WorkingModeAdvisor.Assess(quiet, Today).Mode); // 6 buyer working days
    }

    [Fact]
    public void The_reset_plans_open_milestones_back_from_the_constraint_and_leaves_done_ones_alone()
    {
        var plan = new Plan { Readiness = { HardConstraintDate = D(11, 20) } };
        var done = M(plan, "Evaluation", MilestonePhase.Evaluation, D(11, 2));
        done.SetStatus(MilestoneStatus.Done, D(11, 2));
        var security = M(plan, "Security approved", MilestonePhase.TechnicalValidation, D(11, 6), 3, done);
        var sign = M(plan, "Signature", MilestonePhase.Signature, D(11, 20), 1, security);

        var p = TimelineReset.Propose(plan, Today, newHardConstraint: D(12, 18));

        Assert.True(p.Feasible);
        Assert.Equal(D(12, 18), p.HardConstraint);
        Assert.Equal(2, p.Moves.Count);
        Assert.Equal(D(12, 17), p.Moves.Single(m => m.MilestoneId == security.Id).To);
        Assert.Equal(D(12, 18), p.Moves.Single(m => m.MilestoneId == sign.Id).To);
        Assert.DoesNotContain(p.Moves, m => m.MilestoneId == done.Id);
        Assert.Equal(D(12, 18), p.SignatureAfter);
        Assert.Equal(D(11, 20), plan.Readiness.HardConstraintDate); // the plan itself is untouched

        var asap = TimelineReset.Propose(plan, Today, D(12, 18), asSoonAsPossible: true);
        Assert.Equal(D(11, 26), asap.Moves.Single(m => m.MilestoneId == security.Id).To); // 24–26 Nov
        Assert.Equal(D(11, 27), asap.SignatureAfter);
    }

    [Fact]
    public void A_reset_that_cannot_meet_the_constraint_takes_the_earliest_dates_and_states_the_overrun()
    {
        var plan = new Plan();
        var legal = M(plan, "Legal", MilestonePhase.Legal, D(11, 10), 10);
        var sign = M(plan, "Signature", MilestonePhase.Signature, D(11, 12), 1, legal);
        var p = TimelineReset.Propose(plan, Today, newHardConstraint: D(11, 27));
        Assert.False(p.Feasible);
        Assert.Equal(7, p.OverrunWorkingDays); // legal 24 Nov–7 Dec, signature 8 Dec: 7 working days after 27 Nov
        Assert.Equal(D(12, 8), p.Moves.Single(m => m.MilestoneId == sign.Id).To);
    }

    [Fact]
    public void The_building_checklist_ticks_only_what_the_plan_contains()
    {
        var plan = new Plan();
        var steps = BuildChecklist.For(plan);
        Assert.All(steps, s => Assert.False(s.Done));

        plan.Readiness.OutcomeAgreed = plan.Readiness.ImpactClear = plan.Readiness.DecisionMakersKnown = plan.Readiness.WillingToCommit = true;
        plan.Readiness.HardConstraintDate = D(12, 18);
        plan.Risks.Add(new Risk { Description = "Budget freeze", Mitigation = "Pre-approve in Q4" });
        steps = BuildChecklist.For(plan);
        Assert.Equal(["readiness", "constraint", "risks"], steps.Where(s => s.Done).Select(s => s.Key));
    }
}
