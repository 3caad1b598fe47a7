using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Planning.Modes;

/// <summary>
/// The three ways of working on a plan (product brief §3): building a new one, renegotiating one
/// that slips, recovering one that broke. Each asks for different work, so the app leads with it.
/// </summary>
public enum WorkingMode { Building, Renegotiating, Recovering }

/// <summary>Why a milestone needs renegotiating.</summary>
public enum SlipKind { Overdue, AtRisk, Slipped, Blocked, BehindBaseline }

public sealed record SlippingMilestone(Milestone Milestone, SlipKind Kind, int OverdueWorkingDays);

/// <summary>The mode a plan is in, with the reasons in plain words and the milestones concerned.</summary>
public sealed record ModeAssessment(WorkingMode Mode, IReadOnlyList<string> Reasons, IReadOnlyList<SlippingMilestone> Slipping)
{
    public bool IsSigned { get; init; }
}

/// <summary>
/// Decides the working mode. Recovering wins over renegotiating: a plan is broken when the buyer's
/// hard constraint has passed without signature, when a milestone is more than
/// <see cref="BrokenOverdueDays"/> working days overdue, or when at least half of the open
/// milestones (two or more) are overdue. It is slipping when any open milestone is overdue, at
/// risk, slipped, blocked or later than its signed baseline. Otherwise it is still being built
/// (or simply running on time, which needs the same checklist). Pure: plan and today in.
/// </summary>
public static class WorkingModeAdvisor
{
    public const int BrokenOverdueDays = 10;

    public static ModeAssessment Assess(Plan plan, DateOnly today, BusinessCalendar? calendar = null)
    {
        var cal = calendar ?? PlanScheduling.CalendarOf(plan);
        var open = plan.Milestones.Where(m => m.Status != MilestoneStatus.Done).ToList();
        var slipping = new List<SlippingMilestone>();
        foreach (var m in open.OrderBy(m => m.TargetDate).ThenBy(m => m.Position))
        {
            if (m.TargetDate < today)
                slipping.Add(new(m, SlipKind.Overdue, Math.Max(1, cal.WorkingDaysBetween(m.TargetDate, today))));
            else if (m.Status is MilestoneStatus.Blocked) slipping.Add(new(m, SlipKind.Blocked, 0));
            else if (m.Status is MilestoneStatus.Slipped) slipping.Add(new(m, SlipKind.Slipped, 0));
            else if (m.Status is MilestoneStatus.AtRisk) slipping.Add(new(m, SlipKind.AtRisk, 0));
            else if (m.BaselineDate is { } b && m.TargetDate > b) slipping.Add(new(m, SlipKind.BehindBaseline, 0));
        }
        var signed = plan.Milestones.Any(m => m.BaselineDate is not null);

        var broken = new List<string>();
        var signatureDone = plan.Milestones.Any(m => m.Phase == MilestonePhase.Signature && m.Status == MilestoneStatus.Done);
        if (plan.Readiness.HardConstraintDate is { } hard && hard < today && !signatureDone && plan.Milestones.Any(m => m.Phase == MilestonePhase.Signature))
            broken.Add($"The buyer's hard constraint ({hard:d MMM yyyy}) has passed and the plan has not reached signature.");
        var overdue = slipping.Where(s => s.Kind == SlipKind.Overdue).ToList();
        var longOverdue = overdue.Where(s => s.OverdueWorkingDays > BrokenOverdueDays).ToList();
        if (longOverdue.Count > 0)
            broken.Add(longOverdue.Count == 1
                ? $"“{longOverdue[0].Milestone.Title}” is {longOverdue[0].OverdueWorkingDays} working days overdue."
                : $"{longOverdue.Count} milestones are more than {BrokenOverdueDays} working days overdue.");
        if (overdue.Count >= 2 && overdue.Count * 2 >= open.Count)
            broken.Add($"{overdue.Count} of {open.Count} open milestones are overdue: the dates no longer describe the plan.");
        if (broken.Count > 0)
            return new ModeAssessment(WorkingMode.Recovering, broken, slipping) { IsSigned = signed };

        var proposals = plan.DateProposals.Count(d => d.IsOpen);
        if (slipping.Count > 0 || proposals > 0)
        {
            var reasons = slipping.GroupBy(s => s.Kind).Select(g => g.Key switch
            {
                SlipKind.Overdue => Count(g.Count(), "milestone is", "milestones are") + " overdue.",
                SlipKind.AtRisk => Count(g.Count(), "milestone is", "milestones are") + " at risk.",
                SlipKind.Slipped => Count(g.Count(), "milestone has", "milestones have") + " slipped.",
                SlipKind.Blocked => Count(g.Count(), "milestone is", "milestones are") + " blocked.",
                _ => Count(g.Count(), "milestone is", "milestones are") + " later than the signed baseline.",
            }).ToList();
            if (proposals > 0) reasons.Add(proposals == 1 ? "1 date proposal awaits an answer." : $"{proposals} date proposals await an answer.");
            return new ModeAssessment(WorkingMode.Renegotiating, reasons, slipping) { IsSigned = signed };
        }
        return new ModeAssessment(WorkingMode.Building,
            [signed ? "Signed and on time: keep it alive with weekly updates." : "Not signed yet: build the plan with the buyer, share it and sign it."], slipping)
        { IsSigned = signed };
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
