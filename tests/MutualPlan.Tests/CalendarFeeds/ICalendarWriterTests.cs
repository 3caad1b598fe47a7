using System.Text;
using MutualPlan.Planning.Ics;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.CalendarFeeds;

public sealed class ICalendarWriterTests
{
    [Fact]
    public void Long_lines_fold_at_75_octets_without_cutting_a_character()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("Zürich café ☕ 日本 ", 12));
        var sb = new StringBuilder();
        ICalendarWriter.Fold(sb, line);
        var folded = sb.ToString();
        Assert.EndsWith("\r\n", folded);
        var physical = folded[..^2].Split("\r\n");
        Assert.True(physical.Length > 3);
        Assert.All(physical, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 1, 75));
        Assert.All(physical.Skip(1), l => Assert.StartsWith(" ", l));
        Assert.Equal(line, folded[..^2].Replace("\r\n ", ""));
    }

    [Fact]
    public void Text_values_escape_commas_semicolons_backslashes_and_newlines()
    {
        Assert.Equal(@"a\, b\; c\\d\ne\nf", ICalendarWriter.Text("a, b; c\\d\r\ne\nf"));
    }

    [Fact]
    public async Task A_calendar_with_a_cancellation_passes_libical()
    {
        var now = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        var kept = new CalendarItem(Guid.NewGuid(), CalendarItemKind.Milestone, new DateOnly(2026, 12, 31), "Milestone: Year-end, \"close\"; done?", "Line one\nLine two, with \\ backslash");
        var gone = new CalendarItem(Guid.NewGuid(), CalendarItemKind.Action, new DateOnly(2026, 12, 1), "Due: dropped step", "x");
        var planId = Guid.NewGuid();
        var (added, _) = CalendarLedger.Reconcile(planId, [], [kept, gone], now);
        var (_, events) = CalendarLedger.Reconcile(planId, added, [kept], now.AddHours(1));
        var ics = ICalendarWriter.Write(new CalendarHeader("Plan, with; punctuation", "Dates", "Alex \"AM\" Morgan", "alex@example.com"), events, now.AddHours(1));
        await Tools.AssertValidICalendarAsync(ics);
        Assert.Contains("STATUS:CANCELLED", ics);
        Assert.Contains("DTEND;VALUE=DATE:20270101", ics);
    }
}
