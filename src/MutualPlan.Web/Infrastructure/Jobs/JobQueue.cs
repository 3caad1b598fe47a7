using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Jobs;

/// <summary>
/// One unit of background work in the outbox table: written in the same transaction as the change
/// that caused it, claimed by one worker at a time under a lease, retried with back-off, kept when
/// done (so its <see cref="Key"/> keeps the same work from being scheduled twice).
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Kind { get; set; } = "";
    /// <summary>Idempotency key: unique across all jobs, finished or not.</summary>
    public string Key { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Until when the worker in <see cref="LeasedBy"/> owns the job; after that another may take it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeasedBy { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Given up after too many attempts (still completed, so it is not claimed again).</summary>
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>What became of it ("sent", "skipped: e-mail is off", …), for people reading the table.</summary>
    public string? Outcome { get; set; }
}

/// <summary>Settings of the "Jobs" section (the background worker).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";
    /// <summary>Run the worker in this instance (every instance may; they share the work safely).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a claimed job stays with its worker; longer than the slowest send (SMTP timeout).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    public int MaxAttempts { get; set; } = 12;
    public int BatchSize { get; set; } = 10;
}

/// <summary>Adding, claiming and finishing jobs on SQLite and PostgreSQL.</summary>
public static class JobQueue
{
    /// <summary>Adds the job to the context (saved with the caller's change) unless a job with its key is already tracked.</summary>
    public static void Stage(AppDbContext db, Job job)
    {
        if (db.ChangeTracker.Entries<Job>().Any(e => e.Entity.Key == job.Key)) return;
        db.Jobs.Add(job);
    }

    /// <summary>
    /// Inserts the job now unless one with its key exists (finished or not); true when inserted.
    /// Uses its own context so a duplicate key cannot spoil the caller's unit of work.
    /// </summary>
    public static async Task<bool> EnsureAsync(IServiceProvider services, Job job, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Jobs.AnyAsync(j => j.Key == job.Key, ct)) return false;
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the same key between the check and the insert.
            return false;
        }
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due jobs for <paramref name="worker"/> until now + lease.
    /// PostgreSQL: one UPDATE over a <c>FOR UPDATE SKIP LOCKED</c> selection, so concurrent workers
    /// never wait on or take each other's rows. SQLite (one writer at a time): a conditional UPDATE
    /// per candidate that only succeeds while the job is still unclaimed.
    /// A job whose lease ran out (its worker died) is due again.
    /// </summary>
    public static async Task<List<Job>> ClaimAsync(AppDbContext db, string worker, int max, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + lease;
        List<Guid> ids;
        if (db.Database.IsNpgsql())
        {
            ids = await db.Database.SqlQuery<Guid>($"""
                UPDATE "Jobs" SET "LeaseUntil" = {until}, "LeasedBy" = {worker}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (
                    SELECT "Id" FROM "Jobs"
                    WHERE "CompletedAt" IS NULL AND "DueAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "DueAt" LIMIT {max}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }
        else
        {
            var candidates = await db.Jobs.AsNoTracking()
                .Where(j => j.CompletedAt == null && j.DueAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
                .OrderBy(j => j.DueAt).Select(j => j.Id).Take(max).ToListAsync(ct);
            ids = [];
            foreach (var id in candidates)
            {
                var won = await db.Jobs
                    .Where(j => j.Id == id && j.CompletedAt == null && (j.LeaseUntil == null || j.LeaseUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.LeasedBy, worker)
                        .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
                if (won == 1) ids.Add(id);
            }
        }
        if (ids.Count == 0) return [];
        return await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).OrderBy(j => j.DueAt).ToListAsync(ct);
    }

    /// <summary>Marks the job done, if this worker still holds it; false when its lease was lost to another worker.</summary>
    public static async Task<bool> CompleteAsync(AppDbContext db, Job job, string worker, string outcome, DateTimeOffset now, CancellationToken ct) =>
        await db.Jobs.Where(j => j.Id == job.Id && j.LeasedBy == worker && j.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CompletedAt, now).SetProperty(j => j.Outcome, Clip(outcome, 400))
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct) == 1;

    /// <summary>Returns the job for a later attempt (exponential back-off), or gives up after the last attempt.</summary>
    public static async Task FailAsync(AppDbContext db, Job job, string worker, string error, JobOptions o, DateTimeOffset now, CancellationToken ct)
    {
        var attempts = job.Attempts;
        if (attempts >= o.MaxAttempts)
        {
            await db.Jobs.Where(j => j.Id == job.Id && j.LeasedBy == worker && j.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.CompletedAt, now).SetProperty(j => j.FailedAt, now)
                    .SetProperty(j => j.LastError, Clip(error, 4000)).SetProperty(j => j.Outcome, "gave up")
                    .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct);
            return;
        }
        var next = now + RetryDelay(attempts, o);
        await db.Jobs.Where(j => j.Id == job.Id && j.LeasedBy == worker && j.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, next).SetProperty(j => j.LastError, Clip(error, 4000))
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null).SetProperty(j => j.LeasedBy, (string?)null), ct);
    }

    /// <summary>The wait before attempt n + 1: the base delay doubled per failed attempt, capped.</summary>
    public static TimeSpan RetryDelay(int failedAttempts, JobOptions o)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(o.RetryDelay.Ticks * factor, o.MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>Gives back this worker's claimed, unfinished jobs (on shutdown), so another instance takes them at once.</summary>
    public static Task<int> ReleaseAsync(AppDbContext db, string worker, CancellationToken ct) =>
        db.Jobs.Where(j => j.LeasedBy == worker && j.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null).SetProperty(j => j.LeasedBy, (string?)null)
                .SetProperty(j => j.Attempts, j => j.Attempts - 1), ct);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
