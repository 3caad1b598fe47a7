using System.Globalization;
using MutualPlan.Planning.Documents;

namespace MutualPlan.Planning.SignOff;

/// <summary>
/// Puts the plan's real sign-off into a document: the signers of the open request (or, once
/// everyone signed, of the baseline round) with their names, titles and dates, blank lines for
/// those who have not signed, and the content hash of what was signed.
/// </summary>
public static class SignOffBlock
{
    public static DocumentModel Apply(DocumentModel doc, SignOffState state)
    {
        var round = state.Open ?? state.Baseline;
        if (round is null) return doc;
        var rows = round.Signers.Select(s => new SignerRow(s.Side.ToString(), s.Name, s.Role,
            s.SignedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null) { SignedTitle = s.SignedTitle }).ToList();
        static string D(DateTimeOffset? t) => t?.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";
        string? note = state.Status switch
        {
            SignOffStatus.ChangedSinceSigned =>
                $"This plan changed after it was signed on {D(state.Baseline!.EndedAt)}: " +
                string.Join("; ", state.Changes.Select(c => $"“{c.Title}” {Lower(BaselineDiff.Describe(c))}")) + ". Both sides are asked to accept it again.",
            SignOffStatus.AwaitingSignatures => $"Sign-off requested on {D(round.RequestedAt)}: {round.Signers.Count(s => s.HasSigned)} of {round.Signers.Count} have signed.",
            SignOffStatus.RequestOutdated => "The plan changed after sign-off was requested; it will be requested again for this version.",
            SignOffStatus.Signed when round.ContentHash != state.CurrentHash =>
                $"Signed by both sides on {D(round.EndedAt)}. Details were edited since, without changing any milestone, date or owner.",
            SignOffStatus.Signed => $"Signed by both sides on {D(round.EndedAt)}.",
            _ => null,
        };
        var anySigned = round.Signers.Any(s => s.HasSigned);
        return doc with { SignOff = rows, SignOffStatus = new SignOffSummary(anySigned ? round.ContentHash : null, note) };
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
