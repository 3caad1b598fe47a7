using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure.Jobs;

namespace MutualPlan.Web.Features.Notifications;

/// <summary>The mapping of notification delivery: event keys, the jobs outbox and e-mail preferences (migrations 0018, 0022).</summary>
internal static class NotificationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Notification>(e =>
        {
            e.HasIndex(n => n.EventKey).IsUnique();
            e.HasIndex(n => new { n.RecipientKind, n.RecipientId, n.EmailedAt });
            e.Property(n => n.Url).HasMaxLength(400);
            e.Property(n => n.EventKey).HasMaxLength(300);
        });
        b.Entity<Job>(e =>
        {
            e.ToTable("Jobs");
            e.HasIndex(j => j.Key).IsUnique();
            e.Property(j => j.Kind).HasMaxLength(40);
            e.Property(j => j.Key).HasMaxLength(300);
            e.Property(j => j.Payload).HasMaxLength(4000);
            e.Property(j => j.LeasedBy).HasMaxLength(100);
            e.Property(j => j.LastError).HasMaxLength(4000);
            e.Property(j => j.Outcome).HasMaxLength(400);
        });
        b.Entity<SigningKey>(e =>
        {
            e.ToTable("SigningKeys");
            e.HasKey(k => k.Name);
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Secret).HasMaxLength(200);
        });
        b.Entity<EmailPreference>(e =>
        {
            e.ToTable("EmailPreferences");
            e.HasIndex(p => new { p.RecipientKind, p.RecipientId }).IsUnique();
            e.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
