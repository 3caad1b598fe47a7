using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Notifications;
using MutualPlan.Web.Infrastructure.Jobs;
using Xunit.Abstractions;

namespace MutualPlan.Tests.Notifications;

/// <summary>
/// The jobs outbox under failure: several app instances (hosts) on one database racing for the
/// same jobs, the SMTP server down and back, and a host that dies holding claimed jobs. Every
/// message is counted at a real SMTP server; the Message-ID carries the job id, so a duplicate
/// would show as two messages with one id.
/// </summary>
public abstract class JobDeliveryTests(TestApp app, ITestOutputHelper output) : IDisposable
{
    private readonly SmtpSink _sink = new();
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    public void Dispose()
    {
        foreach (var h in _hosts) h.Dispose();
        _sink.Dispose();
    }

    /// <summary>Another instance of the app on the same database, with its worker on (or off: a host that only claims).</summary>
    private WebApplicationFactory<Program> Host(bool worker = true, string lease = "00:00:30", int batch = 3)
    {
        var host = app.WithWebHostBuilder(b =>
        {
            _sink.Configure(b);
            b.UseSetting("Jobs:Enabled", worker ? "true" : "false");
            b.UseSetting("Jobs:PollInterval", "00:00:00.100");
            b.UseSetting("Jobs:RetryDelay", "00:00:00.300");
            b.UseSetting("Jobs:MaxRetryDelay", "00:00:01");
            b.UseSetting("Jobs:Lease", lease);
            b.UseSetting("Jobs:BatchSize", batch.ToString());
            b.UseSetting("Notifications:PublicUrl", "http://plans.test");
        });
        _ = host.Server; // start it: the worker begins polling
        _hosts.Add(host);
        return host;
    }

    /// <summary>Commits <paramref name="count"/> notifications for one seller (and so as many e-mail jobs) in one transaction.</summary>
    private async Task<(string Email, List<Guid> JobIds)> NotificationsAsync(int count)
    {
        var owner = await app.NewWorkspaceAsync();
        var colleague = await app.AddSellerAsync(owner.WorkspaceId);
        var plan = await owner.NewPlanAsync();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < count; i++)
            await NotificationEvents.RaiseAsync(db, plan, NotificationKind.StatusUpdatePublished, $"Update {i + 1:000}", "Weekly status", $"/plans/{plan}/updates",
                [NotificationRecipient.Seller(colleague.UserId, "Sam Seller")], eventKey: $"test:{Guid.NewGuid():N}");
        await db.SaveChangesAsync();
        var ids = await db.Notifications.Where(n => n.RecipientId == colleague.UserId).Select(n => n.Id).ToListAsync();
        var keys = ids.Select(id => $"email:{id}").ToList();
        return (colleague.Email, await db.Jobs.Where(j => keys.Contains(j.Key)).Select(j => j.Id).ToListAsync());
    }

    private async Task<List<Job>> JobsAsync(List<Guid> ids)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync();
    }

    private async Task<List<Job>> AllDoneAsync(List<Guid> ids, int seconds = 60)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            var jobs = await JobsAsync(ids);
            if (jobs.All(j => j.CompletedAt is not null)) return jobs;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{(await JobsAsync(ids)).Count(j => j.CompletedAt is null)} of {ids.Count} jobs unfinished");
    }

    /// <summary>Each job delivered exactly once: one message per job id, nothing else, nothing more after a pause.</summary>
    private async Task AssertEachDeliveredOnceAsync(string email, List<Guid> jobIds)
    {
        await Task.Delay(1500); // give a duplicate time to arrive
        var mails = _sink.To(email);
        var perJob = mails.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(jobIds.Count, mails.Count);
        Assert.All(jobIds, id => Assert.Equal(1, perJob.GetValueOrDefault($"mp-{id:N}@mutualplan.test")));
        Assert.All(await JobsAsync(jobIds), j => Assert.Equal("sent", j.Outcome));
    }

    [Fact]
    public async Task Two_instances_racing_over_many_jobs_deliver_each_message_exactly_once()
    {
        Host(); Host();
        var (email, jobs) = await NotificationsAsync(60);
        var done = await AllDoneAsync(jobs);
        await AssertEachDeliveredOnceAsync(email, jobs);
        var byWorker = done.GroupBy(j => j.LeasedBy).Select(g => $"{g.Key}: {g.Count()}").ToList();
        output.WriteLine($"{jobs.Count} jobs, {_sink.To(email).Count} messages; sent by worker: {string.Join(", ", byWorker)}");
    }

    [Fact]
    public async Task With_the_smtp_server_down_jobs_are_retried_with_back_off_and_each_delivered_once_when_it_is_back()
    {
        _sink.Stop();
        Host(); Host();
        var (email, jobs) = await NotificationsAsync(5);
        for (var i = 0; i < 300 && !(await JobsAsync(jobs)).All(j => j.Attempts >= 2); i++) await Task.Delay(100);
        var failing = await JobsAsync(jobs);
        Assert.All(failing, j => { Assert.Null(j.CompletedAt); Assert.True(j.Attempts >= 2); Assert.NotNull(j.LastError); });
        output.WriteLine("while down: " + string.Join("; ", failing.Select(j => $"attempts {j.Attempts}, next {j.DueAt:HH:mm:ss.fff}, {j.LastError}")));
        Assert.Empty(_sink.Messages());

        _sink.Start();
        await AllDoneAsync(jobs);
        await AssertEachDeliveredOnceAsync(email, jobs);
    }

    [Fact]
    public async Task Jobs_claimed_by_an_instance_that_dies_are_delivered_by_another_after_the_lease_runs_out()
    {
        var (email, jobs) = await NotificationsAsync(12);
        // Instance A claims half of the jobs and dies without finishing or giving them back.
        var a = Host(worker: false, lease: "00:00:03");
        List<Job> claimed;
        await using (var scope = a.Services.CreateAsyncScope())
            claimed = await JobQueue.ClaimAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), "instance-a", 6, TimeSpan.FromSeconds(3), DateTimeOffset.UtcNow, default);
        Assert.Equal(6, claimed.Count);
        await a.DisposeAsync();
        _hosts.Remove(a);

        // Instance B starts: it sends the unclaimed jobs at once and A's once their lease has run out.
        Host();
        await AllDoneAsync(jobs);
        var done = await JobsAsync(claimed.Select(c => c.Id).ToList());
        Assert.All(done, j => Assert.NotEqual("instance-a", j.LeasedBy));
        Assert.All(done, j => Assert.Equal(2, j.Attempts)); // A's claim, then B's
        await AssertEachDeliveredOnceAsync(email, jobs);
    }

    [Fact]
    public async Task An_instance_stopped_gracefully_gives_its_claimed_jobs_back_for_the_next()
    {
        var (email, jobs) = await NotificationsAsync(4);
        var a = Host(worker: false, lease: "00:10:00");
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var worker = scope.ServiceProvider.GetRequiredService<NotificationWorker>();
            Assert.Equal(4, (await JobQueue.ClaimAsync(db, worker.Name, 10, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow, default)).Count);
            Assert.Equal(4, await JobQueue.ReleaseAsync(db, worker.Name, default));
        }
        Host();
        await AllDoneAsync(jobs, seconds: 20); // far sooner than the ten-minute lease
        await AssertEachDeliveredOnceAsync(email, jobs);
    }

    [Fact]
    public void The_retry_delay_doubles_per_attempt_up_to_its_cap()
    {
        var o = new JobOptions { RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };
        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(n => JobQueue.RetryDelay(n, o).TotalSeconds));
    }
}

public sealed class JobDeliveryTests_Sqlite(SqliteApp app, ITestOutputHelper output) : JobDeliveryTests(app, output), IClassFixture<SqliteApp>;
public sealed class JobDeliveryTests_Postgres(PostgresApp app, ITestOutputHelper output) : JobDeliveryTests(app, output), IClassFixture<PostgresApp>;
