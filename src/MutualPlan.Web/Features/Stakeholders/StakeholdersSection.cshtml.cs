using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;

namespace MutualPlan.Web.Features.Stakeholders;

public sealed class StakeholdersSectionModel(AppDbContext db, TimeProvider clock, StakeholderFeature feature)
    : ItemSectionPage<Stakeholder, StakeholderInput, StakeholderDto>(db, clock)
{
    protected override ItemFeature<Stakeholder, StakeholderInput, StakeholderDto> Feature => feature;
    protected override string SectionPartial => "/Features/Stakeholders/_Stakeholders.cshtml";
    protected override string Anchor => "stakeholders";
}
