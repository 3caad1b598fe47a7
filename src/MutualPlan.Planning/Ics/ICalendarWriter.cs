using System.Text;

namespace MutualPlan.Planning.Ics;

/// <summary>Who publishes the calendar (iTIP PUBLISH requires an ORGANIZER) and what it is called.</summary>
public sealed record CalendarHeader(string Name, string Description, string OrganizerName, string OrganizerEmail);

/// <summary>
/// Writes an RFC 5545 calendar (METHOD:PUBLISH, RFC 5546) of all-day events: DATE values with
/// DTEND the next day, UIDs derived from item ids so they never change, a SEQUENCE per item,
/// cancellations for removed items, TEXT escaping, CRLF line ends and folding at 75 octets.
/// </summary>
public static class ICalendarWriter
{
    public const string ProductId = "-//MutualPlan//Mutual action plan calendar//EN";

    public static string Uid(CalendarPublication e) => $"{e.Kind.ToString().ToLowerInvariant()}-{e.ItemId:N}@mutualplan";

    public static string Write(CalendarHeader header, IEnumerable<PublishedEvent> events, DateTimeOffset now)
    {
        var ics = new StringBuilder();
        void Add(string line) => Fold(ics, line);
        var stamp = Stamp(now);
        var organizer = $"ORGANIZER;CN=\"{Param(header.OrganizerName)}\":mailto:{header.OrganizerEmail}";

        Add("BEGIN:VCALENDAR");
        Add("VERSION:2.0");
        Add("PRODID:" + ProductId);
        Add("CALSCALE:GREGORIAN");
        Add("METHOD:PUBLISH");
        Add("X-WR-CALNAME:" + Text(header.Name));
        Add("X-WR-CALDESC:" + Text(header.Description));
        // Subscribed calendars poll; an hour keeps dates fresh without hammering the server.
        Add("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        Add("X-PUBLISHED-TTL:PT1H");
        foreach (var ev in events)
        {
            var e = ev.Entry;
            var date = ev.Item?.Date ?? e.Date;
            Add("BEGIN:VEVENT");
            Add("UID:" + Uid(e));
            Add("DTSTAMP:" + stamp);
            Add("DTSTART;VALUE=DATE:" + date.ToString("yyyyMMdd"));
            Add("DTEND;VALUE=DATE:" + date.AddDays(1).ToString("yyyyMMdd"));
            Add("SEQUENCE:" + e.Sequence);
            Add("CREATED:" + Stamp(e.FirstPublishedAt));
            Add("LAST-MODIFIED:" + Stamp(e.UpdatedAt));
            Add(organizer);
            Add("SUMMARY:" + Text(ev.Item?.Summary ?? e.Summary));
            if (ev.Item is { } item) Add("DESCRIPTION:" + Text(item.Description));
            Add("CATEGORIES:" + (e.Kind == CalendarItemKind.Milestone ? "Milestone" : "Action"));
            Add("STATUS:" + (ev.Cancelled ? "CANCELLED" : "CONFIRMED"));
            // All-day plan dates are deadlines, not meetings: they must not block anyone's free time.
            Add("TRANSP:TRANSPARENT");
            Add("END:VEVENT");
        }
        Add("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'");

    /// <summary>TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped.</summary>
    public static string Text(string s) =>
        s.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>A quoted parameter value may hold anything but double quotes and control characters.</summary>
    private static string Param(string s) => new(s.Where(ch => ch != '"' && !char.IsControl(ch)).ToArray());

    /// <summary>
    /// Appends a content line, folded so that no line exceeds 75 octets of UTF-8 (§3.1): the
    /// continuation starts with a space, and a multi-byte character is never cut in two.
    /// </summary>
    public static void Fold(StringBuilder ics, string line)
    {
        var limit = 75;
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var n = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, n));
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.Append(line, i, n);
            octets += size;
            i += n - 1;
        }
        ics.Append("\r\n");
    }
}
