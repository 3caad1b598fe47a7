using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Milestones;

public sealed class ActionInput : IVersionedInput
{
    [Required(ErrorMessage = "Describe the action: who does what.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the description under 4000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose which side owes this action.")]
    public Side? Side { get; set; }

    public Guid? AssigneeId { get; set; }
    public DateOnly? DueDate { get; set; }
    public ActionStatus? Status { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the notes under 4000 characters.")]
    public string? Notes { get; set; }

    /// <summary>Seller-internal: never shown to the buyer.</summary>
    public bool IsInternal { get; set; }

    public int? Version { get; set; }

    public static ActionInput From(ActionItem a) => new()
    {
        Description = a.Description, Side = a.Side, AssigneeId = a.AssigneeId, DueDate = a.DueDate,
        Status = a.Status, Notes = a.Notes, IsInternal = a.IsInternal, Version = a.Version,
    };
}

public sealed record ActionDto(Guid Id, Guid MilestoneId, int Position, string Description, Side Side, Guid? AssigneeId,
    DateOnly? DueDate, ActionStatus Status, DateOnly? CompletedOn, string? Notes, bool IsInternal, int Version);

public sealed class ActionFeature(TimeProvider clock) : MilestoneItemFeature<ActionItem, ActionInput, ActionDto>(clock)
{
    public override string Singular => "action";

    public override ActionDto ToDto(ActionItem a) => new(a.Id, a.MilestoneId, a.Position, a.Description, a.Side, a.AssigneeId,
        a.DueDate, a.Status, a.CompletedOn, a.Notes, a.IsInternal, a.Version);

    protected override Task ValidateAsync(ActionInput input, ActionItem? existing, ItemContext ctx, FieldErrors errors)
    {
        if (input.AssigneeId is { } id)
        {
            var person = ctx.Plan.Stakeholders.FirstOrDefault(s => s.Id == id);
            if (person is null) errors.Add("assigneeId", "The assignee must be a stakeholder of this plan.");
            else if (input.Side is { } side && person.Side != side)
                errors.Add("assigneeId", $"{person.Name} is on the {Labels.Of(person.Side).ToLowerInvariant()} side; a {Labels.Of(side).ToLowerInvariant()} action needs someone from that side.");
        }
        if (input.IsInternal && input.Side is not Side.Seller)
            errors.Add("isInternal", "Only seller actions can be internal: buyer and partner actions are always shared.");
        return Task.CompletedTask;
    }

    protected override void Apply(ActionInput i, ActionItem a, ItemContext ctx)
    {
        a.Description = i.Description!.Trim();
        a.Side = i.Side!.Value;
        a.AssigneeId = i.AssigneeId;
        a.DueDate = i.DueDate;
        a.SetStatus(i.Status ?? ActionStatus.NotStarted, ctx.Today);
        a.Notes = i.Notes?.Trim();
        a.IsInternal = i.IsInternal;
    }
}

public sealed class AssumptionInput : IVersionedInput
{
    [Required(ErrorMessage = "State what must be true for the date to hold.")]
    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep the assumption under 4000 characters.")]
    public string? Text { get; set; }

    public int? Version { get; set; }

    public static AssumptionInput From(Assumption a) => new() { Text = a.Text, Version = a.Version };
}

public sealed record AssumptionDto(Guid Id, Guid MilestoneId, int Position, string Text, int Version);

public sealed class AssumptionFeature(TimeProvider clock) : MilestoneItemFeature<Assumption, AssumptionInput, AssumptionDto>(clock)
{
    public override string Singular => "assumption";
    public override AssumptionDto ToDto(Assumption a) => new(a.Id, a.MilestoneId, a.Position, a.Text, a.Version);
    protected override void Apply(AssumptionInput i, Assumption a, ItemContext ctx) => a.Text = i.Text!.Trim();
}

public sealed class ActionsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapItems("/plans/{planId:guid}/milestones/{milestoneId:guid}/actions", "Actions", "Action", "Actions",
            sp => sp.GetRequiredService<ActionFeature>(), parentRoute: "milestoneId");
        api.MapItems("/plans/{planId:guid}/milestones/{milestoneId:guid}/assumptions", "Assumptions", "Assumption", "Assumptions",
            sp => sp.GetRequiredService<AssumptionFeature>(), parentRoute: "milestoneId");
    }
}
