namespace MutualPlan.Planning.Timeline;

/// <summary>
/// Maps calendar dates onto a horizontal axis for the timeline: a date range padded to whole
/// weeks around the dates shown (and today), a fixed number of pixels per day, and tick marks.
/// Pure: no clock, no rendering.
/// </summary>
public sealed class TimelineScale
{
    public DateOnly Start { get; }
    public DateOnly End { get; }
    public double PixelsPerDay { get; }
    public double Width => (End.DayNumber - Start.DayNumber) * PixelsPerDay;

    private TimelineScale(DateOnly start, DateOnly end, double pixelsPerDay)
    {
        Start = start;
        End = end;
        PixelsPerDay = pixelsPerDay;
    }

    /// <summary>
    /// A scale covering every date given, padded by a week on each side, starting on a Monday.
    /// Without an explicit density the whole range fits about <paramref name="targetWidth"/> pixels,
    /// between 3 and 14 pixels a day (a long plan scrolls rather than becoming unreadable).
    /// </summary>
    public static TimelineScale Covering(IEnumerable<DateOnly> dates, double? pixelsPerDay = null, double targetWidth = 880, double minPixelsPerDay = 3)
    {
        var list = dates.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one date is needed.", nameof(dates));
        var min = list.Min().AddDays(-7);
        var max = list.Max().AddDays(7);
        // Start on a Monday so week ticks fall on the grid.
        min = min.AddDays(-(((int)min.DayOfWeek + 6) % 7));
        var days = Math.Max(1, max.DayNumber - min.DayNumber);
        return new TimelineScale(min, max, pixelsPerDay ?? Math.Clamp(targetWidth / days, minPixelsPerDay, 14));
    }

    /// <summary>The x position of the start (left edge) of a day.</summary>
    public double Left(DateOnly date) => (date.DayNumber - Start.DayNumber) * PixelsPerDay;

    /// <summary>The x position of the middle of a day.</summary>
    public double X(DateOnly date) => (date.DayNumber - Start.DayNumber + 0.5) * PixelsPerDay;

    /// <summary>The first day of every month inside the range (month labels).</summary>
    public IEnumerable<DateOnly> MonthStarts()
    {
        var d = new DateOnly(Start.Year, Start.Month, 1);
        if (d < Start) d = d.AddMonths(1);
        for (; d <= End; d = d.AddMonths(1)) yield return d;
    }

    /// <summary>Every Monday inside the range (week grid lines).</summary>
    public IEnumerable<DateOnly> Mondays()
    {
        for (var d = Start; d <= End; d = d.AddDays(7)) yield return d;
    }
}
