using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.SignOff;

/// <summary>
/// The canonical rendering of what both sides sign: the plan's buyer-facing agreement — header,
/// business context, objectives, success metrics (definitions, not measurements), stakeholders,
/// decision process, milestones with their dates, owners, dependencies, assumptions and the
/// actions of both sides that are not internal, risks that are not internal, resources,
/// communication, review and key dates. Progress (statuses, completion dates, measured values,
/// buy-in), scheduling aids (durations, the buyer calendar) and everything internal are left out,
/// so working the plan does not change what was signed.
///
/// The rendering is compact JSON (RFC 8259) that does not depend on the machine, the database or
/// the culture: keys in a fixed order, lists in the plan's order (position, then id), no
/// whitespace between tokens; text in Unicode NFC with line endings normalised to LF; dates as
/// yyyy-MM-dd; amounts as strings in invariant form without trailing zeros ("120000", "12.5");
/// enums by name; absent values as null. Strings escape only '"', '\' and control characters
/// (LF as \n, tab as \t, others as \u00xx); every other character is written as itself in UTF-8.
/// The hash is the lower-case hex SHA-256 of those UTF-8 bytes. docs/sign-off.md describes the
/// format for anyone who wants to verify a signature with their own tools.
/// </summary>
public static class SignedContent
{
    public const string Format = "mutualplan/signed-content/1";

    public static string Render(Plan plan, string ownerName)
    {
        var w = new Writer();
        string? StakeholderName(Guid? id) => id is null ? null : plan.Stakeholders.FirstOrDefault(s => s.Id == id)?.Name;
        string? MilestoneTitle(Guid? id) => id is null ? null : plan.Milestones.FirstOrDefault(m => m.Id == id)?.Title;

        w.Open('{');
        w.Prop("format", Format);
        w.Key("plan"); w.Open('{');
        w.Prop("id", plan.Id); w.Prop("title", plan.Title); w.Prop("buyerCompany", plan.BuyerCompany); w.Prop("solution", plan.Solution);
        w.Prop("dealValue", plan.DealValue); w.Prop("currency", plan.Currency); w.Prop("owner", ownerName);
        w.Prop("periodStart", plan.PeriodStart); w.Prop("periodEnd", plan.PeriodEnd);
        w.Close('}');

        var c = plan.Context;
        w.Key("context"); w.Open('{');
        w.Prop("companySize", c.CompanySize); w.Prop("industry", c.Industry); w.Prop("currentState", c.CurrentState);
        w.Prop("desiredState", c.DesiredState); w.Prop("challenges", c.Challenges); w.Prop("whyThisApproach", c.WhyThisApproach);
        w.Prop("expectedImpact", c.ExpectedImpact); w.Prop("impactMeasure", c.ImpactMeasure); w.Prop("budgetStatus", c.BudgetStatus.ToString());
        w.Prop("executiveSponsor", c.ExecutiveSponsor); w.Prop("customerLanguage", c.CustomerLanguage);
        w.Close('}');

        w.Key("objectives"); w.Open('[');
        foreach (var o in plan.Objectives.OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            w.Open('{'); w.Prop("id", o.Id); w.Prop("title", o.Title); w.Prop("description", o.Description); w.Close('}');
        }
        w.Close(']');

        w.Key("metrics"); w.Open('[');
        foreach (var m in plan.Metrics.OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            w.Open('{');
            w.Prop("id", m.Id); w.Prop("name", m.Name); w.Prop("baseline", m.Baseline); w.Prop("target", m.Target); w.Prop("unit", m.Unit);
            w.Prop("targetDate", m.TargetDate); w.Prop("frequency", m.Frequency.ToString()); w.Prop("owner", StakeholderName(m.OwnerStakeholderId));
            w.Close('}');
        }
        w.Close(']');

        w.Key("stakeholders"); w.Open('[');
        foreach (var s in plan.Stakeholders.OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            w.Open('{');
            w.Prop("id", s.Id); w.Prop("side", s.Side.ToString()); w.Prop("name", s.Name); w.Prop("title", s.Title); w.Prop("function", s.Function);
            w.Prop("role", s.Role.ToString()); w.Prop("decisionRole", s.DecisionRole.ToString()); w.Prop("reportsTo", StakeholderName(s.ReportsToId));
            w.Close('}');
        }
        w.Close(']');

        var d = plan.Decision;
        w.Key("decisionProcess"); w.Open('{');
        w.Prop("buyerMode", d.BuyerMode.ToString()); w.Prop("buyerNotes", d.BuyerNotes); w.Prop("sellerMode", d.SellerMode.ToString()); w.Prop("sellerNotes", d.SellerNotes);
        w.Close('}');

        w.Key("milestones"); w.Open('[');
        foreach (var m in plan.Milestones.OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            w.Open('{');
            w.Prop("id", m.Id); w.Prop("title", m.Title); w.Prop("description", m.Description); w.Prop("phase", m.Phase.ToString());
            w.Prop("owner", m.Owner.ToString()); w.Prop("targetDate", m.TargetDate); w.Prop("bridge", m.Bridge);
            w.Key("dependsOn"); w.Open('[');
            foreach (var dep in m.DependsOn.Select(x => x.DependsOnId).Order()) w.Value(dep);
            w.Close(']');
            w.Key("assumptions"); w.Open('[');
            foreach (var a in m.Assumptions.OrderBy(x => x.Position).ThenBy(x => x.Id)) w.Value(a.Text);
            w.Close(']');
            w.Key("actions"); w.Open('[');
            foreach (var a in m.Actions.Where(a => !a.IsInternal).OrderBy(x => x.Position).ThenBy(x => x.Id))
            {
                w.Open('{');
                w.Prop("id", a.Id); w.Prop("side", a.Side.ToString()); w.Prop("description", a.Description);
                w.Prop("assignee", StakeholderName(a.AssigneeId)); w.Prop("dueDate", a.DueDate);
                w.Close('}');
            }
            w.Close(']');
            w.Close('}');
        }
        w.Close(']');

        w.Key("risks"); w.Open('[');
        foreach (var r in plan.Risks.Where(r => !r.IsInternal).OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            w.Open('{');
            w.Prop("id", r.Id); w.Prop("description", r.Description); w.Prop("milestone", MilestoneTitle(r.MilestoneId));
            w.Prop("probability", r.Probability.ToString()); w.Prop("impact", r.Impact.ToString()); w.Prop("delayDays", r.DelayDays);
            w.Prop("mitigation", r.Mitigation); w.Prop("mitigationOwner", StakeholderName(r.MitigationOwnerId)); w.Prop("mitigationDue", r.MitigationDue);
            w.Close('}');
        }
        w.Close(']');

        w.Key("resources"); w.Open('[');
        foreach (var r in plan.Resources.OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            w.Open('{');
            w.Prop("id", r.Id); w.Prop("side", r.Side.ToString()); w.Prop("kind", r.Kind.ToString()); w.Prop("description", r.Description); w.Prop("detail", r.Detail);
            w.Close('}');
        }
        w.Close(']');

        var cm = plan.Communication;
        w.Key("communication"); w.Open('{');
        w.Prop("channels", cm.Channels); w.Prop("checkInCadence", cm.CheckInCadence); w.Prop("emergencyContact", cm.EmergencyContact);
        w.Close('}');
        // The next review date moves with every review: it is running the plan, not agreeing it.
        var rv = plan.Review;
        w.Key("review"); w.Open('{');
        w.Prop("cadence", rv.Cadence); w.Prop("evaluationCriteria", rv.EvaluationCriteria); w.Prop("adjustmentProcess", rv.AdjustmentProcess);
        w.Close('}');
        var k = plan.KeyDates;
        w.Key("keyDates"); w.Open('{');
        w.Prop("commitDate", k.CommitDate); w.Prop("expectedSignature", k.ExpectedSignature); w.Prop("implementationKickoff", k.ImplementationKickoff);
        w.Prop("goLive", k.GoLive); w.Prop("valueRealised", k.ValueRealised);
        w.Close('}');
        w.Close('}');
        return w.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of a rendering.</summary>
    public static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>An amount in invariant form without trailing zeros: 120000.00 and 120000 are the same amount.</summary>
    public static string Amount(decimal value)
    {
        var text = value.ToString("F28", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text is "-0" or "" ? "0" : text;
    }

    /// <summary>NFC, and every line ending as LF.</summary>
    public static string Text(string text) =>
        text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>A minimal JSON writer whose output is fully specified above (no encoder settings to drift).</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private bool _needComma;

        public void Open(char bracket) { Separate(); _sb.Append(bracket); _needComma = false; }
        public void Close(char bracket) { _sb.Append(bracket); _needComma = true; }
        public void Key(string key) { Separate(); String(key); _sb.Append(':'); _needComma = false; }

        public void Prop(string key, string? value) { Key(key); Value(value); }
        public void Prop(string key, Guid value) { Key(key); Value(value); }
        public void Prop(string key, DateOnly? value) { Key(key); Value(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); }
        public void Prop(string key, decimal? value) { Key(key); Value(value is { } v ? Amount(v) : null); }
        public void Prop(string key, int? value)
        {
            Key(key);
            Separate();
            _sb.Append(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");
            _needComma = true;
        }

        public void Value(Guid value) => Value(value.ToString("D"));

        public void Value(string? value)
        {
            Separate();
            if (value is null) _sb.Append("null");
            else String(Text(value));
            _needComma = true;
        }

        private void Separate()
        {
            if (_needComma) _sb.Append(',');
            _needComma = false;
        }

        private void String(string s)
        {
            _sb.Append('"');
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '"': _sb.Append("\\\""); break;
                    case '\\': _sb.Append("\\\\"); break;
                    case '\n': _sb.Append("\\n"); break;
                    case '\t': _sb.Append("\\t"); break;
                    case < ' ': _sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture)); break;
                    default: _sb.Append(ch); break;
                }
            }
            _sb.Append('"');
        }

        public override string ToString() => _sb.ToString();
    }
}
