using System.Globalization;
using System.Text;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Documents;

public enum CsvKind { Milestones, Actions, Stakeholders, Risks }

/// <summary>
/// The plan's lists as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
/// hold a comma, a quote or a line break, quotes doubled), with a header row. Dates are ISO 8601.
/// This is the seller's export: internal items are included and marked in their own column.
/// </summary>
public static class CsvExport
{
    public static string Write(Plan plan, CsvKind kind)
    {
        string Name(Guid? id) => plan.Stakeholders.FirstOrDefault(s => s.Id == id)?.Name ?? "";
        string Milestone(Guid? id) => plan.Milestones.FirstOrDefault(m => m.Id == id)?.Title ?? "";
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var rows = kind switch
        {
            CsvKind.Milestones => plan.Milestones.Select(m => new[]
            {
                m.Title, m.Phase.ToString(), m.Owner.ToString(), D(m.TargetDate), D(m.BaselineDate), m.Status.ToString(), D(m.CompletedOn),
                string.Join("; ", m.DependsOn.Select(d => Milestone(d.DependsOnId))), string.Join("; ", m.Assumptions.Select(a => a.Text)), m.Bridge ?? "", m.Description ?? "",
            }).Prepend(["Title", "Phase", "Owner", "Target date", "Baseline date", "Status", "Completed on", "Depends on", "Assumptions", "Bridge", "Description"]),
            CsvKind.Actions => plan.Milestones.SelectMany(m => m.Actions.Select(a => new[]
            {
                m.Title, a.Description, a.Side.ToString(), Name(a.AssigneeId), D(a.DueDate), a.Status.ToString(), D(a.CompletedOn), a.Notes ?? "", a.IsInternal ? "yes" : "no",
            })).Prepend(["Milestone", "Action", "Side", "Assignee", "Due date", "Status", "Completed on", "Notes", "Internal"]),
            CsvKind.Stakeholders => plan.Stakeholders.Select(s => new[]
            {
                s.Name, s.Side.ToString(), s.Title ?? "", s.Function ?? "", s.Email ?? "", s.Phone ?? "", s.Role.ToString(), s.BuyIn.ToString(),
                s.DecisionRole.ToString(), s.Engagement.ToString(), s.PrimaryConcern ?? "", Name(s.ReportsToId), s.Involvement ?? "",
            }).Prepend(["Name", "Side", "Title", "Function", "E-mail", "Phone", "Role", "Buy-in", "Decision role", "Engage", "Primary concern", "Reports to", "Involvement"]),
            CsvKind.Risks => plan.Risks.Select(r => new[]
            {
                r.Description, Milestone(r.MilestoneId), r.Probability.ToString(), r.Impact.ToString(), r.DelayDays?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Mitigation ?? "", Name(r.MitigationOwnerId), D(r.MitigationDue), r.Status.ToString(), r.IsInternal ? "yes" : "no",
            }).Prepend(["Risk", "Milestone", "Probability", "Impact", "Delay (days)", "Mitigation", "Mitigation owner", "Mitigation due", "Status", "Internal"]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var sb = new StringBuilder();
        foreach (var row in rows) sb.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>One field, quoted only when it must be.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
