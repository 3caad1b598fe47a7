using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.SignOff;

public enum SignOffStatus
{
    /// <summary>Nobody has been asked to sign yet.</summary>
    NotRequested,
    /// <summary>A request is open and the plan is still what was put up for signature.</summary>
    AwaitingSignatures,
    /// <summary>A request is open but the signed content changed since: it must be requested again.</summary>
    RequestOutdated,
    /// <summary>Everyone signed and nothing material changed since.</summary>
    Signed,
    /// <summary>Signed, then a milestone was added, removed, moved or given another owner.</summary>
    ChangedSinceSigned,
}

/// <summary>
/// Where a plan's sign-off stands, from its rounds and its current content: the baseline (the last
/// completed round), the open request if any, and the material changes since the baseline.
/// </summary>
public sealed record SignOffState(
    SignOffStatus Status, string CurrentHash, SignOffRound? Open, SignOffRound? Baseline,
    IReadOnlyList<MilestoneChange> Changes, IReadOnlyList<SignOffRound> Rounds)
{
    public bool ChangedSinceSigned => Changes.Count > 0;
    /// <summary>The round whose signers the documents show: the open one, else the baseline.</summary>
    public SignOffRound? Current => Open ?? Baseline;
    /// <summary>The latest request, when it was cancelled: nothing is up for signature until a new request.</summary>
    public SignOffRound? LastCancelled => Rounds.Count > 0 && Rounds[^1].IsCancelled ? Rounds[^1] : null;

    public static SignOffState Assess(Plan plan, string ownerName, IEnumerable<SignOffRound> rounds)
    {
        var all = rounds.OrderBy(r => r.Number).ToList();
        var hash = SignedContent.Hash(SignedContent.Render(plan, ownerName));
        var open = all.LastOrDefault(r => r.Status == SignOffRoundStatus.Open);
        var baseline = all.LastOrDefault(r => r.Status == SignOffRoundStatus.Completed);
        var changes = baseline is null ? [] : BaselineDiff.Compare(BaselineDiff.ReadBaseline(baseline.Content), plan);
        var status = changes.Count > 0 ? SignOffStatus.ChangedSinceSigned
            : open is not null ? (open.ContentHash == hash ? SignOffStatus.AwaitingSignatures : SignOffStatus.RequestOutdated)
            : baseline is not null ? SignOffStatus.Signed
            : SignOffStatus.NotRequested;
        return new SignOffState(status, hash, open, baseline, changes, all);
    }
}
