using MutualPlan.Planning.Coaching;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Renegotiation;

namespace MutualPlan.Tests.Planning;

public sealed class SlipPlannerTests
{
    private static (Plan Plan, Milestone A, Milestone B, Milestone C, Milestone Other) Chain()
    {
        var plan = new Plan();
        Milestone M(string t, MilestonePhase phase, DateOnly d, params Milestone[] after)
        {
            var m = new Milestone { Title = t, Phase = phase, TargetDate = d, Position = plan.Milestones.Count };
            foreach (var a in after) m.DependsOn.Add(new MilestoneDependency { MilestoneId = m.Id, DependsOnId = a.Id });
            plan.Milestones.Add(m);
            return m;
        }
        var a = M("Security approved", MilestonePhase.TechnicalValidation, new DateOnly(2026, 12, 4));
        var b = M("Procurement approves", MilestonePhase.Procurement, new DateOnly(2026, 12, 14), a);
        var c = M("Contract signed", MilestonePhase.Signature, new DateOnly(2026, 12, 18), b);
        var other = M("Reference call", MilestonePhase.Evaluation, new DateOnly(2026, 12, 10));
        return (plan, a, b, c, other);
    }

    [Fact]
    public void A_slip_moves_every_dependent_by_the_same_working_days_and_shows_the_new_signature()
    {
        var (plan, a, b, c, other) = Chain();
        var p = SlipPlanner.Propose(plan, a.Id, new DateOnly(2026, 12, 9)); // Fri 4 → Wed 9: 3 working days
        Assert.Equal([b.Id, c.Id], p.Dependents.Select(d => d.MilestoneId));
        Assert.Equal(new DateOnly(2026, 12, 17), p.Dependents[0].To);
        Assert.Equal(new DateOnly(2026, 12, 23), p.Dependents[1].To);
        Assert.Equal(new DateOnly(2026, 12, 18), p.SignatureBefore);
        Assert.Equal(new DateOnly(2026, 12, 23), p.SignatureAfter);
        Assert.Equal(5, p.SignatureSlipDays);
        Assert.DoesNotContain(p.Dependents, d => d.MilestoneId == other.Id);
    }

    [Fact]
    public void Moving_earlier_moves_nothing_else()
    {
        var (plan, a, _, _, _) = Chain();
        Assert.Empty(SlipPlanner.Propose(plan, a.Id, new DateOnly(2026, 12, 1)).Dependents);
    }

    [Fact]
    public void The_coach_flags_dates_moved_without_a_reason()
    {
        var (plan, a, _, _, _) = Chain();
        plan.DateChanges.Add(new DateChange { MilestoneId = a.Id, OldDate = a.TargetDate, NewDate = a.TargetDate.AddDays(7), Reason = "" });
        var report = HealthCoach.Assess(plan, new DateOnly(2026, 11, 23));
        Assert.Contains(report.Findings, f => f.RuleId == "alive.unexplained-date-change" && f.Items.Contains(a.Id));
        plan.DateChanges[0].Reason = "IT freeze";
        Assert.DoesNotContain(HealthCoach.Assess(plan, new DateOnly(2026, 11, 23)).Findings, f => f.RuleId == "alive.unexplained-date-change");
    }
}
