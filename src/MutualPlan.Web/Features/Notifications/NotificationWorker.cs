using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure.Email;
using MutualPlan.Web.Infrastructure.Jobs;

namespace MutualPlan.Web.Features.Notifications;

/// <summary>
/// The background worker: schedules the hourly reminder scan, claims due jobs (see
/// <see cref="JobQueue.ClaimAsync"/>) and runs them: notification e-mails (at once, or handed to
/// the person's daily digest), digests and reminder scans. Every instance runs one; the claim
/// makes sure each job runs in one instance at a time. A failed job is retried with exponential
/// back-off; a job whose worker died returns when its lease runs out.
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, IOptions<JobOptions> jobOptions, TimeProvider clock, ILogger<NotificationWorker> log) : BackgroundService
{
    public const string DigestJob = "notification-digest";
    public const string ReminderJob = "reminder-scan";

    /// <summary>This instance's name in the jobs table (LeasedBy).</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private readonly JobOptions _o = jobOptions.Value;
    private string? _scheduledHour;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_o.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // The database may be briefly unreachable: log and try again at the next tick.
                log.LogWarning(e, "The notification worker could not run its jobs; trying again in {Interval}", _o.PollInterval);
            }
            try { await Task.Delay(_o.PollInterval, stoppingToken); } catch (OperationCanceledException) { break; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_o.Enabled) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var released = await JobQueue.ReleaseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Name, cancellationToken);
            if (released > 0) log.LogInformation("Gave back {Count} claimed job(s) on shutdown", released);
        }
        catch (ObjectDisposedException)
        {
            // The host is already torn down: the claims return when their lease runs out.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not give back claimed jobs on shutdown; they return when their lease runs out");
        }
    }

    /// <summary>One pass: schedule this hour's reminder scan, then claim and run one batch. Returns how many jobs ran.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await ScheduleRemindersAsync(ct);
        List<Job> batch;
        await using (var scope = scopes.CreateAsyncScope())
            batch = await JobQueue.ClaimAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Name, _o.BatchSize, _o.Lease, clock.GetUtcNow(), ct);
        foreach (var job in batch) await RunAsync(job, ct);
        return batch.Count;
    }

    /// <summary>Claims and runs jobs until none is due (for tests and the admin command).</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var total = 0;
        for (int n; (n = await RunOnceAsync(ct)) > 0;) total += n;
        return total;
    }

    private async Task ScheduleRemindersAsync(CancellationToken ct)
    {
        var hour = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);
        if (hour == _scheduledHour) return;
        var now = clock.GetUtcNow();
        await JobQueue.EnsureAsync(scopes.CreateScope().ServiceProvider,
            new Job { Kind = ReminderJob, Key = $"reminders:{hour}", Payload = hour, DueAt = now, CreatedAt = now }, ct);
        _scheduledHour = hour;
    }

    private async Task RunAsync(Job job, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            var outcome = job.Kind switch
            {
                NotificationEvents.EmailJob => await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendNotificationAsync(job, ct),
                DigestJob => await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendDigestAsync(job, ct),
                ReminderJob => await RemindAsync(scope.ServiceProvider, ct),
                _ => $"skipped: unknown kind {job.Kind}",
            };
            if (!await JobQueue.CompleteAsync(db, job, Name, outcome, clock.GetUtcNow(), ct))
                log.LogWarning("Job {Key} finished after its lease had passed to another worker", job.Key);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Job {Key} failed (attempt {Attempt}): {Error}", job.Key, job.Attempts, e.Message);
            await JobQueue.FailAsync(db, job, Name, $"{e.GetType().Name}: {e.Message}", _o, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    private async Task<string> RemindAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var options = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var added = await NotificationEvents.RemindAsync(db, today, options.DueSoonDays, ct);
        await db.SaveChangesAsync(ct);
        return $"{added} reminder(s)";
    }
}

/// <summary>Turns notifications into e-mails: one at once, or a digest, per the person's preference.</summary>
public sealed class NotificationMailer(AppDbContext db, IMailSender mail, PreferenceTokens tokens, IOptions<NotificationOptions> options,
    IServiceProvider services, TimeProvider clock)
{
    private readonly NotificationOptions _o = options.Value;

    public async Task<string> SendNotificationAsync(Job job, CancellationToken ct)
    {
        var id = Guid.Parse(job.Payload);
        var n = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return "skipped: the notification is gone";
        if (n.EmailedAt is not null) return "skipped: already e-mailed";
        if (!mail.IsEnabled) return "skipped: e-mail is off";
        var who = await RecipientAsync(n.RecipientKind, n.RecipientId, n.WorkspaceId, n.Email, ct);
        if (who is null) return "skipped: no address";
        var delivery = await EmailPreferences.GetAsync(db, n.RecipientKind, n.RecipientId, ct);
        if (delivery == EmailDelivery.Off) return "skipped: the recipient turned e-mail off";
        if (delivery == EmailDelivery.DailyDigest)
        {
            var now = clock.GetUtcNow();
            // The day's digest job is shared by all of the day's notifications (one key per person and day).
            // Should that day's digest have gone out already (a late worker), the next day's takes it.
            for (var at = NextDigest(now); ; at = at.AddDays(1))
            {
                var key = $"digest:{n.RecipientKind}:{n.RecipientId}:{at:yyyy-MM-dd}";
                var added = await JobQueue.EnsureAsync(services, new Job
                {
                    Kind = NotificationWorker.DigestJob, Key = key, Payload = $"{n.RecipientKind}|{n.RecipientId}|{n.WorkspaceId}|{n.Email}",
                    DueAt = at, CreatedAt = now,
                }, ct);
                if (added || await db.Jobs.AnyAsync(j => j.Key == key && j.CompletedAt == null, ct))
                    return $"queued for the digest of {at:yyyy-MM-dd}";
            }
        }
        await SendAsync(who, n.WorkspaceId, [n], isDigest: false, job.Id, ct);
        return "sent";
    }

    public async Task<string> SendDigestAsync(Job job, CancellationToken ct)
    {
        var parts = job.Payload.Split('|');
        var kind = Enum.Parse<MentionKind>(parts[0]);
        var recipientId = Guid.Parse(parts[1]);
        var workspaceId = Guid.Parse(parts[2]);
        if (!mail.IsEnabled) return "skipped: e-mail is off";
        if (await EmailPreferences.GetAsync(db, kind, recipientId, ct) == EmailDelivery.Off) return "skipped: the recipient turned e-mail off";
        var now = clock.GetUtcNow();
        var pending = await db.Notifications.AsNoTracking()
            .Where(x => x.RecipientKind == kind && x.RecipientId == recipientId && x.WorkspaceId == workspaceId && x.EmailedAt == null && x.CreatedAt <= now)
            .OrderBy(x => x.CreatedAt).Take(100).ToListAsync(ct);
        if (pending.Count == 0) return "skipped: nothing new";
        var who = await RecipientAsync(kind, recipientId, workspaceId, parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null, ct);
        if (who is null) return "skipped: no address";
        await SendAsync(who, workspaceId, pending, isDigest: true, job.Id, ct);
        return $"sent a digest of {pending.Count}";
    }

    /// <summary>The next digest time strictly after <paramref name="now"/>: at most one digest per person and day.</summary>
    public DateTimeOffset NextDigest(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(Math.Clamp(_o.DigestHourUtc, 0, 23));
        return today > now ? today : today.AddDays(1);
    }

    private sealed record Person(string Name, string Email);

    private async Task<Person?> RecipientAsync(MentionKind kind, Guid id, Guid workspaceId, string? storedEmail, CancellationToken ct)
    {
        if (kind == MentionKind.Seller)
        {
            var u = await db.Users.AsNoTracking().Where(x => x.Id == id && x.WorkspaceId == workspaceId).Select(x => new { x.DisplayName, x.Email }).SingleOrDefaultAsync(ct);
            return u?.Email is { Length: > 0 } e ? new Person(u.DisplayName, e) : null;
        }
        var s = await db.Stakeholders.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Name, x.Email }).SingleOrDefaultAsync(ct);
        // The stakeholder's current address wins (it may have been corrected); a removed stakeholder hears nothing more.
        if (s is null) return null;
        var email = string.IsNullOrWhiteSpace(s.Email) ? storedEmail : s.Email.Trim();
        return string.IsNullOrWhiteSpace(email) ? null : new Person(s.Name, email);
    }

    private async Task SendAsync(Person who, Guid workspaceId, List<Notification> items, bool isDigest, Guid jobId, CancellationToken ct)
    {
        var first = items[0];
        var planIds = items.Select(i => i.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id) && p.WorkspaceId == workspaceId)
            .Select(p => new { p.Id, p.Title, p.OwnerId }).ToDictionaryAsync(p => p.Id, ct);
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
        var isBuyer = first.RecipientKind == MentionKind.Stakeholder;
        var token = tokens.For(first.RecipientKind, first.RecipientId, workspaceId);
        var preferences = _o.Link($"/email/preferences/{token}");
        var unsubscribe = _o.Link($"/email/unsubscribe/{token}");

        EmailAddress? replyTo = null;
        string? ownerName = null;
        if (isBuyer && plans.GetValueOrDefault(first.PlanId)?.OwnerId is { } ownerId)
        {
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
            if (owner?.Email is { Length: > 0 } oe) { replyTo = new EmailAddress(oe, owner.DisplayName); ownerName = owner.DisplayName; }
        }

        var content = new MailContent(workspace, who.Name,
            items.Select(n => new MailItem(n.Kind, n.Text, n.Excerpt, n.ActorName, plans.GetValueOrDefault(n.PlanId)?.Title ?? "Plan", n.CreatedAt,
                isBuyer ? (n.Url is { } u && u.StartsWith("/p/", StringComparison.Ordinal) ? _o.Link(u) : null) : _o.Link($"/notifications/open?id={n.Id}"))).ToList(),
            isDigest, preferences, unsubscribe, isBuyer, ownerName);
        await mail.SendAsync(new EmailMessage
        {
            To = [new EmailAddress(who.Email, who.Name)],
            ReplyTo = replyTo,
            Subject = EmailTemplates.Subject(content),
            Html = EmailTemplates.Html(content),
            Text = EmailTemplates.Text(content),
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                ["Auto-Submitted"] = "auto-generated",
            },
            // The job id names the message: a repeated delivery of the same job is recognisable.
            MessageIdLocalPart = $"mp-{jobId:N}",
        }, ct);

        var ids = items.Select(i => i.Id).ToList();
        await db.Notifications.Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailedAt, clock.GetUtcNow()), ct);
    }
}
