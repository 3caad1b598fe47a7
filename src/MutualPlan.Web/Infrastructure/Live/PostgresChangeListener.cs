using Npgsql;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// On PostgreSQL, every app instance listens on <see cref="PlanChangeFeed.Channel"/> over a
/// dedicated connection and forwards each committed change to the views connected to this
/// instance. A lost connection is re-opened with a growing pause; views that missed changes
/// meanwhile catch up when they reconnect (they compare revisions). The same connection hears
/// that the viewers of a plan changed (<see cref="PresenceBoard"/>).
/// </summary>
public sealed class PostgresChangeListener(DatabaseOptions options, IWebHostEnvironment env, PlanChangeFeed feed, PresenceBoard presence, ILogger<PostgresChangeListener> log)
    : BackgroundService
{
    /// <summary>Set once the first LISTEN is in place (tests wait for it before they measure).</summary>
    public Task Listening => _listening.Task;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Provider != DatabaseProvider.Postgres) { _listening.TrySetResult(); return; }
        var pause = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var cs = new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString(env.ContentRootPath))
                {
                    // LISTEN needs its own long-lived session, outside the pool; keepalives notice a dead server.
                    Pooling = false, KeepAlive = 15, ApplicationName = "mutualplan-live",
                };
                await using var conn = new NpgsqlConnection(cs.ConnectionString);
                await conn.OpenAsync(stoppingToken);
                conn.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
                await using (var cmd = new NpgsqlCommand($"LISTEN {PlanChangeFeed.Channel}; LISTEN {PresenceBoard.Channel}", conn))
                    await cmd.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                pause = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested) await conn.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Live updates: the LISTEN connection failed; retrying in {Pause}", pause);
                try { await Task.Delay(pause, stoppingToken); } catch (OperationCanceledException) { return; }
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel == PlanChangeFeed.Channel && PlanChange.FromJson(payload) is { } change) _ = feed.DeliverAsync(change);
        else if (channel == PresenceBoard.Channel && Guid.TryParse(payload, out var planId)) presence.Schedule(planId);
    }
}
