using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Features.Sharing;

/// <summary>The mapping of graded link access: link settings, visitors, one-time codes.</summary>
public static class AccessModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ShareLink>(e =>
        {
            e.Property(l => l.AllowedDomains).HasMaxLength(1000);
            e.Property(l => l.PinHash).HasMaxLength(200);
            e.HasIndex(l => l.StakeholderId);
            e.HasOne<Stakeholder>().WithMany().HasForeignKey(l => l.StakeholderId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Data.Workspace>(e =>
        {
            e.Property(w => w.BrandColor).HasMaxLength(7);
            e.Property(w => w.LogoUrl).HasMaxLength(500);
            e.Property(w => w.LogoContentType).HasMaxLength(40);
        });
        b.Entity<LinkVisitor>(e =>
        {
            e.HasIndex(v => v.LinkId);
            e.HasIndex(v => v.PlanId);
            e.HasIndex(v => v.StakeholderId);
            e.HasOne<ShareLink>().WithMany().HasForeignKey(v => v.LinkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Stakeholder>().WithMany().HasForeignKey(v => v.StakeholderId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<LinkChallenge>(e =>
        {
            e.HasIndex(c => c.LinkId);
            e.Property(c => c.CodeHash).HasMaxLength(200);
            e.HasOne<ShareLink>().WithMany().HasForeignKey(c => c.LinkId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
