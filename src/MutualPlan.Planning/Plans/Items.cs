namespace MutualPlan.Planning.Plans;

public sealed class Objective : PlanItem
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
}

public sealed class SuccessMetric : PlanItem
{
    public string Name { get; set; } = "";
    public decimal? Baseline { get; set; }
    public decimal? Target { get; set; }
    public string? Unit { get; set; }
    public DateOnly? TargetDate { get; set; }
    public MeasurementFrequency Frequency { get; set; } = MeasurementFrequency.Monthly;
    public Guid? OwnerStakeholderId { get; set; }
    public List<MetricMeasurement> Measurements { get; set; } = [];

    public MetricMeasurement? Latest() =>
        Measurements.OrderByDescending(m => m.MeasuredOn).FirstOrDefault();

    /// <summary>
    /// How far the latest measurement has moved from the baseline toward the target, as a
    /// fraction (0 = at baseline, 1 = target reached; may exceed 1 or go below 0). Works for
    /// targets below the baseline too (e.g. "days to close" going down). Null when it cannot be
    /// judged: no baseline, no target, no measurement, or baseline equal to target.
    /// </summary>
    public decimal? Progress()
    {
        if (Baseline is not { } b || Target is not { } t || Latest() is not { } latest || b == t) return null;
        return (latest.Value - b) / (t - b);
    }
}

public sealed class MetricMeasurement : Entity
{
    public Guid MetricId { get; set; }
    public DateOnly MeasuredOn { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
}

public sealed class Stakeholder : PlanItem
{
    public Side Side { get; set; } = Side.Buyer;
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public string? Function { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public StakeholderRole Role { get; set; } = StakeholderRole.Other;
    public string? PrimaryConcern { get; set; }
    public BuyIn BuyIn { get; set; } = BuyIn.Unknown;
    public string? Involvement { get; set; }
    public EngagementTiming Engagement { get; set; } = EngagementTiming.Early;
    public DecisionRole DecisionRole { get; set; } = DecisionRole.Influences;
    /// <summary>Another stakeholder of the same plan: the org chart.</summary>
    public Guid? ReportsToId { get; set; }
}

public sealed class Milestone : PlanItem
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public MilestonePhase Phase { get; set; } = MilestonePhase.Evaluation;
    public OwnerSide Owner { get; set; } = OwnerSide.Joint;
    public DateOnly TargetDate { get; set; }
    /// <summary>The date agreed at sign-off; null until the plan is signed.</summary>
    public DateOnly? BaselineDate { get; set; }
    public MilestoneStatus Status { get; set; } = MilestoneStatus.Planned;
    public DateOnly? CompletedOn { get; set; }
    /// <summary>"This means …, as a result …": the link from activity to outcome.</summary>
    public string? Bridge { get; set; }

    /// <summary>
    /// How many of the buyer's working days the work towards this milestone takes, as a range
    /// (a procurement review typically takes 5–7). Null = not estimated: scheduled as one day.
    /// </summary>
    public int? DurationMinDays { get; set; }
    public int? DurationMaxDays { get; set; }
    /// <summary>A fixed event of the buyer's calendar this milestone must land on (a board meeting).</summary>
    public Guid? PinnedEventId { get; set; }

    public const int MaxDurationDays = 250;

    public List<ActionItem> Actions { get; set; } = [];
    public List<Assumption> Assumptions { get; set; } = [];
    public List<MilestoneDependency> DependsOn { get; set; } = [];

    /// <summary>Business-neutral slip against the signed baseline, in calendar days.</summary>
    public int? SlipDays => BaselineDate is { } b ? TargetDate.DayNumber - b.DayNumber : null;

    /// <summary>Sets the status, keeping the completion date consistent with it.</summary>
    public void SetStatus(MilestoneStatus status, DateOnly today)
    {
        Status = status;
        CompletedOn = status == MilestoneStatus.Done ? CompletedOn ?? today : null;
    }
}

public sealed class MilestoneDependency
{
    public Guid MilestoneId { get; set; }
    public Guid DependsOnId { get; set; }
}

public sealed class Assumption : Entity, IMilestoneChild
{
    public Guid MilestoneId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>A concrete step inside a milestone ("Action" clashes with System.Action).</summary>
public sealed class ActionItem : Entity, IMilestoneChild
{
    public Guid MilestoneId { get; set; }
    public int Position { get; set; }
    public string Description { get; set; } = "";
    public Side Side { get; set; } = Side.Buyer;
    public Guid? AssigneeId { get; set; }
    public DateOnly? DueDate { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.NotStarted;
    public DateOnly? CompletedOn { get; set; }
    public string? Notes { get; set; }
    /// <summary>Seller-internal action: never shown to the buyer side.</summary>
    public bool IsInternal { get; set; }
    /// <summary>Other actions (of the same plan) that must be done first.</summary>
    public List<Guid> DependsOnIds { get; set; } = [];

    public void SetStatus(ActionStatus status, DateOnly today)
    {
        Status = status;
        CompletedOn = status == ActionStatus.Done ? CompletedOn ?? today : null;
    }
}

public sealed class Risk : PlanItem
{
    public string Description { get; set; } = "";
    public Guid? MilestoneId { get; set; }
    public Level Probability { get; set; } = Level.Medium;
    public Level Impact { get; set; } = Level.Medium;
    public int? DelayDays { get; set; }
    public string? Mitigation { get; set; }
    public Guid? MitigationOwnerId { get; set; }
    public DateOnly? MitigationDue { get; set; }
    public RiskStatus Status { get; set; } = RiskStatus.Open;
    /// <summary>Seller-internal risk: never shown to the buyer side.</summary>
    public bool IsInternal { get; set; }
}

public sealed class PlanResource : PlanItem
{
    public Side Side { get; set; } = Side.Buyer;
    public ResourceKind Kind { get; set; } = ResourceKind.People;
    public string Description { get; set; } = "";
    public string? Detail { get; set; }
}

/// <summary>
/// A milestone's date moved: from, to, why, and who agreed. Dates move by renegotiation, never
/// silently, so every change of a target date leaves one of these.
/// </summary>
public sealed class DateChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid MilestoneId { get; set; }
    public DateOnly OldDate { get; set; }
    public DateOnly NewDate { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Who made and agreed the change, as shown to people ("Alex Morgan, with Priya Shah").</summary>
    public string AgreedBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>A status update as sent for a review period: the draft generated from what changed, as edited.</summary>
public sealed class StatusUpdate
{
    public const int BodyMax = 20000;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A link through which the buyer side reads the plan without an account. Only the hash of its
/// secret is stored; revocation and expiry take effect on the next request.
/// </summary>
public sealed class ShareLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public string Label { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastViewedAt { get; set; }
    public int Views { get; set; }

    /// <summary>Who may pass: anyone holding the link, or only a visitor who proves an e-mail address (of allowed domains).</summary>
    public LinkAccess Access { get; set; } = LinkAccess.Anyone;
    /// <summary>For <see cref="LinkAccess.Domains"/>: lower-case domains separated by spaces, e.g. "northwind.com northwind.co.uk".</summary>
    public string? AllowedDomains { get; set; }
    /// <summary>A salted slow hash of the optional PIN; null = no PIN.</summary>
    public string? PinHash { get; set; }
    public LinkPermission Permission { get; set; } = LinkPermission.View;
    /// <summary>A personal link: every view and action through it is the stakeholder's.</summary>
    public Guid? StakeholderId { get; set; }
    /// <summary>Changes whenever the way in tightens (PIN, access mode, domains), so open sessions must pass again.</summary>
    public Guid AccessStamp { get; set; } = Guid.NewGuid();
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } e || e > now);
    public bool RequiresEmail => Access != LinkAccess.Anyone;
    public bool HasPin => PinHash is not null;

    public IReadOnlyList<string> Domains =>
        (AllowedDomains ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether an address is in one of the allowed domains (or any address, when the link does not restrict domains).</summary>
    public bool AllowsEmail(string email)
    {
        if (Access != LinkAccess.Domains) return true;
        var at = email.LastIndexOf('@');
        if (at < 0) return false;
        var domain = email[(at + 1)..].Trim().ToLowerInvariant();
        return Domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    public bool Allows(LinkPermission needed) => Permission >= needed;
}

/// <summary>How a visitor gets through a share link.</summary>
public enum LinkAccess { Anyone, Email, Domains }

/// <summary>What a share link lets its visitors do, each level including the one before.</summary>
public enum LinkPermission { View, Comment, Edit }

/// <summary>
/// A person (or browser) that came in through a share link: named and verified when the link asks
/// for an e-mail address, bound to a stakeholder for personal links or a matching address.
/// </summary>
public sealed class LinkVisitor
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LinkId { get; set; }
    public Guid PlanId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public Guid? StakeholderId { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>A one-time code sent to prove an e-mail address on an e-mail-required link; only its hash is kept.</summary>
public sealed class LinkChallenge
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LinkId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && ExpiresAt > now && Attempts < MaxAttempts;
}

/// <summary>
/// A day or range on the buyer's working calendar that scheduling must respect: a public holiday,
/// a blackout (busy season, IT freeze) or a fixed event milestones can be pinned to.
/// </summary>
public sealed class CalendarEntry : PlanItem
{
    public CalendarEntryKind Kind { get; set; }
    public string Label { get; set; } = "";
    public DateOnly From { get; set; }
    /// <summary>Last day, inclusive; only blackouts span several days.</summary>
    public DateOnly To { get; set; }
}

/// <summary>
/// One side asks the other to move a milestone to a new date. The other side accepts (the date
/// moves, with its dependents, and the move is recorded), counters with a date of its own (a new
/// proposal answering this one) or declines. Nothing moves until the other side agrees.
/// </summary>
public sealed class DateProposal : Entity
{
    public const int NoteMax = 2000;

    public Guid PlanId { get; set; }
    public Guid MilestoneId { get; set; }
    /// <summary>The milestone's date when the proposal was made.</summary>
    public DateOnly FromDate { get; set; }
    public DateOnly ProposedDate { get; set; }
    public string Reason { get; set; } = "";
    public Side ProposedBySide { get; set; }
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    public DateProposalStatus Status { get; set; } = DateProposalStatus.Open;
    public string? RespondedBy { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public string? ResponseNote { get; set; }
    /// <summary>The proposal this one counters, if it is a counter-proposal.</summary>
    public Guid? CounterToId { get; set; }

    public bool IsOpen => Status == DateProposalStatus.Open;
}
