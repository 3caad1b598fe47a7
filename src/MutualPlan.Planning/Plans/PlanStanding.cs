using MutualPlan.Planning.SignOff;

namespace MutualPlan.Planning.Plans;

/// <summary>
/// Facts about the plan that live outside its own rows — whether it was ever shared with the
/// buyer and where its sign-off stands — filled in by whoever loads the plan. The coach reads it;
/// when nobody filled it in (null on <see cref="Plan.Standing"/>) the rules that need it stay quiet.
/// </summary>
public sealed record PlanStanding(bool EverShared, SignOffStatus SignOff);
