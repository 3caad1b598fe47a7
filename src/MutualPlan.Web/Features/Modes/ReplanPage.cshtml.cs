using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Modes;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Modes;

/// <summary>Recovering a broken plan: preview the re-planned timeline, then apply it with a reason.</summary>
public sealed class ReplanPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public ReplanInput Input { get; set; } = new();
    public Plan? Plan { get; private set; }
    public TimelineResetProposal? Proposal { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid planId)
    {
        var preview = await ReplanCommands.PreviewAsync(db, HttpContext.Seller(), planId, null, false, clock, HttpContext.RequestAborted);
        if (!preview.IsOk) return NotFound();
        (Plan, Proposal) = preview.Value;
        Input.HardConstraint = Plan.Readiness.HardConstraintDate is { } h && h > ReplanCommands.Today(clock) ? h : null;
        return Page();
    }

    /// <summary>"Preview" re-plans with the typed constraint; "Apply" (confirm) moves the dates.</summary>
    public async Task<IActionResult> OnPostAsync(Guid planId, [FromForm] bool confirm)
    {
        var user = HttpContext.Seller();
        var unreadable = BindingMessages.From(ModelState);
        if (unreadable.Count == 0 && confirm)
        {
            var applied = await ReplanCommands.ApplyAsync(db, user, planId, Input, clock, HttpContext.RequestAborted);
            if (applied.Kind == OutcomeKind.NotFound) return NotFound();
            if (applied.IsOk)
            {
                TempData["drafted"] = $"Timeline reset: {applied.Value!.Moves.Count} milestone date{(applied.Value!.Moves.Count == 1 ? "" : "s")} moved and recorded.";
                return Redirect($"/plans/{planId}#mode");
            }
            Errors = applied.Errors!;
        }
        else Errors = unreadable;
        var constraint = Errors.For("hardConstraint") is null ? Input.HardConstraint : null;
        var preview = await ReplanCommands.PreviewAsync(db, user, planId, constraint, Input.AsSoonAsPossible, clock, HttpContext.RequestAborted);
        if (preview.Kind == OutcomeKind.NotFound) return NotFound();
        if (preview.IsOk) (Plan, Proposal) = preview.Value;
        else
        {
            foreach (var (field, messages) in preview.Errors!) foreach (var message in messages) Errors.Add(field, message);
            (Plan, Proposal) = (await ReplanCommands.PreviewAsync(db, user, planId, null, Input.AsSoonAsPossible, clock)).Value;
        }
        return Page();
    }
}
