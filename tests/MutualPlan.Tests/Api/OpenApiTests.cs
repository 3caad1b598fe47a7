using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

public sealed class OpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_description_covers_every_resource_declares_path_parameters_and_the_bearer_scheme()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/v1/plans", "/api/v1/plans/{id}", "/api/v1/plans/{planId}/stakeholders", "/api/v1/plans/{planId}/milestones",
                     "/api/v1/plans/{planId}/milestones/{milestoneId}/actions", "/api/v1/plans/{planId}/risks", "/api/v1/plans/{planId}/metrics",
                     "/api/v1/plans/{planId}/readiness", "/api/v1/me" })
            Assert.True(paths.TryGetProperty(p, out _), $"missing {p}");
        var actionParams = paths.GetProperty("/api/v1/plans/{planId}/milestones/{milestoneId}/actions").GetProperty("get").GetProperty("parameters");
        Assert.Contains(actionParams.EnumerateArray(), p => p.GetProperty("name").GetString() == "milestoneId" && p.GetProperty("in").GetString() == "path");
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        var operationIds = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(operationIds.Count, operationIds.Distinct().Count());
        var listed = doc.GetProperty("components").GetProperty("schemas").GetProperty("PlanListItemDto").GetProperty("properties");
        Assert.Contains("null when nobody has opened it yet", listed.GetProperty("buyerLastActiveAt").GetProperty("description").GetString());
    }
}
