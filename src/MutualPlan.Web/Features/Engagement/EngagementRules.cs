namespace MutualPlan.Web.Features.Engagement;

/// <summary>
/// The accounting rules of engagement, as pure functions: when a visit ends, how much of the active
/// time a browser reports the server believes, and which sections of the buyer's view count.
/// </summary>
public static class EngagementRules
{
    /// <summary>A visit ends after this long without a page view or activity (the usual web-analytics session gap).</summary>
    public static readonly TimeSpan VisitGap = TimeSpan.FromMinutes(30);

    /// <summary>The browser reports every 15 s while active; one report never counts for more than this.</summary>
    public const int MaxBeatSeconds = 30;

    /// <summary>Allowance for a report arriving a little later than the time it covers.</summary>
    public const int SlackSeconds = 2;

    /// <summary>The browser stops counting after this long without input (documented here, enforced in engagement.js).</summary>
    public const int IdleCutoffSeconds = 60;

    /// <summary>A section counts as looked at once it was on screen this long, in total, while the visitor was active.</summary>
    public const int SectionViewedSeconds = 3;

    /// <summary>
    /// The seconds of one report the server credits: never negative, never more than one report may
    /// hold, and never more than the time that actually passed since the visit was last heard from
    /// (so two open tabs, or a forged report, cannot add up to more than the wall clock).
    /// </summary>
    public static int Credit(int claimed, DateTimeOffset? lastHeard, DateTimeOffset now)
    {
        if (claimed <= 0) return 0;
        var cap = MaxBeatSeconds;
        if (lastHeard is { } last)
        {
            var elapsed = (now - last).TotalSeconds;
            cap = (int)Math.Min(cap, Math.Max(0, Math.Floor(elapsed)) + SlackSeconds);
        }
        return Math.Min(claimed, cap);
    }

    /// <summary>Whether a new page view or report continues the visitor's last visit.</summary>
    public static bool Continues(DateTimeOffset lastSeen, DateTimeOffset now) => now - lastSeen <= VisitGap;

    /// <summary>The sections of the buyer's view, in page order, with the names sellers read.</summary>
    public static readonly (string Key, string Label)[] Sections =
    [
        ("progress", "Where we stand"),
        ("your-actions", "Your next actions"),
        ("next", "What is next"),
        ("done", "Done so far"),
        ("milestones", "Milestones"),
        ("people", "People"),
        ("discussion", "Discussion"),
        // The whole plan document, further down the page.
        ("context", "Business context"),
        ("stakeholders", "Stakeholders"),
        ("risks", "Risks and mitigations"),
        ("timeline", "Timeline summary"),
        ("next-steps", "Next steps this week"),
        ("sign-off", "Sign-off"),
    ];

    public static bool IsSection(string key) => Array.Exists(Sections, s => s.Key == key);

    public static string LabelOf(string key) => Array.Find(Sections, s => s.Key == key).Label ?? key;

    public static int OrderOf(string key) => Array.FindIndex(Sections, s => s.Key == key);

    /// <summary>"2 h 05 min", "4 min 10 s", "35 s": active time as sellers read it.</summary>
    public static string Duration(int seconds)
    {
        if (seconds <= 0) return "0 s";
        var t = TimeSpan.FromSeconds(seconds);
        if (t.TotalHours >= 1) return $"{(int)t.TotalHours} h {t.Minutes:00} min";
        if (t.TotalMinutes >= 1) return $"{t.Minutes} min {t.Seconds:00} s";
        return $"{t.Seconds} s";
    }

    /// <summary>"just now", "12 minutes ago", "3 hours ago", "5 days ago", or the date.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var d = now - at;
        if (d < TimeSpan.FromMinutes(1)) return "just now";
        if (d < TimeSpan.FromHours(1)) return Plural((int)d.TotalMinutes, "minute") + " ago";
        if (d < TimeSpan.FromDays(1)) return Plural((int)d.TotalHours, "hour") + " ago";
        if (d < TimeSpan.FromDays(30)) return Plural((int)d.TotalDays, "day") + " ago";
        return "on " + at.UtcDateTime.ToString("d MMM yyyy");
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
