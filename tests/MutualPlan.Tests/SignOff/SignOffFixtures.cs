using MutualPlan.Planning.Plans;

namespace MutualPlan.Tests.SignOff;

/// <summary>A plan with fixed ids and values, so its signed-content hash is known in advance.</summary>
public static class SignOffFixtures
{
    public static readonly Guid PlanId = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static Guid Id(int n) => Guid.Parse($"0190a000-0000-7000-8000-{n:D12}");

    public static Plan FixedPlan(Guid workspaceId = default, Guid? ownerId = null)
    {
        var plan = new Plan
        {
            Id = PlanId, WorkspaceId = workspaceId, OwnerId = ownerId, Title = "Northwind: finance automation", BuyerCompany = "Northwind Health",
            Solution = "Accounts payable automation", DealValue = 120_000.00m, Currency = "EUR", Stage = DealStage.Evaluation,
            PreparedOn = new DateOnly(2026, 11, 2), PeriodStart = new DateOnly(2026, 11, 2), PeriodEnd = new DateOnly(2027, 6, 30),
            Context = new BusinessContext { Industry = "Healthcare", Challenges = "Invoices take 9 days\r\nto approve", BudgetStatus = BudgetStatus.Approved },
            Communication = new CommunicationPlan { CheckInCadence = "Weekly, Tuesdays" },
            Review = new ReviewPlan { Cadence = "Fortnightly", NextReviewDate = new DateOnly(2026, 11, 20) },
            KeyDates = new KeyDates { ExpectedSignature = new DateOnly(2027, 1, 29), ValueRealised = new DateOnly(2027, 6, 30) },
            InternalNotes = "SECRET floor price",
        };
        var champion = new Stakeholder { Id = Id(10), PlanId = PlanId, Position = 0, Side = Side.Buyer, Name = "Priya Shah", Title = "Financial Controller", Role = StakeholderRole.Champion, BuyIn = BuyIn.OnBoard };
        var cfo = new Stakeholder { Id = Id(11), PlanId = PlanId, Position = 1, Side = Side.Buyer, Name = "Jonas Berg", Title = "CFO", Role = StakeholderRole.EconomicBuyer, DecisionRole = DecisionRole.Decides, ReportsToId = null };
        plan.Stakeholders.AddRange([champion, cfo]);
        plan.Objectives.Add(new Objective { Id = Id(20), PlanId = PlanId, Position = 0, Title = "Approve invoices in 3 days", Description = "From 9 days today." });
        plan.Metrics.Add(new SuccessMetric { Id = Id(30), PlanId = PlanId, Position = 0, Name = "Days to approve", Baseline = 9.0m, Target = 3.50m, Unit = "days", OwnerStakeholderId = champion.Id, TargetDate = new DateOnly(2027, 6, 30) });
        var security = new Milestone
        {
            Id = Id(40), PlanId = PlanId, Position = 0, Title = "Security review approved", Description = "IT security signs off the questionnaire.",
            Phase = MilestonePhase.TechnicalValidation, Owner = OwnerSide.Buyer, TargetDate = new DateOnly(2026, 12, 10), Status = MilestoneStatus.OnTrack,
        };
        security.Actions.Add(new ActionItem { Id = Id(41), MilestoneId = security.Id, Position = 0, Description = "Send the questionnaire", Side = Side.Seller, DueDate = new DateOnly(2026, 11, 20) });
        security.Actions.Add(new ActionItem { Id = Id(42), MilestoneId = security.Id, Position = 1, Description = "Answer the questionnaire", Side = Side.Buyer, AssigneeId = champion.Id, DueDate = new DateOnly(2026, 12, 1) });
        security.Actions.Add(new ActionItem { Id = Id(43), MilestoneId = security.Id, Position = 2, Description = "SECRET ask for the discount approval", Side = Side.Seller, IsInternal = true });
        security.Assumptions.Add(new Assumption { Id = Id(44), MilestoneId = security.Id, Position = 0, Text = "The questionnaire is the standard one" });
        var signature = new Milestone
        {
            Id = Id(50), PlanId = PlanId, Position = 1, Title = "Contract signed", Phase = MilestonePhase.Signature, Owner = OwnerSide.Joint,
            TargetDate = new DateOnly(2027, 1, 29),
        };
        signature.DependsOn.Add(new MilestoneDependency { MilestoneId = signature.Id, DependsOnId = security.Id });
        plan.Milestones.AddRange([security, signature]);
        plan.Risks.Add(new Risk { Id = Id(60), PlanId = PlanId, Position = 0, Description = "IT backlog delays the review", MilestoneId = security.Id, Mitigation = "Book the reviewer now", MitigationOwnerId = champion.Id });
        plan.Risks.Add(new Risk { Id = Id(61), PlanId = PlanId, Position = 1, Description = "SECRET a competitor is favoured", IsInternal = true });
        plan.Resources.Add(new PlanResource { Id = Id(70), PlanId = PlanId, Position = 0, Side = Side.Buyer, Kind = ResourceKind.People, Description = "Two AP clerks" });
        return plan;
    }
}
