namespace MutualPlan.Planning.Ics;

/// <summary>An event as it goes out: the item's current content, or a cancellation of a removed one.</summary>
public sealed record PublishedEvent(CalendarPublication Entry, CalendarItem? Item)
{
    public bool Cancelled => Item is null;
}

/// <summary>
/// Keeps the published record of a plan's calendar in step with the plan: a new item starts at
/// SEQUENCE 0, every change to what its event shows raises it, and an item that disappears is kept
/// as a cancelled event (its SEQUENCE raised once more) so calendars that had it remove it.
/// </summary>
public static class CalendarLedger
{
    /// <summary>
    /// Updates <paramref name="entries"/> (the plan's stored records) for <paramref name="items"/>
    /// and returns the records it created, which the caller must store, and every event to publish.
    /// </summary>
    public static (List<CalendarPublication> Added, List<PublishedEvent> Events) Reconcile(
        Guid planId, IReadOnlyCollection<CalendarPublication> entries, IReadOnlyList<CalendarItem> items, DateTimeOffset now)
    {
        var byItem = entries.ToDictionary(e => e.ItemId);
        var added = new List<CalendarPublication>();
        var events = new List<PublishedEvent>();
        foreach (var item in items)
        {
            var fingerprint = item.Fingerprint;
            if (!byItem.TryGetValue(item.Id, out var entry))
            {
                entry = new CalendarPublication
                {
                    PlanId = planId, ItemId = item.Id, Kind = item.Kind, Date = item.Date, Summary = Clip(item.Summary),
                    Fingerprint = fingerprint, Sequence = 0, FirstPublishedAt = now, UpdatedAt = now,
                };
                added.Add(entry);
            }
            else if (entry.RemovedAt is not null || entry.Fingerprint != fingerprint)
            {
                entry.Sequence++;
                entry.RemovedAt = null;
                entry.Fingerprint = fingerprint;
                entry.Date = item.Date;
                entry.Summary = Clip(item.Summary);
                entry.UpdatedAt = now;
            }
            events.Add(new PublishedEvent(entry, item));
        }
        var current = items.Select(i => i.Id).ToHashSet();
        foreach (var gone in entries.Where(e => !current.Contains(e.ItemId)).OrderBy(e => e.Date))
        {
            if (gone.RemovedAt is null)
            {
                gone.RemovedAt = now;
                gone.Sequence++;
                gone.UpdatedAt = now;
            }
            events.Add(new PublishedEvent(gone, null));
        }
        return (added, events);
    }

    private static string Clip(string s) => s.Length <= CalendarPublication.SummaryMax ? s : s[..(CalendarPublication.SummaryMax - 1)] + "…";
}
