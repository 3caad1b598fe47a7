namespace MutualPlan.Planning.Plans;

// Every enum below is stored by name (see the EF configuration), so values can be reordered or
// added without rewriting data. Names are part of the API contract.

public enum DealStage
{
    Discovery, Evaluation, Proposal, Negotiation, Contracting,
    ClosedWon, ClosedLost, Implementation, ValueRealised,
}

public enum BudgetStatus { Unknown, Preliminary, PendingApproval, Approved }

/// <summary>Which organisation an item belongs to or is owed by.</summary>
public enum Side { Buyer, Seller, Partner }

/// <summary>Who owns a milestone: one side, or both together.</summary>
public enum OwnerSide { Buyer, Seller, Joint }

public enum StakeholderRole
{
    // Buyer side
    Champion, EconomicBuyer, TechnicalBuyer, Procurement, Legal, ImplementationLead,
    ExecutiveSponsor, EndUser,
    // Seller side
    AccountExecutive, SalesEngineer, CustomerSuccessManager, SellerExecutive,
    // Partners and anything else
    PartnerLead, Other,
}

public enum BuyIn { Unknown, OnBoard, Neutral, NeedsConvincing, LikelyObjector }

public enum EngagementTiming { Early, MidDeal, Late, SignatureOnly }

public enum DecisionRole { Decides, Approves, Influences, Informed }

public enum DecisionMode { Unknown, Consensus, NamedAuthority }

public enum ChampionAuthority { Unknown, HasAuthority, Liaison }

public enum MilestonePhase
{
    Evaluation, TechnicalValidation, Commercial, Procurement, Legal, Approval, Signature,
    Implementation, Enablement, Measurement, BusinessReview,
}

public enum MilestoneStatus { Planned, OnTrack, AtRisk, Slipped, Done, Blocked }

public enum ActionStatus { NotStarted, InProgress, Done, Blocked }

public enum Level { Low, Medium, High }

public enum RiskStatus { Open, Mitigated, Occurred, Closed }

public enum MeasurementFrequency { Once, Weekly, Monthly, Quarterly, Annually }

public enum ResourceKind { People, Budget, Tools }

public enum CalendarEntryKind { Holiday, Blackout, FixedEvent }

public enum DateProposalStatus { Open, Accepted, Countered, Declined, Withdrawn }
