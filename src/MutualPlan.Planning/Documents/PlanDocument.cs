using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.Documents;

public enum Audience { Seller, Buyer }

/// <summary>
/// The plan document's content, in the order of the brief (§5), already filtered for its
/// audience: a buyer-facing document never contains internal notes, internal actions or internal
/// risks. Writers (Markdown, plain text, the web page) only lay this out.
/// </summary>
public sealed record DocumentModel(
    string Title, string BuyerCompany, string Solution, string Value, string Stage, string Owner, DateOnly Prepared,
    IReadOnlyList<(string Label, string Text)> Context,
    IReadOnlyList<StakeholderRow> Stakeholders,
    IReadOnlyList<MilestoneRow> Milestones,
    IReadOnlyList<RiskRow> Risks,
    IReadOnlyList<(string Label, DateOnly? Date)> Timeline,
    IReadOnlyList<NextStep> NextSteps,
    IReadOnlyList<string> Signers,
    string? InternalNotes,
    Audience Audience)
{
    /// <summary>The seller's company (the workspace): the plan itself does not know it, so the host sets it.</summary>
    public string SellerCompany { get; init; } = "";
    /// <summary>The plan revision the document was built from, so two printouts can be told apart.</summary>
    public int Revision { get; init; }
    public IReadOnlyList<MetricRow> Metrics { get; init; } = [];
    /// <summary>Every action of the audience, milestone by milestone, for documents with room for a full action table (PDF).</summary>
    public IReadOnlyList<ActionRow> Actions { get; init; } = [];
    /// <summary>Who accepts the plan on each side; <see cref="SignerRow.SignedOn"/> stays empty until they have signed.</summary>
    public IReadOnlyList<SignerRow> SignOff { get; init; } = [];
    /// <summary>Where sign-off stands, when the host knows it (see <see cref="SignOff.SignOffBlock"/>); null: not requested.</summary>
    public SignOffSummary? SignOffStatus { get; init; }
}

/// <summary>
/// The sign-off facts a document prints under the signatures: the hash of what was signed (once
/// anyone has signed), and a note when the plan changed after signing or awaits signatures.
/// </summary>
public sealed record SignOffSummary(string? SignedHash, string? Note);

public sealed record StakeholderRow(string Side, string Name, string Title, string Role, string BuyIn, string DecisionRole);
public sealed record MilestoneRow(string Title, DateOnly Target, string Owner, string Status, IReadOnlyList<string> BuyerActions,
    IReadOnlyList<string> SellerActions, IReadOnlyList<string> Assumptions, IReadOnlyList<string> Risks);
public sealed record RiskRow(string Description, string Milestone, string Severity, string Mitigation, string Owner, string Status);
public sealed record NextStep(string Side, string Action, string Who, DateOnly Due);
public sealed record MetricRow(string Name, string Baseline, string Target, string Latest, DateOnly? TargetDate, string Owner);
public sealed record ActionRow(string Milestone, string Side, string Description, string Who, DateOnly? Due, string Status, bool IsInternal);
/// <summary>One signature line: <paramref name="Name"/> is empty when the role is not yet filled (e.g. no champion named).</summary>
public sealed record SignerRow(string Side, string Name, string Role, DateOnly? SignedOn)
{
    /// <summary>The title the signer typed when signing.</summary>
    public string? SignedTitle { get; init; }
}

public static class DocumentBuilder
{
    /// <summary>Builds the document for an audience. <paramref name="ownerName"/> is the seller who owns the plan.</summary>
    public static DocumentModel Build(Plan plan, Audience audience, DateOnly today, string ownerName, string value)
    {
        bool Visible(bool isInternal) => audience == Audience.Seller || !isInternal;
        string Name(Guid? id) => plan.Stakeholders.FirstOrDefault(s => s.Id == id)?.Name ?? "—";
        static string Label(Enum e) => Words(e.ToString());

        var c = plan.Context;
        var context = new (string, string?)[]
        {
            ("Industry", c.Industry), ("Company size", c.CompanySize), ("Current state", c.CurrentState), ("Desired state", c.DesiredState),
            ("Challenges", c.Challenges), ("Why this approach", c.WhyThisApproach), ("Expected impact", c.ExpectedImpact),
            ("How it will be measured", c.ImpactMeasure), ("Budget", c.BudgetStatus == BudgetStatus.Unknown ? null : Label(c.BudgetStatus)),
            ("Executive sponsor", c.ExecutiveSponsor), ("In the customer's words", c.CustomerLanguage),
        }.Where(x => !string.IsNullOrWhiteSpace(x.Item2)).Select(x => (x.Item1, x.Item2!)).ToList();

        var milestones = plan.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Position).Select(m => new MilestoneRow(
            m.Title, m.TargetDate, Label(m.Owner), Label(m.Status),
            m.Actions.Where(a => a.Side != Side.Seller && Visible(a.IsInternal)).Select(a => Describe(a, Name)).ToList(),
            m.Actions.Where(a => a.Side == Side.Seller && Visible(a.IsInternal)).Select(a => Describe(a, Name)).ToList(),
            m.Assumptions.Select(a => a.Text).ToList(),
            plan.Risks.Where(r => r.MilestoneId == m.Id && Visible(r.IsInternal) && r.Status is RiskStatus.Open or RiskStatus.Occurred).Select(r => r.Description).ToList())).ToList();

        var risks = plan.Risks.Where(r => Visible(r.IsInternal)).Select(r => new RiskRow(
            r.Description, plan.Milestones.FirstOrDefault(m => m.Id == r.MilestoneId)?.Title ?? "Whole plan",
            $"{Label(r.Probability)} probability, {Label(r.Impact)} impact" + (r.DelayDays is { } d ? $", {d} days' delay" : ""),
            r.Mitigation ?? "Not yet agreed", Name(r.MitigationOwnerId), Label(r.Status))).ToList();

        var k = plan.KeyDates;
        var next = plan.NextMilestone();
        var timeline = new List<(string, DateOnly?)>
        {
            ("Commit", k.CommitDate), ("Expected signature", k.ExpectedSignature), ("Implementation kick-off", k.ImplementationKickoff),
            ("Go-live", k.GoLive), ("Value realised", k.ValueRealised), ("Next milestone" + (next is null ? "" : $": {next.Title}"), next?.TargetDate),
            ("Next review", plan.Review.NextReviewDate),
        };

        var weekEnd = today.AddDays(7);
        var nextSteps = plan.Milestones.SelectMany(m => m.Actions)
            .Where(a => a.Status != ActionStatus.Done && a.DueDate is { } due && due <= weekEnd && Visible(a.IsInternal))
            .OrderBy(a => a.DueDate).Select(a => new NextStep(Label(a.Side), a.Description, Name(a.AssigneeId), a.DueDate!.Value)).ToList();

        var champion = plan.Stakeholders.FirstOrDefault(s => s.Side == Side.Buyer && s.Role == StakeholderRole.Champion);
        var economic = plan.Stakeholders.FirstOrDefault(s => s.Side == Side.Buyer && s.Role == StakeholderRole.EconomicBuyer);
        var signers = new[] { champion, economic }.Where(s => s is not null).Select(s => $"{s!.Name}, {s.Title ?? Label(s.Role)} ({plan.BuyerCompany})")
            .Append($"{ownerName} (plan owner)").ToList();

        var metrics = plan.Metrics.OrderBy(m => m.Position).Select(m => new MetricRow(
            m.Name, Amount(m.Baseline, m.Unit), Amount(m.Target, m.Unit), Amount(m.Latest()?.Value, m.Unit), m.TargetDate, Name(m.OwnerStakeholderId))).ToList();

        var actions = plan.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Position)
            .SelectMany(m => m.Actions.Where(a => Visible(a.IsInternal)).OrderBy(a => a.Position).Select(a => new ActionRow(
                m.Title, Label(a.Side), a.Description, Name(a.AssigneeId), a.DueDate, Label(a.Status), a.IsInternal))).ToList();

        // Blank lines for the roles that sign even before anyone is named: a plan is accepted by
        // the buyer's champion and the seller's owner at least.
        var signOff = new List<SignerRow>
        {
            champion is null ? new SignerRow("Buyer", "", "Champion", null)
                             : new SignerRow("Buyer", champion.Name, champion.Title ?? "Champion", null),
        };
        if (economic is not null && economic != champion)
            signOff.Add(new SignerRow("Buyer", economic.Name, economic.Title ?? "Economic buyer", null));
        signOff.Add(new SignerRow("Seller", ownerName, "Plan owner", null));

        return new DocumentModel(plan.Title, plan.BuyerCompany, plan.Solution, value, Label(plan.Stage), ownerName, plan.PreparedOn, context,
            plan.Stakeholders.Select(s => new StakeholderRow(Label(s.Side), s.Name, s.Title ?? "", Label(s.Role), Label(s.BuyIn), Label(s.DecisionRole))).ToList(),
            milestones, risks, timeline, nextSteps, signers,
            audience == Audience.Seller ? plan.InternalNotes : null, audience)
        {
            Revision = plan.Revision, Metrics = metrics, Actions = actions, SignOff = signOff,
        };
    }

    private static string Amount(decimal? value, string? unit) =>
        value is not { } v ? "—" : v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(unit) ? "" : " " + unit);

    private static string Describe(ActionItem a, Func<Guid?, string> name) =>
        a.Description + (a.AssigneeId is null ? "" : $" — {name(a.AssigneeId)}") + (a.DueDate is { } d ? $", by {d:d MMM}" : "")
        + (a.Status == ActionStatus.Done ? " (done)" : "") + (a.IsInternal ? " [internal]" : "");

    /// <summary>"EconomicBuyer" → "Economic buyer".</summary>
    public static string Words(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && sb.Length > 0) sb.Append(' ').Append(char.ToLowerInvariant(ch));
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}

public static class SignOffText
{
    /// <summary>The organisation a signer signs for, as printed beside their name.</summary>
    public static string Company(DocumentModel d, SignerRow s) =>
        s.Side == "Buyer" ? d.BuyerCompany : string.IsNullOrEmpty(d.SellerCompany) ? "seller" : d.SellerCompany;
}
