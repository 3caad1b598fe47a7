using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Objectives;

/// <summary>The objective use cases, called by both the plan page and the API.</summary>
public static class ObjectiveCommands
{
    private static IQueryable<Objective> ObjectivesOf(AppDbContext db, WorkspaceUser user, Guid planId) =>
        db.Objectives.Where(o => o.PlanId == planId && db.Plans.Any(p => p.Id == planId && p.WorkspaceId == user.WorkspaceId));

    public static Task<List<Objective>> ListAsync(AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default) =>
        ObjectivesOf(db, user, planId).OrderBy(o => o.Position).ThenBy(o => o.Id).ToListAsync(ct);

    public static Task<Objective?> FindAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid id, CancellationToken ct = default) =>
        ObjectivesOf(db, user, planId).SingleOrDefaultAsync(o => o.Id == id, ct);

    public static async Task<Outcome<Objective>> CreateAsync(AppDbContext db, WorkspaceUser user, Guid planId, ObjectiveInput input, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<Objective>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<Objective>.Invalid(errors);
        var positions = await db.Objectives.Where(o => o.PlanId == planId).Select(o => o.Position).ToListAsync(ct);
        var objective = new Objective
        {
            PlanId = planId, Position = Reordering.NextPosition(positions),
            Title = input.Title!.Trim(), Description = input.Description?.Trim(),
        };
        db.Objectives.Add(objective);
        await db.SaveChangesAsync(ct);
        return Outcome<Objective>.Ok(objective);
    }

    public static async Task<Outcome<Objective>> UpdateAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid id, ObjectiveInput input, CancellationToken ct = default)
    {
        var objective = await FindAsync(db, user, planId, id, ct);
        if (objective is null) return Outcome<Objective>.NotFound();
        var errors = FieldErrors.Of(input);
        if (input.Version is null) errors.Add("version", "Send the version you last read, so a concurrent change is not overwritten.");
        if (errors.Count > 0) return Outcome<Objective>.Invalid(errors);
        if (input.Version != objective.Version) return Outcome<Objective>.Conflict(ObjectiveDto.From(objective));

        objective.Title = input.Title!.Trim();
        objective.Description = input.Description?.Trim();
        return await SaveAsync(db, objective, ct);
    }

    public static async Task<Outcome<bool>> DeleteAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid id, CancellationToken ct = default)
    {
        var objective = await FindAsync(db, user, planId, id, ct);
        if (objective is null) return Outcome<bool>.NotFound();
        db.Objectives.Remove(objective);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Moves an objective to a new index (0-based) in the list.</summary>
    public static async Task<Outcome<List<Objective>>> MoveAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid id, int newIndex, CancellationToken ct = default)
    {
        var all = await ListAsync(db, user, planId, ct);
        var item = all.FirstOrDefault(o => o.Id == id);
        if (item is null) return Outcome<List<Objective>>.NotFound();
        Reordering.MoveTo(all, item, newIndex);
        await db.SaveChangesAsync(ct);
        return Outcome<List<Objective>>.Ok([.. all.OrderBy(o => o.Position)]);
    }

    private static async Task<Outcome<Objective>> SaveAsync(AppDbContext db, Objective objective, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<Objective>.Ok(objective);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report the state as it is now.
            var entry = db.Entry(objective);
            await entry.ReloadAsync(ct);
            return Outcome<Objective>.Conflict(ObjectiveDto.From(objective));
        }
    }
}
