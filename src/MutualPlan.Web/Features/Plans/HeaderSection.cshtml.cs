using Microsoft.AspNetCore.Mvc;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Plans;

/// <summary>The deal header: edit, archive, restore and permanent delete.</summary>
public sealed class HeaderSectionModel(AppDbContext db, TimeProvider clock) : PlanSectionPage(db, clock)
{
    protected override string SectionPartial => "/Features/Plans/_Header.cshtml";
    protected override string Anchor => "header";

    public Task<IActionResult> OnGetEditAsync() => RenderAsync(new SectionState(EditingId: PlanId));

    public async Task<IActionResult> OnPostSaveAsync([FromForm] PlanInput input) =>
        await AfterChangeAsync(await PlanCommands.UpdateHeaderAsync(Db, Seller, PlanId, input),
            new SectionState(EditingId: PlanId, Draft: input));

    public async Task<IActionResult> OnPostArchiveAsync() =>
        await AfterChangeAsync(await PlanCommands.SetArchivedAsync(Db, Seller, PlanId, true, Clock.GetUtcNow()), SectionState.Viewing,
            "Plan archived. It no longer appears in the plan list; restore it here at any time.");

    public async Task<IActionResult> OnPostRestoreAsync() =>
        await AfterChangeAsync(await PlanCommands.SetArchivedAsync(Db, Seller, PlanId, false, Clock.GetUtcNow()), SectionState.Viewing, "Plan restored.");

    /// <summary>A plain form post (not htmx): the person must type the title to confirm.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? confirmTitle)
    {
        var plan = await Db.FindPlanAsync(Seller, PlanId);
        if (plan is null) return NotFound();
        if (!string.Equals(confirmTitle?.Trim(), plan.Title, StringComparison.Ordinal))
        {
            TempData["flash"] = "The plan was not deleted: the title you typed did not match.";
            return Redirect($"/plans/{PlanId}");
        }
        await PlanCommands.DeleteAsync(Db, Seller, PlanId);
        return Redirect("/plans");
    }
}
