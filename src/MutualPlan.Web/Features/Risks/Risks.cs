using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Risks;

public sealed class RiskInput : IVersionedInput
{
    [Required(ErrorMessage = "Describe what could stop the plan on time.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the description under 4000 characters.")]
    public string? Description { get; set; }

    public Guid? MilestoneId { get; set; }
    public Level? Probability { get; set; }
    public Level? Impact { get; set; }

    [Range(0, 3650, ErrorMessage = "Enter the delay in days, between 0 and 3650.")]
    public int? DelayDays { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the mitigation under 4000 characters.")]
    public string? Mitigation { get; set; }

    public Guid? MitigationOwnerId { get; set; }
    public DateOnly? MitigationDue { get; set; }
    public RiskStatus? Status { get; set; }
    public bool IsInternal { get; set; }
    public int? Version { get; set; }

    public static RiskInput From(Risk r) => new()
    {
        Description = r.Description, MilestoneId = r.MilestoneId, Probability = r.Probability, Impact = r.Impact,
        DelayDays = r.DelayDays, Mitigation = r.Mitigation, MitigationOwnerId = r.MitigationOwnerId,
        MitigationDue = r.MitigationDue, Status = r.Status, IsInternal = r.IsInternal, Version = r.Version,
    };
}

public sealed record RiskDto(Guid Id, int Position, string Description, Guid? MilestoneId, Level Probability, Level Impact,
    int Severity, int? DelayDays, string? Mitigation, Guid? MitigationOwnerId, DateOnly? MitigationDue, RiskStatus Status, bool IsInternal, int Version);

public sealed class RiskFeature(TimeProvider clock) : PlanItemFeature<Risk, RiskInput, RiskDto>(clock)
{
    public override string Singular => "risk";

    /// <summary>Probability × impact on a 1–9 scale, for ordering attention.</summary>
    public static int Severity(Risk r) => ((int)r.Probability + 1) * ((int)r.Impact + 1);

    public override RiskDto ToDto(Risk r) => new(r.Id, r.Position, r.Description, r.MilestoneId, r.Probability, r.Impact, Severity(r),
        r.DelayDays, r.Mitigation, r.MitigationOwnerId, r.MitigationDue, r.Status, r.IsInternal, r.Version);

    protected override Task ValidateAsync(RiskInput input, Risk? existing, ItemContext ctx, FieldErrors errors)
    {
        if (input.MilestoneId is { } m && ctx.Plan.Milestones.All(x => x.Id != m))
            errors.Add("milestoneId", "Choose a milestone of this plan.");
        if (input.MitigationOwnerId is { } o && ctx.Plan.Stakeholders.All(x => x.Id != o))
            errors.Add("mitigationOwnerId", "The mitigation owner must be a stakeholder of this plan.");
        return Task.CompletedTask;
    }

    protected override void Apply(RiskInput i, Risk r, ItemContext ctx)
    {
        r.Description = i.Description!.Trim();
        r.MilestoneId = i.MilestoneId;
        r.Probability = i.Probability ?? Level.Medium;
        r.Impact = i.Impact ?? Level.Medium;
        r.DelayDays = i.DelayDays;
        r.Mitigation = i.Mitigation?.Trim();
        r.MitigationOwnerId = i.MitigationOwnerId;
        r.MitigationDue = i.MitigationDue;
        r.Status = i.Status ?? RiskStatus.Open;
        r.IsInternal = i.IsInternal;
    }
}

public sealed class RisksApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapItems("/plans/{planId:guid}/risks", "Risks", "Risk", "Risks", sp => sp.GetRequiredService<RiskFeature>());
}

public sealed class RisksSectionModel(Data.AppDbContext db, TimeProvider clock, RiskFeature feature)
    : ItemSectionPage<Risk, RiskInput, RiskDto>(db, clock)
{
    protected override ItemFeature<Risk, RiskInput, RiskDto> Feature => feature;
    protected override string SectionPartial => "/Features/Risks/_Risks.cshtml";
    protected override string Anchor => "risks";
}
