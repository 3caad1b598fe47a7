using MimeKit;

namespace MutualPlan.Web.Infrastructure.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
    /// <summary>Plain text (a relay on the same host or network).</summary>
    None,
    /// <summary>Connect in plain text, then STARTTLS; refuse a server that does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

public sealed class SmtpSender
{
    public string Name { get; set; } = "MutualPlan";
    public string? Address { get; set; }
}

/// <summary>
/// The "Smtp" configuration section (<c>Smtp__Host</c>, <c>Smtp__Port</c>, <c>Smtp__Security</c>,
/// <c>Smtp__User</c>, <c>Smtp__Password</c>, <c>Smtp__From__Name</c>, <c>Smtp__From__Address</c>).
/// Without a host, e-mail is off: notifications stay in the app.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    /// <summary>0 = the usual port for <see cref="Security"/> (25, 587 or 465).</summary>
    public int Port { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public SmtpSender From { get; set; } = new();
    /// <summary>How long one connection, command or upload may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Why e-mail cannot be sent with these settings, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Host))
            return "E-mail is turned off on this server: no SMTP server is configured (set Smtp__Host). Notifications still appear in the app.";
        if (string.IsNullOrWhiteSpace(From.Address) || !MailboxAddress.TryParse(From.Address, out _))
            return "E-mail is turned off on this server: Smtp__From__Address must be the sender's e-mail address.";
        if (Port is < 0 or > 65535) return "E-mail is turned off on this server: Smtp__Port must be between 1 and 65535.";
        return null;
    }

    public bool Enabled => Problem() is null;

    public int EffectivePort => Port > 0 ? Port : Security switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.SslOnConnect => 465,
        _ => 587,
    };
}
