using Microsoft.AspNetCore.Mvc;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Features.Plans;

namespace MutualPlan.Web.Features.Milestones;

// The milestones section holds three lists (milestones, their actions, their assumptions); each
// list has its own small page of htmx handlers, and all of them re-render the same section.

public sealed class MilestonesSectionModel(AppDbContext db, TimeProvider clock, MilestoneFeature feature)
    : ItemSectionPage<Milestone, MilestoneInput, MilestoneDto>(db, clock)
{
    protected override ItemFeature<Milestone, MilestoneInput, MilestoneDto> Feature => feature;
    protected override string SectionPartial => "/Features/Milestones/_Milestones.cshtml";
    protected override string Anchor => "milestones";
}

public sealed class ActionsSectionModel(AppDbContext db, TimeProvider clock, ActionFeature feature)
    : ItemSectionPage<ActionItem, ActionInput, ActionDto>(db, clock)
{
    protected override ItemFeature<ActionItem, ActionInput, ActionDto> Feature => feature;
    protected override string SectionPartial => "/Features/Milestones/_Milestones.cshtml";
    protected override string Anchor => "milestones";

    public Task<IActionResult> OnGetAddForSideAsync(Guid parentId, Side side) =>
        RenderAsync(new SectionState(Adding: true, ParentId: parentId, Kind: feature.Singular, Draft: new ActionInput { Side = side }));

    /// <summary>One click to mark an action done, or to reopen it; the same update as the full form.</summary>
    public async Task<IActionResult> OnPostToggleAsync(Guid itemId, Guid parentId)
    {
        var found = await feature.FindAsync(Db, Seller, PlanId, parentId, itemId);
        if (!found.IsOk) return NotFound();
        var input = ActionInput.From(found.Value!);
        input.Status = found.Value!.Status == ActionStatus.Done ? ActionStatus.NotStarted : ActionStatus.Done;
        return await AfterChangeAsync(await feature.UpdateAsync(Db, Seller, PlanId, parentId, itemId, input), SectionState.Viewing);
    }
}

public sealed class AssumptionsSectionModel(AppDbContext db, TimeProvider clock, AssumptionFeature feature)
    : ItemSectionPage<Assumption, AssumptionInput, AssumptionDto>(db, clock)
{
    protected override ItemFeature<Assumption, AssumptionInput, AssumptionDto> Feature => feature;
    protected override string SectionPartial => "/Features/Milestones/_Milestones.cshtml";
    protected override string Anchor => "milestones";
}
