using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace MutualPlan.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd, installed by test.sh) running
/// tests/MutualPlan.Tests/Infrastructure/smtp_sink.py, which writes each message it receives to a
/// folder. <see cref="Messages"/> parses them with MimeKit. <see cref="Stop"/> and <see cref="Start"/>
/// take the server down and bring it back on the same port (to test retries).
/// Point an app at it with <see cref="Configure"/>, or use <see cref="MailApp"/>.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    public int Port { get; }
    public string Folder { get; }
    private Process? _process;

    public SmtpSink()
    {
        Port = FreePort();
        Folder = Path.Combine(Path.GetTempPath(), "mutualplan-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Start();
    }

    /// <summary>Points the app's Smtp settings at this server (plain SMTP, no login).</summary>
    public IWebHostBuilder Configure(IWebHostBuilder builder) => builder
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", Port.ToString())
        .UseSetting("Smtp:Security", "None")
        .UseSetting("Smtp:From:Name", "MutualPlan")
        .UseSetting("Smtp:From:Address", "plans@mutualplan.test");

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts the server (again, after <see cref="Stop"/>) and waits until it accepts connections.</summary>
    public void Start()
    {
        if (Running) return;
        var script = Path.Combine(Tools.RepoRoot, "tests", "MutualPlan.Tests", "Infrastructure", "smtp_sink.py");
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" {Port} \"{Folder}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start python3 for the SMTP sink.");
        var stderr = process.StandardError.ReadToEndAsync();
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "ready")
        {
            try { process.Kill(true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException(
                "The SMTP sink (aiosmtpd) did not start. Install it with `apt-get install python3-aiosmtpd` (test.sh does). " +
                (stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : ""));
        }
        _process = process;
    }

    /// <summary>Stops the server: connections are refused until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_process is null) return;
        try { _process.Kill(true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
        // Wait until the port is really closed, so a test of "server down" sees it down.
        for (var i = 0; i < 50 && PortOpen(); i++) Thread.Sleep(100);
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> Messages() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(ReceivedEmail.Load).ToList();

    /// <summary>Messages received so far that match, waiting up to <paramref name="timeout"/> until there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(int count, Func<ReceivedEmail, bool>? where = null, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = Messages().Where(where ?? (_ => true)).ToList();
            if (found.Count >= count || DateTime.UtcNow > until) return found;
            await Task.Delay(100);
        }
    }

    /// <summary>Messages sent to one address (To, Cc or envelope).</summary>
    public IReadOnlyList<ReceivedEmail> To(string address) => Messages().Where(m => m.IsFor(address)).ToList();

    /// <summary>Forgets every message received so far.</summary>
    public void Clear()
    {
        foreach (var f in Directory.GetFiles(Folder)) File.Delete(f);
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private bool PortOpen()
    {
        try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, Port); return true; }
        catch (SocketException) { return false; }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>One message as the SMTP server received it, parsed by MimeKit.</summary>
public sealed record ReceivedEmail(MimeMessage Mime, string MailFrom, IReadOnlyList<string> EnvelopeRecipients)
{
    public static ReceivedEmail Load(string emlPath)
    {
        var mime = MimeMessage.Load(emlPath);
        using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(emlPath, ".json")));
        return new ReceivedEmail(mime, envelope.RootElement.GetProperty("mailFrom").GetString() ?? "",
            envelope.RootElement.GetProperty("rcptTos").EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    public string Subject => Mime.Subject ?? "";
    public string MessageId => Mime.MessageId ?? "";
    public IReadOnlyList<string> To => Mime.To.Mailboxes.Select(m => m.Address).ToList();
    public IReadOnlyList<string> Cc => Mime.Cc.Mailboxes.Select(m => m.Address).ToList();
    public MailboxAddress From => Mime.From.Mailboxes.Single();
    public string? Html => Mime.HtmlBody;
    public string? Text => Mime.TextBody;
    public IReadOnlyList<MimePart> Attachments => Mime.Attachments.OfType<MimePart>().ToList();
    public string? Header(string name) => Mime.Headers[name];

    public bool IsFor(string address) =>
        To.Concat(Cc).Concat(EnvelopeRecipients).Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The bytes of an attachment.</summary>
    public static byte[] Content(MimePart part)
    {
        using var ms = new MemoryStream();
        part.Content!.DecodeTo(ms);
        return ms.ToArray();
    }
}

/// <summary>
/// The app on a fresh database with its Smtp settings pointing at its own <see cref="SmtpSink"/>.
/// Use as a class fixture (<c>IClassFixture&lt;SqliteMailApp&gt;</c>) in tests that read e-mail.
/// </summary>
public abstract class MailApp : TestApp
{
    public SmtpSink Sink { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Sink.Configure(builder);
        // The job worker runs, polling often and retrying quickly, so e-mail arrives within a test.
        builder.UseSetting("Jobs:Enabled", "true");
        builder.UseSetting("Jobs:PollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:RetryDelay", "00:00:00.200");
        builder.UseSetting("Jobs:MaxRetryDelay", "00:00:01");
        builder.UseSetting("Notifications:PublicUrl", "http://plans.test");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Sink.Dispose();
    }
}

public sealed class SqliteMailApp : MailApp
{
    public override MutualPlan.Web.Data.DatabaseProvider Provider => MutualPlan.Web.Data.DatabaseProvider.Sqlite;
}

public sealed class PostgresMailApp : MailApp
{
    public override MutualPlan.Web.Data.DatabaseProvider Provider => MutualPlan.Web.Data.DatabaseProvider.Postgres;
}
