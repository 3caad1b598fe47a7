using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Features.Engagement;

/// <summary>
/// One visit of a link visitor to the buyer's view: it starts with a page view or the first sign
/// of activity after <see cref="EngagementRules.VisitGap"/> of silence, and grows with each page
/// view and heartbeat. Active time is only what the browser reported as visible and in use,
/// capped by the server (<see cref="EngagementRules.Credit"/>).
/// </summary>
public sealed class EngagementVisit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid LinkId { get; set; }
    public Guid VisitorId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The last page view or heartbeat with activity in this visit.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    public int PageViews { get; set; }
    public int ActiveSeconds { get; set; }
}

/// <summary>How long one visit had one section of the buyer's view on screen while the visitor was active.</summary>
public sealed class EngagementSection
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VisitId { get; set; }
    public Guid PlanId { get; set; }
    public string Section { get; set; } = "";
    public int Seconds { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

public static class EngagementModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<EngagementVisit>(e =>
        {
            e.HasIndex(v => new { v.PlanId, v.LastSeenAt });
            e.HasIndex(v => new { v.VisitorId, v.LastSeenAt });
            e.HasIndex(v => v.LinkId);
            e.HasOne<LinkVisitor>().WithMany().HasForeignKey(v => v.VisitorId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<EngagementSection>(e =>
        {
            e.Property(s => s.Section).HasMaxLength(40);
            e.HasIndex(s => new { s.VisitId, s.Section }).IsUnique();
            e.HasIndex(s => s.PlanId);
            e.HasOne<EngagementVisit>().WithMany().HasForeignKey(s => s.VisitId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
