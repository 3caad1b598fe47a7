using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MutualPlan.Web.Infrastructure;

/// <summary>Document-level information and the bearer-token security scheme for the OpenAPI description.</summary>
public sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MutualPlan API",
            Version = "v1",
            Description = "Mutual action plans: plans, stakeholders, milestones, actions, risks and metrics. " +
                          "Authenticate with a personal API token: `Authorization: Bearer mp_…`.",
            Contact = new OpenApiContact { Name = "MutualPlan", Url = new Uri("https://mutualplan.invalid/") },
        };
        document.Servers = [new OpenApiServer { Url = "/" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "MutualPlan API token",
            Description = "A personal API token created in Settings → API tokens or with `tokens create`.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
        return Task.CompletedTask;
    }
}
