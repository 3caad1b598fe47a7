using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Modes;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Modes;

/// <summary>Resetting a broken plan's timeline: the new constraint, how to plan, and why.</summary>
public sealed class ReplanInput
{
    /// <summary>The buyer's hard constraint as renegotiated; empty keeps the current one.</summary>
    public DateOnly? HardConstraint { get; set; }

    /// <summary>Earliest dates instead of the buyer's pace (latest feasible).</summary>
    public bool AsSoonAsPossible { get; set; }

    [Required(ErrorMessage = "Say why the timeline is reset: both sides will read it with every moved date.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the reason under 4000 characters.")]
    public string? Reason { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")]
    public string? AgreedWith { get; set; }
}

public sealed record SlippingDto(Guid MilestoneId, string Title, SlipKind Kind, DateOnly TargetDate, DateOnly? BaselineDate, int OverdueWorkingDays);
public sealed record ModeDto(WorkingMode Mode, IReadOnlyList<string> Reasons, IReadOnlyList<SlippingDto> Slipping)
{
    public static ModeDto From(ModeAssessment a) => new(a.Mode, a.Reasons, a.Slipping.Select(s =>
        new SlippingDto(s.Milestone.Id, s.Milestone.Title, s.Kind, s.Milestone.TargetDate, s.Milestone.BaselineDate, s.OverdueWorkingDays)).ToList());
}

public static class ReplanCommands
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<Outcome<ModeAssessment>> ModeAsync(AppDbContext db, WorkspaceUser user, Guid planId, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        return plan is null ? Outcome<ModeAssessment>.NotFound() : Outcome<ModeAssessment>.Ok(WorkingModeAdvisor.Assess(plan, Today(clock)));
    }

    public static async Task<Outcome<(Plan Plan, TimelineResetProposal Proposal)>> PreviewAsync(AppDbContext db, WorkspaceUser user, Guid planId,
        DateOnly? hardConstraint, bool asap, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        if (plan is null) return Outcome<(Plan, TimelineResetProposal)>.NotFound();
        var today = Today(clock);
        if (hardConstraint is { } h && h <= today)
            return Outcome<(Plan, TimelineResetProposal)>.Invalid("hardConstraint", "The new constraint must be after today: agree a date that is still ahead.");
        return Outcome<(Plan, TimelineResetProposal)>.Ok((plan, TimelineReset.Propose(plan, today, hardConstraint, asap)));
    }

    /// <summary>Moves every open milestone to its re-planned date in one transaction, each move recorded with the reason.</summary>
    public static async Task<Outcome<TimelineResetProposal>> ApplyAsync(AppDbContext db, WorkspaceUser user, Guid planId, ReplanInput input,
        TimeProvider clock, CancellationToken ct = default)
    {
        var errors = FieldErrors.Of(input);
        var today = Today(clock);
        if (input.HardConstraint is { } h && h <= today)
            errors.Add("hardConstraint", "The new constraint must be after today: agree a date that is still ahead.");
        var plan = await db.LoadWholePlanAsync(user, planId, ct);
        if (plan is null) return Outcome<TimelineResetProposal>.NotFound();
        if (errors.Count > 0) return Outcome<TimelineResetProposal>.Invalid(errors);

        var proposal = TimelineReset.Propose(plan, today, input.HardConstraint, input.AsSoonAsPossible);
        if (proposal.Moves.Count == 0 && input.HardConstraint == plan.Readiness.HardConstraintDate)
            return Outcome<TimelineResetProposal>.Invalid("reason", "The timeline already matches this plan: no date would move.");
        var now = clock.GetUtcNow();
        var agreedBy = string.IsNullOrWhiteSpace(input.AgreedWith) ? user.DisplayName : $"{user.DisplayName}, with {input.AgreedWith.Trim()}";
        var reason = "Timeline reset: " + input.Reason!.Trim();
        foreach (var move in proposal.Moves)
        {
            var m = plan.Milestones.Single(x => x.Id == move.MilestoneId);
            m.TargetDate = move.To;
            db.DateChanges.Add(new DateChange { PlanId = plan.Id, MilestoneId = m.Id, OldDate = move.From, NewDate = move.To, Reason = reason, AgreedBy = agreedBy, ChangedAt = now });
        }
        if (input.HardConstraint is { } newHard) plan.Readiness.HardConstraintDate = newHard;
        if (proposal.SignatureAfter is { } sign) plan.KeyDates.ExpectedSignature = sign;
        await db.SaveChangesAsync(ct);
        return Outcome<TimelineResetProposal>.Ok(proposal);
    }
}

public sealed class ModesApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}").WithTags("Renegotiation");
        g.MapGet("/mode", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await ReplanCommands.ModeAsync(db, http.Seller(), planId, clock, ct)).ToHttp(a => TypedResults.Ok(ModeDto.From(a))))
            .WithName("GetWorkingMode").WithSummary("The plan's working mode (building, renegotiating, recovering), why, and the slipping milestones.")
            .Produces<ModeDto>().ProducesProblem(404);
        g.MapGet("/replan", async (Guid planId, DateOnly? hardConstraint, bool? asSoonAsPossible, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await ReplanCommands.PreviewAsync(db, http.Seller(), planId, hardConstraint, asSoonAsPossible ?? false, clock, ct)).ToHttp(r => TypedResults.Ok(r.Proposal)))
            .WithName("PreviewTimelineReset").WithSummary("Preview resetting the timeline: every open milestone re-planned from today on the buyer's calendar.")
            .Produces<TimelineResetProposal>().ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/replan", async (Guid planId, ReplanInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await ReplanCommands.ApplyAsync(db, http.Seller(), planId, input, clock, ct)).ToHttp(p => TypedResults.Ok(p)))
            .WithName("ResetTimeline").WithSummary("Reset the timeline: move every open milestone to its re-planned date, each move recorded with the reason.")
            .Produces<TimelineResetProposal>().ProducesValidationProblem().ProducesProblem(404);
    }
}
