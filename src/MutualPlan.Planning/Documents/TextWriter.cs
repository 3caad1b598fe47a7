using System.Text;

namespace MutualPlan.Planning.Documents;

/// <summary>
/// The plan document as plain text for e-mail: aligned columns for monospace readers, wrapped
/// lines, no markup.
/// </summary>
public static class PlainTextWriter
{
    public static string Write(DocumentModel d, int width = 78)
    {
        var t = new StringBuilder();
        Heading(t, d.Title.ToUpperInvariant(), '=');
        t.AppendLine($"{d.BuyerCompany}{(string.IsNullOrEmpty(d.Solution) ? "" : " - " + d.Solution)}");
        t.AppendLine($"Value: {d.Value} | Stage: {d.Stage} | Owner: {d.Owner} | Prepared {d.Prepared:d MMM yyyy}");
        t.AppendLine();
        if (d.Context.Count > 0)
        {
            Heading(t, "Business context", '-');
            foreach (var (label, text) in d.Context) Wrap(t, $"{label}: {text}", width, "  ");
            t.AppendLine();
        }
        if (d.Stakeholders.Count > 0)
        {
            Heading(t, "Stakeholders", '-');
            Table(t, ["Side", "Name", "Title", "Role", "Buy-in"], d.Stakeholders.Select(s => new[] { s.Side, s.Name, s.Title, s.Role, s.BuyIn }));
        }
        Heading(t, "Milestones", '-');
        Table(t, ["Target", "Milestone", "Owner", "Status"], d.Milestones.Select(m => new[] { m.Target.ToString("dd MMM yyyy"), m.Title, m.Owner, m.Status }));
        foreach (var m in d.Milestones.Where(m => m.BuyerActions.Count + m.SellerActions.Count + m.Assumptions.Count > 0))
        {
            t.AppendLine($"{m.Target:dd MMM} {m.Title}");
            foreach (var a in m.BuyerActions) Wrap(t, "buyer:  " + a, width, "    ");
            foreach (var a in m.SellerActions) Wrap(t, "seller: " + a, width, "    ");
            foreach (var a in m.Assumptions) Wrap(t, "assumes: " + a, width, "    ");
            t.AppendLine();
        }
        if (d.Risks.Count > 0)
        {
            Heading(t, "Risks and mitigations", '-');
            foreach (var r in d.Risks)
            {
                Wrap(t, $"* {r.Description} ({r.Severity}; {r.Status.ToLowerInvariant()}; threatens {r.Milestone})", width, "  ");
                Wrap(t, $"Mitigation: {r.Mitigation} - {r.Owner}", width, "  ", "  ");
            }
            t.AppendLine();
        }
        Heading(t, "Timeline summary", '-');
        Table(t, ["Date", "What"], d.Timeline.Select(x => new[] { x.Date?.ToString("dd MMM yyyy") ?? "not set", x.Label }));
        Heading(t, "Next steps this week", '-');
        if (d.NextSteps.Count == 0) t.AppendLine("Nothing is due in the next seven days.").AppendLine();
        else Table(t, ["Due", "Who", "Action"], d.NextSteps.Select(s => new[] { s.Due.ToString("ddd dd MMM"), s.Who, s.Action }));
        if (d.InternalNotes is not null)
        {
            Heading(t, "Internal notes (seller only)", '-');
            Wrap(t, d.InternalNotes, width, "");
            t.AppendLine();
        }
        Heading(t, "Sign-off", '-');
        foreach (var s in d.SignOff)
        {
            t.AppendLine($"{(s.Name.Length == 0 ? "Name: ____________________" : s.Name)}, {s.SignedTitle ?? s.Role} ({SignOffText.Company(d, s)})");
            t.AppendLine(s.SignedOn is { } on ? $"  Signed on {on:d MMMM yyyy}" : "  Signature: ____________________  Date: ____________").AppendLine();
        }
        if (d.SignOffStatus is { } st)
        {
            if (st.Note is not null) { Wrap(t, st.Note, width, ""); t.AppendLine(); }
            if (st.SignedHash is not null) t.AppendLine("Content hash (SHA-256) of the signed plan:").AppendLine(st.SignedHash).AppendLine();
        }
        return t.ToString();
    }

    private static void Heading(StringBuilder t, string text, char rule) => t.AppendLine(text).AppendLine(new string(rule, text.Length));

    /// <summary>Columns padded to their widest cell (capped), so they line up in a monospace font.</summary>
    public static void Table(StringBuilder t, string[] head, IEnumerable<string[]> rows, int maxColumn = 40)
    {
        var all = rows.Select(r => r.Select(c => Clip(c, maxColumn)).ToArray()).ToList();
        var widths = head.Select((h, i) => Math.Max(h.Length, all.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        t.AppendLine(Line(head));
        t.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in all) t.AppendLine(Line(r));
        t.AppendLine();
    }

    private static string Clip(string s, int max)
    {
        s = s.Replace('\n', ' ').Replace('\r', ' ');
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }

    private static void Wrap(StringBuilder t, string text, int width, string indent, string firstIndent = "")
    {
        var line = new StringBuilder(firstIndent);
        foreach (var word in text.Replace('\n', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length + word.Length + 1 > width && line.Length > indent.Length)
            {
                t.AppendLine(line.ToString().TrimEnd());
                line.Clear().Append(indent);
            }
            line.Append(word).Append(' ');
        }
        if (line.ToString().Trim().Length > 0) t.AppendLine(line.ToString().TrimEnd());
    }
}
