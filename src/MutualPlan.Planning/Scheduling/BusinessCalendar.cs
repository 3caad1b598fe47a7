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
    private readonly bool[] _weekend = new bool[7];

    public IReadOnlyList<Blackout> Blackouts { get; }

    public BusinessCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<Blackout>? blackouts = null,
        IEnumerable<DayOfWeek>? weekend = null)
    {
        _holidays = [.. holidays ?? []];
        Blackouts = [.. blackouts ?? []];
        foreach (var day in weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]) _weekend[(int)day] = true;
        if (_weekend.All(w => w)) throw new ArgumentException("A calendar needs at least one working day a week.", nameof(weekend));
    }

    public static readonly BusinessCalendar Weekdays = new();

    // Called for every day the scheduler walks over: a plain loop, no LINQ allocations.
    public bool IsWorkingDay(DateOnly d)
    {
        if (_weekend[(int)d.DayOfWeek] || (_holidays.Count > 0 && _holidays.Contains(d))) return false;
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
        var (lo, hi, sign) = b > a ? (a, b, 1) : (b, a, -1);
        // Working days in (lo, hi]: a difference of running totals, not a walk over every day.
        var index = Covering(lo.DayNumber + 1, hi.DayNumber + 1);
        return sign * (index.Counts[hi.DayNumber + 1 - index.Base] - index.Counts[lo.DayNumber + 1 - index.Base]);
    }

    /// <summary>Running totals of working days: Counts[k] = working days in [Base, Base + k).</summary>
    private sealed record RunningCount(int Base, int[] Counts);

    // Replaced whole (never mutated), so a calendar shared between threads stays consistent.
    private RunningCount? _counts;

    private RunningCount Covering(int from, int to)
    {
        var current = _counts;
        if (current is not null && from >= current.Base && to - current.Base < current.Counts.Length) return current;
        // Grow by a year either side so a plan's dates are covered after the first call.
        var lo = Math.Min(from, current?.Base ?? from) - 366;
        var hi = Math.Max(to, current is null ? to : current.Base + current.Counts.Length - 1) + 366;
        var counts = new int[hi - lo + 1];
        for (var k = 1; k < counts.Length; k++)
            counts[k] = counts[k - 1] + (IsWorkingDay(DateOnly.FromDayNumber(lo + k - 1)) ? 1 : 0);
        var grown = new RunningCount(lo, counts);
        _counts = grown;
        return grown;
    }
}
