using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Milestones;

public sealed class MilestoneInput : IVersionedInput
{
    [Required(ErrorMessage = "Name the milestone as buyer progress, e.g. \"Security review approved\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the milestone title under 200 characters.")]
    public string? Title { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the description under 4000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the phase this milestone belongs to.")]
    public MilestonePhase? Phase { get; set; }

    [Required(ErrorMessage = "Choose who owns this milestone.")]
    public OwnerSide? Owner { get; set; }

    [Required(ErrorMessage = "Set a target date.")]
    public DateOnly? TargetDate { get; set; }

    public MilestoneStatus? Status { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the bridge statement under 4000 characters.")]
    public string? Bridge { get; set; }

    /// <summary>Why the target date changed (recorded with the change; the coach flags changes without one).</summary>
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the reason under 4000 characters.")]
    public string? DateChangeReason { get; set; }

    /// <summary>Ids of milestones of the same plan that must be done first.</summary>
    public List<Guid>? DependsOn { get; set; }

    /// <summary>Estimated working days of work towards the milestone: the quick case …</summary>
    [Range(1, Milestone.MaxDurationDays, ErrorMessage = "Estimate between 1 and 250 working days.")]
    public int? DurationMinDays { get; set; }

    /// <summary>… and the realistic case the scheduler plans with.</summary>
    [Range(1, Milestone.MaxDurationDays, ErrorMessage = "Estimate between 1 and 250 working days.")]
    public int? DurationMaxDays { get; set; }

    /// <summary>A fixed event of the plan's calendar this milestone must land on.</summary>
    public Guid? PinnedEventId { get; set; }

    public int? Version { get; set; }

    public static MilestoneInput From(Milestone m) => new()
    {
        Title = m.Title, Description = m.Description, Phase = m.Phase, Owner = m.Owner, TargetDate = m.TargetDate,
        Status = m.Status, Bridge = m.Bridge, DependsOn = m.DependsOn.Select(d => d.DependsOnId).ToList(),
        DurationMinDays = m.DurationMinDays, DurationMaxDays = m.DurationMaxDays, PinnedEventId = m.PinnedEventId, Version = m.Version,
    };
}

public sealed record MilestoneDto(
    Guid Id, int Position, string Title, string? Description, MilestonePhase Phase, OwnerSide Owner, DateOnly TargetDate,
    DateOnly? BaselineDate, int? SlipDays, MilestoneStatus Status, DateOnly? CompletedOn, string? Bridge, List<Guid> DependsOn,
    int? DurationMinDays, int? DurationMaxDays, Guid? PinnedEventId, int Version);

/// <summary>Milestones: the buyer's progress, dated, owned, with dependencies kept acyclic.</summary>
public sealed class MilestoneFeature(TimeProvider clock) : PlanItemFeature<Milestone, MilestoneInput, MilestoneDto>(clock)
{
    public override string Singular => "milestone";

    public override MilestoneDto ToDto(Milestone m) => new(m.Id, m.Position, m.Title, m.Description, m.Phase, m.Owner, m.TargetDate,
        m.BaselineDate, m.SlipDays, m.Status, m.CompletedOn, m.Bridge, m.DependsOn.Select(d => d.DependsOnId).ToList(),
        m.DurationMinDays, m.DurationMaxDays, m.PinnedEventId, m.Version);

    // Dependencies are needed by ToDto and cycle checks: always load them with the milestone.
    protected override IQueryable<Milestone> Items(Data.AppDbContext db, Guid planId, Guid? parentId) =>
        base.Items(db, planId, parentId).Include(m => m.DependsOn);

    protected override Task ValidateAsync(MilestoneInput input, Milestone? existing, ItemContext ctx, FieldErrors errors)
    {
        var deps = input.DependsOn ?? [];
        var byId = ctx.Plan.Milestones.ToDictionary(m => m.Id);
        if (deps.Any(d => !byId.ContainsKey(d)))
            errors.Add("dependsOn", "Dependencies must be milestones of this plan.");
        else if (existing is not null && deps.Contains(existing.Id))
            errors.Add("dependsOn", "A milestone cannot depend on itself.");
        else if (existing is not null && FindCycle(ctx.Plan, existing.Id, deps) is { } cycle)
            errors.Add("dependsOn", "That would make a circular dependency: " + string.Join(" → ", cycle.Select(id => $"“{byId[id].Title}”")) + ".");
        if (input.DurationMinDays is { } min && input.DurationMaxDays is { } max && max < min)
            errors.Add("durationMaxDays", "The realistic estimate cannot be shorter than the quick one.");
        if (input.PinnedEventId is { } pin && !ctx.Plan.Calendar.Any(c => c.Id == pin && c.Kind == CalendarEntryKind.FixedEvent))
            errors.Add("pinnedEventId", "Pin the milestone to one of this plan's fixed events (add it to the buyer calendar first).");
        return Task.CompletedTask;
    }

    /// <summary>
    /// If <paramref name="milestoneId"/> depended on <paramref name="newDeps"/>, would a prerequisite
    /// (transitively) depend back on it? Returns the loop as a path, or null.
    /// </summary>
    public static List<Guid>? FindCycle(Plan plan, Guid milestoneId, IReadOnlyCollection<Guid> newDeps)
    {
        var edges = plan.Milestones.ToDictionary(m => m.Id, m => m.DependsOn.Select(d => d.DependsOnId).ToList());
        edges[milestoneId] = [.. newDeps];
        // Depth-first search from each new prerequisite looking for milestoneId.
        List<Guid>? Search(Guid node, List<Guid> path, HashSet<Guid> seen)
        {
            if (node == milestoneId) return [milestoneId, .. path];
            if (!seen.Add(node)) return null;
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
                if (Search(next, [.. path, next], seen) is { } found) return found;
            return null;
        }
        foreach (var dep in newDeps)
            if (Search(dep, [dep], []) is { } loop) return loop;
        return null;
    }

    protected override void Apply(MilestoneInput i, Milestone m, ItemContext ctx)
    {
        // A new milestone has no history; an existing one whose date moves leaves a record.
        var existing = ctx.Db.Entry(m).State != Microsoft.EntityFrameworkCore.EntityState.Detached;
        if (existing && i.TargetDate is { } newDate && newDate != m.TargetDate)
            ctx.Db.DateChanges.Add(new DateChange
            {
                PlanId = m.PlanId, MilestoneId = m.Id, OldDate = m.TargetDate, NewDate = newDate,
                Reason = i.DateChangeReason?.Trim() ?? "", AgreedBy = ctx.User.DisplayName, ChangedAt = ctx.Now,
            });
        m.Title = i.Title!.Trim();
        m.Description = i.Description?.Trim();
        m.Phase = i.Phase!.Value;
        m.Owner = i.Owner!.Value;
        m.TargetDate = i.TargetDate!.Value;
        m.SetStatus(i.Status ?? MilestoneStatus.Planned, ctx.Today);
        m.Bridge = i.Bridge?.Trim();
        m.DurationMinDays = i.DurationMinDays ?? i.DurationMaxDays;
        m.DurationMaxDays = i.DurationMaxDays ?? i.DurationMinDays;
        m.PinnedEventId = i.PinnedEventId;
        var wanted = (i.DependsOn ?? []).Distinct().ToHashSet();
        m.DependsOn.RemoveAll(d => !wanted.Contains(d.DependsOnId));
        foreach (var id in wanted.Where(id => m.DependsOn.All(d => d.DependsOnId != id)))
            m.DependsOn.Add(new MilestoneDependency { MilestoneId = m.Id, DependsOnId = id });
    }

    protected override async Task BeforeDeleteAsync(Milestone item, ItemContext ctx)
    {
        // Links from other milestones to this one go too; risks pointing at it keep their text
        // but lose the link (ON DELETE SET NULL).
        var links = await ctx.Db.MilestoneDependencies.Where(d => d.DependsOnId == item.Id || d.MilestoneId == item.Id).ToListAsync();
        ctx.Db.MilestoneDependencies.RemoveRange(links);
    }
}

public sealed class MilestonesApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapItems("/plans/{planId:guid}/milestones", "Milestones", "Milestone", "Milestones",
            sp => sp.GetRequiredService<MilestoneFeature>());
}
