using Microsoft.AspNetCore.Mvc;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;

namespace MutualPlan.Web.Features.Objectives;

/// <summary>Serves the objectives section of the plan page to htmx.</summary>
public sealed class ObjectivesSectionModel(AppDbContext db, TimeProvider clock) : PlanSectionPage(db, clock)
{
    protected override string SectionPartial => "/Features/Objectives/_Objectives.cshtml";
    protected override string Anchor => "objectives";

    public Task<IActionResult> OnGetAddAsync() => RenderAsync(new SectionState(Adding: true));

    public Task<IActionResult> OnGetEditAsync(Guid itemId) => RenderAsync(new SectionState(EditingId: itemId));

    public async Task<IActionResult> OnPostSaveAsync(Guid? itemId, [FromForm] ObjectiveInput input)
    {
        var outcome = itemId is { } id
            ? await ObjectiveCommands.UpdateAsync(Db, Seller, PlanId, id, input)
            : await ObjectiveCommands.CreateAsync(Db, Seller, PlanId, input);
        return await AfterChangeAsync(outcome, new SectionState(EditingId: itemId, Adding: itemId is null, Draft: input));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid itemId) =>
        await AfterChangeAsync(await ObjectiveCommands.DeleteAsync(Db, Seller, PlanId, itemId), SectionState.Viewing);

    public async Task<IActionResult> OnPostMoveAsync(Guid itemId, int position) =>
        await AfterChangeAsync(await ObjectiveCommands.MoveAsync(Db, Seller, PlanId, itemId, position), SectionState.Viewing);
}
