namespace MutualPlan.Web.Features.Plans;

/// <summary>Body of every "move" endpoint: the new 0-based position in the list.</summary>
public sealed record MoveInput(int Position);
