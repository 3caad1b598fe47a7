using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TimeProvider clock, IActorSource? actors = null,
    Infrastructure.Live.PlanChangeFeed? live = null)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<SuccessMetric> Metrics => Set<SuccessMetric>();
    public DbSet<MetricMeasurement> Measurements => Set<MetricMeasurement>();
    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<MilestoneDependency> MilestoneDependencies => Set<MilestoneDependency>();
    public DbSet<Assumption> Assumptions => Set<Assumption>();
    public DbSet<ActionItem> Actions => Set<ActionItem>();
    public DbSet<Risk> Risks => Set<Risk>();
    public DbSet<PlanResource> Resources => Set<PlanResource>();
    public DbSet<CalendarEntry> CalendarEntries => Set<CalendarEntry>();
    public DbSet<DateProposal> DateProposals => Set<DateProposal>();
    public DbSet<DateChange> DateChanges => Set<DateChange>();
    public DbSet<StatusUpdate> StatusUpdates => Set<StatusUpdate>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<LinkVisitor> LinkVisitors => Set<LinkVisitor>();
    public DbSet<LinkChallenge> LinkChallenges => Set<LinkChallenge>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();
    public DbSet<Planning.Ics.CalendarPublication> CalendarPublications => Set<Planning.Ics.CalendarPublication>();
    public DbSet<Planning.Ics.CalendarFeed> CalendarFeeds => Set<Planning.Ics.CalendarFeed>();
    public DbSet<Planning.SignOff.SignOffRound> SignOffRounds => Set<Planning.SignOff.SignOffRound>();
    public DbSet<Planning.SignOff.SignOffSigner> SignOffSigners => Set<Planning.SignOff.SignOffSigner>();
    public DbSet<Infrastructure.Jobs.Job> Jobs => Set<Infrastructure.Jobs.Job>();
    public DbSet<Features.Notifications.EmailPreference> EmailPreferences => Set<Features.Notifications.EmailPreference>();
    public DbSet<Features.Notifications.SigningKey> SigningKeys => Set<Features.Notifications.SigningKey>();
    public DbSet<Planning.Recaps.SentEmail> SentEmails => Set<Planning.Recaps.SentEmail>();
    public DbSet<Features.Integrations.WebhookEndpoint> WebhookEndpoints => Set<Features.Integrations.WebhookEndpoint>();
    public DbSet<Features.Integrations.WebhookDelivery> WebhookDeliveries => Set<Features.Integrations.WebhookDelivery>();
    public DbSet<Features.Integrations.WebhookCursor> WebhookCursors => Set<Features.Integrations.WebhookCursor>();
    public DbSet<Infrastructure.Live.PlanViewer> PlanViewers => Set<Infrastructure.Live.PlanViewer>();

    /// <summary>Plan changes saved in the open transaction, announced when it commits (see PlanChangeFeed).</summary>
    internal List<Infrastructure.Live.PlanChange> PendingLiveChanges { get; } = [];

    internal void PublishLiveChanges()
    {
        if (PendingLiveChanges.Count == 0 || live is null) return;
        live.Publish([.. PendingLiveChanges]);
        PendingLiveChanges.Clear();
    }
    public DbSet<Features.Engagement.EngagementVisit> EngagementVisits => Set<Features.Engagement.EngagementVisit>();
    public DbSet<Features.Engagement.EngagementSection> EngagementSections => Set<Features.Engagement.EngagementSection>();

    private bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // Enums are stored by name: readable in SQL and safe to reorder.
        foreach (var enumType in typeof(Plan).Assembly.GetTypes().Where(t => t.IsEnum)
                     .Concat([typeof(WorkspaceRole)]))
        {
            b.Properties(enumType).HaveConversion<string>().HaveMaxLength(40);
        }
        b.Properties<decimal>().HavePrecision(18, 2);
        if (IsSqlite)
        {
            // SQLite has no date-time-with-offset type; storing UTC ticks keeps ordering and
            // comparison in SQL correct. PostgreSQL uses timestamptz natively.
            b.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Workspace>(e => e.Property(w => w.Name).HasMaxLength(120));
        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(120);
            e.HasIndex(u => u.WorkspaceId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(u => u.WorkspaceId);
        });
        b.Entity<Invitation>(e =>
        {
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId);
        });
        b.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId);
        });

        b.Entity<Plan>(e =>
        {
            e.HasIndex(p => new { p.WorkspaceId, p.ArchivedAt });
            e.Ignore(p => p.Standing);
            e.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.SetNull);
            e.Property(p => p.Title).HasMaxLength(Plan.TitleMax);
            e.Property(p => p.BuyerCompany).HasMaxLength(Plan.ShortTextMax);
            e.Property(p => p.Solution).HasMaxLength(Plan.ShortTextMax);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.InternalNotes).HasMaxLength(Plan.LongTextMax);
            e.ComplexProperty(p => p.Context);
            e.ComplexProperty(p => p.Readiness);
            e.ComplexProperty(p => p.Decision);
            e.ComplexProperty(p => p.Communication);
            e.ComplexProperty(p => p.Review);
            e.ComplexProperty(p => p.KeyDates);
            e.HasMany(p => p.Objectives).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.Metrics).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.Stakeholders).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.Milestones).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.Risks).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.Resources).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.Calendar).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.DateProposals).WithOne().HasForeignKey(x => x.PlanId);
            e.HasMany(p => p.DateChanges).WithOne().HasForeignKey(x => x.PlanId);
        });
        b.Entity<SuccessMetric>(e =>
        {
            e.HasMany(m => m.Measurements).WithOne().HasForeignKey(x => x.MetricId);
            e.HasOne<Stakeholder>().WithMany().HasForeignKey(m => m.OwnerStakeholderId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Stakeholder>(e =>
        {
            e.HasOne<Stakeholder>().WithMany().HasForeignKey(s => s.ReportsToId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Milestone>(e =>
        {
            e.HasMany(m => m.Actions).WithOne().HasForeignKey(a => a.MilestoneId);
            e.HasMany(m => m.Assumptions).WithOne().HasForeignKey(a => a.MilestoneId);
            e.HasMany(m => m.DependsOn).WithOne().HasForeignKey(d => d.MilestoneId);
            e.Ignore(m => m.SlipDays);
            // A deleted fixed event unpins its milestones rather than deleting them.
            e.HasOne<CalendarEntry>().WithMany().HasForeignKey(m => m.PinnedEventId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<MilestoneDependency>(e =>
        {
            e.HasKey(d => new { d.MilestoneId, d.DependsOnId });
            // Deleting the prerequisite removes the link too; the cascade from the dependent side
            // is declared above. SQL Server would reject two cascade paths; these providers do not.
            e.HasOne<Milestone>().WithMany().HasForeignKey(d => d.DependsOnId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActionItem>(e =>
        {
            e.HasOne<Stakeholder>().WithMany().HasForeignKey(a => a.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<DateChange>(e =>
        {
            e.HasIndex(d => new { d.PlanId, d.ChangedAt });
            e.HasOne<Milestone>().WithMany().HasForeignKey(d => d.MilestoneId);
            e.Property(d => d.Reason).HasMaxLength(Plan.LongTextMax);
            e.Property(d => d.AgreedBy).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<StatusUpdate>(e =>
        {
            e.HasIndex(u => new { u.PlanId, u.CreatedAt });
            e.HasOne<Plan>().WithMany().HasForeignKey(u => u.PlanId);
            e.Property(u => u.Body).HasMaxLength(StatusUpdate.BodyMax);
            e.Property(u => u.Author).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<ShareLink>(e =>
        {
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => l.PlanId);
            e.HasOne<Plan>().WithMany().HasForeignKey(l => l.PlanId);
            e.Property(l => l.Label).HasMaxLength(Plan.ShortTextMax);
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.Property(l => l.CreatedBy).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<DateProposal>(e =>
        {
            e.HasIndex(d => new { d.PlanId, d.Status });
            e.HasOne<Milestone>().WithMany().HasForeignKey(d => d.MilestoneId);
            e.Property(d => d.Reason).HasMaxLength(Plan.LongTextMax);
            e.Property(d => d.ProposedBy).HasMaxLength(Plan.ShortTextMax);
            e.Property(d => d.RespondedBy).HasMaxLength(Plan.ShortTextMax);
            e.Property(d => d.ResponseNote).HasMaxLength(DateProposal.NoteMax);
        });
        b.Entity<CalendarEntry>(e =>
        {
            e.Property(c => c.Label).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<Planning.Ics.CalendarPublication>(e =>
        {
            e.HasIndex(c => new { c.PlanId, c.ItemId }).IsUnique();
            e.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId);
            e.Property(c => c.Summary).HasMaxLength(Planning.Ics.CalendarPublication.SummaryMax);
            e.Property(c => c.Fingerprint).HasMaxLength(64);
            // Two writers recording the same change must not both succeed (see PlanCalendars).
            e.Property(c => c.Sequence).IsConcurrencyToken();
        });
        b.Entity<Planning.Ics.CalendarFeed>(e =>
        {
            e.HasIndex(f => f.TokenHash).IsUnique();
            e.HasIndex(f => f.PlanId);
            e.HasOne<Plan>().WithMany().HasForeignKey(f => f.PlanId);
            e.Property(f => f.TokenHash).HasMaxLength(64);
            e.Property(f => f.CreatedBy).HasMaxLength(Plan.ShortTextMax);
        });
        b.Entity<Risk>(e =>
        {
            e.HasOne<Milestone>().WithMany().HasForeignKey(r => r.MilestoneId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Stakeholder>().WithMany().HasForeignKey(r => r.MitigationOwnerId).OnDelete(DeleteBehavior.SetNull);
        });
        CollaborationModel.Configure(b);
        Features.Sharing.AccessModel.Configure(b);
        SignOffModel.Configure(b);
        Features.Notifications.NotificationModel.Configure(b);
        Features.Recaps.RecapModel.Configure(b);
        Features.Engagement.EngagementModel.Configure(b);
        Features.Integrations.WebhookModel.Configure(b);
        Infrastructure.Live.PresenceModel.Configure(b);

        // Every plan entity carries an optimistic-concurrency version (see SaveChanges).
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            b.Entity(type.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
        }
        ApplyTextLimits(b);
    }

    /// <summary>
    /// Gives every string column without an explicit limit the long-text limit, so no column is
    /// unbounded; validation uses the same limits (<see cref="Plan.LongTextMax"/>).
    /// </summary>
    private static readonly HashSet<string> ShortTextNames =
        ["Title", "Name", "Email", "Phone", "Unit", "Function", "PrimaryConcern"];

    private static void ApplyTextLimits(ModelBuilder b)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(Plan).Namespace))
        {
            foreach (var p in type.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null))
                p.SetMaxLength(ShortTextNames.Contains(p.Name) ? Plan.ShortTextMax : Plan.LongTextMax);
            foreach (var complex in type.GetComplexProperties())
                foreach (var p in complex.ComplexType.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null))
                    p.SetMaxLength(Plan.LongTextMax);
        }
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
        foreach (var entry in ChangeTracker.Entries<Plan>())
        {
            if (entry.State == EntityState.Added) { entry.Entity.CreatedAt = now; entry.Entity.UpdatedAt = now; }
            else if (entry.State == EntityState.Modified) entry.Entity.UpdatedAt = now;
        }
        // Assignments and moved dates notify people; every new notification gets its e-mail job in this save (outbox).
        await Features.Notifications.NotificationEvents.FromChangesAsync(this, actors?.Current ?? Actor.System, cancellationToken);
        // The first material edit after everyone signed tells the signers at once (once per signed baseline).
        await Features.SignOff.ChangedSinceSignedAlert.RaiseAsync(this, actors?.Current ?? Actor.System, cancellationToken);
        Features.Notifications.NotificationEvents.StageEmails(this, now);
        // One pass over the changes: which plans' revisions rise, and what the activity feed records.
        var recorder = new ActivityRecorder(this);
        await recorder.ReadAsync(actors?.Current ?? Actor.System, now, cancellationToken);
        Activity.AddRange(recorder.Entries);
        var touched = recorder.TouchedPlans;
        if (touched.Count == 0) return await base.SaveChangesAsync(cancellationToken);

        // The change and the revision bump commit together, so a reader never caches a plan
        // under a revision that does not match its content.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await base.SaveChangesAsync(cancellationToken);
            await Plans.Where(p => touched.Contains(p.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, p => p.Revision + 1), cancellationToken);
            if (live is not null) await live.StageAsync(this, touched, recorder.Entries, actors?.Current ?? Actor.System, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }
}
