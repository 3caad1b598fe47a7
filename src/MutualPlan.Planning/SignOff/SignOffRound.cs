using MutualPlan.Planning.Plans;

namespace MutualPlan.Planning.SignOff;

public enum SignOffRoundStatus
{
    /// <summary>Waiting for signatures.</summary>
    Open,
    /// <summary>Everyone signed: the content of this round is the plan's baseline.</summary>
    Completed,
    /// <summary>A newer request replaced it before everyone had signed; its signatures stay in the trail.</summary>
    Superseded,
    /// <summary>The seller withdrew it before everyone had signed: nothing is left to sign; its signatures stay in the trail.</summary>
    Cancelled,
}

/// <summary>
/// One request to accept the plan: who must sign, and exactly what they sign — the canonical
/// rendering of the plan's signed content at the time of the request (<see cref="Content"/>) and
/// its SHA-256 (<see cref="ContentHash"/>). A signature is accepted only while the plan's current
/// content still has that hash, so nobody signs something other than what was put in front of them.
/// </summary>
public sealed class SignOffRound : Entity
{
    public const int MessageMax = 2000;
    public const int CancelReasonMax = 1000;

    public Guid PlanId { get; set; }
    /// <summary>1 for the first request of a plan, then 2, 3, … (re-acceptance after changes).</summary>
    public int Number { get; set; }
    public string? Message { get; set; }
    public string RequestedBy { get; set; } = "";
    public Guid? RequestedById { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>The plan revision when the request was made.</summary>
    public int PlanRevision { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/> (UTF-8).</summary>
    public string ContentHash { get; set; } = "";
    /// <summary>The canonical rendering (see <see cref="SignedContent"/>); also the baseline once completed.</summary>
    public string Content { get; set; } = "";
    public SignOffRoundStatus Status { get; set; } = SignOffRoundStatus.Open;
    /// <summary>When the last signature arrived (completed), a newer request replaced the round (superseded) or it was cancelled.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The seller who cancelled the request, as named then.</summary>
    public string? CancelledBy { get; set; }
    /// <summary>Why it was cancelled, in the seller's words (optional).</summary>
    public string? CancelReason { get; set; }

    public List<SignOffSigner> Signers { get; set; } = [];

    public bool IsOpen => Status == SignOffRoundStatus.Open;
    public bool IsCancelled => Status == SignOffRoundStatus.Cancelled;

    /// <summary>Withdraws an open request; only an open request can be cancelled.</summary>
    public void Cancel(string cancelledBy, string? reason, DateTimeOffset now)
    {
        if (!IsOpen) throw new InvalidOperationException($"Round {Number} is {Status}, not open: it cannot be cancelled.");
        Status = SignOffRoundStatus.Cancelled;
        EndedAt = now;
        CancelledBy = cancelledBy;
        CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }
    public bool AllSigned => Signers.Count > 0 && Signers.All(s => s.HasSigned);
}

/// <summary>
/// A person asked to sign, and — once they have — their signature: the name and title they typed,
/// when (UTC), from which address and browser, and the plan revision and content hash they signed.
/// </summary>
public sealed class SignOffSigner : Entity
{
    public const int IpMax = 64;
    public const int UserAgentMax = 512;

    public Guid RoundId { get; set; }
    public Guid PlanId { get; set; }
    public int Position { get; set; }
    public Side Side { get; set; }
    /// <summary>The buyer stakeholder who signs (buyer side).</summary>
    public Guid? StakeholderId { get; set; }
    /// <summary>The seller's user account (seller side).</summary>
    public Guid? UserId { get; set; }
    /// <summary>The full name the signer must type, as known when the request was made.</summary>
    public string Name { get; set; } = "";
    /// <summary>Their role in the plan, as printed under the signature ("Champion", "Plan owner").</summary>
    public string Role { get; set; } = "";
    public string? Email { get; set; }

    public string? SignedName { get; set; }
    public string? SignedTitle { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public int? SignedRevision { get; set; }
    public string? SignedHash { get; set; }

    public bool HasSigned => SignedAt is not null;

    /// <summary>Whether a typed name is this signer's full name: case, accents' composition and spacing aside.</summary>
    public bool NameMatches(string? typed) =>
        string.Compare(Normalise(typed), Normalise(Name), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.CompareOptions.IgnoreCase) == 0 && Normalise(typed).Length > 0;

    public static string Normalise(string? text) =>
        string.Join(' ', (text ?? "").Normalize(System.Text.NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
