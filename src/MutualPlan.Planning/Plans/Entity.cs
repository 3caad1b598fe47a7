namespace MutualPlan.Planning.Plans;

/// <summary>
/// Base for every stored item of a plan. <see cref="Version"/> is the optimistic-concurrency token:
/// the data layer raises it on every update, and a save that carries an older value is refused
/// rather than silently overwriting someone else's change.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; } = 1;
}

/// <summary>An item with a place in an ordered list.</summary>
public interface IOrdered
{
    int Position { get; set; }
}

/// <summary>An item that belongs to one milestone (its actions and assumptions).</summary>
public interface IMilestoneChild : IOrdered
{
    Guid MilestoneId { get; set; }
}

/// <summary>An item that lives inside one plan and has a place in an ordered list.</summary>
public abstract class PlanItem : Entity, IOrdered
{
    public Guid PlanId { get; set; }
    public int Position { get; set; }
}
