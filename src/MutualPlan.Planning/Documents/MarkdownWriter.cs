using System.Text;

namespace MutualPlan.Planning.Documents;

/// <summary>The plan document as Markdown (GitHub-style tables), for wikis, CRMs and e-mail tools.</summary>
public static class MarkdownWriter
{
    public static string Write(DocumentModel d)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {Esc(d.Title)}").AppendLine();
        md.AppendLine($"**{Esc(d.BuyerCompany)}**{(string.IsNullOrEmpty(d.Solution) ? "" : " · " + Esc(d.Solution))}  ");
        md.AppendLine($"Value: {Esc(d.Value)} · Stage: {d.Stage} · Owner: {Esc(d.Owner)} · Prepared {d.Prepared:d MMMM yyyy}").AppendLine();

        if (d.Context.Count > 0)
        {
            md.AppendLine("## Business context").AppendLine();
            foreach (var (label, text) in d.Context) md.AppendLine($"- **{label}:** {Esc(text)}");
            md.AppendLine();
        }
        if (d.Stakeholders.Count > 0)
        {
            md.AppendLine("## Stakeholders").AppendLine();
            Table(md, ["Side", "Name", "Title", "Role", "Buy-in", "Decision"],
                d.Stakeholders.Select(s => new[] { s.Side, s.Name, s.Title, s.Role, s.BuyIn, s.DecisionRole }));
        }
        md.AppendLine("## Milestones").AppendLine();
        if (d.Milestones.Count == 0) md.AppendLine("No milestones yet.").AppendLine();
        else
            Table(md, ["Milestone", "Target date", "Buyer actions", "Seller actions", "Assumptions", "Risks"],
                d.Milestones.Select(m => new[]
                {
                    $"{m.Title} ({m.Status.ToLowerInvariant()}, {m.Owner.ToLowerInvariant()})", m.Target.ToString("d MMM yyyy"),
                    Lines(m.BuyerActions), Lines(m.SellerActions), Lines(m.Assumptions), Lines(m.Risks),
                }));
        if (d.Risks.Count > 0)
        {
            md.AppendLine("## Risks and mitigations").AppendLine();
            Table(md, ["Risk", "Threatens", "Severity", "Mitigation", "Owner", "Status"],
                d.Risks.Select(r => new[] { r.Description, r.Milestone, r.Severity, r.Mitigation, r.Owner, r.Status }));
        }
        md.AppendLine("## Timeline summary").AppendLine();
        foreach (var (label, date) in d.Timeline) md.AppendLine($"- **{Esc(label)}:** {date?.ToString("d MMMM yyyy") ?? "not set"}");
        md.AppendLine();
        md.AppendLine("## Next steps this week").AppendLine();
        if (d.NextSteps.Count == 0) md.AppendLine("Nothing is due in the next seven days.").AppendLine();
        else
        {
            foreach (var s in d.NextSteps) md.AppendLine($"- [ ] {Esc(s.Action)} — {Esc(s.Who)} ({s.Side.ToLowerInvariant()}), by {s.Due:ddd d MMM}");
            md.AppendLine();
        }
        if (d.InternalNotes is not null)
        {
            md.AppendLine("## Internal notes (seller only)").AppendLine();
            md.AppendLine(Esc(d.InternalNotes)).AppendLine();
        }
        md.AppendLine("## Sign-off").AppendLine();
        md.AppendLine("Both sides accept this plan as the basis for working together.").AppendLine();
        foreach (var s in d.SignOff)
        {
            var who = (s.Name.Length == 0 ? "Name: ______________" : Esc(s.Name)) + $", {Esc(s.SignedTitle ?? s.Role)} ({Esc(SignOffText.Company(d, s))})";
            md.AppendLine(s.SignedOn is { } on ? $"- {who} — signed on {on:d MMMM yyyy}" : $"- {who} — signature: ______________ date: __________");
        }
        if (d.SignOffStatus is { } st)
        {
            md.AppendLine();
            if (st.Note is not null) md.AppendLine(Esc(st.Note)).AppendLine();
            if (st.SignedHash is not null) md.AppendLine($"Content hash (SHA-256) of the signed plan: `{st.SignedHash}`").AppendLine();
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, string[] head, IEnumerable<string[]> rows)
    {
        md.AppendLine("| " + string.Join(" | ", head) + " |");
        md.AppendLine("|" + string.Concat(head.Select(_ => " --- |")));
        foreach (var r in rows) md.AppendLine("| " + string.Join(" | ", r.Select(Cell)) + " |");
        md.AppendLine();
    }

    /// <summary>Several entries in one cell: one per line (a table row cannot hold a real line break).</summary>
    private static string Lines(IEnumerable<string> items) => string.Join("\n", items.Select(i => i.Replace("\r", "").Replace("\n", " ")));

    /// <summary>A table cell: escaped text, its line breaks as &lt;br&gt; and its pipes kept from splitting the row.</summary>
    private static string Cell(string s) => Esc(s).Replace("|", "\\|").Replace("\r", "").Replace("\n", "<br>");

    /// <summary>
    /// Plan text is the buyer's and seller's own words: keep it from being read as Markdown or HTML,
    /// so that any Markdown reader shows exactly what was typed: HTML's three characters become
    /// entities, Markdown's punctuation is backslash-escaped (the backslash itself included).
    /// </summary>
    private static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
            sb.Append(c switch
            {
                '&' => "&amp;", '<' => "&lt;", '>' => "&gt;",
                '\\' or '*' or '_' or '`' or '[' or ']' or '~' or '#' or '!' => "\\" + c,
                _ => c.ToString(),
            });
        return sb.ToString();
    }
}
