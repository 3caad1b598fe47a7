using MutualPlan.Web.Data;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>Every <see cref="PresenceBoard.HeartbeatEvery"/>, confirms this instance's viewers and clears stale ones.</summary>
public sealed class PresenceHeartbeat(PresenceBoard board, IServiceScopeFactory scopes, ILogger<PresenceHeartbeat> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PresenceBoard.HeartbeatEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await board.BeatAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Presence heartbeat failed; trying again at the next beat");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
