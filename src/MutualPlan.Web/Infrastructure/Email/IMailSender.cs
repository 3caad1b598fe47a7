using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace MutualPlan.Web.Infrastructure.Email;

/// <summary>Sends e-mail. Resolve it from DI; check <see cref="IsEnabled"/> before offering e-mail in the UI.</summary>
public interface IMailSender
{
    bool IsEnabled { get; }
    /// <summary>Why e-mail is off (a sentence for the UI), or null when it is on.</summary>
    string? DisabledReason { get; }
    /// <summary>Sends the message and returns its Message-ID. Throws <see cref="EmailDisabledException"/>
    /// when e-mail is off, and MailKit's exceptions when the server cannot be reached or refuses it.</summary>
    Task<string> SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>SMTP through MailKit: one connection per message (sending is done by a background job, not in requests).</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options, ILogger<SmtpMailSender> log) : IMailSender
{
    private readonly SmtpOptions _o = options.Value;

    public bool IsEnabled => _o.Enabled;
    public string? DisabledReason => _o.Problem();

    public async Task<string> SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        if (_o.Problem() is { } problem) throw new EmailDisabledException(problem);
        var mime = MimeMail.Build(message, _o);
        using var client = new SmtpClient { Timeout = _o.TimeoutSeconds * 1000 };
        await client.ConnectAsync(_o.Host!, _o.EffectivePort, _o.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        }, ct);
        if (!string.IsNullOrEmpty(_o.User)) await client.AuthenticateAsync(_o.User, _o.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
        log.LogInformation("Sent e-mail {MessageId} \"{Subject}\" to {Count} recipient(s)", mime.MessageId, message.Subject, message.To.Count + message.Cc.Count);
        return mime.MessageId!;
    }
}

/// <summary>Turns an <see cref="EmailMessage"/> into MIME: multipart/alternative (text, then HTML), inside multipart/mixed when there are attachments.</summary>
public static class MimeMail
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Subject", "Message-ID", "Date", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    };

    public static MimeMessage Build(EmailMessage m, SmtpOptions o)
    {
        if (m.To.Count + m.Cc.Count == 0) throw new ArgumentException("An e-mail needs at least one recipient.", nameof(m));
        var from = MailboxAddress.Parse(o.From.Address!);
        from.Name = o.From.Name;
        var mime = new MimeMessage { Subject = m.Subject };
        mime.From.Add(from);
        mime.To.AddRange(m.To.Select(Mailbox));
        mime.Cc.AddRange(m.Cc.Select(Mailbox));
        if (m.ReplyTo is { } reply) mime.ReplyTo.Add(Mailbox(reply));
        var domain = from.Domain is { Length: > 0 } d ? d : "mutualplan.local";
        mime.MessageId = m.MessageIdLocalPart is { Length: > 0 } local ? $"{local}@{domain}" : MimeUtils.GenerateMessageId(domain);
        mime.Date = DateTimeOffset.UtcNow;
        foreach (var (name, value) in m.Headers)
        {
            if (Reserved.Contains(name)) throw new ArgumentException($"The {name} header is set from the message's own fields.", nameof(m));
            mime.Headers.Add(name, value);
        }
        var body = new BodyBuilder { TextBody = m.Text, HtmlBody = m.Html };
        foreach (var a in m.Attachments) body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static MailboxAddress Mailbox(EmailAddress a) => new(a.Name ?? "", a.Address);
}
