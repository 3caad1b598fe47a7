using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Items;

/// <summary>Input types carry the version the client last read, for optimistic concurrency.</summary>
public interface IVersionedInput
{
    int? Version { get; }
}

/// <summary>What a feature's rules may look at: the caller, the plan (with its lists) and today.</summary>
public sealed record ItemContext(AppDbContext Db, WorkspaceUser User, Plan Plan, Guid? ParentId, DateOnly Today, DateTimeOffset Now);

/// <summary>
/// The use cases every ordered list of a plan shares — list, find, create, update (with version
/// check), delete and move — written once. A feature (stakeholders, risks, actions, …) supplies only
/// what differs: where its items live, how input maps onto an item, its extra rules and its DTO.
/// Access: the plan is always looked up through the caller's workspace first, and the parent
/// (e.g. the milestone of an action) must belong to that plan, so ids of another workspace or of
/// another plan are simply not found.
/// </summary>
public abstract class ItemFeature<TItem, TInput, TDto>(TimeProvider clock)
    where TItem : Entity, IOrdered
    where TInput : class, IVersionedInput
{
    /// <summary>Lower-case singular noun for messages and ids, e.g. "stakeholder".</summary>
    public abstract string Singular { get; }

    /// <summary>The items of one list (unscoped: callers check the plan and parent first).</summary>
    protected abstract IQueryable<TItem> Items(AppDbContext db, Guid planId, Guid? parentId);

    /// <summary>Whether the list's parent exists inside the plan. Plan-level lists have no parent.</summary>
    protected virtual Task<bool> ParentExistsAsync(AppDbContext db, Guid planId, Guid? parentId, CancellationToken ct) =>
        Task.FromResult(parentId is null);

    protected abstract TItem NewItem(Guid planId, Guid? parentId);
    protected abstract void Apply(TInput input, TItem item, ItemContext ctx);
    public abstract TDto ToDto(TItem item);

    /// <summary>Rules beyond the input's own annotations (references to other items, cycles, …).</summary>
    protected virtual Task ValidateAsync(TInput input, TItem? existing, ItemContext ctx, FieldErrors errors) => Task.CompletedTask;

    /// <summary>Clean-up before an item is removed (e.g. clear references to it).</summary>
    protected virtual Task BeforeDeleteAsync(TItem item, ItemContext ctx) => Task.CompletedTask;

    private async Task<ItemContext?> ContextAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, CancellationToken ct)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct);
        if (plan is null || !await ParentExistsAsync(db, planId, parentId, ct)) return null;
        var now = clock.GetUtcNow();
        return new ItemContext(db, user, plan, parentId, DateOnly.FromDateTime(now.UtcDateTime), now);
    }

    private async Task<bool> VisibleAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, CancellationToken ct) =>
        await db.FindPlanAsync(user, planId, ct) is not null && await ParentExistsAsync(db, planId, parentId, ct);

    public async Task<Outcome<List<TItem>>> ListAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId = null, CancellationToken ct = default)
    {
        if (!await VisibleAsync(db, user, planId, parentId, ct)) return Outcome<List<TItem>>.NotFound();
        return Outcome<List<TItem>>.Ok(await Items(db, planId, parentId).OrderBy(x => x.Position).ThenBy(x => x.Id).ToListAsync(ct));
    }

    public async Task<Outcome<TItem>> FindAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, Guid id, CancellationToken ct = default)
    {
        if (!await VisibleAsync(db, user, planId, parentId, ct)) return Outcome<TItem>.NotFound();
        var item = await Items(db, planId, parentId).SingleOrDefaultAsync(x => x.Id == id, ct);
        return item is null ? Outcome<TItem>.NotFound() : Outcome<TItem>.Ok(item);
    }

    public async Task<Outcome<TItem>> CreateAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, TInput input, CancellationToken ct = default)
    {
        var ctx = await ContextAsync(db, user, planId, parentId, ct);
        if (ctx is null) return Outcome<TItem>.NotFound();
        var errors = FieldErrors.Of(input);
        await ValidateAsync(input, null, ctx, errors);
        if (errors.Count > 0) return Outcome<TItem>.Invalid(errors);

        var positions = await Items(db, planId, parentId).Select(x => x.Position).ToListAsync(ct);
        var item = NewItem(planId, parentId);
        item.Position = Reordering.NextPosition(positions);
        Apply(input, item, ctx);
        db.Add(item);
        await db.SaveChangesAsync(ct);
        return Outcome<TItem>.Ok(item);
    }

    public async Task<Outcome<TItem>> UpdateAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, Guid id, TInput input, CancellationToken ct = default)
    {
        var ctx = await ContextAsync(db, user, planId, parentId, ct);
        if (ctx is null) return Outcome<TItem>.NotFound();
        var item = await Items(db, planId, parentId).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (item is null) return Outcome<TItem>.NotFound();
        var errors = FieldErrors.Of(input);
        if (input.Version is null) errors.Add("version", "Send the version you last read, so a concurrent change is not overwritten.");
        await ValidateAsync(input, item, ctx, errors);
        if (errors.Count > 0) return Outcome<TItem>.Invalid(errors);
        if (input.Version != item.Version) return Outcome<TItem>.Conflict(ToDto(item)!);

        Apply(input, item, ctx);
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<TItem>.Ok(item);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report the state as it is now.
            await db.Entry(item).ReloadAsync(ct);
            return Outcome<TItem>.Conflict(ToDto(item)!);
        }
    }

    public async Task<Outcome<bool>> DeleteAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, Guid id, CancellationToken ct = default)
    {
        var ctx = await ContextAsync(db, user, planId, parentId, ct);
        if (ctx is null) return Outcome<bool>.NotFound();
        var item = await Items(db, planId, parentId).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (item is null) return Outcome<bool>.NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await BeforeDeleteAsync(item, ctx);
        db.Remove(item);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Moves an item to a new 0-based index; returns the list in its new order.</summary>
    public async Task<Outcome<List<TItem>>> MoveAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid? parentId, Guid id, int newIndex, CancellationToken ct = default)
    {
        var list = await ListAsync(db, user, planId, parentId, ct);
        if (!list.IsOk) return list;
        var all = list.Value!;
        var item = all.FirstOrDefault(x => x.Id == id);
        if (item is null) return Outcome<List<TItem>>.NotFound();
        Reordering.MoveTo(all, item, newIndex, (x, i) => x.Position = i);
        await db.SaveChangesAsync(ct);
        return Outcome<List<TItem>>.Ok([.. all.OrderBy(x => x.Position)]);
    }
}

/// <summary>A list that hangs directly off the plan (stakeholders, risks, metrics, …).</summary>
public abstract class PlanItemFeature<TItem, TInput, TDto>(TimeProvider clock) : ItemFeature<TItem, TInput, TDto>(clock)
    where TItem : PlanItem, new()
    where TInput : class, IVersionedInput
{
    protected override IQueryable<TItem> Items(AppDbContext db, Guid planId, Guid? parentId) =>
        db.Set<TItem>().Where(x => x.PlanId == planId);

    protected override TItem NewItem(Guid planId, Guid? parentId) => new() { PlanId = planId };
}

/// <summary>A list inside a milestone (its actions and assumptions).</summary>
public abstract class MilestoneItemFeature<TItem, TInput, TDto>(TimeProvider clock) : ItemFeature<TItem, TInput, TDto>(clock)
    where TItem : Entity, IMilestoneChild, new()
    where TInput : class, IVersionedInput
{
    protected override IQueryable<TItem> Items(AppDbContext db, Guid planId, Guid? parentId) =>
        db.Set<TItem>().Where(x => x.MilestoneId == parentId);

    protected override Task<bool> ParentExistsAsync(AppDbContext db, Guid planId, Guid? parentId, CancellationToken ct) =>
        db.Milestones.AnyAsync(m => m.Id == parentId && m.PlanId == planId, ct);

    protected override TItem NewItem(Guid planId, Guid? parentId) => new() { MilestoneId = parentId!.Value };
}

public static class ItemFeatureRegistration
{
    /// <summary>Registers every concrete item feature (they are stateless singletons).</summary>
    public static IServiceCollection AddItemFeatures(this IServiceCollection services)
    {
        foreach (var type in typeof(ItemFeatureRegistration).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && IsItemFeature(t)))
            services.AddSingleton(type);
        return services;
    }

    private static bool IsItemFeature(Type t)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType)
            if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(ItemFeature<,,>)) return true;
        return false;
    }
}
