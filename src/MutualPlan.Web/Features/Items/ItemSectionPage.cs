using Microsoft.AspNetCore.Mvc;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Items;

/// <summary>
/// The htmx handlers every list section shares: open the add or edit form, save, delete, move.
/// The section partial reads <see cref="SectionState.Kind"/> to know which list the open form is for
/// (a milestone card holds milestones, actions and assumptions).
/// </summary>
public abstract class ItemSectionPage<TItem, TInput, TDto>(AppDbContext db, TimeProvider clock) : PlanSectionPage(db, clock)
    where TItem : Entity, IOrdered where TInput : class, IVersionedInput, new()
{
    protected abstract ItemFeature<TItem, TInput, TDto> Feature { get; }

    private SectionState Form(Guid? itemId, Guid? parentId, TInput? draft = null) =>
        new(EditingId: itemId, Adding: itemId is null, Draft: draft, ParentId: parentId, Kind: Feature.Singular);

    public Task<IActionResult> OnGetAddAsync(Guid? parentId) => RenderAsync(Form(null, parentId));

    public Task<IActionResult> OnGetEditAsync(Guid itemId, Guid? parentId) => RenderAsync(Form(itemId, parentId));

    public async Task<IActionResult> OnPostSaveAsync(Guid? itemId, Guid? parentId, [FromForm] TInput input)
    {
        var formState = Form(itemId, parentId, input);
        // Values the binder could not read (a malformed date or number) are reported by field,
        // before any rule runs, so the person sees exactly which field to fix.
        var unreadable = UnreadableFields();
        if (unreadable.Count > 0) return await RenderAsync(formState with { Errors = unreadable });
        var outcome = itemId is { } id
            ? await Feature.UpdateAsync(Db, Seller, PlanId, parentId, id, input)
            : await Feature.CreateAsync(Db, Seller, PlanId, parentId, input);
        return await AfterChangeAsync(outcome, formState);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid itemId, Guid? parentId) =>
        await AfterChangeAsync(await Feature.DeleteAsync(Db, Seller, PlanId, parentId, itemId), SectionState.Viewing);

    public async Task<IActionResult> OnPostMoveAsync(Guid itemId, Guid? parentId, int position) =>
        await AfterChangeAsync(await Feature.MoveAsync(Db, Seller, PlanId, parentId, itemId, position), SectionState.Viewing);

    protected FieldErrors UnreadableFields() => BindingMessages.From(ModelState);
}
