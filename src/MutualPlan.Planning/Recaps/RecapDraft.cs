using System.Globalization;
using System.Text;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Recaps;

/// <summary>One part of a recap: a heading and its Markdown lines (paragraphs or "- " bullets).</summary>
public sealed record RecapSection(string Key, string Heading, IReadOnlyList<string> Lines);

/// <summary>Who writes the recap and for which company; the plan does not know its seller's name.</summary>
public sealed record RecapSender(string Name, string Company);

/// <summary>
/// The recap e-mail a seller sends after a meeting (product brief §5): desired outcome,
/// challenges, why this approach fits, expected impact and its measure, key stakeholders, the
/// timeline back from value realised with owners, negotiables and assumptions, and an invitation to
/// edit. It goes to both sides, so nothing internal is used: no internal notes, no internal
/// actions or risks. Pure: the plan, the meeting date and today in; a draft the seller edits out.
/// </summary>
public sealed record RecapDraft(string Subject, string Greeting, IReadOnlyList<RecapSection> Sections, string SignOff)
{
    public const string Notes = "notes";
    public const string Outcome = "outcome";
    public const string Challenges = "challenges";
    public const string Approach = "approach";
    public const string Impact = "impact";
    public const string Stakeholders = "stakeholders";
    public const string Timeline = "timeline";
    public const string Negotiables = "negotiables";
    public const string Invitation = "invitation";

    /// <summary>What is not yet written down is said so, to be agreed together, not left out silently.</summary>
    public const string ToConfirm = "_To confirm together._";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static RecapDraft Build(Plan plan, DateOnly meetingDate, DateOnly today, RecapSender sender, string? meetingNotes = null)
    {
        var sections = new List<RecapSection>();
        string Person(Guid? id) => plan.Stakeholders.FirstOrDefault(s => s.Id == id)?.Name ?? "";

        if (!string.IsNullOrWhiteSpace(meetingNotes))
            sections.Add(new(Notes, "What we discussed", Paragraphs(meetingNotes)));

        // Desired outcome: the state the buyer wants to reach, its objectives, and their own words.
        var c = plan.Context;
        var outcome = new List<string>();
        if (Has(c.DesiredState)) outcome.AddRange(Paragraphs(c.DesiredState!));
        outcome.AddRange(plan.Objectives.OrderBy(o => o.Position)
            .Select(o => "- " + Esc(o.Title) + (Has(o.Description) ? " — " + Esc(OneLine(o.Description!)) : "")));
        if (Has(c.CustomerLanguage)) outcome.Add($"> In your words: “{Esc(OneLine(c.CustomerLanguage!))}”");
        sections.Add(new(Outcome, "Desired outcome", OrToConfirm(outcome)));

        var challenges = new List<string>();
        if (Has(c.CurrentState)) challenges.Add("Today: " + Esc(OneLine(c.CurrentState!)));
        if (Has(c.Challenges)) challenges.AddRange(Paragraphs(c.Challenges!));
        sections.Add(new(Challenges, "Challenges", OrToConfirm(challenges)));

        sections.Add(new(Approach, "Why this approach fits", OrToConfirm(Has(c.WhyThisApproach) ? Paragraphs(c.WhyThisApproach!) : [])));

        var impact = new List<string>();
        if (Has(c.ExpectedImpact)) impact.AddRange(Paragraphs(c.ExpectedImpact!));
        if (Has(c.ImpactMeasure)) impact.Add("How we will measure it: " + Esc(OneLine(c.ImpactMeasure!)));
        impact.AddRange(plan.Metrics.OrderBy(m => m.Position).Select(m => "- " + Metric(m, Person(m.OwnerStakeholderId))));
        sections.Add(new(Impact, "Expected impact and how we will measure it", OrToConfirm(impact)));

        sections.Add(new(Stakeholders, "Key stakeholders", OrToConfirm(KeyStakeholders(plan))));
        sections.Add(new(Timeline, "Timeline to value realised", TimelineLines(plan, today, Person)));
        sections.Add(new(Negotiables, "Negotiables and assumptions", NegotiableLines(plan)));

        var invitation = new List<string>
        {
            "This is our shared plan, not our proposal. If a date, an owner or an assumption above is wrong or missing, " +
            "edit it in the plan or reply to this e-mail, and we will update it together.",
        };
        if (plan.Review.NextReviewDate is { } review && review >= today)
            invitation.Add($"Our next review is on {review.ToString("dddd d MMMM", Inv)}.");
        sections.Add(new(Invitation, "Over to you", invitation));

        var champion = plan.Stakeholders.Where(s => s.Side == Side.Buyer && s.Role == StakeholderRole.Champion).OrderBy(s => s.Position).FirstOrDefault();
        var hello = champion is null ? "Hello all," : $"Hello {Esc(FirstName(champion.Name))},";
        var greeting = $"{hello}\n\nThank you for your time {When(meetingDate, today)}. Here is a short summary of where we stand and what we agreed, " +
                       "so that we all work from the same plan.";
        var signOff = "Best regards,\n" + Esc(sender.Name) + (sender.Company.Length > 0 ? "\n" + Esc(sender.Company) : "");
        var subject = $"Recap of our meeting on {meetingDate.ToString("d MMMM", Inv)}: {plan.Title}";
        return new RecapDraft(Clip(subject, 200), greeting, sections, signOff);
    }

    /// <summary>The editable draft: greeting, one "##" heading per section, sign-off.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append(Greeting).Append("\n\n");
        foreach (var s in Sections)
        {
            md.Append("## ").Append(s.Heading).Append("\n\n");
            var inList = false;
            foreach (var line in s.Lines)
            {
                var bullet = line.StartsWith("- ", StringComparison.Ordinal);
                // Paragraphs are separated by a blank line; a run of bullets stays one list.
                if (inList && !bullet) md.Append('\n');
                md.Append(line).Append('\n');
                if (!bullet) md.Append('\n');
                inList = bullet;
            }
            if (inList) md.Append('\n');
        }
        md.Append(SignOff.Replace("\n", "  \n")).Append('\n');
        return md.ToString();
    }

    private static List<string> KeyStakeholders(Plan plan)
    {
        // Everyone who decides, approves or influences; the merely informed are left out of a short recap.
        var key = plan.Stakeholders.Where(s => s.DecisionRole != DecisionRole.Informed).ToList();
        var lines = new List<string>();
        foreach (var side in new[] { Side.Buyer, Side.Partner, Side.Seller })
        {
            var people = key.Where(s => s.Side == side).OrderBy(s => s.DecisionRole).ThenBy(s => s.Position).ToList();
            if (people.Count == 0) continue;
            var company = side switch { Side.Buyer => plan.BuyerCompany, Side.Partner => "Partners", _ => "Our team" };
            lines.Add($"**{Esc(company)}**");
            lines.AddRange(people.Select(s =>
            {
                // "Account Executive — Account executive" says it twice: the role only when the title does not.
                var role = Has(s.Title) && string.Equals(s.Title!.Trim(), Words(s.Role), StringComparison.OrdinalIgnoreCase) ? "" : Words(s.Role);
                var decides = s.DecisionRole is DecisionRole.Decides or DecisionRole.Approves ? Words(s.DecisionRole).ToLowerInvariant() : "";
                var what = role.Length > 0 && decides.Length > 0 ? $"{role} ({decides})" : role.Length > 0 ? role : decides.Length > 0 ? char.ToUpperInvariant(decides[0]) + decides[1..] : "";
                return "- " + Esc(s.Name) + (Has(s.Title) ? ", " + Esc(s.Title!) : "") + (what.Length > 0 ? " — " + what : "");
            }));
        }
        return lines;
    }

    private static List<string> TimelineLines(Plan plan, DateOnly today, Func<Guid?, string> person)
    {
        var lines = new List<string>();
        var end = plan.KeyDates.ValueRealised;
        lines.Add(end is { } v
            ? $"Planned back from value realised on **{v.ToString("d MMMM yyyy", Inv)}**:"
            : "Value realised has no date yet: " + ToConfirm);
        var milestones = plan.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Position).ToList();
        foreach (var m in milestones)
        {
            // Owners: the side that owns the milestone and the people named on its buyer-visible actions.
            var names = m.Actions.Where(a => !a.IsInternal).Select(a => person(a.AssigneeId)).Where(n => n.Length > 0).Distinct().ToList();
            var owner = (m.Owner == OwnerSide.Joint ? "both sides" : m.Owner.ToString()) + (names.Count > 0 ? " (" + Esc(string.Join(", ", names)) + ")" : "");
            var state = m.Status == MilestoneStatus.Done ? " ✓ done"
                : m.TargetDate < today ? " (overdue)"
                : m.Status is MilestoneStatus.AtRisk or MilestoneStatus.Slipped or MilestoneStatus.Blocked ? $" ({Words(m.Status).ToLowerInvariant()})" : "";
            lines.Add($"- **{m.TargetDate.ToString("d MMM yyyy", Inv)}** — {Esc(m.Title)}{state} · owner: {owner}");
        }
        if (end is { } last && milestones.All(m => m.TargetDate < last))
            lines.Add($"- **{last.ToString("d MMM yyyy", Inv)}** — Value realised");
        if (milestones.Count == 0) lines.Add("No milestones yet: " + ToConfirm);
        return lines;
    }

    private static List<string> NegotiableLines(Plan plan)
    {
        var lines = new List<string>();
        var r = plan.Readiness;
        if (Has(r.HardConstraint) || r.HardConstraintDate is not null)
            lines.Add("Fixed: " + (Has(r.HardConstraint) ? Esc(OneLine(r.HardConstraint!)) : "your deadline")
                      + (r.HardConstraintDate is { } hc ? $" ({hc.ToString("d MMMM yyyy", Inv)})" : "") + ".");

        var open = new List<string>();
        foreach (var p in plan.DateProposals.Where(p => p.IsOpen))
        {
            var title = plan.Milestones.FirstOrDefault(m => m.Id == p.MilestoneId)?.Title;
            if (title is null) continue;
            open.Add($"- {Esc(title)}: moving it from {p.FromDate.ToString("d MMM", Inv)} to {p.ProposedDate.ToString("d MMM", Inv)} is proposed and awaits an answer");
        }
        if (plan.Context.BudgetStatus is BudgetStatus.Preliminary or BudgetStatus.PendingApproval)
            open.Add($"- Budget: {Words(plan.Context.BudgetStatus).ToLowerInvariant()}");
        var unsigned = plan.Milestones.Count > 0 && plan.Milestones.All(m => m.BaselineDate is null);
        if (unsigned) open.Add("- The dates above: proposals until we both sign the plan");
        if (open.Count > 0)
        {
            lines.Add("Open to discussion:");
            lines.AddRange(open);
        }

        var assumptions = plan.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Position)
            .SelectMany(m => m.Assumptions.OrderBy(a => a.Position).Select(a => $"- {Esc(OneLine(a.Text))} ({Esc(m.Title)})")).ToList();
        if (assumptions.Count > 0)
        {
            lines.Add("What must hold for these dates:");
            lines.AddRange(assumptions);
        }
        return OrToConfirm(lines);
    }

    private static string Metric(SuccessMetric m, string owner)
    {
        static string N(decimal? v) => v?.ToString("0.##", Inv) ?? "?";
        var unit = Has(m.Unit) ? " " + Esc(m.Unit!) : "";
        var text = Esc(m.Name);
        if (m.Baseline is not null || m.Target is not null) text += $": from {N(m.Baseline)}{unit} to {N(m.Target)}{unit}";
        if (m.TargetDate is { } d) text += $" by {d.ToString("d MMMM yyyy", Inv)}";
        if (owner.Length > 0) text += $" (measured by {Esc(owner)})";
        return text;
    }

    /// <summary>"today", "yesterday", "on Tuesday" within the week, else "on 12 November".</summary>
    private static string When(DateOnly meeting, DateOnly today)
    {
        var days = today.DayNumber - meeting.DayNumber;
        return days switch
        {
            0 => "today",
            1 => "yesterday",
            > 1 and < 7 => "on " + meeting.ToString("dddd", Inv),
            _ => "on " + meeting.ToString("d MMMM", Inv),
        };
    }

    private static List<string> OrToConfirm(List<string> lines) => lines.Count > 0 ? lines : [ToConfirm];

    /// <summary>Blank-line separated paragraphs, each on one line; lines typed as bullets ("- ", "* ", "• ") stay bullets.</summary>
    private static List<string> Paragraphs(string text)
    {
        var lines = new List<string>();
        foreach (var block in text.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var prose = new List<string>();
            foreach (var raw in block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (raw.Length > 2 && (raw[0] is '-' or '*' or '•') && raw[1] == ' ')
                {
                    if (prose.Count > 0) { lines.Add(Esc(string.Join(' ', prose))); prose.Clear(); }
                    lines.Add("- " + Esc(raw[2..].Trim()));
                }
                else prose.Add(raw);
            }
            if (prose.Count > 0) lines.Add(Esc(string.Join(' ', prose)));
        }
        return lines;
    }

    private static bool Has(string? s) => !string.IsNullOrWhiteSpace(s);
    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    private static string FirstName(string name) => name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
    private static string Words(Enum e) => DocumentBuilder.Words(e.ToString());
    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>People's words are text, not Markdown or HTML: a "*" or a "&lt;" in a plan must arrive as typed.</summary>
    public static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (ch is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '|') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
