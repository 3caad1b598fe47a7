using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Plans;

/// <summary>
/// The only ways to reach a plan: every one is scoped to the caller's workspace, so a plan of
/// another workspace is simply not found (404), never forbidden (which would confirm it exists).
/// </summary>
public static class PlanQueries
{
    public static IQueryable<Plan> PlansOf(this AppDbContext db, WorkspaceUser user) =>
        db.Plans.Where(p => p.WorkspaceId == user.WorkspaceId);

    /// <summary>The plan row alone (no sections), or null if not in the caller's workspace.</summary>
    public static Task<Plan?> FindPlanAsync(this AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default) =>
        db.PlansOf(user).SingleOrDefaultAsync(p => p.Id == planId, ct);

    /// <summary>
    /// The whole plan with every section, lists in their display order. Pass
    /// <paramref name="readOnly"/> for pages and API reads: untracked entities cost far less to
    /// load, and nothing is saved from them.
    /// </summary>
    public static async Task<Plan?> LoadWholePlanAsync(this AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default, bool readOnly = false)
    {
        var query = readOnly ? db.PlansOf(user).AsNoTracking() : db.PlansOf(user);
        var plan = await query
            .Include(p => p.Objectives)
            .Include(p => p.Metrics).ThenInclude(m => m.Measurements)
            .Include(p => p.Stakeholders)
            .Include(p => p.Milestones).ThenInclude(m => m.Actions)
            .Include(p => p.Milestones).ThenInclude(m => m.Assumptions)
            .Include(p => p.Milestones).ThenInclude(m => m.DependsOn)
            .Include(p => p.Risks)
            .Include(p => p.Resources)
            .Include(p => p.Calendar)
            .Include(p => p.DateProposals.Where(d => d.Status == DateProposalStatus.Open))
            .Include(p => p.DateChanges)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        SortForDisplay(plan);
        plan.Standing = new PlanStanding(await db.ShareLinks.AnyAsync(l => l.PlanId == planId, ct), await SignOffStatusAsync(db, plan, ct));
        return plan;
    }

    /// <summary>
    /// Where the plan's sign-off stands, for the coach. Cheaper than the full sign-off state: only
    /// whether a round is open, and the baseline compared with the plan as loaded.
    /// </summary>
    private static async Task<SignOffStatus> SignOffStatusAsync(AppDbContext db, Plan plan, CancellationToken ct)
    {
        var rounds = await db.SignOffRounds.AsNoTracking().Where(r => r.PlanId == plan.Id)
            .OrderBy(r => r.Number).Select(r => new { r.Status, r.Content }).ToListAsync(ct);
        if (rounds.Count == 0) return SignOffStatus.NotRequested;
        var baseline = rounds.LastOrDefault(r => r.Status == SignOffRoundStatus.Completed);
        if (baseline is not null && BaselineDiff.Compare(BaselineDiff.ReadBaseline(baseline.Content), plan).Count > 0)
            return SignOffStatus.ChangedSinceSigned;
        return rounds.Any(r => r.Status == SignOffRoundStatus.Open) ? SignOffStatus.AwaitingSignatures
            : baseline is not null ? SignOffStatus.Signed : SignOffStatus.NotRequested;
    }

    /// <summary>Lists ordered by their position (ties by id, so the order is stable).</summary>
    public static void SortForDisplay(Plan plan)
    {
        plan.Objectives = [.. plan.Objectives.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        plan.Metrics = [.. plan.Metrics.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        plan.Stakeholders = [.. plan.Stakeholders.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        plan.Milestones = [.. plan.Milestones.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        plan.Risks = [.. plan.Risks.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        plan.Resources = [.. plan.Resources.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        plan.Calendar = [.. plan.Calendar.OrderBy(x => x.From).ThenBy(x => x.Position).ThenBy(x => x.Id)];
        plan.DateProposals = [.. plan.DateProposals.OrderBy(x => x.ProposedAt)];
        plan.DateChanges = [.. plan.DateChanges.OrderBy(x => x.ChangedAt).ThenBy(x => x.Id)];
        foreach (var m in plan.Metrics) m.Measurements = [.. m.Measurements.OrderBy(x => x.MeasuredOn)];
        foreach (var m in plan.Milestones)
        {
            m.Actions = [.. m.Actions.OrderBy(x => x.Position).ThenBy(x => x.Id)];
            m.Assumptions = [.. m.Assumptions.OrderBy(x => x.Position).ThenBy(x => x.Id)];
        }
    }

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, Task<PlanStamp?>>> StampQuery = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid workspaceId, Guid planId) =>
            db.Plans.Where(p => p.Id == planId && p.WorkspaceId == workspaceId)
                .Select(p => new PlanStamp(p.Id, p.Title, p.Revision, p.Version)).SingleOrDefault()));

    /// <summary>Access check and cache key in one small (precompiled) query: null if not in the caller's workspace.</summary>
    public static Task<PlanStamp?> StampAsync(this AppDbContext db, WorkspaceUser user, Guid planId) =>
        StampQuery.For(db)(db, user.WorkspaceId, planId);

    /// <summary>The sellers of the caller's workspace (for owner pickers and names).</summary>
    public static Task<List<SellerRef>> SellersAsync(this AppDbContext db, WorkspaceUser user, CancellationToken ct = default) =>
        db.Users.Where(u => u.WorkspaceId == user.WorkspaceId)
            .OrderBy(u => u.DisplayName)
            .Select(u => new SellerRef(u.Id, u.DisplayName, u.Email ?? ""))
            .ToListAsync(ct);
}

public sealed record SellerRef(Guid Id, string Name, string Email);
