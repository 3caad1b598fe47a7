namespace MutualPlan.Web.Infrastructure.Email;

/// <summary>Someone to write to; the name is optional.</summary>
public sealed record EmailAddress(string Address, string? Name = null)
{
    public override string ToString() => Name is { Length: > 0 } ? $"{Name} <{Address}>" : Address;
}

/// <summary>A file sent with a message.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One e-mail: recipients, subject, an HTML part and its plain-text twin (both always sent, so
/// every mail client shows something readable), attachments and extra headers such as
/// List-Unsubscribe.
/// </summary>
public sealed record EmailMessage
{
    public required IReadOnlyList<EmailAddress> To { get; init; }
    public IReadOnlyList<EmailAddress> Cc { get; init; } = [];
    public EmailAddress? ReplyTo { get; init; }
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
    /// <summary>Extra headers (List-Unsubscribe, List-Unsubscribe-Post, …); addressing headers are refused.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>The Message-ID's left part (e.g. the job id), so a repeated delivery is recognisable; null = random.</summary>
    public string? MessageIdLocalPart { get; init; }
}

/// <summary>E-mail is not configured on this server (see <see cref="SmtpOptions.Problem"/>).</summary>
public sealed class EmailDisabledException(string message) : InvalidOperationException(message);
