namespace MutualPlan.Planning.Plans;

/// <summary>
/// A mutual action plan: the deal header plus every section of the plan. Sections that are a
/// fixed set of fields (business context, readiness, …) are value objects stored in the plan's own
/// row; sections that are lists (milestones, stakeholders, …) are their own entities.
/// </summary>
public sealed class Plan : Entity
{
    public const int TitleMax = 200;
    public const int ShortTextMax = 200;
    public const int LongTextMax = 4000;

    public Guid WorkspaceId { get; set; }

    // Deal header
    public string Title { get; set; } = "";
    public string BuyerCompany { get; set; } = "";
    public string Solution { get; set; } = "";
    public decimal? DealValue { get; set; }
    /// <summary>ISO 4217 code, upper case (e.g. "EUR").</summary>
    public string Currency { get; set; } = "USD";
    public DealStage Stage { get; set; } = DealStage.Discovery;
    public Guid? OwnerId { get; set; }
    public DateOnly PreparedOn { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }

    public BusinessContext Context { get; set; } = new();
    public Readiness Readiness { get; set; } = new();
    public DecisionProcess Decision { get; set; } = new();
    public CommunicationPlan Communication { get; set; } = new();
    public ReviewPlan Review { get; set; } = new();
    public KeyDates KeyDates { get; set; } = new();

    /// <summary>Seller-only notes. Never shown to the buyer side.</summary>
    public string? InternalNotes { get; set; }

    /// <summary>
    /// Raised (by the data layer) whenever anything in the plan changes — the plan row or any of
    /// its items. Caches of the rendered plan are keyed by it, across app instances.
    /// </summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public bool IsArchived => ArchivedAt is not null;

    public List<Objective> Objectives { get; set; } = [];
    public List<SuccessMetric> Metrics { get; set; } = [];
    public List<Stakeholder> Stakeholders { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
    public List<Risk> Risks { get; set; } = [];
    public List<PlanResource> Resources { get; set; } = [];
    /// <summary>The buyer's holidays, blackouts and fixed events.</summary>
    public List<CalendarEntry> Calendar { get; set; } = [];
    /// <summary>Date proposals awaiting an answer (the whole-plan query loads only the open ones).</summary>
    public List<DateProposal> DateProposals { get; set; } = [];
    /// <summary>Every recorded move of a milestone date, oldest first.</summary>
    public List<DateChange> DateChanges { get; set; } = [];

    /// <summary>Sharing and sign-off facts filled in by the loader (not stored on the plan row); null when unknown.</summary>
    public PlanStanding? Standing { get; set; }

    public void Archive(DateTimeOffset now) => ArchivedAt ??= now;
    public void Restore() => ArchivedAt = null;

    /// <summary>The next milestone not yet done, by current target date.</summary>
    public Milestone? NextMilestone() =>
        Milestones.Where(m => m.Status != MilestoneStatus.Done)
                  .OrderBy(m => m.TargetDate).ThenBy(m => m.Position).FirstOrDefault();
}

public sealed class BusinessContext
{
    public string? CompanySize { get; set; }
    public string? Industry { get; set; }
    public string? CurrentState { get; set; }
    public string? DesiredState { get; set; }
    public string? Challenges { get; set; }
    public string? WhyThisApproach { get; set; }
    public string? ExpectedImpact { get; set; }
    public string? ImpactMeasure { get; set; }
    public BudgetStatus BudgetStatus { get; set; } = BudgetStatus.Unknown;
    public string? ExecutiveSponsor { get; set; }
    /// <summary>The buyer's own words, kept beside the summary.</summary>
    public string? CustomerLanguage { get; set; }
}

/// <summary>The four readiness checks and the pre-work facts (product brief §2.3).</summary>
public sealed class Readiness
{
    // null = not yet answered; the coach treats "unknown" differently from "no".
    public bool? OutcomeAgreed { get; set; }
    public bool? ImpactClear { get; set; }
    public bool? DecisionMakersKnown { get; set; }
    public bool? WillingToCommit { get; set; }

    public bool? AllStakeholdersKnown { get; set; }
    public string? BuyerTimeline { get; set; }
    public string? HardConstraint { get; set; }
    public DateOnly? HardConstraintDate { get; set; }
    public bool? ProcurementInvolved { get; set; }
    public int? ProcurementCycleDays { get; set; }
    public ChampionAuthority ChampionAuthority { get; set; } = ChampionAuthority.Unknown;
    public DateOnly? SellerTargetClose { get; set; }
    /// <summary>Resistance to a shared plan is a warning sign: recorded, never hidden.</summary>
    public string? Resistance { get; set; }

    public int ChecksPassed =>
        new[] { OutcomeAgreed, ImpactClear, DecisionMakersKnown, WillingToCommit }.Count(b => b == true);
}

public sealed class DecisionProcess
{
    public DecisionMode BuyerMode { get; set; } = DecisionMode.Unknown;
    public string? BuyerNotes { get; set; }
    public DecisionMode SellerMode { get; set; } = DecisionMode.Unknown;
    public string? SellerNotes { get; set; }
}

public sealed class CommunicationPlan
{
    public string? Channels { get; set; }
    public string? CheckInCadence { get; set; }
    public string? EmergencyContact { get; set; }
}

public sealed class ReviewPlan
{
    public string? Cadence { get; set; }
    public DateOnly? NextReviewDate { get; set; }
    public string? EvaluationCriteria { get; set; }
    public string? AdjustmentProcess { get; set; }
}

/// <summary>Timeline summary dates. "Next milestone" and "next review" are derived, not stored.</summary>
public sealed class KeyDates
{
    public DateOnly? CommitDate { get; set; }
    public DateOnly? ExpectedSignature { get; set; }
    public DateOnly? ImplementationKickoff { get; set; }
    public DateOnly? GoLive { get; set; }
    public DateOnly? ValueRealised { get; set; }
}
