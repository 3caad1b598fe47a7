using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Features.Objectives;

/// <summary>What a person or API client may set on an objective. Field names are the API's names.</summary>
public sealed class ObjectiveInput
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
public sealed record ObjectiveDto(Guid Id, int Position, string Title, string? Description, int Version)
{
    public static ObjectiveDto From(Objective o) => new(o.Id, o.Position, o.Title, o.Description, o.Version);
}
