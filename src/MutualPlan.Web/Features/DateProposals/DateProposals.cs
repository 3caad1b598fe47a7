using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Renegotiation;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Renegotiation;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.DateProposals;

public sealed class ProposeDateInput
{
    [Required(ErrorMessage = "Choose the date you propose.")]
    public DateOnly? ProposedDate { get; set; }

    [Required(ErrorMessage = "Say why the date should move: the other side decides on it.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the reason under 4000 characters.")]
    public string? Reason { get; set; }
}

public enum ProposalDecision { Accept, Counter, Decline }

public sealed class RespondInput
{
    [Required(ErrorMessage = "Choose accept, counter or decline.")]
    public ProposalDecision? Decision { get; set; }

    /// <summary>For a counter-proposal: the date you propose instead.</summary>
    public DateOnly? CounterDate { get; set; }

    [StringLength(DateProposal.NoteMax, ErrorMessage = "Keep the note under 2000 characters.")]
    public string? Note { get; set; }

    public int? Version { get; set; }
}

/// <summary>Who proposes or answers: a side of the deal and a person's name.</summary>
public sealed record Party(Side Side, string Name);

public sealed record DateProposalDto(Guid Id, Guid MilestoneId, string MilestoneTitle, DateOnly FromDate, DateOnly ProposedDate, string Reason,
    Side ProposedBySide, string ProposedBy, DateTimeOffset ProposedAt, DateProposalStatus Status, string? RespondedBy,
    DateTimeOffset? RespondedAt, string? ResponseNote, Guid? CounterToId, int Version)
{
    public static DateProposalDto From(DateProposal p, string title) => new(p.Id, p.MilestoneId, title, p.FromDate, p.ProposedDate, p.Reason,
        p.ProposedBySide, p.ProposedBy, p.ProposedAt, p.Status, p.RespondedBy, p.RespondedAt, p.ResponseNote, p.CounterToId, p.Version);
}

/// <summary>
/// Negotiating a milestone date between the two sides: one proposes, the other accepts, counters
/// or declines. Acceptance moves the date through the slip planner (dependents move with it) and
/// records the move with the proposer's reason and both names. One open proposal per milestone:
/// a new one from the same side replaces it, and answering is done by the other side only.
/// Both the seller (signed in) and the buyer (through an edit link) call these, each with the
/// workspace scope of the plan and their own <see cref="Party"/>.
/// </summary>
public static class DateProposalCommands
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<Outcome<List<DateProposal>>> ListAsync(AppDbContext db, WorkspaceUser scope, Guid planId, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(scope, planId, ct) is null) return Outcome<List<DateProposal>>.NotFound();
        var list = await db.DateProposals.Where(p => p.PlanId == planId).OrderByDescending(p => p.ProposedAt).ToListAsync(ct);
        return Outcome<List<DateProposal>>.Ok(list);
    }

    public static async Task<Outcome<DateProposal>> ProposeAsync(AppDbContext db, WorkspaceUser scope, Guid planId, Guid milestoneId,
        ProposeDateInput input, Party by, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(scope, planId, ct);
        var milestone = plan?.Milestones.FirstOrDefault(m => m.Id == milestoneId);
        if (plan is null || milestone is null) return Outcome<DateProposal>.NotFound();
        var errors = FieldErrors.Of(input);
        if (input.ProposedDate is { } date)
        {
            if (date == milestone.TargetDate) errors.Add("proposedDate", "That is the current date: propose a different one.");
            else if (date <= Today(clock)) errors.Add("proposedDate", "Propose a date after today.");
        }
        if (milestone.Status == MilestoneStatus.Done) errors.Add("proposedDate", "This milestone is done: its date no longer moves.");
        if (errors.Count > 0) return Outcome<DateProposal>.Invalid(errors);

        var now = clock.GetUtcNow();
        var open = await db.DateProposals.Where(p => p.MilestoneId == milestoneId && p.Status == DateProposalStatus.Open).ToListAsync(ct);
        foreach (var o in open)
        {
            // A new proposal answers the other side's open one (a counter) or replaces one's own.
            o.Status = o.ProposedBySide == by.Side ? DateProposalStatus.Withdrawn : DateProposalStatus.Countered;
            o.RespondedBy = by.Name; o.RespondedAt = now;
        }
        var proposal = new DateProposal
        {
            PlanId = planId, MilestoneId = milestoneId, FromDate = milestone.TargetDate, ProposedDate = input.ProposedDate!.Value,
            Reason = input.Reason!.Trim(), ProposedBySide = by.Side, ProposedBy = by.Name, ProposedAt = now,
            CounterToId = open.FirstOrDefault(o => o.ProposedBySide != by.Side)?.Id,
        };
        db.DateProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return Outcome<DateProposal>.Ok(proposal);
    }

    public static async Task<Outcome<DateProposal>> RespondAsync(AppDbContext db, WorkspaceUser scope, Guid planId, Guid proposalId,
        RespondInput input, Party by, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(scope, planId, ct);
        if (plan is null) return Outcome<DateProposal>.NotFound();
        var proposal = await db.DateProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.PlanId == planId, ct);
        if (proposal is null) return Outcome<DateProposal>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<DateProposal>.Invalid(errors);
        if (input.Version is { } v && v != proposal.Version) return Outcome<DateProposal>.Conflict(proposal);
        if (!proposal.IsOpen) return Outcome<DateProposal>.Invalid("decision", $"This proposal is already {proposal.Status.ToString().ToLowerInvariant()}.");
        if (proposal.ProposedBySide == by.Side)
            return Outcome<DateProposal>.Invalid("decision", "The other side answers a proposal; you can replace yours with a new one.");

        var now = clock.GetUtcNow();
        switch (input.Decision!.Value)
        {
            case ProposalDecision.Counter:
                var counter = await ProposeAsync(db, scope, planId, proposal.MilestoneId,
                    new ProposeDateInput { ProposedDate = input.CounterDate, Reason = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note },
                    by, clock, ct);
                if (!counter.IsOk)
                {
                    var e = new FieldErrors();
                    foreach (var (field, messages) in counter.Errors!)
                        foreach (var m in messages) e.Add(field == "proposedDate" ? "counterDate" : field == "reason" ? "note" : field, m);
                    return Outcome<DateProposal>.Invalid(e);
                }
                return counter;
            case ProposalDecision.Accept:
                var milestone = plan.Milestones.Single(m => m.Id == proposal.MilestoneId);
                if (milestone.TargetDate != proposal.ProposedDate)
                {
                    var slip = SlipPlanner.Propose(plan, milestone.Id, proposal.ProposedDate);
                    RescheduleCommands.Apply(db, plan, slip, slip.Dependents, $"Proposed by {proposal.ProposedBy}: {proposal.Reason}",
                        $"{proposal.ProposedBy} and {by.Name}", now);
                }
                proposal.Status = DateProposalStatus.Accepted;
                break;
            default:
                proposal.Status = DateProposalStatus.Declined;
                break;
        }
        proposal.RespondedBy = by.Name;
        proposal.RespondedAt = now;
        proposal.ResponseNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await db.SaveChangesAsync(ct);
        return Outcome<DateProposal>.Ok(proposal);
    }
}

public sealed class DateProposalsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}").WithTags("Renegotiation");
        static Party Seller(HttpContext http) => new(Side.Seller, http.Seller().DisplayName);
        static async Task<string> TitleAsync(AppDbContext db, Guid milestoneId) =>
            await db.Milestones.Where(m => m.Id == milestoneId).Select(m => m.Title).SingleAsync();

        g.MapGet("/date-proposals", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                var list = await DateProposalCommands.ListAsync(db, http.Seller(), planId, ct);
                if (!list.IsOk) return (IResult)ApiResults.NotFound();
                var titles = await db.Milestones.Where(m => m.PlanId == planId).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
                return TypedResults.Ok(list.Value!.Select(p => DateProposalDto.From(p, titles.GetValueOrDefault(p.MilestoneId, ""))).ToList());
            })
            .WithName("ListDateProposals").WithSummary("Date proposals between the two sides, newest first, with their answers.")
            .Produces<List<DateProposalDto>>().ProducesProblem(404);
        g.MapPost("/milestones/{milestoneId:guid}/date-proposals", async (Guid planId, Guid milestoneId, ProposeDateInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await DateProposalCommands.ProposeAsync(db, http.Seller(), planId, milestoneId, input, Seller(http), clock, ct))
                    .ToHttp(p => TypedResults.Created($"/api/v1/plans/{planId}/date-proposals/{p.Id}", DateProposalDto.From(p, ""))))
            .WithName("ProposeDate").WithSummary("Propose a new date for a milestone to the buyer; nothing moves until they accept.")
            .Produces<DateProposalDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/date-proposals/{proposalId:guid}/response", async (Guid planId, Guid proposalId, RespondInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await DateProposalCommands.RespondAsync(db, http.Seller(), planId, proposalId, input, Seller(http), clock, ct);
                return outcome.IsOk ? TypedResults.Ok(DateProposalDto.From(outcome.Value!, await TitleAsync(db, outcome.Value!.MilestoneId))) : outcome.ToHttp(_ => TypedResults.Ok());
            })
            .WithName("RespondToDateProposal").WithSummary("Accept (the date moves, with its dependents, recorded), counter with another date, or decline the buyer's proposal.")
            .Produces<DateProposalDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}
