using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.PlanSections;

// The seven fixed-field sections of a plan. Each: an input type (fields + annotations), a
// PlanFields subclass mapping it onto the plan, and a section page serving its partial.

public sealed class BusinessContextInput : IVersionedInput
{
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")] public string? CompanySize { get; set; }
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")] public string? Industry { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? CurrentState { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? DesiredState { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? Challenges { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? WhyThisApproach { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? ExpectedImpact { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? ImpactMeasure { get; set; }
    public BudgetStatus? BudgetStatus { get; set; }
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")] public string? ExecutiveSponsor { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? CustomerLanguage { get; set; }
    public int? Version { get; set; }
}

public sealed class BusinessContextFields : PlanFields<BusinessContextInput>
{
    public override string Route => "business-context";
    public override string Title => "Business context";

    public override BusinessContextInput Read(Plan p) => new()
    {
        CompanySize = p.Context.CompanySize, Industry = p.Context.Industry, CurrentState = p.Context.CurrentState,
        DesiredState = p.Context.DesiredState, Challenges = p.Context.Challenges, WhyThisApproach = p.Context.WhyThisApproach,
        ExpectedImpact = p.Context.ExpectedImpact, ImpactMeasure = p.Context.ImpactMeasure, BudgetStatus = p.Context.BudgetStatus,
        ExecutiveSponsor = p.Context.ExecutiveSponsor, CustomerLanguage = p.Context.CustomerLanguage, Version = p.Version,
    };

    protected override void Apply(BusinessContextInput i, Plan p) => p.Context = new BusinessContext
    {
        CompanySize = Clean(i.CompanySize), Industry = Clean(i.Industry), CurrentState = Clean(i.CurrentState),
        DesiredState = Clean(i.DesiredState), Challenges = Clean(i.Challenges), WhyThisApproach = Clean(i.WhyThisApproach),
        ExpectedImpact = Clean(i.ExpectedImpact), ImpactMeasure = Clean(i.ImpactMeasure), BudgetStatus = i.BudgetStatus ?? BudgetStatus.Unknown,
        ExecutiveSponsor = Clean(i.ExecutiveSponsor), CustomerLanguage = Clean(i.CustomerLanguage),
    };

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class ReadinessInput : IVersionedInput
{
    public bool? OutcomeAgreed { get; set; }
    public bool? ImpactClear { get; set; }
    public bool? DecisionMakersKnown { get; set; }
    public bool? WillingToCommit { get; set; }
    public bool? AllStakeholdersKnown { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? BuyerTimeline { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? HardConstraint { get; set; }
    public DateOnly? HardConstraintDate { get; set; }
    public bool? ProcurementInvolved { get; set; }
    [Range(0, 365, ErrorMessage = "Enter the procurement cycle in days, from 0 to 365.")] public int? ProcurementCycleDays { get; set; }
    public ChampionAuthority? ChampionAuthority { get; set; }
    public DateOnly? SellerTargetClose { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? Resistance { get; set; }
    public int? Version { get; set; }
}

public sealed class ReadinessFields : PlanFields<ReadinessInput>
{
    public override string Route => "readiness";
    public override string Title => "Readiness";

    public override ReadinessInput Read(Plan p) => new()
    {
        OutcomeAgreed = p.Readiness.OutcomeAgreed, ImpactClear = p.Readiness.ImpactClear, DecisionMakersKnown = p.Readiness.DecisionMakersKnown,
        WillingToCommit = p.Readiness.WillingToCommit, AllStakeholdersKnown = p.Readiness.AllStakeholdersKnown, BuyerTimeline = p.Readiness.BuyerTimeline,
        HardConstraint = p.Readiness.HardConstraint, HardConstraintDate = p.Readiness.HardConstraintDate, ProcurementInvolved = p.Readiness.ProcurementInvolved,
        ProcurementCycleDays = p.Readiness.ProcurementCycleDays, ChampionAuthority = p.Readiness.ChampionAuthority,
        SellerTargetClose = p.Readiness.SellerTargetClose, Resistance = p.Readiness.Resistance, Version = p.Version,
    };

    protected override void Apply(ReadinessInput i, Plan p) => p.Readiness = new Readiness
    {
        OutcomeAgreed = i.OutcomeAgreed, ImpactClear = i.ImpactClear, DecisionMakersKnown = i.DecisionMakersKnown, WillingToCommit = i.WillingToCommit,
        AllStakeholdersKnown = i.AllStakeholdersKnown, BuyerTimeline = BusinessContextFields.Clean(i.BuyerTimeline),
        HardConstraint = BusinessContextFields.Clean(i.HardConstraint), HardConstraintDate = i.HardConstraintDate,
        ProcurementInvolved = i.ProcurementInvolved, ProcurementCycleDays = i.ProcurementCycleDays,
        ChampionAuthority = i.ChampionAuthority ?? ChampionAuthority.Unknown, SellerTargetClose = i.SellerTargetClose,
        Resistance = BusinessContextFields.Clean(i.Resistance),
    };
}

public sealed class DecisionProcessInput : IVersionedInput
{
    public DecisionMode? BuyerMode { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? BuyerNotes { get; set; }
    public DecisionMode? SellerMode { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? SellerNotes { get; set; }
    public int? Version { get; set; }
}

public sealed class DecisionProcessFields : PlanFields<DecisionProcessInput>
{
    public override string Route => "decision-process";
    public override string Title => "Decision process";

    public override DecisionProcessInput Read(Plan p) => new()
    {
        BuyerMode = p.Decision.BuyerMode, BuyerNotes = p.Decision.BuyerNotes, SellerMode = p.Decision.SellerMode,
        SellerNotes = p.Decision.SellerNotes, Version = p.Version,
    };

    protected override void Apply(DecisionProcessInput i, Plan p) => p.Decision = new DecisionProcess
    {
        BuyerMode = i.BuyerMode ?? DecisionMode.Unknown, BuyerNotes = BusinessContextFields.Clean(i.BuyerNotes),
        SellerMode = i.SellerMode ?? DecisionMode.Unknown, SellerNotes = BusinessContextFields.Clean(i.SellerNotes),
    };
}

public sealed class CommunicationInput : IVersionedInput
{
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? Channels { get; set; }
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")] public string? CheckInCadence { get; set; }
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")] public string? EmergencyContact { get; set; }
    public int? Version { get; set; }
}

public sealed class CommunicationFields : PlanFields<CommunicationInput>
{
    public override string Route => "communication";
    public override string Title => "Communication plan";

    public override CommunicationInput Read(Plan p) => new()
    {
        Channels = p.Communication.Channels, CheckInCadence = p.Communication.CheckInCadence,
        EmergencyContact = p.Communication.EmergencyContact, Version = p.Version,
    };

    protected override void Apply(CommunicationInput i, Plan p) => p.Communication = new CommunicationPlan
    {
        Channels = BusinessContextFields.Clean(i.Channels), CheckInCadence = BusinessContextFields.Clean(i.CheckInCadence),
        EmergencyContact = BusinessContextFields.Clean(i.EmergencyContact),
    };
}

public sealed class ReviewInput : IVersionedInput
{
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")] public string? Cadence { get; set; }
    public DateOnly? NextReviewDate { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? EvaluationCriteria { get; set; }
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")] public string? AdjustmentProcess { get; set; }
    public int? Version { get; set; }
}

public sealed class ReviewFields : PlanFields<ReviewInput>
{
    public override string Route => "review";
    public override string Title => "Review";

    public override ReviewInput Read(Plan p) => new()
    {
        Cadence = p.Review.Cadence, NextReviewDate = p.Review.NextReviewDate, EvaluationCriteria = p.Review.EvaluationCriteria,
        AdjustmentProcess = p.Review.AdjustmentProcess, Version = p.Version,
    };

    protected override void Apply(ReviewInput i, Plan p) => p.Review = new ReviewPlan
    {
        Cadence = BusinessContextFields.Clean(i.Cadence), NextReviewDate = i.NextReviewDate,
        EvaluationCriteria = BusinessContextFields.Clean(i.EvaluationCriteria), AdjustmentProcess = BusinessContextFields.Clean(i.AdjustmentProcess),
    };
}

public sealed class KeyDatesInput : IVersionedInput
{
    public DateOnly? CommitDate { get; set; }
    public DateOnly? ExpectedSignature { get; set; }
    public DateOnly? ImplementationKickoff { get; set; }
    public DateOnly? GoLive { get; set; }
    public DateOnly? ValueRealised { get; set; }
    public int? Version { get; set; }
}

public sealed class KeyDatesFields : PlanFields<KeyDatesInput>
{
    public override string Route => "timeline-summary";
    public override string Title => "Timeline summary";

    public override KeyDatesInput Read(Plan p) => new()
    {
        CommitDate = p.KeyDates.CommitDate, ExpectedSignature = p.KeyDates.ExpectedSignature,
        ImplementationKickoff = p.KeyDates.ImplementationKickoff, GoLive = p.KeyDates.GoLive,
        ValueRealised = p.KeyDates.ValueRealised, Version = p.Version,
    };

    /// <summary>The key dates must run in the order of the deal: each not before the one it follows.</summary>
    protected override void Validate(KeyDatesInput i, Plan plan, FieldErrors errors)
    {
        (string Field, string Label, DateOnly? Date)[] sequence =
        [
            ("commitDate", "the commit date", i.CommitDate), ("expectedSignature", "the expected signature", i.ExpectedSignature),
            ("implementationKickoff", "the implementation kick-off", i.ImplementationKickoff), ("goLive", "go-live", i.GoLive),
            ("valueRealised", "value realised", i.ValueRealised),
        ];
        for (var k = 1; k < sequence.Length; k++)
        {
            if (sequence[k].Date is not { } date) continue;
            var earlier = sequence.Take(k).LastOrDefault(s => s.Date is not null);
            if (earlier.Date is { } prev && date < prev)
                errors.Add(sequence[k].Field, $"This cannot be before {earlier.Label} ({prev:d MMM yyyy}).");
        }
    }

    protected override void Apply(KeyDatesInput i, Plan p) => p.KeyDates = new KeyDates
    {
        CommitDate = i.CommitDate, ExpectedSignature = i.ExpectedSignature, ImplementationKickoff = i.ImplementationKickoff,
        GoLive = i.GoLive, ValueRealised = i.ValueRealised,
    };
}

public sealed class InternalNotesInput : IVersionedInput
{
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the notes under 4000 characters.")] public string? Notes { get; set; }
    public int? Version { get; set; }
}

public sealed class InternalNotesFields : PlanFields<InternalNotesInput>
{
    public override string Route => "internal-notes";
    public override string Title => "Internal notes";
    public override InternalNotesInput Read(Plan p) => new() { Notes = p.InternalNotes, Version = p.Version };
    protected override void Apply(InternalNotesInput i, Plan p) => p.InternalNotes = BusinessContextFields.Clean(i.Notes);
}

public sealed class PlanSectionsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        new BusinessContextFields().MapApi(api, "BusinessContext");
        new ReadinessFields().MapApi(api, "Readiness");
        new DecisionProcessFields().MapApi(api, "DecisionProcess");
        new CommunicationFields().MapApi(api, "Communication");
        new ReviewFields().MapApi(api, "Review");
        new KeyDatesFields().MapApi(api, "KeyDates");
        new InternalNotesFields().MapApi(api, "InternalNotes");
    }
}

public sealed class BusinessContextSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<BusinessContextInput>(db, clock, new BusinessContextFields())
{ protected override string SectionPartial => "/Features/PlanSections/_BusinessContext.cshtml"; }
public sealed class ReadinessSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<ReadinessInput>(db, clock, new ReadinessFields())
{ protected override string SectionPartial => "/Features/PlanSections/_Readiness.cshtml"; }
public sealed class DecisionProcessSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<DecisionProcessInput>(db, clock, new DecisionProcessFields())
{ protected override string SectionPartial => "/Features/PlanSections/_DecisionProcess.cshtml"; }
public sealed class CommunicationSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<CommunicationInput>(db, clock, new CommunicationFields())
{ protected override string SectionPartial => "/Features/PlanSections/_Communication.cshtml"; }
public sealed class ReviewSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<ReviewInput>(db, clock, new ReviewFields())
{ protected override string SectionPartial => "/Features/PlanSections/_Review.cshtml"; }
public sealed class KeyDatesSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<KeyDatesInput>(db, clock, new KeyDatesFields())
{ protected override string SectionPartial => "/Features/PlanSections/_TimelineSummary.cshtml"; }
public sealed class InternalNotesSectionModel(AppDbContext db, TimeProvider clock) : PlanFieldsSectionPage<InternalNotesInput>(db, clock, new InternalNotesFields())
{ protected override string SectionPartial => "/Features/PlanSections/_InternalNotes.cshtml"; }
