using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.DateProposals;
using MutualPlan.Web.Features.Sharing;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Buyer;

public sealed class BuyerActionInput
{
    [Required(ErrorMessage = "Describe the action.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the description under 4000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the action's status.")]
    public ActionStatus? Status { get; set; }

    public DateOnly? DueDate { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the notes under 4000 characters.")]
    public string? Notes { get; set; }

    public int? Version { get; set; }
}

public sealed class BuyerStakeholderInput
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Name { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the title under 200 characters.")]
    public string? Title { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the address under 200 characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@company.com, or leave it empty.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose the person's role in the decision.")]
    public StakeholderRole? Role { get; set; }

    public BuyIn? BuyIn { get; set; }
}

/// <summary>
/// What a link with edit permission may change, and nothing more: buyer-side actions (complete,
/// reopen, edit), new milestone dates proposed through the date-proposal commands as the buyer,
/// the buy-in of buyer-side stakeholders and new buyer stakeholders. Internal and seller-side
/// items are not found (404), whatever id is sent. Each change runs as the link visitor, so the
/// activity feed names them.
/// </summary>
public static class BuyerEdits
{
    /// <summary>The roles a buyer may give a new colleague: their side's roles.</summary>
    public static readonly StakeholderRole[] BuyerRoles =
    [
        StakeholderRole.Champion, StakeholderRole.EconomicBuyer, StakeholderRole.TechnicalBuyer, StakeholderRole.Procurement, StakeholderRole.Legal,
        StakeholderRole.ImplementationLead, StakeholderRole.ExecutiveSponsor, StakeholderRole.EndUser, StakeholderRole.Other,
    ];

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<ActionItem?> BuyerActionAsync(AppDbContext db, BuyerSession s, Guid actionId, CancellationToken ct) =>
        await db.Actions.Where(a => a.Id == actionId && !a.IsInternal && a.Side != Side.Seller
                && db.Milestones.Any(m => m.Id == a.MilestoneId && m.PlanId == s.PlanId))
            .SingleOrDefaultAsync(ct);

    public static async Task<Outcome<ActionItem>> SetDoneAsync(AppDbContext db, BuyerSession s, Guid actionId, bool done, int? version, TimeProvider clock, CancellationToken ct = default)
    {
        var action = await BuyerActionAsync(db, s, actionId, ct);
        if (action is null) return Outcome<ActionItem>.NotFound();
        if (version is { } v && v != action.Version) return Outcome<ActionItem>.Conflict(action);
        action.SetStatus(done ? ActionStatus.Done : (action.Status == ActionStatus.Done ? ActionStatus.InProgress : action.Status), Today(clock));
        await db.SaveChangesAsync(ct);
        return Outcome<ActionItem>.Ok(action);
    }

    public static async Task<Outcome<ActionItem>> UpdateActionAsync(AppDbContext db, BuyerSession s, Guid actionId, BuyerActionInput input, TimeProvider clock, CancellationToken ct = default)
    {
        var action = await BuyerActionAsync(db, s, actionId, ct);
        if (action is null) return Outcome<ActionItem>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<ActionItem>.Invalid(errors);
        if (input.Version is { } v && v != action.Version) return Outcome<ActionItem>.Conflict(action);
        action.Description = input.Description!.Trim();
        action.DueDate = input.DueDate;
        action.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        action.SetStatus(input.Status!.Value, Today(clock));
        await db.SaveChangesAsync(ct);
        return Outcome<ActionItem>.Ok(action);
    }

    public static Task<Outcome<DateProposal>> ProposeDateAsync(AppDbContext db, BuyerSession s, Guid milestoneId, ProposeDateInput input, TimeProvider clock, CancellationToken ct = default) =>
        DateProposalCommands.ProposeAsync(db, s.Scope, s.PlanId, milestoneId, input, new Party(Side.Buyer, s.Name), clock, ct);

    public static Task<Outcome<DateProposal>> RespondAsync(AppDbContext db, BuyerSession s, Guid proposalId, RespondInput input, TimeProvider clock, CancellationToken ct = default) =>
        DateProposalCommands.RespondAsync(db, s.Scope, s.PlanId, proposalId, input, new Party(Side.Buyer, s.Name), clock, ct);

    public static async Task<Outcome<Stakeholder>> SetBuyInAsync(AppDbContext db, BuyerSession s, Guid stakeholderId, BuyIn? buyIn, int? version, CancellationToken ct = default)
    {
        var person = await db.Stakeholders.SingleOrDefaultAsync(p => p.Id == stakeholderId && p.PlanId == s.PlanId && p.Side != Side.Seller, ct);
        if (person is null) return Outcome<Stakeholder>.NotFound();
        if (buyIn is null) return Outcome<Stakeholder>.Invalid("buyIn", "Choose where this person stands.");
        if (version is { } v && v != person.Version) return Outcome<Stakeholder>.Conflict(person);
        person.BuyIn = buyIn.Value;
        await db.SaveChangesAsync(ct);
        return Outcome<Stakeholder>.Ok(person);
    }

    public static async Task<Outcome<Stakeholder>> AddStakeholderAsync(AppDbContext db, BuyerSession s, BuyerStakeholderInput input, CancellationToken ct = default)
    {
        var errors = FieldErrors.Of(input);
        if (input.Role is { } role && !BuyerRoles.Contains(role))
            errors.Add("role", "Choose a role on your side of the deal.");
        if (errors.Count > 0) return Outcome<Stakeholder>.Invalid(errors);
        var positions = await db.Stakeholders.Where(p => p.PlanId == s.PlanId).Select(p => p.Position).ToListAsync(ct);
        var person = new Stakeholder
        {
            PlanId = s.PlanId, Side = Side.Buyer, Name = input.Name!.Trim(), Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(), Role = input.Role!.Value, BuyIn = input.BuyIn ?? BuyIn.Unknown,
            Position = positions.Count == 0 ? 0 : positions.Max() + 1,
        };
        db.Stakeholders.Add(person);
        await db.SaveChangesAsync(ct);
        return Outcome<Stakeholder>.Ok(person);
    }
}
