using System.Text.Json;
using System.Text.Json.Serialization;
using MutualPlan.Planning.Collaboration;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// One committed change to a plan, as announced to its open views: the plan, its revision after
/// the change, which sections of the seller's page it touched (anchors), whether the buyer's view
/// can have changed and which of those sections a buyer may hear about, who made it, and the
/// browser tab it came from (so that tab does not flash its own edit back at its author).
/// </summary>
public sealed record PlanChange(
    [property: JsonPropertyName("p")] Guid PlanId,
    [property: JsonPropertyName("r")] int Revision,
    [property: JsonPropertyName("s")] string[] Sections,
    [property: JsonPropertyName("b")] bool BuyerVisible,
    [property: JsonPropertyName("bs")] string[] BuyerSections,
    [property: JsonPropertyName("a")] string Actor,
    [property: JsonPropertyName("k")] string ActorKind,
    [property: JsonPropertyName("o")] string? Origin)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static PlanChange? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<PlanChange>(json); }
        catch (JsonException) { return null; }
    }

    /// <summary>The message a seller's view receives.</summary>
    public object ForSellers() => new { planId = PlanId, revision = Revision, sections = Sections, actor = Actor, actorKind = ActorKind, origin = Origin };

    /// <summary>The message a buyer's view receives: nothing about internal-only sections.</summary>
    public object ForBuyers() => new { planId = PlanId, revision = Revision, sections = BuyerSections, actor = Actor, actorKind = ActorKind, origin = Origin };

    /// <summary>The section of the seller's plan page an activity entry belongs to.</summary>
    public static string SectionOf(ActivityEntry e)
    {
        switch (e.ItemKind)
        {
            case ActivityItemKind.Objective: return "objectives";
            case ActivityItemKind.Metric or ActivityItemKind.Measurement: return "metrics";
            case ActivityItemKind.Stakeholder: return "stakeholders";
            case ActivityItemKind.Milestone or ActivityItemKind.Action or ActivityItemKind.Assumption: return "milestones";
            case ActivityItemKind.Risk: return "risks";
            case ActivityItemKind.Resource: return "resources";
            case ActivityItemKind.CalendarEntry: return "calendar";
            case ActivityItemKind.StatusUpdate: return "status-updates";
        }
        // A change on the plan row: the section is the prefix of the field's label ("Review: cadence").
        var field = e.Fields.FirstOrDefault()?.Field ?? "";
        var colon = field.IndexOf(':');
        var prefix = colon > 0 ? field[..colon] : field;
        return prefix switch
        {
            "Business context" => "business-context",
            "Readiness" => "readiness",
            "Decision process" => "decision-process",
            "Communication" => "communication",
            "Review" => "review",
            "Key dates" => "timeline-summary",
            "Internal notes" => "internal-notes",
            _ => "header",
        };
    }
}
