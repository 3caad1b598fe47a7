using MutualPlan.Planning.Coaching;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;

namespace MutualPlan.Tests.Planning;

/// <summary>Each rule: a plan that triggers it, and the healthy plan that does not.</summary>
public sealed class HealthCoachTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A plan that follows every rule: the coach has nothing to say about it.</summary>
    private static Plan Healthy()
    {
        var p = new Plan
        {
            Title = "Healthy", BuyerCompany = "Northwind", UpdatedAt = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
            Readiness = new Readiness { HardConstraintDate = new DateOnly(2027, 3, 31), HardConstraint = "Fiscal year end", SellerTargetClose = new DateOnly(2027, 2, 1), ChampionAuthority = ChampionAuthority.HasAuthority },
            Review = new ReviewPlan { NextReviewDate = Today.AddDays(5) },
            KeyDates = new KeyDates { ValueRealised = new DateOnly(2027, 6, 1) },
            Standing = new PlanStanding(EverShared: true, SignOff: SignOffStatus.Signed),
        };
        foreach (var role in new[] { StakeholderRole.Champion, StakeholderRole.EconomicBuyer, StakeholderRole.TechnicalBuyer, StakeholderRole.Procurement,
                     StakeholderRole.Legal, StakeholderRole.ExecutiveSponsor, StakeholderRole.ImplementationLead })
            p.Stakeholders.Add(new Stakeholder { Side = Side.Buyer, Name = role.ToString(), Role = role, BuyIn = BuyIn.OnBoard, Involvement = "Weekly" });
        var seller = new Stakeholder { Side = Side.Seller, Name = "Alex", Role = StakeholderRole.AccountExecutive, BuyIn = BuyIn.OnBoard };
        p.Stakeholders.Add(seller);
        var buyer = p.Stakeholders[0];
        var steps = new (string Title, MilestonePhase Phase, DateOnly Date)[]
        {
            ("Finance confirms the fit", MilestonePhase.Evaluation, new(2026, 12, 4)),
            ("Decision makers aligned", MilestonePhase.Approval, new(2026, 12, 14)),
            ("Procurement approves terms", MilestonePhase.Procurement, new(2026, 12, 28)),
            ("Legal approves the contract", MilestonePhase.Legal, new(2027, 1, 15)),
            ("Contract signed", MilestonePhase.Signature, new(2027, 1, 29)),
            ("Live in all clinics", MilestonePhase.Implementation, new(2027, 4, 1)),
        };
        foreach (var (title, phase, date) in steps)
        {
            var m = new Milestone { Title = title, Phase = phase, TargetDate = date, Status = MilestoneStatus.OnTrack, Bridge = "This means progress." };
            m.Assumptions.Add(new Assumption { Text = "People are available" });
            m.Actions.Add(new ActionItem { Side = Side.Buyer, Description = "Buyer step", AssigneeId = buyer.Id, DueDate = date });
            m.Actions.Add(new ActionItem { Side = Side.Seller, Description = "Seller step", AssigneeId = seller.Id, DueDate = date });
            p.Milestones.Add(m);
        }
        p.Metrics.Add(new SuccessMetric { Name = "Days to close", Baseline = 9, Target = 4 });
        p.Risks.Add(new Risk { Description = "Backlog", Mitigation = "Book early", MitigationOwnerId = buyer.Id, MilestoneId = p.Milestones[2].Id });
        return p;
    }

    private static HealthReport Assess(Plan p) => HealthCoach.Assess(p, Today);

    private static Finding Only(Plan p, string rule)
    {
        var found = Assess(p).Findings.Where(f => f.RuleId == rule).ToList();
        Assert.True(found.Count == 1, $"expected {rule}; got: {string.Join(", ", Assess(p).Findings.Select(f => f.RuleId))}");
        return found[0];
    }

    [Fact]
    public void A_healthy_plan_scores_100_with_no_findings()
    {
        var report = Assess(Healthy());
        Assert.Empty(report.Findings);
        Assert.Equal(100, report.Score);
        Assert.Equal("Healthy", report.Grade);
    }

    [Fact]
    public void One_sided_plans_are_flagged()
    {
        var p = Healthy();
        foreach (var m in p.Milestones) m.Actions.RemoveAll(a => a.Side == Side.Buyer);
        var f = Only(p, "mutual.one-sided");
        Assert.Equal(Severity.High, f.Severity);
        Assert.Contains("6 seller actions against 0", f.Explanation);
    }

    [Fact]
    public void Milestones_named_as_seller_tasks_are_flagged()
    {
        var p = Healthy();
        p.Milestones[2].Title = "Send contract";
        Assert.Equal([p.Milestones[2].Id], Only(p, "milestones.seller-tasks").Items);
    }

    [Fact]
    public void Milestones_after_the_hard_constraint_are_flagged()
    {
        var p = Healthy();
        p.Readiness.HardConstraintDate = new DateOnly(2027, 1, 20);
        var f = Only(p, "timeline.after-constraint");
        Assert.Equal([p.Milestones[4].Id], f.Items);
    }

    [Fact]
    public void A_close_date_before_the_buyers_signature_is_flagged_in_working_days()
    {
        var p = Healthy();
        p.Readiness.SellerTargetClose = new DateOnly(2027, 1, 22);
        Assert.Contains("5 working days later", Only(p, "timeline.close-ignores-buyer").Explanation);
    }

    [Fact]
    public void A_legal_step_shorter_than_typical_is_flagged()
    {
        var p = Healthy();
        p.Milestones[3].TargetDate = new DateOnly(2026, 12, 31);
        Assert.Contains("typically need 7", Only(p, "timeline.too-short").Explanation);
    }

    [Fact]
    public void Crammed_milestones_are_flagged()
    {
        var p = Healthy();
        p.Milestones[0].TargetDate = new DateOnly(2026, 12, 10);
        p.Milestones[1].TargetDate = new DateOnly(2026, 12, 11);
        p.Milestones[2].TargetDate = new DateOnly(2026, 12, 14);
        Assert.Contains(Assess(p).Findings, f => f.RuleId == "timeline.crammed");
    }

    [Fact]
    public void Milestones_without_assumptions_are_flagged()
    {
        var p = Healthy();
        p.Milestones[1].Assumptions.Clear();
        Assert.Equal([p.Milestones[1].Id], Only(p, "assumptions.missing").Items);
    }

    [Fact]
    public void Stakeholder_gaps_are_flagged_with_a_one_click_milestone()
    {
        var p = Healthy();
        p.Stakeholders.RemoveAll(s => s.Role is StakeholderRole.EconomicBuyer or StakeholderRole.Procurement);
        var eb = Only(p, "stakeholders.no-economic-buyer");
        Assert.Equal(Severity.High, eb.Severity);
        var procurement = Only(p, "stakeholders.missing-role.Procurement");
        var fix = Assert.IsType<AddMilestoneFix>(procurement.Fix);
        Assert.Equal("Identify and engage Procurement", fix.Title);
        Assert.Equal(MilestonePhase.Procurement, fix.Phase);
    }

    [Fact]
    public void Unknown_buy_in_and_unplanned_objectors_are_flagged()
    {
        var p = Healthy();
        p.Stakeholders[2].BuyIn = BuyIn.Unknown;
        p.Stakeholders[3].BuyIn = BuyIn.LikelyObjector;
        p.Stakeholders[3].Involvement = null;
        Assert.Equal([p.Stakeholders[2].Id], Only(p, "stakeholders.unknown-buy-in").Items);
        Assert.Equal([p.Stakeholders[3].Id], Only(p, "stakeholders.objector-without-plan").Items);
    }

    [Fact]
    public void A_liaison_champion_without_an_alignment_milestone_is_flagged()
    {
        var p = Healthy();
        p.Readiness.ChampionAuthority = ChampionAuthority.Liaison;
        Assert.Empty(Assess(p).Findings); // the healthy plan has "Decision makers aligned"
        p.Milestones.RemoveAt(1);
        Assert.IsType<AddMilestoneFix>(Only(p, "stakeholders.liaison-without-alignment").Fix);
    }

    [Fact]
    public void Risks_without_mitigation_or_owner_and_troubled_milestones_are_flagged()
    {
        var p = Healthy();
        p.Risks.Add(new Risk { Description = "No plan" });
        p.Risks.Add(new Risk { Description = "Nobody owns", Mitigation = "Do something" });
        p.Milestones[4].Status = MilestoneStatus.AtRisk;
        Assert.Single(Only(p, "risks.no-mitigation").Items);
        Assert.Single(Only(p, "risks.no-owner").Items);
        Assert.Equal([p.Milestones[4].Id], Only(p, "risks.milestone-at-risk-unmitigated").Items);
    }

    [Fact]
    public void A_set_and_forget_plan_is_flagged()
    {
        var p = Healthy();
        p.UpdatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        p.Review.NextReviewDate = Today.AddDays(-2);
        p.Milestones[0].TargetDate = Today.AddDays(-3);
        foreach (var a in p.Milestones[0].Actions) a.DueDate = Today.AddDays(-4);
        Only(p, "alive.stale");
        Assert.IsType<SetNextReviewFix>(Only(p, "alive.review-due").Fix);
        Assert.Equal([p.Milestones[0].Id], Only(p, "alive.overdue").Items);
        Assert.Equal(2, Only(p, "alive.overdue-actions").Items.Count);
    }

    [Fact]
    public void A_plan_that_ends_at_signature_or_has_no_targets_is_flagged()
    {
        var p = Healthy();
        p.Milestones.RemoveAt(5);
        p.KeyDates.ValueRealised = null;
        p.Metrics[0].Target = null;
        p.Milestones[0].Bridge = null;
        Assert.IsType<AddMilestoneFix>(Only(p, "outcome.ends-at-signature").Fix);
        Only(p, "outcome.metric-without-target");
        Only(p, "outcome.activity-not-linked");
        p.Metrics.Clear();
        Only(p, "outcome.no-metrics");
    }

    [Fact]
    public void Long_or_unspecific_plans_are_flagged_before_sending()
    {
        var p = Healthy();
        p.Milestones[0].Actions[0].AssigneeId = null;
        Only(p, "sending.unspecific");
        for (var i = 0; i < 8; i++)
        {
            var m = new Milestone { Title = $"Step {i}", Phase = MilestonePhase.Implementation, TargetDate = new DateOnly(2027, 5, 3).AddDays(i * 7), Bridge = "x" };
            m.Assumptions.Add(new Assumption { Text = "x" });
            p.Milestones.Add(m);
        }
        Only(p, "sending.too-long");
    }

    [Fact]
    public void Findings_lower_the_score_by_severity_and_come_most_serious_first()
    {
        var p = Healthy();
        p.Stakeholders.RemoveAll(s => s.Role == StakeholderRole.EconomicBuyer); // high: 12
        p.Milestones[1].Assumptions.Clear();                                     // low: 2
        var report = Assess(p);
        Assert.Equal(86, report.Score);
        Assert.Equal(Severity.High, report.Findings[0].Severity);
    }

    [Fact]
    public void A_plan_the_buyer_has_never_seen_is_flagged()
    {
        var p = Healthy();
        p.Standing = new PlanStanding(EverShared: false, SignOff: SignOffStatus.NotRequested);
        Assert.Equal(Severity.Medium, Only(p, "shared.never-shared").Severity);
        // Until it is shared, asking for signatures is not yet the advice.
        Assert.DoesNotContain(Assess(p).Findings, f => f.RuleId == "signed.not-signed");
    }

    [Fact]
    public void A_shared_plan_nobody_signed_is_flagged_until_sign_off_is_requested()
    {
        var p = Healthy();
        p.Standing = new PlanStanding(EverShared: true, SignOff: SignOffStatus.NotRequested);
        Only(p, "signed.not-signed");
        p.Standing = new PlanStanding(EverShared: true, SignOff: SignOffStatus.AwaitingSignatures);
        Assert.Empty(Assess(p).Findings);
    }

    [Fact]
    public void A_plan_changed_since_it_was_signed_is_flagged_high()
    {
        var p = Healthy();
        p.Standing = new PlanStanding(EverShared: true, SignOff: SignOffStatus.ChangedSinceSigned);
        Assert.Equal(Severity.High, Only(p, "signed.changed-since-signed").Severity);
    }

    [Fact]
    public void Sharing_rules_stay_quiet_when_the_standing_is_unknown_or_the_plan_is_empty()
    {
        var p = Healthy();
        p.Standing = null;
        Assert.Empty(Assess(p).Findings);
        var empty = new Plan { Standing = new PlanStanding(false, SignOffStatus.NotRequested) };
        Assert.DoesNotContain(Assess(empty).Findings, f => f.RuleId.StartsWith("shared.") || f.RuleId.StartsWith("signed."));
    }
}
