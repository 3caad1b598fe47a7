using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Resources;

public sealed class ResourceInput : IVersionedInput
{
    [Required(ErrorMessage = "Choose which side provides this resource.")]
    public Side? Side { get; set; }

    [Required(ErrorMessage = "Choose the kind of resource.")]
    public ResourceKind? Kind { get; set; }

    [Required(ErrorMessage = "Describe the resource, e.g. \"Two AP clerks for UAT\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the description under 200 characters.")]
    public string? Description { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the detail under 4000 characters.")]
    public string? Detail { get; set; }

    public int? Version { get; set; }

    public static ResourceInput From(PlanResource r) => new() { Side = r.Side, Kind = r.Kind, Description = r.Description, Detail = r.Detail, Version = r.Version };
}

public sealed record ResourceDto(Guid Id, int Position, Side Side, ResourceKind Kind, string Description, string? Detail, int Version);

public sealed class ResourceFeature(TimeProvider clock) : PlanItemFeature<PlanResource, ResourceInput, ResourceDto>(clock)
{
    public override string Singular => "resource";
    public override ResourceDto ToDto(PlanResource r) => new(r.Id, r.Position, r.Side, r.Kind, r.Description, r.Detail, r.Version);

    protected override void Apply(ResourceInput i, PlanResource r, ItemContext ctx)
    {
        r.Side = i.Side!.Value;
        r.Kind = i.Kind!.Value;
        r.Description = i.Description!.Trim();
        r.Detail = i.Detail?.Trim();
    }
}

public sealed class ResourcesApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapItems("/plans/{planId:guid}/resources", "Resources", "Resource", "Resources", sp => sp.GetRequiredService<ResourceFeature>());
}

public sealed class ResourcesSectionModel(Data.AppDbContext db, TimeProvider clock, ResourceFeature feature)
    : ItemSectionPage<PlanResource, ResourceInput, ResourceDto>(db, clock)
{
    protected override ItemFeature<PlanResource, ResourceInput, ResourceDto> Feature => feature;
    protected override string SectionPartial => "/Features/Resources/_Resources.cshtml";
    protected override string Anchor => "resources";
}
