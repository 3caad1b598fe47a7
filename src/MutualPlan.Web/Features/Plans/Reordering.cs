namespace MutualPlan.Web.Features.Plans;

/// <summary>Ordering rules shared by every ordered list of a plan.</summary>
public static class Reordering
{
    /// <summary>The position for an item appended to a list.</summary>
    public static int NextPosition(IEnumerable<int> positions) => positions.DefaultIfEmpty(-1).Max() + 1;

    /// <summary>
    /// Moves <paramref name="item"/> to <paramref name="newIndex"/> (clamped) within
    /// <paramref name="items"/> and renumbers every item 0..n-1. Returns false if the item is not there.
    /// </summary>
    public static bool MoveTo<T>(IList<T> items, T item, int newIndex, Action<T, int> setPosition)
    {
        var ordered = items.ToList();
        if (!ordered.Remove(item)) return false;
        ordered.Insert(Math.Clamp(newIndex, 0, ordered.Count), item);
        for (var i = 0; i < ordered.Count; i++) setPosition(ordered[i], i);
        return true;
    }

}
