namespace MutualPlan.Planning.Collaboration;

public enum ActorKind { Seller, Buyer, System }

/// <summary>
/// Who did something, for attribution in comments and the activity feed: a seller (user id), a
/// buyer reaching the plan through a link (visitor id), or the system (command line, demo data).
/// The name is kept as it was at the time, so history reads right after people are renamed or removed.
/// </summary>
public sealed record Actor(ActorKind Kind, Guid? Id, string Name)
{
    public static readonly Actor System = new(ActorKind.System, null, "System");
}
