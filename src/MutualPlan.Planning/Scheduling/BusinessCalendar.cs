namespace MutualPlan.Planning.Scheduling;

/// <summary>A range of days the buyer cannot work on the plan (a busy season, an IT freeze).</summary>
public sealed record Blackout(DateOnly From, DateOnly To, string Reason)
{
    public bool Contains(DateOnly d) => d >= From && d <= To;
}

/// <summary>
/// The buyer's working calendar: weekends, public holidays and blackout ranges are not working
/// days. All scheduling counts in working days of this calendar.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DayOfWeek> _weekend;

    public IReadOnlyList<Blackout> Blackouts { get; }

    public BusinessCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<Blackout>? blackouts = null,
        IEnumerable<DayOfWeek>? weekend = null)
    {
        _holidays = [.. holidays ?? []];
        Blackouts = [.. blackouts ?? []];
        _weekend = [.. weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
        if (_weekend.Count >= 7) throw new ArgumentException("A calendar needs at least one working day a week.", nameof(weekend));
    }

    public static readonly BusinessCalendar Weekdays = new();

    // Called for every day the scheduler walks over: a plain loop, no LINQ allocations.
    public bool IsWorkingDay(DateOnly d)
    {
        if (_weekend.Contains(d.DayOfWeek) || _holidays.Contains(d)) return false;
        for (var i = 0; i < Blackouts.Count; i++)
            if (Blackouts[i].Contains(d)) return false;
        return true;
    }

    /// <summary>The date itself if it is a working day, else the next one.</summary>
    public DateOnly OnOrAfter(DateOnly d)
    {
        while (!IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }

    /// <summary>The date itself if it is a working day, else the previous one.</summary>
    public DateOnly OnOrBefore(DateOnly d)
    {
        while (!IsWorkingDay(d)) d = d.AddDays(-1);
        return d;
    }

    /// <summary>Moves <paramref name="days"/> working days from a working day (negative = back).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var step = Math.Sign(days);
        var d = from;
        for (var left = Math.Abs(days); left > 0;)
        {
            d = d.AddDays(step);
            if (IsWorkingDay(d)) left--;
        }
        return d;
    }

    /// <summary>Working days from <paramref name="a"/> to <paramref name="b"/> (negative when b is earlier).</summary>
    public int WorkingDaysBetween(DateOnly a, DateOnly b)
    {
        if (a == b) return 0;
        var sign = b > a ? 1 : -1;
        var count = 0;
        for (var d = a; d != b;)
        {
            d = d.AddDays(sign);
            if (IsWorkingDay(d)) count++;
        }
        return sign * count;
    }
}
