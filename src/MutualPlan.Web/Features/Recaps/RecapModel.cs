using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Recaps;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>The mapping of sent plan e-mails (migration 0023).</summary>
internal static class RecapModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Configure(ModelBuilder b) => b.Entity<SentEmail>(e =>
    {
        e.HasIndex(m => new { m.PlanId, m.SentAt });
        e.HasIndex(m => m.StatusUpdateId);
        e.HasOne<Plan>().WithMany().HasForeignKey(m => m.PlanId);
        e.HasOne<StatusUpdate>().WithMany().HasForeignKey(m => m.StatusUpdateId).OnDelete(DeleteBehavior.Cascade);
        e.Property(m => m.Subject).HasMaxLength(SentEmail.SubjectMax);
        e.Property(m => m.Body).HasMaxLength(SentEmail.BodyMax);
        e.Property(m => m.SentBy).HasMaxLength(Plan.ShortTextMax);
        e.Property(m => m.MessageId).HasMaxLength(400);
        // The recipients as they were addressed: a small JSON array, read and written whole.
        e.Property(m => m.Recipients).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            s => JsonSerializer.Deserialize<List<SentRecipient>>(s, Json) ?? new List<SentRecipient>(),
            new ValueComparer<List<SentRecipient>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, r) => HashCode.Combine(h, r)), v => v.ToList()));
    });
}
