using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Renegotiation;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Renegotiation;

public sealed class RescheduleInput
{
    [Required(ErrorMessage = "Choose the new date.")]
    public DateOnly? NewDate { get; set; }

    [Required(ErrorMessage = "Say why the date moves: dates change by agreement, never silently.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the reason under 4000 characters.")]
    public string? Reason { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")]
    public string? AgreedWith { get; set; }

    /// <summary>Which of the proposed dependent moves to make; null means all of them.</summary>
    public List<Guid>? MoveDependents { get; set; }
}

public sealed record DateChangeDto(Guid Id, Guid MilestoneId, DateOnly OldDate, DateOnly NewDate, string Reason, string AgreedBy, DateTimeOffset ChangedAt);

/// <summary>Renegotiating a date: preview what a move means for the rest of the plan, then agree it.</summary>
public static class RescheduleCommands
{
    public static async Task<Outcome<(Plan Plan, SlipProposal Proposal)>> ProposeAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid milestoneId, DateOnly newDate, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct);
        if (plan is null || plan.Milestones.All(m => m.Id != milestoneId)) return Outcome<(Plan, SlipProposal)>.NotFound();
        return Outcome<(Plan, SlipProposal)>.Ok((plan, SlipPlanner.Propose(plan, milestoneId, newDate)));
    }

    /// <summary>Moves the milestone and the chosen dependents in one transaction, recording each move.</summary>
    public static async Task<Outcome<SlipProposal>> RescheduleAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid milestoneId,
        RescheduleInput input, TimeProvider clock, CancellationToken ct = default)
    {
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0)
        {
            if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<SlipProposal>.NotFound();
            return Outcome<SlipProposal>.Invalid(errors);
        }
        var proposed = await ProposeAsync(db, user, planId, milestoneId, input.NewDate!.Value, ct);
        if (!proposed.IsOk) return Outcome<SlipProposal>.NotFound();
        var (plan, proposal) = proposed.Value;
        if (proposal.Moved.From == proposal.Moved.To) return Outcome<SlipProposal>.Invalid("newDate", "Choose a date different from the current one.");
        var chosen = input.MoveDependents is null ? proposal.Dependents : proposal.Dependents.Where(d => input.MoveDependents.Contains(d.MilestoneId)).ToList();
        if (input.MoveDependents?.Any(id => proposal.Dependents.All(d => d.MilestoneId != id)) == true)
            return Outcome<SlipProposal>.Invalid("moveDependents", "Only milestones that depend on this one can move with it.");

        var agreedBy = string.IsNullOrWhiteSpace(input.AgreedWith) ? user.DisplayName : $"{user.DisplayName}, with {input.AgreedWith.Trim()}";
        Apply(db, plan, proposal, chosen, input.Reason!.Trim(), agreedBy, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<SlipProposal>.Ok(proposal with { Dependents = chosen });
    }

    /// <summary>Moves the milestone and the chosen dependents on the tracked plan, recording each move (not saved).</summary>
    public static void Apply(AppDbContext db, Plan plan, SlipProposal proposal, IEnumerable<ProposedMove> chosen, string reason, string agreedBy, DateTimeOffset now)
    {
        void Move(ProposedMove move, string why)
        {
            var m = plan.Milestones.Single(x => x.Id == move.MilestoneId);
            m.TargetDate = move.To;
            db.DateChanges.Add(new DateChange { PlanId = plan.Id, MilestoneId = m.Id, OldDate = move.From, NewDate = move.To, Reason = why, AgreedBy = agreedBy, ChangedAt = now });
        }
        Move(proposal.Moved, reason);
        foreach (var d in chosen) Move(d, $"Follows “{proposal.Moved.Title}”: {reason}");
    }
}

public sealed class RenegotiationApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}").WithTags("Renegotiation");
        g.MapGet("/milestones/{milestoneId:guid}/reschedule", async (Guid planId, Guid milestoneId, DateOnly newDate, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await RescheduleCommands.ProposeAsync(db, http.Seller(), planId, milestoneId, newDate, ct)).ToHttp(r => TypedResults.Ok(r.Proposal)))
            .WithName("ProposeReschedule").WithSummary("Preview moving a milestone: which dependents move with it and the new signature and value dates.")
            .Produces<SlipProposal>().ProducesProblem(404);
        g.MapPost("/milestones/{milestoneId:guid}/reschedule", async (Guid planId, Guid milestoneId, RescheduleInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await RescheduleCommands.RescheduleAsync(db, http.Seller(), planId, milestoneId, input, clock, ct)).ToHttp(p => TypedResults.Ok(p)))
            .WithName("RescheduleMilestone").WithSummary("Move a milestone (and the chosen dependents) with a recorded reason.")
            .WithDescription("`moveDependents` lists the dependent milestones to move with it; omit it to move all that the preview proposes.")
            .Produces<SlipProposal>().ProducesValidationProblem().ProducesProblem(404);
        g.MapGet("/date-changes", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                if (await db.FindPlanAsync(http.Seller(), planId, ct) is null) return (IResult)ApiResults.NotFound();
                var changes = await db.DateChanges.Where(d => d.PlanId == planId).OrderBy(d => d.ChangedAt).ThenBy(d => d.NewDate).ToListAsync(ct);
                return TypedResults.Ok(changes.Select(d => new DateChangeDto(d.Id, d.MilestoneId, d.OldDate, d.NewDate, d.Reason, d.AgreedBy, d.ChangedAt)).ToList());
            })
            .WithName("ListDateChanges").WithSummary("Every recorded move of a milestone date: from, to, why, who agreed.")
            .Produces<List<DateChangeDto>>().ProducesProblem(404);
    }
}

/// <summary>The reschedule form inside a milestone card: preview, then agree.</summary>
public sealed class RescheduleSectionModel(AppDbContext db, TimeProvider clock) : PlanSectionPage(db, clock)
{
    protected override string SectionPartial => "/Features/Milestones/_Milestones.cshtml";
    protected override string Anchor => "milestones";

    public Task<IActionResult> OnGetOpenAsync(Guid milestoneId) =>
        RenderAsync(new SectionState(EditingId: milestoneId, Kind: "reschedule", Draft: new RescheduleForm(new RescheduleInput(), null)));

    public async Task<IActionResult> OnPostAsync(Guid milestoneId, [FromForm] RescheduleInput input, [FromForm] bool confirm)
    {
        var state = new SectionState(EditingId: milestoneId, Kind: "reschedule");
        var unreadable = BindingMessages.From(ModelState);
        if (unreadable.Count > 0) return await RenderAsync(state with { Draft = new RescheduleForm(input, null), Errors = unreadable });
        if (!confirm || input.NewDate is null)
        {
            // First step: show what the move means before anyone agrees to it.
            var errors = input.NewDate is null ? new FieldErrors().Add("newDate", "Choose the new date.") : null;
            SlipProposal? proposal = null;
            if (input.NewDate is { } date)
            {
                var proposed = await RescheduleCommands.ProposeAsync(Db, Seller, PlanId, milestoneId, date);
                if (!proposed.IsOk) return NotFound();
                proposal = proposed.Value.Proposal;
            }
            return await RenderAsync(state with { Draft = new RescheduleForm(input, proposal), Errors = errors });
        }
        input.MoveDependents ??= [];
        var outcome = await RescheduleCommands.RescheduleAsync(Db, Seller, PlanId, milestoneId, input, Clock);
        var preview = await RescheduleCommands.ProposeAsync(Db, Seller, PlanId, milestoneId, input.NewDate.Value);
        return await AfterChangeAsync(outcome, state with { Draft = new RescheduleForm(input, preview.IsOk ? preview.Value.Proposal : null) },
            "New dates agreed and recorded.");
    }
}

/// <summary>The reschedule form's state: what was typed and, once previewed, the proposal.</summary>
public sealed record RescheduleForm(RescheduleInput Input, SlipProposal? Proposal);
