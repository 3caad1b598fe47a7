using System.Text;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Infrastructure;

/// <summary>Human labels for enum values ("EconomicBuyer" → "Economic buyer").</summary>
public static class Labels
{
    private static readonly Dictionary<Enum, string> Overrides = new()
    {
        [DealStage.ClosedWon] = "Closed won",
        [DealStage.ClosedLost] = "Closed lost",
        [StakeholderRole.EndUser] = "End users",
        [StakeholderRole.SellerExecutive] = "Executive sponsor (seller)",
        [StakeholderRole.CustomerSuccessManager] = "Customer success manager",
        [EngagementTiming.MidDeal] = "Mid-deal",
        [EngagementTiming.SignatureOnly] = "Only at signature",
        [ChampionAuthority.HasAuthority] = "Has authority",
        [ChampionAuthority.Liaison] = "Liaison (no authority)",
        [DecisionMode.NamedAuthority] = "Named authority",
        [OwnerSide.Joint] = "Joint",
        [MilestoneStatus.OnTrack] = "On track",
        [MilestoneStatus.AtRisk] = "At risk",
        [ActionStatus.NotStarted] = "Not started",
        [ActionStatus.InProgress] = "In progress",
        [MutualPlan.Planning.Collaboration.ActivityItemKind.SignOff] = "Sign-off",
    };

    public static string Of(Enum value)
    {
        if (Overrides.TryGetValue(value, out var label)) return label;
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c)) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A CSS-friendly token for a value, e.g. "at-risk", for status colours.</summary>
    public static string Css(Enum value) => Of(value).ToLowerInvariant().Replace(' ', '-').Replace("(", "").Replace(")", "");
}
