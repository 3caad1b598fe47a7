using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Planning.Drafting;

/// <summary>The pre-work interview's answers (product brief §2.3 and §3.1).</summary>
public sealed record InterviewAnswers(
    string Title, string BuyerCompany, string Currency, DealStage Stage,
    bool? OutcomeAgreed, bool? ImpactClear, bool? DecisionMakersKnown, bool? WillingToCommit,
    bool? AllStakeholdersKnown, string? HardConstraint, DateOnly? HardConstraintDate, DateOnly? ValueRealisedDate,
    bool ProcurementInvolved, bool ProcurementEngaged, int? ProcurementCycleDays,
    ChampionAuthority ChampionAuthority, DateOnly? SellerTargetClose, string? Resistance);

/// <summary>A drafted plan, and what the drafting found worth saying out loud.</summary>
public sealed record DraftResult(Plan Plan, IReadOnlyList<string> RedFlags);

/// <summary>
/// Turns interview answers into a first draft: the key buyer roles as slots to fill, a small set
/// of buyer milestones planned backwards from the buyer's hard constraint (or from the value-realised
/// date) on working days, a procurement milestone when procurement is not yet engaged, an alignment
/// milestone when the champion is a liaison, and the red flags. Pure: answers and today in.
/// </summary>
public static class PlanDrafter
{
    private sealed record Step(string Key, string Title, MilestonePhase Phase, OwnerSide Owner, int MinDays, int MaxDays, string Bridge, string[] After);

    private static readonly StakeholderRole[] RoleSlots =
    [
        StakeholderRole.Champion, StakeholderRole.EconomicBuyer, StakeholderRole.TechnicalBuyer, StakeholderRole.Procurement,
        StakeholderRole.Legal, StakeholderRole.ExecutiveSponsor, StakeholderRole.ImplementationLead,
    ];

    public static DraftResult Draft(InterviewAnswers a, DateOnly today, Guid workspaceId, Guid ownerId, BusinessCalendar? calendar = null)
    {
        var cal = calendar ?? BusinessCalendar.Weekdays;
        var flags = new List<string>();
        var plan = new Plan
        {
            WorkspaceId = workspaceId, OwnerId = ownerId, Title = a.Title.Trim(), BuyerCompany = a.BuyerCompany.Trim(),
            Currency = a.Currency, Stage = a.Stage, PreparedOn = today,
            Readiness = new Readiness
            {
                OutcomeAgreed = a.OutcomeAgreed, ImpactClear = a.ImpactClear, DecisionMakersKnown = a.DecisionMakersKnown,
                WillingToCommit = a.WillingToCommit, AllStakeholdersKnown = a.AllStakeholdersKnown, HardConstraint = a.HardConstraint,
                HardConstraintDate = a.HardConstraintDate, ProcurementInvolved = a.ProcurementInvolved,
                ProcurementCycleDays = a.ProcurementCycleDays, ChampionAuthority = a.ChampionAuthority,
                SellerTargetClose = a.SellerTargetClose, Resistance = a.Resistance,
            },
        };

        // Role slots: one per key buyer role, to be named as the seller learns who fills it.
        foreach (var role in RoleSlots)
            plan.Stakeholders.Add(new Stakeholder
            {
                PlanId = plan.Id, Position = plan.Stakeholders.Count, Side = Side.Buyer, Name = "To be identified", Role = role,
                BuyIn = BuyIn.Unknown, Involvement = null,
            });

        var steps = new List<Step>
        {
            new("fit", "Buyer confirms the approach fits", MilestonePhase.Evaluation, OwnerSide.Buyer, 5, 10,
                "This means the buyer agrees the outcome is reachable; as a result the business case can be built.", []),
            new("tech", "Technical validation passed", MilestonePhase.TechnicalValidation, OwnerSide.Buyer, 5, 10,
                "This means IT and security are satisfied; as a result the commercial steps can start.", ["fit"]),
        };
        if (a.ChampionAuthority == ChampionAuthority.Liaison)
            steps.Add(new("align", "Decision makers aligned on the approach", MilestonePhase.Approval, OwnerSide.Buyer, 3, 5,
                "This means the people who decide back the project; as a result the champion is not carrying it alone.", ["fit"]));
        steps.Add(new("case", "Business case approved", MilestonePhase.Approval, OwnerSide.Joint, 3, 5,
            "This means budget is committed; as a result the contract can be signed.",
            a.ChampionAuthority == ChampionAuthority.Liaison ? ["tech", "align"] : ["tech"]));
        var beforeLegal = "case";
        if (a.ProcurementInvolved)
        {
            var after = new List<string> { "case" };
            if (!a.ProcurementEngaged)
            {
                steps.Add(new("engage-proc", "Identify and engage Procurement", MilestonePhase.Procurement, OwnerSide.Joint, 2, 5,
                    "This means procurement knows the deal is coming; as a result their review does not start cold.", ["fit"]));
                after.Add("engage-proc");
            }
            var cycle = Math.Max(1, a.ProcurementCycleDays ?? 7);
            steps.Add(new("proc", "Procurement approves terms", MilestonePhase.Procurement, OwnerSide.Joint, Math.Min(5, cycle), Math.Max(cycle, 5),
                "This means price and terms are settled; as a result legal review can begin.", [.. after]));
            beforeLegal = "proc";
        }
        steps.Add(new("legal", "Legal approves the contract", MilestonePhase.Legal, OwnerSide.Joint, 7, 10,
            "This means the contract terms are agreed; as a result it can be signed.", [beforeLegal]));
        steps.Add(new("sign", "Contract signed", MilestonePhase.Signature, OwnerSide.Joint, 1, 1,
            "This means the project is funded; as a result implementation starts.", ["legal"]));

        var ids = steps.ToDictionary(s => s.Key, _ => Guid.CreateVersion7());
        var items = steps.Select(s => new ScheduleItem(ids[s.Key], s.Title, s.MinDays, s.MaxDays, [.. s.After.Select(k => ids[k])])).ToList();

        // Anchor: the buyer's hard constraint; else work back from value realised (signature ~60
        // working days earlier: implementation plus the first measured cycle); else plan forward.
        var anchor = a.HardConstraintDate ?? (a.ValueRealisedDate is { } v ? cal.AddWorkingDays(cal.OnOrBefore(v), -60) : (DateOnly?)null);
        var result = BackwardScheduler.Schedule(new ScheduleRequest(items, cal, today, anchor ?? today.AddYears(1)));
        var backwards = anchor is not null;
        if (!backwards) flags.Add("No hard constraint or value-realised date: the dates are planned forward from today. Ask the buyer what date really matters to them.");
        if (backwards && !result.Feasible)
        {
            var overrun = -result.Milestones.Min(m => m.Slack);
            flags.Add($"The plan cannot meet {a.HardConstraintDate?.ToString("d MMM yyyy") ?? "the value-realised date"} at realistic durations: it is {overrun} working days short. Dates are set to the earliest possible; renegotiate scope or the date openly.");
        }
        foreach (var s in steps)
        {
            var sched = result[ids[s.Key]];
            var m = new Milestone
            {
                Id = ids[s.Key], PlanId = plan.Id, Position = plan.Milestones.Count, Title = s.Title, Phase = s.Phase, Owner = s.Owner,
                TargetDate = backwards && sched.Feasible ? sched.Latest : sched.Earliest, Bridge = s.Bridge,
                DurationMinDays = s.MinDays, DurationMaxDays = s.MaxDays,
            };
            foreach (var dep in s.After) m.DependsOn.Add(new MilestoneDependency { MilestoneId = m.Id, DependsOnId = ids[dep] });
            plan.Milestones.Add(m);
        }

        // After signature: implementation and value realised, forward from the signature date.
        var signDate = plan.Milestones.Single(m => m.Phase == MilestonePhase.Signature).TargetDate;
        var live = new Milestone
        {
            PlanId = plan.Id, Position = plan.Milestones.Count, Title = "Live and in use", Phase = MilestonePhase.Implementation, Owner = OwnerSide.Joint,
            TargetDate = cal.AddWorkingDays(signDate, 30), DurationMinDays = 20, DurationMaxDays = 30, Bridge = "This means the team works in the new way; as a result the benefits start.",
        };
        live.DependsOn.Add(new MilestoneDependency { MilestoneId = live.Id, DependsOnId = ids["sign"] });
        plan.Milestones.Add(live);
        var valueDate = a.ValueRealisedDate is { } vr && vr > live.TargetDate ? vr : cal.AddWorkingDays(live.TargetDate, 30);
        var value = new Milestone
        {
            PlanId = plan.Id, Position = plan.Milestones.Count, Title = "Value realised", Phase = MilestonePhase.Measurement, Owner = OwnerSide.Buyer,
            TargetDate = valueDate, DurationMinDays = 20, DurationMaxDays = 30, Bridge = "This means the promised outcome is measured; as a result the investment is proven.",
        };
        value.DependsOn.Add(new MilestoneDependency { MilestoneId = value.Id, DependsOnId = live.Id });
        plan.Milestones.Add(value);

        plan.KeyDates = new KeyDates { ExpectedSignature = signDate, GoLive = live.TargetDate, ValueRealised = valueDate };
        if (a.SellerTargetClose is { } target && target < signDate)
            flags.Add($"Your target close ({target:d MMM yyyy}) is {cal.WorkingDaysBetween(target, signDate)} working days before the signature date this plan supports ({signDate:d MMM yyyy}).");
        if (a.WillingToCommit == false || !string.IsNullOrWhiteSpace(a.Resistance))
            flags.Add("The buyer is reluctant to commit to a written plan: a warning sign. Agree the first two milestones before sharing the rest.");
        var checks = new[] { a.OutcomeAgreed, a.ImpactClear, a.DecisionMakersKnown, a.WillingToCommit };
        if (checks.Count(c => c == true) < 3)
            flags.Add($"Only {checks.Count(c => c == true)} of the 4 readiness checks pass: the plan may be premature.");
        if (flags.Count > 0) plan.InternalNotes = "Red flags from the pre-work interview:\n- " + string.Join("\n- ", flags);
        return new DraftResult(plan, flags);
    }
}
