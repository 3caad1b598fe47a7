using MutualPlan.Planning.Plans;
using MutualPlan.Planning.StatusUpdates;

namespace MutualPlan.Tests.Planning;

public sealed class StatusReportTests
{
    private static readonly DateOnly From = new(2026, 11, 16), To = new(2026, 11, 22);

    [Fact]
    public void A_plan_with_a_recorded_history_gives_exactly_the_expected_sections()
    {
        var plan = new Plan { Title = "Northwind" };
        var priya = new Stakeholder { Name = "Priya", Side = Side.Buyer };
        plan.Stakeholders.Add(priya);
        var done = new Milestone { Title = "Fit confirmed", Phase = MilestonePhase.Evaluation, TargetDate = new(2026, 11, 18), Status = MilestoneStatus.Done, CompletedOn = new(2026, 11, 18) };
        var earlier = new Milestone { Title = "Kick-off held", Phase = MilestonePhase.Evaluation, TargetDate = new(2026, 11, 2), Status = MilestoneStatus.Done, CompletedOn = new(2026, 11, 2) };
        var next = new Milestone { Title = "Security approved", Phase = MilestonePhase.TechnicalValidation, TargetDate = new(2026, 11, 30), Status = MilestoneStatus.OnTrack };
        var risky = new Milestone { Title = "Procurement approves", Phase = MilestonePhase.Procurement, TargetDate = new(2026, 12, 2), Status = MilestoneStatus.AtRisk };
        var late = new Milestone { Title = "Reference call", Phase = MilestonePhase.Evaluation, TargetDate = new(2026, 11, 19), Status = MilestoneStatus.Planned };
        var sign = new Milestone { Title = "Contract signed", Phase = MilestonePhase.Signature, TargetDate = new(2026, 12, 18) };
        plan.Milestones.AddRange([done, earlier, next, risky, late, sign]);
        done.Actions.Add(new ActionItem { Side = Side.Buyer, Description = "Share invoices", AssigneeId = priya.Id, Status = ActionStatus.Done, CompletedOn = new(2026, 11, 17) });
        done.Actions.Add(new ActionItem { Side = Side.Seller, Description = "SECRET pricing prep", Status = ActionStatus.Done, CompletedOn = new(2026, 11, 17), IsInternal = true });
        next.Actions.Add(new ActionItem { Side = Side.Seller, Description = "Send SOC 2 report", DueDate = new(2026, 11, 25) });
        next.Actions.Add(new ActionItem { Side = Side.Buyer, Description = "Review far ahead", DueDate = new(2027, 1, 25) });
        plan.Risks.Add(new Risk { MilestoneId = risky.Id, Description = "Tender threshold", Mitigation = "Split the order", Status = RiskStatus.Open });
        plan.DateChanges.Add(new DateChange { MilestoneId = sign.Id, OldDate = new(2026, 12, 11), NewDate = new(2026, 12, 18), Reason = "Legal holiday", ChangedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero) });

        var r = StatusReport.Build(plan, From, To);

        Assert.Equal(["Fit confirmed"], r.Completed.Select(m => m.Title));
        Assert.Equal(["Security approved", "Procurement approves"], r.OnTrackNext.Select(m => m.Title).Concat(r.AtRisk.Where(m => m.Title == "Procurement approves").Select(m => m.Title)));
        Assert.Equal(["Security approved"], r.OnTrackNext.Select(m => m.Title));
        Assert.Equal(["Reference call", "Procurement approves"], r.AtRisk.Select(m => m.Title));
        Assert.Contains("Split the order", r.AtRisk[1].Note);
        Assert.Contains("Past its date", r.AtRisk[0].Note);
        Assert.Equal(["Share invoices"], r.ActionsDone.Select(a => a.Description));
        Assert.Equal(["Send SOC 2 report"], r.ActionsUpcoming.Select(a => a.Description));
        Assert.Equal("Legal holiday", Assert.Single(r.DateChanges).Reason);
        Assert.Equal(new DateOnly(2026, 12, 11), r.SignatureOriginal);
        Assert.Equal(new DateOnly(2026, 12, 18), r.SignatureCurrent);

        var md = r.ToMarkdown(plan.Title);
        Assert.Contains("Signature: originally 11 Dec 2026, now 18 Dec 2026 (+7 days).", md);
        Assert.Contains("- [x] Share invoices — Priya", md);
        Assert.DoesNotContain("SECRET", md);
    }
}
