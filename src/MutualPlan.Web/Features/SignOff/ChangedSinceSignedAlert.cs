using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Notifications;

namespace MutualPlan.Web.Features.SignOff;

/// <summary>
/// Tells the signers on both sides the moment a signed plan stops matching what they signed: the
/// first save that adds or removes a milestone, moves its date or gives it another owner after a
/// completed round. Called by <see cref="AppDbContext.SaveChangesAsync"/> before it saves, so every
/// way a milestone changes (its form, the API, a reschedule and its cascade, an accepted date
/// proposal, an import) is covered in one place and the notification commits with the change.
/// Once per signed baseline: the event key starts with the baseline round, so later edits stay quiet
/// until everyone signs again.
/// </summary>
public static class ChangedSinceSignedAlert
{
    public const string EventPrefix = "changed-since-signed:";

    public static async Task RaiseAsync(AppDbContext db, Actor actor, CancellationToken ct)
    {
        var candidates = db.ChangeTracker.Entries<Milestone>().Where(e => e.State switch
        {
            EntityState.Added or EntityState.Deleted => true,
            EntityState.Modified => !Equals(e.OriginalValues[nameof(Milestone.TargetDate)], e.Entity.TargetDate)
                || !Equals(e.OriginalValues[nameof(Milestone.Owner)], e.Entity.Owner),
            _ => false,
        }).ToList();
        if (candidates.Count == 0) return;

        // A plan being created or deleted in this save has no signed baseline worth a word.
        var planEntries = db.ChangeTracker.Entries<Plan>().Where(e => e.State is EntityState.Added or EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        var planIds = candidates.Select(e => e.Entity.PlanId).Where(id => !planEntries.Contains(id)).ToHashSet();
        if (planIds.Count == 0) return;

        var completed = await db.SignOffRounds.AsNoTracking()
            .Where(r => planIds.Contains(r.PlanId) && r.Status == SignOffRoundStatus.Completed)
            .Select(r => new { r.Id, r.PlanId, r.Number }).ToListAsync(ct);
        foreach (var baseline in completed.GroupBy(r => r.PlanId).Select(g => g.MaxBy(r => r.Number)!))
        {
            var prefix = EventPrefix + baseline.Id + ":";
            // The key names the baseline and this save. Two people making the first edit at the same
            // moment then both tell the signers (a rare double notice) instead of one edit failing on a
            // unique key and being lost. The webhook still sends one event per baseline.
            var eventKey = prefix + Guid.NewGuid().ToString("N")[..12];
            // Already told (by anyone's edit) about this baseline: nothing more until the next signing.
            if (await db.Notifications.AnyAsync(n => n.PlanId == baseline.PlanId && n.EventKey!.StartsWith(prefix), ct)) continue;

            var content = await db.SignOffRounds.AsNoTracking().Where(r => r.Id == baseline.Id).Select(r => r.Content).SingleAsync(ct);
            var signed = BaselineDiff.ReadBaseline(content).ToDictionary(m => m.Id);
            var changes = candidates.Where(e => e.Entity.PlanId == baseline.PlanId)
                .Select(e => Material(e.State, e.Entity, signed.GetValueOrDefault(e.Entity.Id))).OfType<MilestoneChange>().ToList();
            if (changes.Count == 0) continue;

            var plan = await db.Plans.AsNoTracking().Where(p => p.Id == baseline.PlanId).Select(p => new { p.Id, p.Title, p.WorkspaceId }).SingleAsync(ct);
            var recipients = await SignersAsync(db, baseline.Id, plan.Id, plan.WorkspaceId, ct);
            var first = changes[0];
            var text = $"“{plan.Title}” changed since it was signed: {first.Title} — {BaselineDiff.Describe(first)}";
            var detail = string.Join("; ", changes.Select(c => $"{c.Title}: {BaselineDiff.Describe(c)}"));
            await NotificationEvents.RaiseAsync(db, plan.Id, NotificationKind.ChangedSinceSigned, text, detail,
                $"/plans/{plan.Id}/sign-off", recipients, eventKey, actor, ct: ct);
        }
    }

    /// <summary>How this change makes the milestone differ from what was signed; null when it does not (yet, or any more).</summary>
    private static MilestoneChange? Material(EntityState state, Milestone m, BaselineMilestone? b)
    {
        if (state == EntityState.Added)
            return b is null ? new(m.Id, m.Title, [MilestoneChangeKind.Added], null, m.TargetDate, null, m.Owner) : null;
        if (b is null) return null; // added after signing: that addition was the change
        if (state == EntityState.Deleted)
            return new(m.Id, b.Title, [MilestoneChangeKind.Removed], b.Date, null, b.Owner, null);
        var kinds = new List<MilestoneChangeKind>();
        if (b.Date != m.TargetDate) kinds.Add(MilestoneChangeKind.DateMoved);
        if (b.Owner != m.Owner) kinds.Add(MilestoneChangeKind.OwnerChanged);
        return kinds.Count == 0 ? null : new(m.Id, m.Title, kinds, b.Date, m.TargetDate, b.Owner, m.Owner);
    }

    /// <summary>
    /// The people who signed the baseline and can still be reached: sellers still in the workspace,
    /// buyer stakeholders still on the plan with an address, once the plan is shared with the buyer.
    /// </summary>
    private static async Task<List<NotificationRecipient>> SignersAsync(AppDbContext db, Guid roundId, Guid planId, Guid workspaceId, CancellationToken ct)
    {
        var signers = await db.SignOffSigners.AsNoTracking().Where(s => s.RoundId == roundId).OrderBy(s => s.Position).ToListAsync(ct);
        var userIds = signers.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).ToList();
        var sellers = await db.Users.Where(u => userIds.Contains(u.Id) && u.WorkspaceId == workspaceId)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var stakeholderIds = signers.Where(s => s.StakeholderId is not null).Select(s => s.StakeholderId!.Value).ToList();
        var shared = await NotificationEvents.IsSharedAsync(db, planId, ct);
        var buyers = !shared ? [] : await db.Stakeholders.AsNoTracking()
            .Where(s => stakeholderIds.Contains(s.Id) && s.PlanId == planId && s.Email != null && s.Email != "")
            .Select(s => new { s.Id, s.Name, s.Email }).ToDictionaryAsync(s => s.Id, ct);
        var people = new List<NotificationRecipient>();
        foreach (var s in signers)
        {
            if (s.UserId is { } u && sellers.TryGetValue(u, out var name)) people.Add(NotificationRecipient.Seller(u, name));
            else if (s.StakeholderId is { } sid && buyers.TryGetValue(sid, out var b)) people.Add(NotificationRecipient.Stakeholder(b.Id, b.Name, b.Email!));
        }
        return people;
    }
}
