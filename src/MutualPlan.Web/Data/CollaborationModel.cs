using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Data;

/// <summary>The mapping of comments, mentions, notifications and activity entries.</summary>
internal static class CollaborationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Comment>(e =>
        {
            e.HasIndex(c => new { c.PlanId, c.TargetId });
            e.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId);
            e.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Mentions).WithOne().HasForeignKey(m => m.CommentId);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.AuthorName).HasMaxLength(Plan.ShortTextMax);
            e.Property(c => c.Body).HasMaxLength(Comment.BodyMax);
            e.Property(c => c.ResolvedBy).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<CommentMention>(e =>
        {
            e.ToTable("CommentMentions");
            e.HasKey(m => new { m.CommentId, m.Kind, m.PersonId });
            e.Property(m => m.Name).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<Notification>(e =>
        {
            e.HasIndex(n => new { n.RecipientId, n.ReadAt });
            e.HasOne<Plan>().WithMany().HasForeignKey(n => n.PlanId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(n => n.WorkspaceId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Comment>().WithMany().HasForeignKey(n => n.CommentId).OnDelete(DeleteBehavior.SetNull);
            e.Property(n => n.Email).HasMaxLength(256);
            e.Property(n => n.ActorName).HasMaxLength(Plan.ShortTextMax);
            e.Property(n => n.Text).HasMaxLength(400);
            e.Property(n => n.Excerpt).HasMaxLength(400);
        });
        b.Entity<ActivityEntry>(e =>
        {
            e.ToTable("ActivityEntries");
            e.HasIndex(a => new { a.PlanId, a.At });
            e.HasIndex(a => new { a.PlanId, a.ItemId });
            e.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId);
            e.Property(a => a.ActorName).HasMaxLength(Plan.ShortTextMax);
            e.Property(a => a.ItemTitle).HasMaxLength(Plan.ShortTextMax);
            e.Property(a => a.Reason).HasMaxLength(Plan.LongTextMax);
            // The changed fields travel together and are only ever shown together: one JSON column.
            e.Property(a => a.Fields).HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => JsonSerializer.Deserialize<List<FieldChange>>(v, JsonOptions) ?? new List<FieldChange>(),
                new ValueComparer<List<FieldChange>>((x, y) => x!.SequenceEqual(y!), v => v.Count, v => v.ToList()));
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
