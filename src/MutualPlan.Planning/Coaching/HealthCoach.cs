using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;
using MutualPlan.Planning.SignOff;

namespace MutualPlan.Planning.Coaching;

/// <summary>
/// Checks a plan against what makes mutual action plans work (product brief §4) and explains
/// every weakness. Pure: the plan and today in, a report out. Each rule is a small method; the
/// score starts at 100 and each finding takes off its severity's weight.
/// </summary>
public static class HealthCoach
{
    private static readonly Dictionary<Severity, int> Weight = new() { [Severity.High] = 12, [Severity.Medium] = 6, [Severity.Low] = 2 };

    /// <summary>Typical working days a step needs after the one before it (product brief §3).</summary>
    public static readonly IReadOnlyDictionary<MilestonePhase, int> TypicalDays = new Dictionary<MilestonePhase, int>
    {
        [MilestonePhase.Procurement] = 5, [MilestonePhase.Legal] = 7,
    };

    private static readonly string[] SellerVerbs =
        ["send", "email", "e-mail", "prepare", "draft", "submit", "present", "demo", "deliver", "share", "follow up", "schedule", "book", "call"];

    private static readonly StakeholderRole[] KeyBuyerRoles =
    [
        StakeholderRole.Champion, StakeholderRole.EconomicBuyer, StakeholderRole.TechnicalBuyer, StakeholderRole.Procurement,
        StakeholderRole.Legal, StakeholderRole.ExecutiveSponsor, StakeholderRole.ImplementationLead,
    ];

    public static HealthReport Assess(Plan plan, DateOnly today, BusinessCalendar? calendar = null)
    {
        var cal = calendar ?? PlanScheduling.CalendarOf(plan);
        var findings = new List<Finding>();
        Mutual(plan, findings);
        MilestonesNotTasks(plan, findings);
        BuyersTimelineFirst(plan, cal, findings);
        Assumptions(plan, findings);
        Stakeholders(plan, findings);
        Risks(plan, findings);
        SharedAndSigned(plan, findings);
        Alive(plan, today, findings);
        Outcome(plan, findings);
        BeforeSending(plan, today, findings);
        var score = Math.Max(0, 100 - findings.Sum(f => Weight[f.Severity]));
        return new HealthReport(score, [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal)]);
    }

    private static IEnumerable<ActionItem> SharedActions(Plan p) => p.Milestones.SelectMany(m => m.Actions).Where(a => !a.IsInternal);

    private static void Mutual(Plan plan, List<Finding> f)
    {
        var actions = SharedActions(plan).ToList();
        var seller = actions.Count(a => a.Side == Side.Seller);
        var buyer = actions.Count(a => a.Side is Side.Buyer or Side.Partner);
        if (actions.Count >= 4 && (buyer == 0 || seller >= 3 * buyer))
            f.Add(new("mutual.one-sided", Severity.High, "The seller carries the plan",
                $"{seller} seller actions against {buyer} for the buyer: this reads as your checklist, not a plan both sides own.",
                "Agree concrete buyer actions for each milestone: who on their side does what, by when.",
                [.. plan.Milestones.Where(m => m.Actions.All(a => a.Side == Side.Seller || a.IsInternal)).Select(m => m.Id)]));
        else if (actions.Count >= 4 && buyer >= 3 * Math.Max(1, seller) && seller <= 1)
            f.Add(new("mutual.one-sided", Severity.Medium, "The buyer carries the plan",
                $"{buyer} buyer actions against {seller} for your team: the buyer may feel left to do the work alone.",
                "Add what your team will do to make each milestone easy for the buyer.", []));
    }

    private static void MilestonesNotTasks(Plan plan, List<Finding> f)
    {
        var tasks = plan.Milestones.Where(m =>
        {
            var t = m.Title.Trim().ToLowerInvariant();
            return SellerVerbs.Any(v => t.StartsWith(v + " ", StringComparison.Ordinal));
        }).ToList();
        if (tasks.Count > 0)
            f.Add(new("milestones.seller-tasks", Severity.Medium, "Milestones read as seller tasks",
                $"{string.Join(", ", tasks.Select(m => $"“{m.Title}”"))} describe{(tasks.Count == 1 ? "s" : "")} something your team does, not progress the buyer makes.",
                "Rename each as a buyer outcome, e.g. “Procurement approves terms” instead of “Send contract”, and move the task into its seller actions.",
                [.. tasks.Select(m => m.Id)]));
    }

    private static void BuyersTimelineFirst(Plan plan, BusinessCalendar cal, List<Finding> f)
    {
        var r = plan.Readiness;
        var preSignature = plan.Milestones.Where(m => m.Phase <= MilestonePhase.Signature && m.Status != MilestoneStatus.Done).ToList();
        if (r.HardConstraintDate is { } constraint)
        {
            var late = preSignature.Where(m => m.TargetDate > constraint).ToList();
            if (late.Count > 0)
                f.Add(new("timeline.after-constraint", Severity.High, "Milestones fall after the buyer's hard constraint",
                    $"{string.Join(", ", late.Select(m => $"“{m.Title}” ({m.TargetDate:d MMM})"))} {(late.Count == 1 ? "is" : "are")} planned after {constraint:d MMM yyyy} ({r.HardConstraint ?? "the buyer's constraint"}). Work scheduled after it will not count.",
                    "Plan backwards from the constraint: bring these dates forward, or agree openly with the buyer what moves.",
                    [.. late.Select(m => m.Id)]));
        }
        var signature = plan.Milestones.Where(m => m.Phase == MilestonePhase.Signature).OrderBy(m => m.TargetDate).FirstOrDefault();
        if (r.SellerTargetClose is { } target && signature is not null && signature.TargetDate > target)
            f.Add(new("timeline.close-ignores-buyer", Severity.Medium, "Your close date ignores the buyer's plan",
                $"Your target close is {target:d MMM yyyy}, but the plan reaches signature on {signature.TargetDate:d MMM yyyy} — {cal.WorkingDaysBetween(target, signature.TargetDate)} working days later.",
                "Forecast the date the buyer's plan supports, or find with the buyer what could safely move earlier.",
                [signature.Id]));

        var ordered = plan.Milestones.OrderBy(m => m.TargetDate).ToList();
        var byId = new Dictionary<Guid, Milestone>(plan.Milestones.Count);
        foreach (var m in plan.Milestones) byId.TryAdd(m.Id, m);
        for (var i = 1; i < ordered.Count; i++)
        {
            var m = ordered[i];
            Milestone? previous = null;
            if (m.DependsOn.Count == 0) previous = ordered[i - 1];
            else
                foreach (var d in m.DependsOn)
                    if (byId.TryGetValue(d.DependsOnId, out var p) && (previous is null || p.TargetDate > previous.TargetDate)) previous = p;
            if (previous is null || !TypicalDays.TryGetValue(m.Phase, out var typical)) continue;
            var gap = cal.WorkingDaysBetween(previous.TargetDate, m.TargetDate);
            if (gap < typical)
                f.Add(new("timeline.too-short", Severity.Medium, $"{m.Phase} gets less time than it usually takes",
                    $"“{m.Title}” is {gap} working day{(gap == 1 ? "" : "s")} after “{previous.Title}”; {m.Phase.ToString().ToLowerInvariant()} reviews typically need {typical} or more.",
                    "Ask the buyer how long their review really takes and plan that time in.", [m.Id]));
        }
        var crammed = 0;
        for (var i = 1; i < ordered.Count; i++)
            if (cal.WorkingDaysBetween(ordered[i - 1].TargetDate, ordered[i].TargetDate) < 2) crammed++;
        if (crammed >= 2)
            f.Add(new("timeline.crammed", Severity.Low, "Milestones are crammed together",
                $"{crammed + 1} milestones fall within a day or two of each other: a single slip will move several at once.",
                "Spread the milestones to the pace the buyer can really keep.", []));
    }

    private static void Assumptions(Plan plan, List<Finding> f)
    {
        var bare = plan.Milestones.Where(m => m.Assumptions.Count == 0 && m.Status != MilestoneStatus.Done).ToList();
        if (bare.Count > 0)
            f.Add(new("assumptions.missing", bare.Count > 2 ? Severity.Medium : Severity.Low, "Dates without stated assumptions",
                $"{bare.Count} milestone{(bare.Count == 1 ? " has" : "s have")} no assumption: nobody has said what must hold for the date to be met.",
                "For each date, write down what must be true (people available, a meeting on the calendar, a document approved).",
                [.. bare.Select(m => m.Id)]));
    }

    private static void Stakeholders(Plan plan, List<Finding> f)
    {
        var buyers = plan.Stakeholders.Where(s => s.Side == Side.Buyer).ToList();
        if (!buyers.Any(s => s.Role == StakeholderRole.EconomicBuyer))
            f.Add(new("stakeholders.no-economic-buyer", Severity.High, "No economic buyer",
                "Nobody in the plan can approve the spend. Deals without a known economic buyer stall at signature.",
                "Ask your champion who signs off the budget, and plan how to meet them.", [],
                new AddMilestoneFix("Add “Identify and engage the economic buyer”", "Identify and engage the economic buyer", MilestonePhase.Evaluation, OwnerSide.Joint)));
        foreach (var role in KeyBuyerRoles.Where(r => r != StakeholderRole.EconomicBuyer && !buyers.Any(s => s.Role == r)))
        {
            var name = RoleName(role);
            f.Add(new($"stakeholders.missing-role.{role}", Severity.Low, $"No {name} identified",
                $"The buyer's {name} is not in the plan; someone in that role will evaluate, approve or implement.",
                $"Find out who the {name} is and when they must be involved.", [],
                new AddMilestoneFix($"Add “{EngageTitle(role)}”", EngageTitle(role), PhaseFor(role), OwnerSide.Joint)));
        }
        var unknown = buyers.Where(s => s.BuyIn == BuyIn.Unknown).ToList();
        if (unknown.Count > 0)
            f.Add(new("stakeholders.unknown-buy-in", Severity.Low, "Buy-in unknown",
                $"{string.Join(", ", unknown.Select(s => s.Name))}: you do not know where {(unknown.Count == 1 ? "this person stands" : "these people stand")}.",
                "Ask your champion, or meet them, and record their buy-in.", [.. unknown.Select(s => s.Id)]));
        var objectors = buyers.Where(s => s.BuyIn == BuyIn.LikelyObjector && string.IsNullOrWhiteSpace(s.Involvement)).ToList();
        if (objectors.Count > 0)
            f.Add(new("stakeholders.objector-without-plan", Severity.High, "Likely objectors with no plan",
                $"{string.Join(", ", objectors.Select(s => s.Name))} may block the deal and nobody has planned how to address their concern.",
                "Record how and when you will involve each of them, and what answers their concern.", [.. objectors.Select(s => s.Id)]));
        if (plan.Readiness.ChampionAuthority == ChampionAuthority.Liaison
            && !plan.Milestones.Any(m => m.Title.Contains("align", StringComparison.OrdinalIgnoreCase) || m.Phase == MilestonePhase.Approval))
            f.Add(new("stakeholders.liaison-without-alignment", Severity.Medium, "Your champion cannot decide alone",
                "The champion is a liaison without authority, and no milestone aligns the people who decide.",
                "Plan a milestone where the decision makers agree the approach.", [],
                new AddMilestoneFix("Add “Decision makers aligned on the approach”", "Decision makers aligned on the approach", MilestonePhase.Approval, OwnerSide.Buyer)));
    }

    private static void Risks(Plan plan, List<Finding> f)
    {
        var open = plan.Risks.Where(r => r.Status == RiskStatus.Open).ToList();
        var unmitigated = open.Where(r => string.IsNullOrWhiteSpace(r.Mitigation)).ToList();
        if (unmitigated.Count > 0)
            f.Add(new("risks.no-mitigation", Severity.Medium, "Risks without a mitigation",
                $"{unmitigated.Count} open risk{(unmitigated.Count == 1 ? " has" : "s have")} no mitigation.",
                "Decide what you will do about each, or accept it openly.", [.. unmitigated.Select(r => r.Id)]));
        var ownerless = open.Where(r => !string.IsNullOrWhiteSpace(r.Mitigation) && r.MitigationOwnerId is null).ToList();
        if (ownerless.Count > 0)
            f.Add(new("risks.no-owner", Severity.Low, "Mitigations nobody owns",
                $"{ownerless.Count} mitigation{(ownerless.Count == 1 ? " has" : "s have")} no owner, so nobody will do {(ownerless.Count == 1 ? "it" : "them")}.",
                "Name an owner and a date for each mitigation.", [.. ownerless.Select(r => r.Id)]));
        var atRisk = plan.Milestones.Where(m => m.Status is MilestoneStatus.AtRisk or MilestoneStatus.Slipped or MilestoneStatus.Blocked)
            .Where(m => !plan.Risks.Any(r => r.MilestoneId == m.Id && !string.IsNullOrWhiteSpace(r.Mitigation))).ToList();
        if (atRisk.Count > 0)
            f.Add(new("risks.milestone-at-risk-unmitigated", Severity.High, "Milestones in trouble with no mitigation",
                $"{string.Join(", ", atRisk.Select(m => $"“{m.Title}”"))} {(atRisk.Count == 1 ? "is" : "are")} at risk, slipped or blocked, with no mitigated risk behind {(atRisk.Count == 1 ? "it" : "them")}.",
                "Record what threatens each and what you will do; propose a new date if needed.", [.. atRisk.Select(m => m.Id)]));
    }

    private static void SharedAndSigned(Plan plan, List<Finding> f)
    {
        // Only plans with something to agree on: an empty draft is not yet for the buyer's eyes.
        if (plan.Standing is not { } standing || plan.Milestones.Count == 0) return;
        if (!standing.EverShared)
            f.Add(new("shared.never-shared", Severity.Medium, "The buyer has never seen this plan",
                "A plan only the seller has read is a forecast, not an agreement: the buyer has not had the chance to correct a date or a name.",
                "Share it with the buyer (Share → new link) and walk through it together.", []));
        switch (standing.SignOff)
        {
            case SignOffStatus.NotRequested when standing.EverShared:
                f.Add(new("signed.not-signed", Severity.Low, "Nobody has signed the plan",
                    "Until both sides accept it, the dates are the seller's hopes; a signed plan is the baseline later changes are measured against.",
                    "When the buyer agrees with the plan, request sign-off from the champion and the plan owner.", []));
                break;
            case SignOffStatus.ChangedSinceSigned:
                f.Add(new("signed.changed-since-signed", Severity.High, "Changed since it was signed",
                    "Milestones, dates or owners differ from the plan both sides signed: the signed baseline no longer describes the plan.",
                    "Review the difference with the buyer and ask both sides to accept the plan again.", []));
                break;
        }
    }

    private static void Alive(Plan plan, DateOnly today, List<Finding> f)
    {
        var updated = DateOnly.FromDateTime(plan.UpdatedAt.UtcDateTime);
        if (today.DayNumber - updated.DayNumber > 7)
            f.Add(new("alive.stale", Severity.Medium, "Nobody has touched the plan for over a week",
                $"The last change was on {updated:d MMM yyyy}. A plan that is not kept current stops being believed.",
                "Review it with the buyer and record where things stand.", []));
        if (plan.Review.NextReviewDate is not { } next || next < today)
            f.Add(new("alive.review-due", Severity.Medium, plan.Review.NextReviewDate is null ? "No next review set" : "The review date has passed",
                "Plans that are reviewed on a fixed rhythm surface slips early.", "Set the next review with the buyer.", [],
                new SetNextReviewFix("Set the next review a week from today", today.AddDays(7))));
        var overdue = plan.Milestones.Where(m => m.Status != MilestoneStatus.Done && m.TargetDate < today).ToList();
        if (overdue.Count > 0)
            f.Add(new("alive.overdue", Severity.High, "Overdue milestones not renegotiated",
                $"{string.Join(", ", overdue.Select(m => $"“{m.Title}” ({m.TargetDate:d MMM})"))} {(overdue.Count == 1 ? "is" : "are")} past {(overdue.Count == 1 ? "its" : "their")} date and not done.",
                "Mark what is done, or agree a new date with the buyer and record why.", [.. overdue.Select(m => m.Id)]));
        var unexplained = plan.DateChanges.Where(d => string.IsNullOrWhiteSpace(d.Reason)).ToList();
        if (unexplained.Count > 0)
            f.Add(new("alive.unexplained-date-change", Severity.Medium, "Dates moved without a reason",
                $"{unexplained.Count} date change{(unexplained.Count == 1 ? " has" : "s have")} no recorded reason: the buyer sees dates move silently.",
                "Record why each date moved and who agreed; use Reschedule for the next move.",
                [.. unexplained.Select(d => d.MilestoneId).Distinct()]));
        var lateActions = SharedActions(plan).Where(a => a.Status != ActionStatus.Done && a.DueDate is { } d && d < today).ToList();
        if (lateActions.Count > 0)
            f.Add(new("alive.overdue-actions", Severity.Low, "Overdue actions",
                $"{lateActions.Count} action{(lateActions.Count == 1 ? " is" : "s are")} past due.", "Chase them or agree new dates.", [.. lateActions.Select(a => a.Id)]));
    }

    private static void Outcome(Plan plan, List<Finding> f)
    {
        if (plan.Milestones.Count > 0 && plan.Milestones.All(m => m.Phase <= MilestonePhase.Signature) && plan.KeyDates.ValueRealised is null)
            f.Add(new("outcome.ends-at-signature", Severity.Medium, "The plan ends at the signature",
                "The buyer buys an outcome, not a contract; a plan that stops at signature says nothing about when the value arrives.",
                "Add implementation and a dated value-realised milestone tied to a success metric.", [],
                new AddMilestoneFix("Add “Value realised”", "Value realised: target metric reached", MilestonePhase.Measurement, OwnerSide.Buyer)));
        var noTarget = plan.Metrics.Where(m => m.Target is null).ToList();
        if (noTarget.Count > 0)
            f.Add(new("outcome.metric-without-target", Severity.Medium, "Metrics without targets",
                $"{string.Join(", ", noTarget.Select(m => m.Name))}: without a target nobody can say the value was realised.",
                "Agree a target value and date with the buyer.", [.. noTarget.Select(m => m.Id)]));
        if (plan.Metrics.Count == 0)
            f.Add(new("outcome.no-metrics", Severity.Medium, "No success metrics",
                "Nothing in the plan says how both sides will know it worked.", "Add the KPIs the buyer will judge the project by.", []));
        var unbridged = plan.Milestones.Where(m => string.IsNullOrWhiteSpace(m.Bridge)).ToList();
        if (unbridged.Count > 0)
            f.Add(new("outcome.activity-not-linked", Severity.Low, "Activities not linked to outcomes",
                $"{unbridged.Count} milestone{(unbridged.Count == 1 ? " does" : "s do")} not say what {(unbridged.Count == 1 ? "it means" : "they mean")} for the buyer.",
                "Add a line: “This means …, as a result …”.", [.. unbridged.Select(m => m.Id)]));
    }

    private static void BeforeSending(Plan plan, DateOnly today, List<Finding> f)
    {
        if (plan.Milestones.Count > 12)
            f.Add(new("sending.too-long", Severity.Medium, "The plan is too long to follow",
                $"{plan.Milestones.Count} milestones: very long plans close no better than no plan.",
                "Keep 6–8 meaningful buyer milestones; move detail into their actions.", []));
        var unowned = SharedActions(plan).Where(a => a.AssigneeId is null || a.DueDate is null).ToList();
        if (unowned.Count > 0)
            f.Add(new("sending.unspecific", Severity.Low, "Actions without an owner or a date",
                $"{unowned.Count} action{(unowned.Count == 1 ? " has" : "s have")} no named owner or no due date.",
                "Name who does each action and by when.", [.. unowned.Select(a => a.Id)]));
    }

    private static string RoleName(StakeholderRole role) => role switch
    {
        StakeholderRole.TechnicalBuyer => "technical buyer",
        StakeholderRole.ExecutiveSponsor => "executive sponsor",
        StakeholderRole.ImplementationLead => "implementation lead",
        StakeholderRole.Procurement => "procurement contact",
        StakeholderRole.Legal => "legal contact",
        StakeholderRole.Champion => "champion",
        _ => role.ToString(),
    };

    /// <summary>"Identify and engage Procurement" (a function), "… the technical buyer" (a person).</summary>
    public static string EngageTitle(StakeholderRole role) =>
        "Identify and engage " + role switch
        {
            StakeholderRole.Procurement => "Procurement",
            StakeholderRole.Legal => "Legal",
            _ => "the " + RoleName(role),
        };

    private static MilestonePhase PhaseFor(StakeholderRole role) => role switch
    {
        StakeholderRole.Procurement => MilestonePhase.Procurement,
        StakeholderRole.Legal => MilestonePhase.Legal,
        StakeholderRole.TechnicalBuyer => MilestonePhase.TechnicalValidation,
        StakeholderRole.ImplementationLead => MilestonePhase.Implementation,
        _ => MilestonePhase.Evaluation,
    };
}
