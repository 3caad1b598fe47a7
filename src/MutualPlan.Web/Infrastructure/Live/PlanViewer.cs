using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// One open live connection to a plan (migration 0024): who is looking at it right now and on
/// which app instance. Rows are written on join, removed on disconnect, and kept fresh by the
/// instance that holds the connection (<see cref="PresenceHeartbeat"/>); a row that has not been
/// refreshed for <see cref="PresenceBoard.StaleAfter"/> belongs to a crashed instance and is ignored.
/// </summary>
public sealed class PlanViewer
{
    public const int NameMax = 200;

    public string ConnectionId { get; set; } = "";
    public Guid PlanId { get; set; }
    public Guid InstanceId { get; set; }
    public bool IsBuyer { get; set; }
    /// <summary>The seller's user id, or the link visitor's id.</summary>
    public Guid PersonId { get; set; }
    /// <summary>The seller's name, or the buyer's own (personal link, proven e-mail); null for an anonymous link visitor.</summary>
    public string? Name { get; set; }
    /// <summary>A buyer's e-mail address; shown to the seller's team only.</summary>
    public string? Email { get; set; }
    public Guid? LinkId { get; set; }
    /// <summary>The link's access stamp at join: when the link tightens, the visitor must pass its gate again, so their presence ends.</summary>
    public Guid? LinkStamp { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

internal static class PresenceModel
{
    public static void Configure(ModelBuilder b) => b.Entity<PlanViewer>(e =>
    {
        e.HasKey(v => v.ConnectionId);
        e.Property(v => v.ConnectionId).HasMaxLength(100);
        e.Property(v => v.Name).HasMaxLength(PlanViewer.NameMax);
        e.Property(v => v.Email).HasMaxLength(PlanViewer.NameMax);
        e.HasIndex(v => new { v.PlanId, v.LastSeenAt });
        e.HasIndex(v => v.InstanceId);
        e.HasOne<Plan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
    });
}
