namespace MutualPlan.Web.Features.Engagement;

/// <summary>How often the buyer's view reports activity (engagement.js), from <c>Engagement:ReportSeconds</c>.</summary>
public static class EngagementSettings
{
    public const int DefaultReportSeconds = 15;

    /// <summary>
    /// Seconds between two reports of the buyer's view: 15 unless configured (1 to
    /// <see cref="EngagementRules.MaxBeatSeconds"/>, beyond which the server would not credit a
    /// whole report). A shorter interval is for tests that should not wait 15 s for a report.
    /// </summary>
    public static int ReportSeconds(IConfiguration configuration) =>
        Math.Clamp(configuration.GetValue("Engagement:ReportSeconds", DefaultReportSeconds), 1, EngagementRules.MaxBeatSeconds);
}
