using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Metrics;
using MutualPlan.Web.Features.Milestones;
using MutualPlan.Web.Features.PlanSections;
using MutualPlan.Web.Features.Resources;
using MutualPlan.Web.Features.Risks;
using MutualPlan.Web.Features.Stakeholders;

namespace MutualPlan.Web.Features.Plans;

public sealed record ObjectiveItemDto(Guid Id, int Position, string Title, string? Description, int Version);

public sealed record MilestoneWithItemsDto(MilestoneDto Milestone, List<ActionDto> Actions, List<AssumptionDto> Assumptions);

/// <summary>The whole plan as one JSON document: every section, in the order of the plan document.</summary>
public sealed record PlanDocument(
    PlanHeaderDto Header,
    BusinessContextInput BusinessContext,
    ReadinessInput Readiness,
    List<ObjectiveItemDto> Objectives,
    List<MetricDto> Metrics,
    List<StakeholderDto> Stakeholders,
    DecisionProcessInput DecisionProcess,
    List<MilestoneWithItemsDto> Milestones,
    List<RiskDto> Risks,
    List<ResourceDto> Resources,
    CommunicationInput Communication,
    ReviewInput Review,
    KeyDatesInput KeyDates,
    InternalNotesInput InternalNotes)
{
    /// <summary>Builds the document from a fully loaded plan, reusing each feature's own mapping.</summary>
    public static PlanDocument From(Plan p, IServiceProvider sp)
    {
        var metrics = sp.GetRequiredService<MetricFeature>();
        var stakeholders = sp.GetRequiredService<StakeholderFeature>();
        var milestones = sp.GetRequiredService<MilestoneFeature>();
        var actions = sp.GetRequiredService<ActionFeature>();
        var assumptions = sp.GetRequiredService<AssumptionFeature>();
        var risks = sp.GetRequiredService<RiskFeature>();
        var resources = sp.GetRequiredService<ResourceFeature>();
        return new PlanDocument(
            PlanHeaderDto.From(p),
            new BusinessContextFields().Read(p),
            new ReadinessFields().Read(p),
            p.Objectives.Select(o => new ObjectiveItemDto(o.Id, o.Position, o.Title, o.Description, o.Version)).ToList(),
            p.Metrics.Select(metrics.ToDto).ToList(),
            p.Stakeholders.Select(stakeholders.ToDto).ToList(),
            new DecisionProcessFields().Read(p),
            p.Milestones.Select(m => new MilestoneWithItemsDto(milestones.ToDto(m), m.Actions.Select(actions.ToDto).ToList(),
                m.Assumptions.Select(assumptions.ToDto).ToList())).ToList(),
            p.Risks.Select(risks.ToDto).ToList(),
            p.Resources.Select(resources.ToDto).ToList(),
            new CommunicationFields().Read(p),
            new ReviewFields().Read(p),
            new KeyDatesFields().Read(p),
            new InternalNotesFields().Read(p));
    }
}
