using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;

namespace MutualPlan.Web.Data;

/// <summary>The mapping of sign-off rounds and their signers (migrations 0015 and 0027).</summary>
internal static class SignOffModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SignOffRound>(e =>
        {
            e.HasIndex(r => new { r.PlanId, r.Number }).IsUnique();
            e.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId);
            e.HasMany(r => r.Signers).WithOne().HasForeignKey(s => s.RoundId);
            e.Property(r => r.Message).HasMaxLength(SignOffRound.MessageMax);
            e.Property(r => r.RequestedBy).HasMaxLength(Plan.ShortTextMax);
            e.Property(r => r.ContentHash).HasMaxLength(64);
            // The signed content is the whole agreement: unbounded text on both providers.
            e.Property(r => r.Content);
            e.Property(r => r.CancelledBy).HasMaxLength(Plan.ShortTextMax);
            e.Property(r => r.CancelReason).HasMaxLength(SignOffRound.CancelReasonMax);
            e.Ignore(r => r.IsOpen);
            e.Ignore(r => r.IsCancelled);
            e.Ignore(r => r.AllSigned);
        });
        b.Entity<SignOffSigner>(e =>
        {
            e.HasIndex(s => s.PlanId);
            e.Property(s => s.Name).HasMaxLength(Plan.ShortTextMax);
            e.Property(s => s.Role).HasMaxLength(Plan.ShortTextMax);
            e.Property(s => s.Email).HasMaxLength(256);
            e.Property(s => s.SignedName).HasMaxLength(Plan.ShortTextMax);
            e.Property(s => s.SignedTitle).HasMaxLength(Plan.ShortTextMax);
            e.Property(s => s.IpAddress).HasMaxLength(SignOffSigner.IpMax);
            e.Property(s => s.UserAgent).HasMaxLength(SignOffSigner.UserAgentMax);
            e.Property(s => s.SignedHash).HasMaxLength(64);
            e.Ignore(s => s.HasSigned);
        });
    }
}
