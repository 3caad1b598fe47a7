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
        CompleteOperations(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The generic list endpoints read a parent id (e.g. milestoneId) from the route rather than a
    /// handler parameter, so the generator does not declare it: add every path parameter the
    /// template names. Operations without a description get their summary, and every tag used is
    /// declared with a description.
    /// </summary>
    private static void CompleteOperations(OpenApiDocument document)
    {
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            var names = System.Text.RegularExpressions.Regex.Matches(path, "{([^}:]+)}").Select(m => m.Groups[1].Value).ToList();
            foreach (var (_, operation) in item.Operations ?? [])
            {
                operation.Parameters ??= [];
                foreach (var name in names.Where(n => !operation.Parameters.Any(p => p.Name == n && p.In == ParameterLocation.Path)))
                {
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = name, In = ParameterLocation.Path, Required = true,
                        Description = $"The {name[..^2]}'s id.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                    });
                }
                if (string.IsNullOrWhiteSpace(operation.Description)) operation.Description = operation.Summary;
                foreach (var tag in operation.Tags ?? new HashSet<OpenApiTagReference>()) if (tag.Name is { } t) tags.Add(t);
            }
        }
        document.Tags = new HashSet<OpenApiTag>(tags.Select(t => new OpenApiTag { Name = t, Description = TagDescriptions.GetValueOrDefault(t, t) }));
    }

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Plans"] = "Mutual action plans: list, create, read whole, update the deal header, archive, restore, delete.",
        ["Plan sections"] = "Fixed-field sections stored on the plan: business context, readiness, decision process, communication, review, key dates, internal notes.",
        ["Objectives"] = "What both organisations want to achieve.",
        ["Success metrics"] = "KPIs with baseline, target and measured values over time.",
        ["Stakeholders"] = "People on both sides, their roles, buy-in and reporting lines.",
        ["Milestones"] = "Dated buyer milestones with owners, status, dependencies and a bridge to outcomes.",
        ["Actions"] = "Concrete steps inside a milestone, owed by one side.",
        ["Assumptions"] = "What must hold for a milestone's date to be met.",
        ["Risks"] = "What could stop the plan on time, and its mitigation.",
        ["Resources"] = "People, budget and tools each side provides.",
        ["Account"] = "The caller's identity.",
        ["Documents"] = "The plan document for your team or for the buyer, as Markdown or plain text.",
        ["Status updates"] = "Updates for a review period, drafted from what changed.",
        ["Renegotiation"] = "Moving dates by agreement: previews, reschedules and the record of every date change.",
        ["Sharing"] = "Read-only buyer links: create, list, revoke.",
        ["Health"] = "The coach: a health score with explained findings and one-click fixes.",
        ["Webhooks"] = "Endpoints that receive signed plan events, their delivery log and redelivery.",
    };
}
