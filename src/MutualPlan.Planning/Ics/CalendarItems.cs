using System.Security.Cryptography;
using System.Text;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Ics;

/// <summary>One all-day event the plan's calendar shows: a milestone's target date or an action's due date.</summary>
public sealed record CalendarItem(Guid Id, CalendarItemKind Kind, DateOnly Date, string Summary, string Description)
{
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Date:yyyy-MM-dd}\n{Summary}\n{Description}")));
}

/// <summary>
/// What the calendar shows of a plan. The calendar is shared with the buyer, so it is built for
/// the buyer audience: internal actions never appear, and neither do their names or notes.
/// </summary>
public static class CalendarItems
{
    public static List<CalendarItem> From(Plan plan)
    {
        string Who(Guid? id) => plan.Stakeholders.FirstOrDefault(s => s.Id == id)?.Name ?? "";
        static string Label(Enum e) => DocumentBuilder.Words(e.ToString());
        var items = new List<CalendarItem>();
        foreach (var m in plan.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Position))
        {
            var description = new StringBuilder($"Milestone of the mutual action plan \"{plan.Title}\" with {plan.BuyerCompany}.\n");
            description.Append($"Owner: {Label(m.Owner)}. Status: {Label(m.Status).ToLowerInvariant()}.");
            if (!string.IsNullOrWhiteSpace(m.Description)) description.Append('\n').Append(m.Description.Trim());
            items.Add(new CalendarItem(m.Id, CalendarItemKind.Milestone, m.TargetDate,
                (m.Status == MilestoneStatus.Done ? "Done: " : "Milestone: ") + m.Title, description.ToString()));

            foreach (var a in m.Actions.Where(a => !a.IsInternal && a.DueDate is not null).OrderBy(a => a.Position))
            {
                var who = Who(a.AssigneeId);
                var text = $"{Label(a.Side)} action for the milestone \"{m.Title}\"" + (who.Length > 0 ? $", assigned to {who}" : "") +
                           $". Status: {Label(a.Status).ToLowerInvariant()}.";
                items.Add(new CalendarItem(a.Id, CalendarItemKind.Action, a.DueDate!.Value,
                    (a.Status == ActionStatus.Done ? "Done: " : "Due: ") + a.Description, text));
            }
        }
        return items;
    }
}
