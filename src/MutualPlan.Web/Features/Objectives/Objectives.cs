using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Objectives;

/// <summary>What a person or API client may set on an objective. Field names are the API's names.</summary>
public sealed class ObjectiveInput : IVersionedInput
{
    [Required(ErrorMessage = "Describe the objective in a short sentence.")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the objective under 200 characters; put detail in the description.")]
    public string? Title { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "The description is limited to 4000 characters.")]
    public string? Description { get; set; }

    /// <summary>For updates: the version the client last saw. A stale version is refused (409).</summary>
    public int? Version { get; set; }

    public static ObjectiveInput From(Objective o) => new() { Title = o.Title, Description = o.Description, Version = o.Version };
}

/// <summary>An objective as the API returns it.</summary>
public sealed record ObjectiveDto(Guid Id, int Position, string Title, string? Description, int Version);

/// <summary>Objectives: specific, measurable goals both organisations share. The simplest list feature.</summary>
public sealed class ObjectiveFeature(TimeProvider clock) : PlanItemFeature<Objective, ObjectiveInput, ObjectiveDto>(clock)
{
    public override string Singular => "objective";
    public override ObjectiveDto ToDto(Objective o) => new(o.Id, o.Position, o.Title, o.Description, o.Version);

    protected override void Apply(ObjectiveInput i, Objective o, ItemContext ctx)
    {
        o.Title = i.Title!.Trim();
        o.Description = i.Description?.Trim();
    }
}

public sealed class ObjectivesApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapItems("/plans/{planId:guid}/objectives", "Objectives", "Objective", "Objectives", sp => sp.GetRequiredService<ObjectiveFeature>());
}

/// <summary>Serves the objectives section of the plan page to htmx.</summary>
public sealed class ObjectivesSectionModel(AppDbContext db, TimeProvider clock, ObjectiveFeature feature)
    : ItemSectionPage<Objective, ObjectiveInput, ObjectiveDto>(db, clock)
{
    protected override ItemFeature<Objective, ObjectiveInput, ObjectiveDto> Feature => feature;
    protected override string SectionPartial => "/Features/Objectives/_Objectives.cshtml";
    protected override string Anchor => "objectives";
}
