using System.Reflection;

namespace MutualPlan.Web.Infrastructure;

/// <summary>
/// A feature's API endpoints. Each feature folder has one class implementing this; the host finds
/// them all, so adding a feature never means editing a central list.
/// </summary>
public interface IApiEndpoints
{
    static abstract void Map(RouteGroupBuilder api);
}

public static class EndpointDiscovery
{
    public static void MapFeatureApis(this RouteGroupBuilder api)
    {
        var groups = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApiEndpoints).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in groups)
        {
            var map = type.GetMethod(nameof(IApiEndpoints.Map), BindingFlags.Public | BindingFlags.Static)!;
            map.Invoke(null, [api]);
        }
    }
}
