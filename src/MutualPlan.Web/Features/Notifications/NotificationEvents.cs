using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure.Jobs;

namespace MutualPlan.Web.Features.Notifications;

/// <summary>Someone to notify: a seller (user id) or a stakeholder of the plan (stakeholder id, with an e-mail address).</summary>
public sealed record NotificationRecipient(MentionKind Kind, Guid Id, string Name, string? Email)
{
    public static NotificationRecipient Seller(Guid userId, string name) => new(MentionKind.Seller, userId, name, null);
    public static NotificationRecipient Stakeholder(Guid stakeholderId, string name, string email) => new(MentionKind.Stakeholder, stakeholderId, name, email);
}

/// <summary>
/// Raising notifications. Every notification added to the context is turned into an e-mail job
/// in the same save (<see cref="StageEmails"/>), so a notification and its delivery commit or
/// fail together (the outbox). Other features call <see cref="RaiseAsync"/> before their own
/// <c>SaveChangesAsync</c>; changes to assignees and milestone dates are noticed by the data layer
/// itself (<see cref="FromChangesAsync"/>).
/// </summary>
public static class NotificationEvents
{
    public const string EmailJob = "notification-email";

    /// <summary>
    /// Adds one notification per recipient to <paramref name="db"/> (not saved: the caller's
    /// <c>SaveChangesAsync</c> commits it with the change). Without <paramref name="recipients"/>,
    /// the plan's audience is notified: its owner and, once the plan has been shared with the buyer
    /// (an active link) and unless <paramref name="internalOnly"/>, every buyer stakeholder with an
    /// e-mail address. The acting seller is left out. With an <paramref name="eventKey"/>
    /// ("sign-off:{roundId}"), a recipient already notified of that event is skipped, so the same
    /// event raised twice notifies once. Returns how many notifications were added.
    /// </summary>
    public static async Task<int> RaiseAsync(AppDbContext db, Guid planId, NotificationKind kind, string text,
        string? detail = null, string? url = null, IEnumerable<NotificationRecipient>? recipients = null,
        string? eventKey = null, Actor? actor = null, bool internalOnly = false, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new PlanInfo(p.Id, p.WorkspaceId, p.Title, p.OwnerId)).SingleOrDefaultAsync(ct);
        if (plan is null) return 0;
        var people = recipients?.ToList() ?? await AudienceAsync(db, plan, internalOnly, ct);
        if (internalOnly) people.RemoveAll(p => p.Kind == MentionKind.Stakeholder);
        return await AddAsync(db, plan, kind, text, detail, url, people, eventKey, actor, ct);
    }

    /// <summary>The plan's owner and, when the plan is shared with the buyer, its buyer stakeholders with an address.</summary>
    public static async Task<List<NotificationRecipient>> AudienceAsync(AppDbContext db, Guid planId, bool internalOnly = false, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new PlanInfo(p.Id, p.WorkspaceId, p.Title, p.OwnerId)).SingleOrDefaultAsync(ct);
        return plan is null ? [] : await AudienceAsync(db, plan, internalOnly, ct);
    }

    private static async Task<List<NotificationRecipient>> AudienceAsync(AppDbContext db, PlanInfo plan, bool internalOnly, CancellationToken ct)
    {
        var people = new List<NotificationRecipient>();
        if (plan.OwnerId is { } owner)
        {
            var name = await db.Users.Where(u => u.Id == owner && u.WorkspaceId == plan.WorkspaceId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            if (name is not null) people.Add(NotificationRecipient.Seller(owner, name));
        }
        if (!internalOnly && await IsSharedAsync(db, plan.Id, ct))
        {
            var buyers = await db.Stakeholders.AsNoTracking()
                .Where(s => s.PlanId == plan.Id && s.Side == Side.Buyer && s.Email != null && s.Email != "")
                .Select(s => new { s.Id, s.Name, s.Email }).ToListAsync(ct);
            people.AddRange(buyers.Select(s => NotificationRecipient.Stakeholder(s.Id, s.Name, s.Email!)));
        }
        return people;
    }

    /// <summary>The buyer side hears about a plan only once it has been given a link to it.</summary>
    public static async Task<bool> IsSharedAsync(AppDbContext db, Guid planId, CancellationToken ct)
    {
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.PlanId == planId && l.RevokedAt == null).Select(l => l.ExpiresAt).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return links.Any(e => e is null || e > now);
    }

    private static async Task<int> AddAsync(AppDbContext db, PlanInfo plan, NotificationKind kind, string text, string? detail, string? url,
        List<NotificationRecipient> people, string? eventKey, Actor? actor, CancellationToken ct)
    {
        var byName = actor?.Name ?? "MutualPlan";
        var list = people
            .Where(p => !(p.Kind == MentionKind.Seller && actor is { Kind: ActorKind.Seller } a && a.Id == p.Id))
            .Where(p => p.Kind == MentionKind.Seller || !string.IsNullOrWhiteSpace(p.Email))
            .DistinctBy(p => (p.Kind, p.Id)).ToList();
        if (eventKey is not null)
        {
            var keys = list.Select(p => Key(eventKey, p)).ToList();
            var taken = await db.Notifications.Where(n => keys.Contains(n.EventKey!)).Select(n => n.EventKey!).ToListAsync(ct);
            taken.AddRange(db.ChangeTracker.Entries<Notification>().Select(e => e.Entity.EventKey).OfType<string>());
            list.RemoveAll(p => taken.Contains(Key(eventKey, p)));
        }
        // One moment for the whole event, so its notifications read as one event (the webhook dispatcher groups by it).
        var now = DateTimeOffset.UtcNow;
        foreach (var p in list)
        {
            db.Notifications.Add(new Notification
            {
                WorkspaceId = plan.WorkspaceId, PlanId = plan.Id, RecipientKind = p.Kind, RecipientId = p.Id,
                Email = p.Kind == MentionKind.Stakeholder ? p.Email : null, ActorName = Clip(byName, 200), Kind = kind,
                Text = Clip(text, 400), Excerpt = Clip(detail ?? "", 400), Url = url, CreatedAt = now,
                EventKey = eventKey is null ? null : Key(eventKey, p),
            });
        }
        return list.Count;
    }

    private static string Key(string eventKey, NotificationRecipient p) => Clip($"{eventKey}:{p.Kind}:{p.Id}", 300);

    /// <summary>
    /// Called by <see cref="AppDbContext.SaveChangesAsync"/> before it saves: notices actions
    /// assigned to someone and milestones whose target date moved, and raises their notifications.
    /// New plans (drafted with their items) raise nothing.
    /// </summary>
    public static async Task FromChangesAsync(AppDbContext db, Actor actor, CancellationToken ct)
    {
        var assigned = db.ChangeTracker.Entries<ActionItem>()
            .Where(e => e.Entity.AssigneeId is not null && (e.State == EntityState.Added
                || (e.State == EntityState.Modified && !Equals(e.OriginalValues[nameof(ActionItem.AssigneeId)], e.Entity.AssigneeId))))
            .Select(e => e.Entity).ToList();
        var moved = db.ChangeTracker.Entries<Milestone>()
            .Where(e => e.State == EntityState.Modified && !Equals(e.OriginalValues[nameof(Milestone.TargetDate)], e.Entity.TargetDate))
            .Select(e => (Milestone: e.Entity, From: (DateOnly)e.OriginalValues[nameof(Milestone.TargetDate)]!)).ToList();
        if (assigned.Count == 0 && moved.Count == 0) return;

        var milestoneIds = assigned.Select(a => a.MilestoneId).ToHashSet();
        var milestonePlans = await db.Milestones.AsNoTracking().Where(m => milestoneIds.Contains(m.Id)).Select(m => new { m.Id, m.PlanId }).ToDictionaryAsync(m => m.Id, m => m.PlanId, ct);
        var planIds = milestonePlans.Values.Concat(moved.Select(m => m.Milestone.PlanId)).ToHashSet();
        // Plans not in the database yet are being created: their items are not news.
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id))
            .Select(p => new PlanInfo(p.Id, p.WorkspaceId, p.Title, p.OwnerId)).ToDictionaryAsync(p => p.Id, ct);

        foreach (var a in assigned)
        {
            if (!milestonePlans.TryGetValue(a.MilestoneId, out var planId) || !plans.TryGetValue(planId, out var plan)) continue;
            var who = await AssigneeAsync(db, plan, a.AssigneeId!.Value, a.IsInternal, ct);
            if (who is null) continue;
            var due = a.DueDate is { } d ? $"Due {Day(d)}." : "No due date yet.";
            await AddAsync(db, plan, NotificationKind.ActionAssigned, $"{actor.Name} assigned you an action in “{plan.Title}”: {a.Description}",
                due, $"/plans/{plan.Id}#milestone-{a.MilestoneId}", [who], $"assigned:{a.Id}:{a.AssigneeId}:{DateTimeOffset.UtcNow.Ticks}", actor, ct);
        }

        foreach (var group in moved.GroupBy(m => m.Milestone.PlanId))
        {
            if (!plans.TryGetValue(group.Key, out var plan)) continue;
            var items = group.ToList();
            var text = items.Count == 1
                ? $"“{items[0].Milestone.Title}” moved from {Day(items[0].From)} to {Day(items[0].Milestone.TargetDate)} in “{plan.Title}”"
                : $"{items.Count} milestones moved in “{plan.Title}”";
            var changes = db.ChangeTracker.Entries<DateChange>().Select(e => e.Entity).ToList();
            var detail = string.Join("; ", items.Select(i =>
            {
                var reason = changes.FirstOrDefault(c => c.MilestoneId == i.Milestone.Id)?.Reason;
                return $"{i.Milestone.Title}: {Day(i.From)} → {Day(i.Milestone.TargetDate)}" + (string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Trim()})");
            }));
            var people = await AudienceAsync(db, plan, internalOnly: false, ct);
            await AddAsync(db, plan, NotificationKind.DateChanged, text, detail, $"/plans/{plan.Id}#milestone-{items[0].Milestone.Id}", people, null, actor, ct);
        }
    }

    /// <summary>
    /// The person an action is assigned to: a seller-side stakeholder is the workspace user with the
    /// same address (in-app and e-mail); a buyer stakeholder with an address gets e-mail, unless the
    /// action is internal or the plan has not been shared with the buyer yet.
    /// </summary>
    private static async Task<NotificationRecipient?> AssigneeAsync(AppDbContext db, PlanInfo plan, Guid stakeholderId, bool isInternal, CancellationToken ct)
    {
        var s = db.ChangeTracker.Entries<Stakeholder>().Select(e => e.Entity).FirstOrDefault(x => x.Id == stakeholderId)
            ?? await db.Stakeholders.AsNoTracking().SingleOrDefaultAsync(x => x.Id == stakeholderId && x.PlanId == plan.Id, ct);
        if (s is null || string.IsNullOrWhiteSpace(s.Email)) return null;
        var email = s.Email.Trim();
        if (s.Side != Side.Buyer)
        {
            var normalized = email.ToUpperInvariant();
            var user = await db.Users.Where(u => u.WorkspaceId == plan.WorkspaceId && u.NormalizedEmail == normalized)
                .Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
            return user is null ? null : NotificationRecipient.Seller(user.Id, user.DisplayName);
        }
        if (isInternal || !await IsSharedAsync(db, plan.Id, ct)) return null;
        return NotificationRecipient.Stakeholder(s.Id, s.Name, email);
    }

    /// <summary>Stages one e-mail job per new notification, in the same save (the outbox).</summary>
    public static void StageEmails(AppDbContext db, DateTimeOffset now)
    {
        foreach (var n in db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
        {
            if (n.RecipientKind == MentionKind.Stakeholder && string.IsNullOrWhiteSpace(n.Email)) continue;
            JobQueue.Stage(db, new Job { Kind = EmailJob, Key = $"email:{n.Id}", Payload = n.Id.ToString(), DueAt = now, CreatedAt = now });
        }
    }

    /// <summary>Reminders for open actions due within <paramref name="dueSoonDays"/> days, and for overdue ones: once per action and due date.</summary>
    public static async Task<int> RemindAsync(AppDbContext db, DateOnly today, int dueSoonDays, CancellationToken ct)
    {
        var horizon = today.AddDays(dueSoonDays);
        var due = await (from a in db.Actions.AsNoTracking()
                         join m in db.Milestones on a.MilestoneId equals m.Id
                         join p in db.Plans on m.PlanId equals p.Id
                         where a.Status != ActionStatus.Done && a.DueDate != null && a.DueDate <= horizon && p.ArchivedAt == null
                         select new { Action = a, Plan = new PlanInfo(p.Id, p.WorkspaceId, p.Title, p.OwnerId) }).ToListAsync(ct);
        var added = 0;
        foreach (var x in due)
        {
            var a = x.Action;
            var d = a.DueDate!.Value;
            var overdue = d < today;
            var people = new List<NotificationRecipient>();
            if (a.AssigneeId is { } assignee && await AssigneeAsync(db, x.Plan, assignee, a.IsInternal, ct) is { } who) people.Add(who);
            if (x.Plan.OwnerId is { } owner && await db.Users.Where(u => u.Id == owner && u.WorkspaceId == x.Plan.WorkspaceId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) is { } ownerName)
                people.Add(NotificationRecipient.Seller(owner, ownerName));
            var days = d.DayNumber - today.DayNumber;
            var when = days switch { 0 => "today", 1 => "tomorrow", _ => $"in {days} days" };
            added += overdue
                ? await AddAsync(db, x.Plan, NotificationKind.ActionOverdue, $"Overdue in “{x.Plan.Title}”: {a.Description}",
                    $"It was due on {Day(d)}.", $"/plans/{x.Plan.Id}#milestone-{a.MilestoneId}", people, $"overdue:{a.Id}:{d:yyyy-MM-dd}", null, ct)
                : await AddAsync(db, x.Plan, NotificationKind.ActionDueSoon, $"Due {when} in “{x.Plan.Title}”: {a.Description}",
                    $"Due on {Day(d)}.", $"/plans/{x.Plan.Id}#milestone-{a.MilestoneId}", people, $"due-soon:{a.Id}:{d:yyyy-MM-dd}", null, ct);
        }
        return added;
    }

    internal static string Day(DateOnly d) => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
    private sealed record PlanInfo(Guid Id, Guid WorkspaceId, string Title, Guid? OwnerId);
}
