using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Data;

/// <summary>
/// Reads the pending changes of one save once and derives from them both the plans whose revision
/// must rise and the activity entries to insert with the change (see AppDbContext.SaveChangesAsync).
/// Values are formatted for people at write time, so the feed stays readable after the items it
/// names are renamed or deleted.
/// </summary>
internal sealed class ActivityRecorder(AppDbContext db)
{
    // Bookkeeping columns, not content: changing them is not something a person did to the plan.
    private static readonly HashSet<string> Ignored =
    [
        nameof(Entity.Id), nameof(Entity.Version), nameof(IOrdered.Position), nameof(PlanItem.PlanId), nameof(Plan.WorkspaceId),
        nameof(Plan.Revision), nameof(Plan.CreatedAt), nameof(Plan.UpdatedAt), nameof(MetricMeasurement.MetricId),
    ];

    private static readonly Dictionary<string, string> SectionNames = new()
    {
        [nameof(Plan.Context)] = "Business context", [nameof(Plan.Readiness)] = "Readiness", [nameof(Plan.Decision)] = "Decision process",
        [nameof(Plan.Communication)] = "Communication", [nameof(Plan.Review)] = "Review", [nameof(Plan.KeyDates)] = "Key dates",
    };

    private static readonly HashSet<string> StakeholderRefs =
        [nameof(ActionItem.AssigneeId), nameof(SuccessMetric.OwnerStakeholderId), nameof(Stakeholder.ReportsToId), nameof(Risk.MitigationOwnerId)];

    public List<Guid> TouchedPlans { get; } = [];
    public List<ActivityEntry> Entries { get; } = [];

    public async Task ReadAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return;

        var newPlans = changed.Where(e => e.Entity is Plan && e.State == EntityState.Added).Select(e => ((Plan)e.Entity).Id).ToHashSet();
        var goingPlans = changed.Where(e => e.Entity is Plan && e.State == EntityState.Deleted).Select(e => ((Plan)e.Entity).Id).ToHashSet();
        var goingMilestones = changed.Where(e => e.Entity is Milestone && e.State == EntityState.Deleted).Select(e => ((Milestone)e.Entity).Id).ToHashSet();

        // Items below a milestone or a metric know their parent, not their plan: look the plans up once.
        var milestoneIds = changed.Select(e => e.Entity switch { IMilestoneChild c => c.MilestoneId, MilestoneDependency d => d.MilestoneId, _ => Guid.Empty })
            .Where(id => id != Guid.Empty).ToHashSet();
        var metricIds = changed.Select(e => e.Entity is MetricMeasurement m ? m.MetricId : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        var milestonePlans = milestoneIds.Count == 0 ? [] : await db.Milestones.Where(m => milestoneIds.Contains(m.Id)).Select(m => new { m.Id, m.PlanId }).ToDictionaryAsync(m => m.Id, m => m.PlanId, ct);
        var metrics = metricIds.Count == 0 ? [] : await db.Metrics.Where(m => metricIds.Contains(m.Id)).Select(m => new { m.Id, m.PlanId, m.Name }).ToDictionaryAsync(m => m.Id, m => (m.PlanId, m.Name), ct);
        foreach (var e in changed)
        {
            // Children added with a new milestone are not in the database yet.
            if (e.Entity is Milestone m) milestonePlans.TryAdd(m.Id, m.PlanId);
            if (e.Entity is SuccessMetric sm) metrics.TryAdd(sm.Id, (sm.PlanId, sm.Name));
        }

        var touched = new HashSet<Guid>();
        var names = new NameLookup(db);
        var pending = new List<(ActivityEntry Entry, EntityEntry Source)>();
        foreach (var e in changed)
        {
            Guid? planId = e.Entity switch
            {
                Plan p => p.Id,
                PlanItem item => item.PlanId,
                IMilestoneChild c => milestonePlans.TryGetValue(c.MilestoneId, out var pid) ? pid : null,
                MilestoneDependency d => milestonePlans.TryGetValue(d.MilestoneId, out var pid) ? pid : null,
                MetricMeasurement mm => metrics.TryGetValue(mm.MetricId, out var mi) ? mi.PlanId : null,
                DateChange dc => dc.PlanId,
                DateProposal dp => dp.PlanId,
                StatusUpdate su => su.PlanId,
                Comment c => c.PlanId,
                Planning.SignOff.SignOffRound r => r.PlanId,
                Planning.SignOff.SignOffSigner s => s.PlanId,
                _ => null,
            };
            if (planId is not { } plan || goingPlans.Contains(plan)) continue;
            if (!(e.Entity is Plan && e.State == EntityState.Added) && !newPlans.Contains(plan) && e.Entity is not StatusUpdate) touched.Add(plan);

            // A new plan is one entry, not one per item it was drafted with.
            if (newPlans.Contains(plan) && e.Entity is not Plan) continue;
            // Deleting a milestone takes its actions and assumptions with it: one entry says it all.
            if (e.State == EntityState.Deleted && e.Entity is IMilestoneChild child && goingMilestones.Contains(child.MilestoneId)) continue;
            if (Describe(e.Entity, metrics) is not { } what) continue;

            var entry = new ActivityEntry
            {
                PlanId = plan, At = now, ActorKind = actor.Kind, ActorId = actor.Id, ActorName = actor.Name,
                ItemKind = what.Kind, ItemId = what.Id, ItemTitle = Clip(what.Title, 200),
                Change = e.State switch { EntityState.Added => ActivityChange.Created, EntityState.Deleted => ActivityChange.Deleted, _ => ActivityChange.Updated },
                IsInternal = e.Entity switch
                {
                    ActionItem a => a.IsInternal || (e.State == EntityState.Modified && (bool)e.OriginalValues[nameof(ActionItem.IsInternal)]!),
                    Risk r => r.IsInternal || (e.State == EntityState.Modified && (bool)e.OriginalValues[nameof(Risk.IsInternal)]!),
                    _ => false,
                },
            };
            if (e.State == EntityState.Modified)
            {
                CollectFields(e, entry, names);
                if (entry.Fields.Count == 0) continue; // only the order changed
            }
            pending.Add((entry, e));
        }

        await names.LoadAsync(ct);
        foreach (var (entry, source) in pending)
        {
            entry.Fields = [.. entry.Fields.Select(names.Resolve)];
            if (entry.ItemKind == ActivityItemKind.Plan && entry.Change == ActivityChange.Updated) SplitInternalNotes(entry);
            else Entries.Add(entry);
            if (source.Entity is Milestone ms && entry.Fields.Any(f => f.Field == "Target date"))
            {
                // The renegotiation saved with the move carries the reason; link the entry to it.
                var dc = changed.Select(c => c.Entity).OfType<DateChange>().FirstOrDefault(d => d.MilestoneId == ms.Id);
                if (dc is not null) { entry.DateChangeId = dc.Id; entry.Reason = string.IsNullOrWhiteSpace(dc.Reason) ? null : dc.Reason; }
            }
        }
        TouchedPlans.AddRange(touched);
    }

    /// <summary>Internal notes are seller-only: their change is its own, internal, entry.</summary>
    private void SplitInternalNotes(ActivityEntry entry)
    {
        var notes = entry.Fields.Where(f => f.Field == "Internal notes").ToList();
        var rest = entry.Fields.Except(notes).ToList();
        if (rest.Count > 0) { entry.Fields = rest; Entries.Add(entry); }
        if (notes.Count > 0)
        {
            Entries.Add(new ActivityEntry
            {
                PlanId = entry.PlanId, At = entry.At, ActorKind = entry.ActorKind, ActorId = entry.ActorId, ActorName = entry.ActorName,
                ItemKind = entry.ItemKind, ItemId = entry.ItemId, ItemTitle = entry.ItemTitle, Change = entry.Change, IsInternal = true, Fields = notes,
            });
        }
    }

    private static (ActivityItemKind Kind, Guid Id, string Title)? Describe(object entity, Dictionary<Guid, (Guid PlanId, string Name)> metrics) => entity switch
    {
        Plan p => (ActivityItemKind.Plan, p.Id, p.Title),
        Objective o => (ActivityItemKind.Objective, o.Id, o.Title),
        SuccessMetric m => (ActivityItemKind.Metric, m.Id, m.Name),
        MetricMeasurement mm => (ActivityItemKind.Measurement, mm.Id,
            $"{(metrics.TryGetValue(mm.MetricId, out var mi) ? mi.Name : "Metric")} on {mm.MeasuredOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"),
        Stakeholder s => (ActivityItemKind.Stakeholder, s.Id, s.Name),
        Milestone m => (ActivityItemKind.Milestone, m.Id, m.Title),
        ActionItem a => (ActivityItemKind.Action, a.Id, a.Description),
        Assumption a => (ActivityItemKind.Assumption, a.Id, a.Text),
        Risk r => (ActivityItemKind.Risk, r.Id, r.Description),
        PlanResource r => (ActivityItemKind.Resource, r.Id, r.Description),
        CalendarEntry c => (ActivityItemKind.CalendarEntry, c.Id, c.Label),
        StatusUpdate u => (ActivityItemKind.StatusUpdate, u.Id,
            $"{u.PeriodFrom.ToString("d MMM", CultureInfo.InvariantCulture)} – {u.PeriodTo.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"),
        _ => null, // dependencies, date changes and comments are described by their own features
    };

    private static void CollectFields(EntityEntry e, ActivityEntry entry, NameLookup names)
    {
        foreach (var p in e.Properties)
        {
            if (!p.IsModified || Ignored.Contains(p.Metadata.Name) || Equals(p.OriginalValue, p.CurrentValue)) continue;
            if (p.Metadata.ClrType == typeof(List<Guid>) && p.OriginalValue is List<Guid> a && p.CurrentValue is List<Guid> b && a.SequenceEqual(b)) continue;
            entry.Fields.Add(Field(p.Metadata, p.Metadata.Name, null, p.OriginalValue, p.CurrentValue, names));
        }
        foreach (var c in e.ComplexProperties)
        {
            foreach (var p in c.Properties)
            {
                if (!p.IsModified || Equals(p.OriginalValue, p.CurrentValue)) continue;
                entry.Fields.Add(Field(p.Metadata, p.Metadata.Name, SectionNames.GetValueOrDefault(c.Metadata.Name, c.Metadata.Name), p.OriginalValue, p.CurrentValue, names));
            }
        }
    }

    private static FieldChange Field(IProperty meta, string name, string? section, object? before, object? after, NameLookup names)
    {
        var label = name switch
        {
            nameof(ActionItem.AssigneeId) => "Assignee",
            nameof(SuccessMetric.OwnerStakeholderId) => "Owner",
            nameof(Stakeholder.ReportsToId) => "Reports to",
            nameof(Risk.MitigationOwnerId) => "Mitigation owner",
            nameof(Plan.OwnerId) => "Owner",
            nameof(Risk.MilestoneId) => "Milestone",
            nameof(Milestone.PinnedEventId) => "Pinned to",
            nameof(ActionItem.DependsOnIds) => "Depends on",
            nameof(ActionItem.IsInternal) => "Internal",
            nameof(Plan.ArchivedAt) => "Archived",
            _ => Humanize(name),
        };
        if (section is not null) label = $"{section}: {char.ToLowerInvariant(label[0])}{label[1..]}";
        var kind = StakeholderRefs.Contains(name) ? RefKind.Stakeholder
            : name == nameof(Risk.MilestoneId) ? RefKind.Milestone
            : name == nameof(Milestone.PinnedEventId) ? RefKind.CalendarEntry
            : name == nameof(Plan.OwnerId) ? RefKind.User : RefKind.None;
        return new FieldChange(label, names.Format(before, kind), names.Format(after, kind));
    }

    internal static string Humanize(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) sb.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else sb.Append(name[i]);
        }
        return sb.ToString();
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private enum RefKind { None, Stakeholder, Milestone, CalendarEntry, User }

    /// <summary>Turns stored values into what people read, naming referenced people and milestones.</summary>
    private sealed class NameLookup(AppDbContext db)
    {
        private const string Marker = "\u0001ref:";
        private readonly Dictionary<Guid, string> _names = [];
        private readonly HashSet<(RefKind, Guid)> _wanted = [];

        public string? Format(object? value, RefKind kind) => value switch
        {
            null => null,
            Guid id when kind != RefKind.None => Want(kind, id),
            DateOnly d => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture),
            bool b => b ? "Yes" : "No",
            Enum en => Labels.Of(en),
            decimal m => m.ToString("#,0.##", CultureInfo.InvariantCulture),
            List<Guid> ids => ids.Count == 0 ? null : ids.Count == 1 ? "1 action" : $"{ids.Count} actions",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            string s => s.Length == 0 ? null : Clip(s, 2000),
            _ => value.ToString(),
        };

        private string Want(RefKind kind, Guid id)
        {
            _wanted.Add((kind, id));
            return Marker + id;
        }

        public async Task LoadAsync(CancellationToken ct)
        {
            if (_wanted.Count == 0) return;
            // Names already in memory (tracked entities) need no query.
            foreach (var e in db.ChangeTracker.Entries())
            {
                switch (e.Entity)
                {
                    case Stakeholder s: _names[s.Id] = s.Name; break;
                    case Milestone m: _names[m.Id] = m.Title; break;
                    case CalendarEntry c: _names[c.Id] = c.Label; break;
                }
            }
            List<Guid> Missing(RefKind k) => [.. _wanted.Where(w => w.Item1 == k && !_names.ContainsKey(w.Item2)).Select(w => w.Item2)];
            var people = Missing(RefKind.Stakeholder);
            if (people.Count > 0)
                foreach (var s in await db.Stakeholders.Where(s => people.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)) _names[s.Id] = s.Name;
            var milestones = Missing(RefKind.Milestone);
            if (milestones.Count > 0)
                foreach (var m in await db.Milestones.Where(m => milestones.Contains(m.Id)).Select(m => new { m.Id, m.Title }).ToListAsync(ct)) _names[m.Id] = m.Title;
            var events = Missing(RefKind.CalendarEntry);
            if (events.Count > 0)
                foreach (var c in await db.CalendarEntries.Where(c => events.Contains(c.Id)).Select(c => new { c.Id, c.Label }).ToListAsync(ct)) _names[c.Id] = c.Label;
            var users = Missing(RefKind.User);
            if (users.Count > 0)
                foreach (var u in await db.Users.Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)) _names[u.Id] = u.DisplayName;
        }

        public FieldChange Resolve(FieldChange f) => f with { Before = Name(f.Before), After = Name(f.After) };

        private string? Name(string? value) =>
            value is not null && value.StartsWith(Marker, StringComparison.Ordinal) && Guid.TryParse(value[Marker.Length..], out var id)
                ? _names.GetValueOrDefault(id, "(removed)") : value;
    }
}
