using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Plans;

public sealed record PlanFilter(string? Q = null, DealStage? Stage = null, Guid? OwnerId = null, bool Archived = false, int Page = 1, int PageSize = 25);

public sealed record PlanListRow(Plan Plan, string? NextMilestone, DateOnly? NextMilestoneDate, int MilestonesDone, int MilestonesTotal);

/// <summary>The plan use cases (list, create, edit header, archive, restore, delete), for pages and API.</summary>
public static class PlanCommands
{
    public static async Task<(List<PlanListRow> Rows, int Total)> ListAsync(AppDbContext db, WorkspaceUser user, PlanFilter f, CancellationToken ct = default)
    {
        var q = db.PlansOf(user).Where(p => f.Archived ? p.ArchivedAt != null : p.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            // Case-insensitive on both providers: compare lower-cased text.
            var term = f.Q.Trim().ToLower();
            q = q.Where(p => p.Title.ToLower().Contains(term) || p.BuyerCompany.ToLower().Contains(term) || p.Solution.ToLower().Contains(term));
        }
        if (f.Stage is { } stage) q = q.Where(p => p.Stage == stage);
        if (f.OwnerId is { } owner) q = q.Where(p => p.OwnerId == owner);
        var total = await q.CountAsync(ct);
        var page = await q.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id)
            .Skip((f.Page - 1) * f.PageSize).Take(f.PageSize)
            .Select(p => new
            {
                Plan = p,
                Next = db.Milestones.Where(m => m.PlanId == p.Id && m.Status != MilestoneStatus.Done)
                    .OrderBy(m => m.TargetDate).Select(m => new { m.Title, m.TargetDate }).FirstOrDefault(),
                Done = db.Milestones.Count(m => m.PlanId == p.Id && m.Status == MilestoneStatus.Done),
                Total = db.Milestones.Count(m => m.PlanId == p.Id),
            })
            .ToListAsync(ct);
        return (page.Select(x => new PlanListRow(x.Plan, x.Next?.Title, x.Next?.TargetDate, x.Done, x.Total)).ToList(), total);
    }

    public static async Task<Outcome<Plan>> CreateAsync(AppDbContext db, WorkspaceUser user, PlanInput input, DateOnly today, CancellationToken ct = default)
    {
        var errors = FieldErrors.Of(input);
        await CheckOwnerAsync(db, user, input.OwnerId, errors, ct);
        if (errors.Count > 0) return Outcome<Plan>.Invalid(errors);
        var plan = new Plan { WorkspaceId = user.WorkspaceId, PreparedOn = today, OwnerId = user.UserId };
        Apply(input, plan);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return Outcome<Plan>.Ok(plan);
    }

    public static async Task<Outcome<Plan>> UpdateHeaderAsync(AppDbContext db, WorkspaceUser user, Guid planId, PlanInput input, CancellationToken ct = default)
    {
        var plan = await db.FindPlanAsync(user, planId, ct);
        if (plan is null) return Outcome<Plan>.NotFound();
        var errors = FieldErrors.Of(input);
        if (input.Version is null) errors.Add("version", "Send the version you last read, so a concurrent change is not overwritten.");
        await CheckOwnerAsync(db, user, input.OwnerId, errors, ct);
        if (errors.Count > 0) return Outcome<Plan>.Invalid(errors);
        if (input.Version != plan.Version) return Outcome<Plan>.Conflict(PlanHeaderDto.From(plan));
        Apply(input, plan);
        return await SaveAsync(db, plan, ct);
    }

    public static async Task<Outcome<Plan>> SetArchivedAsync(AppDbContext db, WorkspaceUser user, Guid planId, bool archived, DateTimeOffset now, CancellationToken ct = default)
    {
        var plan = await db.FindPlanAsync(user, planId, ct);
        if (plan is null) return Outcome<Plan>.NotFound();
        if (archived) plan.Archive(now); else plan.Restore();
        return await SaveAsync(db, plan, ct);
    }

    /// <summary>Permanently deletes the plan and everything in it (the database cascades).</summary>
    public static async Task<Outcome<bool>> DeleteAsync(AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default)
    {
        var plan = await db.FindPlanAsync(user, planId, ct);
        if (plan is null) return Outcome<bool>.NotFound();
        db.Plans.Remove(plan);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    private static void Apply(PlanInput input, Plan plan)
    {
        plan.Title = input.Title!.Trim();
        plan.BuyerCompany = input.BuyerCompany!.Trim();
        plan.Solution = input.Solution?.Trim() ?? "";
        plan.DealValue = input.DealValue;
        plan.Currency = input.Currency!.Trim().ToUpperInvariant();
        plan.Stage = input.Stage ?? plan.Stage;
        plan.OwnerId = input.OwnerId ?? plan.OwnerId;
        plan.PreparedOn = input.PreparedOn ?? plan.PreparedOn;
        plan.PeriodStart = input.PeriodStart;
        plan.PeriodEnd = input.PeriodEnd;
    }

    private static async Task CheckOwnerAsync(AppDbContext db, WorkspaceUser user, Guid? ownerId, FieldErrors errors, CancellationToken ct)
    {
        if (ownerId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.WorkspaceId == user.WorkspaceId, ct))
            errors.Add("ownerId", "The owner must be a member of your workspace.");
    }

    private static async Task<Outcome<Plan>> SaveAsync(AppDbContext db, Plan plan, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<Plan>.Ok(plan);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(plan).ReloadAsync(ct);
            return Outcome<Plan>.Conflict(PlanHeaderDto.From(plan));
        }
    }
}

/// <summary>The plan header as the API returns it in lists and after header updates.</summary>
public sealed record PlanHeaderDto(
    Guid Id, string Title, string BuyerCompany, string Solution, decimal? DealValue, string Currency,
    DealStage Stage, Guid? OwnerId, DateOnly PreparedOn, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt, int Version)
{
    public static PlanHeaderDto From(Plan p) => new(p.Id, p.Title, p.BuyerCompany, p.Solution, p.DealValue, p.Currency,
        p.Stage, p.OwnerId, p.PreparedOn, p.PeriodStart, p.PeriodEnd, p.CreatedAt, p.UpdatedAt, p.ArchivedAt, p.Version);
}
