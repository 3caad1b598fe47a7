using MutualPlan.Planning.Drafting;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Tests.Planning;

public sealed class PlanDrafterTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static InterviewAnswers Answers(DateOnly? constraint = null, bool procurement = true, bool engaged = false,
        ChampionAuthority champion = ChampionAuthority.HasAuthority, DateOnly? target = null, bool? commit = true) =>
        new("Northwind", "Northwind Health", "EUR", DealStage.Evaluation, true, true, true, commit, false,
            "Budget review", constraint, null, procurement, engaged, 7, champion, target, null);

    private static Plan Draft(InterviewAnswers a) => PlanDrafter.Draft(a, Today, Guid.NewGuid(), Guid.NewGuid()).Plan;

    [Fact]
    public void Milestones_are_planned_backwards_so_signature_lands_on_the_buyers_constraint()
    {
        var plan = Draft(Answers(constraint: new DateOnly(2027, 3, 31)));
        var sign = plan.Milestones.Single(m => m.Phase == MilestonePhase.Signature);
        Assert.Equal(new DateOnly(2027, 3, 31), sign.TargetDate);
        Assert.True(plan.Milestones.All(m => BusinessCalendar.Weekdays.IsWorkingDay(m.TargetDate)));
        // Every milestone comes after everything it depends on.
        foreach (var m in plan.Milestones)
            foreach (var d in m.DependsOn)
                Assert.True(plan.Milestones.Single(x => x.Id == d.DependsOnId).TargetDate < m.TargetDate, m.Title);
        Assert.Equal(sign.TargetDate, plan.KeyDates.ExpectedSignature);
        Assert.InRange(plan.Milestones.Count, 6, 9);
        Assert.Equal(MilestonePhase.Measurement, plan.Milestones.Last().Phase);
    }

    [Fact]
    public void Procurement_not_yet_engaged_gets_its_own_milestone()
    {
        Assert.Contains(Draft(Answers(new DateOnly(2027, 3, 31), procurement: true, engaged: false)).Milestones, m => m.Title == "Identify and engage Procurement");
        var engaged = Draft(Answers(new DateOnly(2027, 3, 31), procurement: true, engaged: true));
        Assert.DoesNotContain(engaged.Milestones, m => m.Title == "Identify and engage Procurement");
        Assert.Contains(engaged.Milestones, m => m.Phase == MilestonePhase.Procurement);
        Assert.DoesNotContain(Draft(Answers(new DateOnly(2027, 3, 31), procurement: false)).Milestones, m => m.Phase == MilestonePhase.Procurement);
    }

    [Fact]
    public void A_liaison_champion_gets_an_alignment_milestone()
    {
        Assert.Contains(Draft(Answers(new DateOnly(2027, 3, 31), champion: ChampionAuthority.Liaison)).Milestones, m => m.Title.Contains("aligned"));
        Assert.DoesNotContain(Draft(Answers(new DateOnly(2027, 3, 31))).Milestones, m => m.Title.Contains("aligned"));
    }

    [Fact]
    public void Key_buyer_roles_become_slots_to_fill()
    {
        var plan = Draft(Answers(new DateOnly(2027, 3, 31)));
        Assert.Contains(plan.Stakeholders, s => s.Role == StakeholderRole.EconomicBuyer && s.BuyIn == BuyIn.Unknown);
        Assert.Equal(7, plan.Stakeholders.Count(s => s.Side == Side.Buyer));
    }

    [Fact]
    public void An_impossible_constraint_a_seller_target_before_it_and_reluctance_are_red_flags()
    {
        var result = PlanDrafter.Draft(Answers(constraint: new DateOnly(2026, 12, 11), target: new DateOnly(2026, 12, 4), commit: false), Today, Guid.NewGuid(), Guid.NewGuid());
        Assert.Contains(result.RedFlags, f => f.Contains("working days short"));
        Assert.Contains(result.RedFlags, f => f.Contains("target close"));
        Assert.Contains(result.RedFlags, f => f.Contains("reluctant"));
        Assert.Contains("Red flags", result.Plan.InternalNotes);
        // Infeasible: dates fall back to the earliest possible, in dependency order.
        Assert.True(result.Plan.Milestones.Single(m => m.Phase == MilestonePhase.Signature).TargetDate > new DateOnly(2026, 12, 11));
    }

    [Fact]
    public void Without_any_anchor_the_plan_is_drafted_forward_and_says_so()
    {
        var result = PlanDrafter.Draft(Answers(constraint: null), Today, Guid.NewGuid(), Guid.NewGuid());
        Assert.Contains(result.RedFlags, f => f.Contains("planned forward"));
        Assert.True(result.Plan.Milestones.Min(m => m.TargetDate) > Today);
    }
}
