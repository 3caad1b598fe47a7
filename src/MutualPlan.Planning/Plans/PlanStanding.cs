namespace MutualPlan.Planning.Plans;

/// <summary>Where the plan stands in the sign-off cycle (product brief §3.5–3.6).</summary>
public enum SignOffState
{
    /// <summary>Nobody has been asked to sign.</summary>
    NotRequested,
    /// <summary>Signatures requested, not all given yet.</summary>
    Requested,
    /// <summary>Every signer signed; the plan is the baseline.</summary>
    Signed,
    /// <summary>Signed, then changed materially (a milestone added or removed, a date moved, an owner changed).</summary>
    ChangedSinceSigned,
}

/// <summary>
/// Facts about the plan that live outside its own rows — whether it was ever shared with the
/// buyer and where its sign-off stands — filled in by whoever loads the plan. The coach reads it;
/// when nobody filled it in (null on <see cref="Plan.Standing"/>) the rules that need it stay quiet.
/// </summary>
public sealed record PlanStanding(bool EverShared, SignOffState SignOff);
