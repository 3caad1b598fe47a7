using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Modes;

/// <summary>One step of building a plan (product brief §3), whether it is done, and where to do it.</summary>
public sealed record ChecklistStep(string Key, string Title, bool Done, string Detail, string Anchor);

/// <summary>
/// The building mode's checklist, in the order a plan is built: pre-work, stakeholders, milestones
/// planned backwards, assumptions, risks, outcome, and sign-off. Derived from the plan itself, so
/// it cannot be ticked without the work being there. Pure.
/// </summary>
public static class BuildChecklist
{
    public static IReadOnlyList<ChecklistStep> For(Plan plan)
    {
        var r = plan.Readiness;
        var buyers = plan.Stakeholders.Where(s => s.Side == Side.Buyer).ToList();
        var milestones = plan.Milestones;
        var estimated = milestones.Count(m => m.DurationMaxDays is not null);
        var withAssumptions = milestones.Count(m => m.Assumptions.Count > 0);
        var hasChampion = buyers.Any(s => s.Role == StakeholderRole.Champion);
        var hasEconomic = buyers.Any(s => s.Role == StakeholderRole.EconomicBuyer);
        var unknownBuyIn = buyers.Count(s => s.BuyIn == BuyIn.Unknown);
        var unmitigated = plan.Risks.Count(x => string.IsNullOrWhiteSpace(x.Mitigation));
        var endsAtValue = milestones.Any(m => m.Phase == MilestonePhase.Measurement) || plan.KeyDates.ValueRealised is not null;
        var signed = milestones.Count > 0 && milestones.All(m => m.BaselineDate is not null);

        return
        [
            new("readiness", "Pre-work: the four readiness checks", r.ChecksPassed == 4,
                $"{r.ChecksPassed} of 4 confirmed." + (string.IsNullOrWhiteSpace(r.Resistance) ? "" : " Resistance recorded."), "readiness"),
            new("constraint", "The buyer's hard constraint and why", r.HardConstraintDate is not null || plan.KeyDates.ValueRealised is not null,
                r.HardConstraintDate is { } h ? $"{r.HardConstraint ?? "Constraint"}: {h:d MMM yyyy}." : "Ask what date really matters to the buyer, and why.", "readiness"),
            new("stakeholders", "Stakeholders mapped, with buy-in", hasChampion && hasEconomic && buyers.Count > 0 && unknownBuyIn == 0,
                buyers.Count == 0 ? "No buyer stakeholders yet."
                    : $"{buyers.Count} on the buyer side" + (hasChampion ? "" : "; no champion") + (hasEconomic ? "" : "; no economic buyer")
                      + (unknownBuyIn > 0 ? $"; buy-in unknown for {unknownBuyIn}" : "") + ".", "stakeholders"),
            new("milestones", "Milestones planned backwards, with durations", milestones.Count >= 3 && estimated == milestones.Count,
                milestones.Count == 0 ? "No milestones yet." : $"{milestones.Count} milestones; {estimated} with a duration estimate.", "milestones"),
            new("assumptions", "What must be true, for every milestone", milestones.Count > 0 && withAssumptions == milestones.Count,
                $"{withAssumptions} of {milestones.Count} milestones state their assumptions.", "milestones"),
            new("risks", "Risks with mitigations", plan.Risks.Count > 0 && unmitigated == 0,
                plan.Risks.Count == 0 ? "No risks recorded: what could stop a date?" : $"{plan.Risks.Count} risks; {unmitigated} without mitigation.", "risks"),
            new("outcome", "Ends at value realised, with metrics", endsAtValue && plan.Metrics.Count > 0,
                (endsAtValue ? "Runs to value realised" : "Ends before value realised") + $"; {plan.Metrics.Count} success metrics.", "metrics"),
            new("signed", "Shared and signed by both sides", signed,
                signed ? "Signed: the baseline is set." : "Share the plan with the buyer and ask both sides to sign.", "header"),
        ];
    }
}
