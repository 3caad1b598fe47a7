using System.Text;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.StatusUpdates;

public sealed record ReportMilestone(Guid Id, string Title, DateOnly Date, string Note);
public sealed record ReportAction(string Side, string Description, string Who, DateOnly? Date);
public sealed record ReportDateChange(string Milestone, DateOnly From, DateOnly To, string Reason);

/// <summary>
/// A status update for a review period, built from what actually happened: completion dates,
/// recorded date changes, statuses and risks. Internal items are left out: the update goes to both
/// sides. Pure: the plan, the period and today in.
/// </summary>
public sealed record StatusReport(
    DateOnly From, DateOnly To,
    IReadOnlyList<ReportMilestone> Completed,
    IReadOnlyList<ReportMilestone> OnTrackNext,
    IReadOnlyList<ReportMilestone> AtRisk,
    IReadOnlyList<ReportDateChange> DateChanges,
    IReadOnlyList<ReportAction> ActionsDone,
    IReadOnlyList<ReportAction> ActionsUpcoming,
    DateOnly? SignatureOriginal, DateOnly? SignatureCurrent)
{
    public const int LookAheadDays = 14;

    public static StatusReport Build(Plan plan, DateOnly from, DateOnly to)
    {
        bool InPeriod(DateOnly? d) => d is { } x && x >= from && x <= to;
        string Name(Guid? id) => plan.Stakeholders.FirstOrDefault(s => s.Id == id)?.Name ?? "unassigned";
        string Title(Guid id) => plan.Milestones.FirstOrDefault(m => m.Id == id)?.Title ?? "a removed milestone";
        var horizon = to.AddDays(LookAheadDays);
        var open = plan.Milestones.Where(m => m.Status != MilestoneStatus.Done).ToList();
        var troubled = open.Where(m => m.Status is MilestoneStatus.AtRisk or MilestoneStatus.Slipped or MilestoneStatus.Blocked || m.TargetDate < to).ToList();

        var atRisk = troubled.OrderBy(m => m.TargetDate).Select(m =>
        {
            var mitigation = plan.Risks.Where(r => r.MilestoneId == m.Id && !r.IsInternal && r.Status == RiskStatus.Open && !string.IsNullOrWhiteSpace(r.Mitigation))
                .Select(r => r.Mitigation!).FirstOrDefault();
            var note = m.TargetDate < to
                ? $"Past its date ({m.TargetDate:d MMM}) and not done. Proposed: {mitigation ?? "agree a new date with the buyer and record why"}."
                : $"{m.Status switch { MilestoneStatus.Slipped => "Slipped", MilestoneStatus.Blocked => "Blocked", _ => "At risk" }}; expected {m.TargetDate:d MMM yyyy}. Proposed: {mitigation ?? "agree the action that brings it back on track"}.";
            return new ReportMilestone(m.Id, m.Title, m.TargetDate, note);
        }).ToList();

        var actions = plan.Milestones.SelectMany(m => m.Actions).Where(a => !a.IsInternal).ToList();
        var signature = plan.Milestones.Where(m => m.Phase == MilestonePhase.Signature).OrderBy(m => m.TargetDate).FirstOrDefault();
        DateOnly? original = signature is null ? null
            : signature.BaselineDate ?? plan.DateChanges.Where(d => d.MilestoneId == signature.Id).OrderBy(d => d.ChangedAt).Select(d => (DateOnly?)d.OldDate).FirstOrDefault() ?? signature.TargetDate;

        return new StatusReport(from, to,
            plan.Milestones.Where(m => m.Status == MilestoneStatus.Done && InPeriod(m.CompletedOn))
                .OrderBy(m => m.CompletedOn).Select(m => new ReportMilestone(m.Id, m.Title, m.CompletedOn!.Value, "Done")).ToList(),
            open.Where(m => !troubled.Contains(m) && m.TargetDate > to && m.TargetDate <= horizon)
                .OrderBy(m => m.TargetDate).Select(m => new ReportMilestone(m.Id, m.Title, m.TargetDate, "On track")).ToList(),
            atRisk,
            plan.DateChanges.Where(d => InPeriod(DateOnly.FromDateTime(d.ChangedAt.UtcDateTime))).OrderBy(d => d.ChangedAt)
                .Select(d => new ReportDateChange(Title(d.MilestoneId), d.OldDate, d.NewDate, string.IsNullOrWhiteSpace(d.Reason) ? "no reason recorded" : d.Reason)).ToList(),
            actions.Where(a => a.Status == ActionStatus.Done && InPeriod(a.CompletedOn)).OrderBy(a => a.Side).ThenBy(a => a.CompletedOn)
                .Select(a => new ReportAction(a.Side.ToString(), a.Description, Name(a.AssigneeId), a.CompletedOn)).ToList(),
            actions.Where(a => a.Status != ActionStatus.Done && a.DueDate is { } d && d <= horizon).OrderBy(a => a.Side).ThenBy(a => a.DueDate)
                .Select(a => new ReportAction(a.Side.ToString(), a.Description, Name(a.AssigneeId), a.DueDate)).ToList(),
            original, signature?.TargetDate);
    }

    /// <summary>The editable draft, in Markdown.</summary>
    public string ToMarkdown(string planTitle)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Status update: {planTitle}").AppendLine();
        md.AppendLine($"Period: {From:d MMM} – {To:d MMM yyyy}").AppendLine();
        void List(string heading, IEnumerable<string> lines, string none)
        {
            md.AppendLine($"### {heading}").AppendLine();
            var any = false;
            foreach (var l in lines) { md.AppendLine("- " + l); any = true; }
            if (!any) md.AppendLine(none);
            md.AppendLine();
        }
        List("Milestones completed", Completed.Select(m => $"{m.Title} ({m.Date:d MMM})"), "None this period.");
        List($"On track for the next {LookAheadDays} days", OnTrackNext.Select(m => $"{m.Title} — {m.Date:d MMM}"), "Nothing due.");
        List("At risk", AtRisk.Select(m => $"**{m.Title}**: {m.Note}"), "Nothing at risk.");
        if (DateChanges.Count > 0) List("Dates changed", DateChanges.Select(d => $"{d.Milestone}: {d.From:d MMM} → {d.To:d MMM} ({d.Reason})"), "");
        foreach (var side in new[] { "Buyer", "Seller", "Partner" })
        {
            var done = ActionsDone.Where(a => a.Side == side).ToList();
            var next = ActionsUpcoming.Where(a => a.Side == side).ToList();
            if (done.Count + next.Count == 0) continue;
            md.AppendLine($"### {side} actions").AppendLine();
            foreach (var a in done) md.AppendLine($"- [x] {a.Description} — {a.Who}");
            foreach (var a in next) md.AppendLine($"- [ ] {a.Description} — {a.Who}, due {a.Date:d MMM}");
            md.AppendLine();
        }
        md.AppendLine("### Timeline").AppendLine();
        md.AppendLine(SignatureCurrent is { } now
            ? SignatureOriginal is { } was && was != now
                ? $"Signature: originally {was:d MMM yyyy}, now {now:d MMM yyyy} ({(now.DayNumber - was.DayNumber > 0 ? "+" : "")}{now.DayNumber - was.DayNumber} days)."
                : $"Signature: {now:d MMM yyyy}, unchanged."
            : "No signature milestone in the plan yet.");
        return md.ToString();
    }
}
