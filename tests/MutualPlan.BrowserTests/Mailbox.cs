using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace MutualPlan.BrowserTests;

/// <summary>
/// A real SMTP server for browser journeys: aiosmtpd running the integration tests' smtp_sink.py,
/// which writes every message it receives to a folder as an .eml file. A journey reads the mail
/// the app sent with <see cref="WaitForMessageAsync"/>, the way a person reads their inbox.
/// </summary>
public sealed class Mailbox : IDisposable
{
    public int Port { get; }
    public string Folder { get; }
    private readonly Process _process;

    private Mailbox(int port, string folder, Process process) => (Port, Folder, _process) = (port, folder, process);

    /// <summary>Starts the server on a free loopback port and waits until it accepts connections.</summary>
    public static Mailbox Start(string repoRoot)
    {
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("mutualplan-browser-mail-").FullName;
        // One sink script for both test projects, so both prove delivery the same way.
        var script = Path.Combine(repoRoot, "tests", "MutualPlan.Tests", "Infrastructure", "smtp_sink.py");
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, port.ToString(), folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start /usr/bin/python3 for the SMTP sink.");
        var stderr = process.StandardError.ReadToEndAsync();
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "ready")
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException(
                "The SMTP sink (aiosmtpd) did not start; install it with `apt-get install python3-aiosmtpd` (test.sh does). " +
                (stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : ""));
        }
        return new Mailbox(port, folder, process);
    }

    /// <summary>The app's settings (environment variables) that send its mail here, plain SMTP without login.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Port.ToString(),
        ["Smtp__Security"] = "None",
        ["Smtp__From__Name"] = "MutualPlan",
        ["Smtp__From__Address"] = "plans@mutualplan.test",
    };

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => new ReceivedMail(MimeMessage.Load(f))).ToList();

    /// <summary>
    /// The newest message to <paramref name="to"/> whose subject contains <paramref name="subjectContains"/>,
    /// waiting for it to arrive (30 seconds unless told); fails listing what did arrive.
    /// </summary>
    public async Task<ReceivedMail> WaitForMessageAsync(string to, string subjectContains, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var all = Messages();
            var match = all.LastOrDefault(m => m.IsFor(to) && m.Subject.Contains(subjectContains, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"No e-mail to {to} with “{subjectContains}” in the subject arrived. Received:\n" +
                    string.Join("\n", all.Select(m => $"- to {string.Join(", ", m.To)}: {m.Subject}")));
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
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

/// <summary>One message as the SMTP server received it.</summary>
public sealed record ReceivedMail(MimeMessage Mime)
{
    public string Subject => Mime.Subject ?? "";
    public IReadOnlyList<string> To => Mime.To.Mailboxes.Select(m => m.Address).ToList();
    public string Text => Mime.TextBody ?? "";
    public string Html => Mime.HtmlBody ?? "";

    public bool IsFor(string address) => To.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));
}
