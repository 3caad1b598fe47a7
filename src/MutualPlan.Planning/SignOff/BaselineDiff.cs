using System.Globalization;
using System.Text.Json;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.SignOff;

/// <summary>A milestone as it was signed: read back from the signed content of the baseline round.</summary>
public sealed record BaselineMilestone(Guid Id, string Title, DateOnly Date, OwnerSide Owner);

public enum MilestoneChangeKind { Added, Removed, DateMoved, OwnerChanged }

/// <summary>How one milestone differs from the signed baseline; a milestone may have moved and changed owner.</summary>
public sealed record MilestoneChange(Guid MilestoneId, string Title, IReadOnlyList<MilestoneChangeKind> Kinds,
    DateOnly? BaselineDate, DateOnly? CurrentDate, OwnerSide? BaselineOwner, OwnerSide? CurrentOwner)
{
    /// <summary>Calendar days the date moved (positive = later); null unless it moved.</summary>
    public int? DaysMoved => BaselineDate is { } b && CurrentDate is { } c && b != c ? c.DayNumber - b.DayNumber : null;
}

/// <summary>
/// What changed materially since the plan was signed: a milestone added or removed, a date moved,
/// an owner changed. Anything else (a reworded description, a status, a new action) is work on
/// the plan, not a change to the agreement, and does not ask for re-acceptance.
/// </summary>
public static class BaselineDiff
{
    /// <summary>The milestones of a signed-content rendering (<see cref="SignedContent"/>).</summary>
    public static IReadOnlyList<BaselineMilestone> ReadBaseline(string content)
    {
        using var doc = JsonDocument.Parse(content);
        return doc.RootElement.GetProperty("milestones").EnumerateArray().Select(m => new BaselineMilestone(
            m.GetProperty("id").GetGuid(),
            m.GetProperty("title").GetString() ?? "",
            DateOnly.ParseExact(m.GetProperty("targetDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Enum.Parse<OwnerSide>(m.GetProperty("owner").GetString()!))).ToList();
    }

    /// <summary>The material changes, in date order (the current date, or the baseline date of a removed milestone).</summary>
    public static IReadOnlyList<MilestoneChange> Compare(IReadOnlyList<BaselineMilestone> baseline, Plan plan)
    {
        var changes = new List<MilestoneChange>();
        var signed = baseline.ToDictionary(b => b.Id);
        foreach (var m in plan.Milestones)
        {
            if (!signed.TryGetValue(m.Id, out var b))
            {
                changes.Add(new(m.Id, m.Title, [MilestoneChangeKind.Added], null, m.TargetDate, null, m.Owner));
                continue;
            }
            var kinds = new List<MilestoneChangeKind>();
            if (b.Date != m.TargetDate) kinds.Add(MilestoneChangeKind.DateMoved);
            if (b.Owner != m.Owner) kinds.Add(MilestoneChangeKind.OwnerChanged);
            if (kinds.Count > 0) changes.Add(new(m.Id, m.Title, kinds, b.Date, m.TargetDate, b.Owner, m.Owner));
        }
        var current = plan.Milestones.Select(m => m.Id).ToHashSet();
        changes.AddRange(baseline.Where(b => !current.Contains(b.Id))
            .Select(b => new MilestoneChange(b.Id, b.Title, [MilestoneChangeKind.Removed], b.Date, null, b.Owner, null)));
        return [.. changes.OrderBy(c => c.CurrentDate ?? c.BaselineDate).ThenBy(c => c.Title, StringComparer.Ordinal)];
    }

    /// <summary>"Moved 12 Dec 2026 → 19 Dec 2026 (+7 days); owner Buyer → Joint", for people.</summary>
    public static string Describe(MilestoneChange c)
    {
        static string D(DateOnly? d) => d?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";
        var parts = new List<string>();
        foreach (var kind in c.Kinds)
        {
            parts.Add(kind switch
            {
                MilestoneChangeKind.Added => $"Added after signing (target {D(c.CurrentDate)})",
                MilestoneChangeKind.Removed => $"Removed (was due {D(c.BaselineDate)})",
                MilestoneChangeKind.DateMoved => $"Moved {D(c.BaselineDate)} → {D(c.CurrentDate)} ({(c.DaysMoved > 0 ? "+" : "")}{c.DaysMoved} days)",
                _ => $"Owner {c.BaselineOwner} → {c.CurrentOwner}",
            });
        }
        return string.Join("; ", parts);
    }
}
