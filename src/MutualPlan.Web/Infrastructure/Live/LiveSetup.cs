namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>Wires live updates: SignalR, the change feed and, on PostgreSQL, the LISTEN loop.</summary>
public static class LiveSetup
{
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.AddSignalR(o => o.KeepAliveInterval = TimeSpan.FromSeconds(15));
        services.AddSingleton<PlanChangeFeed>();
        services.AddSingleton<PresenceBoard>();
        services.AddSingleton<LinkPresenceInterceptor>();
        services.AddHostedService<PresenceHeartbeat>();
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        return services;
    }

    public static void MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        app.MapHub<PlanHub>("/hubs/plan");
        // Link visitors connect under their link, so the link middleware checks the link and their cookie on connect.
        app.MapHub<PlanHub>("/p/{token}/live").AllowAnonymous();
    }
}
