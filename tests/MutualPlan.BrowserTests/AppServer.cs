using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Playwright;
using Npgsql;

namespace MutualPlan.BrowserTests;

/// <summary>
/// The real app as a separate process on a free loopback port with its own SQLite file, and
/// Debian's Chromium driven by Playwright. One per test class; each journey gets a fresh context.
/// This one has no SMTP settings (e-mail is off); <see cref="MailAppServer"/> adds a real mailbox,
/// <see cref="PostgresMailAppServer"/> also puts the app on a fresh PostgreSQL database.
/// </summary>
public class AppServer : IAsyncLifetime
{
    private Process? _app;
    private Mailbox? _mail;
    private IPlaywright? _playwright;
    private string _dataDir = "";
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The PostgreSQL server that per-class test databases are made on (the integration tests use the same variable).</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("MUTUALPLAN_TEST_PG");

    /// <summary>Whether the app runs on a fresh database on <see cref="PostgresServer"/> instead of a SQLite file.</summary>
    protected virtual bool OnPostgres => false;
    private string? _pgDatabase;

    /// <summary>Whether the app gets SMTP settings pointing at a real SMTP server of its own (<see cref="Mail"/>).</summary>
    protected virtual bool SendsMail => false;
    /// <summary>Further settings (environment variables, <c>Section__Key</c>) the app starts with.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>The inbox of everyone the app e-mails.</summary>
    public Mailbox Mail => _mail ?? throw new InvalidOperationException("This app server sends no e-mail: use MailAppServer as the fixture.");

    public string Log => File.Exists(Path.Combine(_dataDir, "app.log")) ? File.ReadAllText(Path.Combine(_dataDir, "app.log")) : "";

    public static string ArtifactsDir
    {
        get
        {
            var dir = Path.Combine(RepoRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        // Without a PostgreSQL server the PostgreSQL journeys are skipped (PostgresFact); start nothing.
        if (OnPostgres && PostgresServer is null) return;
        _dataDir = Directory.CreateTempSubdirectory("mutualplan-browser-").FullName;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl])
        {
            // The project folder is the content root, where wwwroot (htmx, CSS) lives; the build
            // output has no copy of it outside a publish.
            WorkingDirectory = Path.Combine(RepoRoot(), "src", "MutualPlan.Web"),
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (OnPostgres)
        {
            // The app migrates the empty database when it starts, as in production.
            _pgDatabase = "mp_browser_" + Guid.NewGuid().ToString("N");
            await using (var conn = new NpgsqlConnection(PostgresServer))
            {
                await conn.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_pgDatabase}\"", conn);
                await create.ExecuteNonQueryAsync();
            }
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _pgDatabase }.ConnectionString;
        }
        else
        {
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(_dataDir, "app.db")}";
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (SendsMail)
        {
            _mail = Mailbox.Start(RepoRoot());
            foreach (var (key, value) in _mail.AppSettings) start.Environment[key] = value;
            // Queued mail (notifications, recaps) leaves within a step of a journey, and its links open this app.
            start.Environment["Jobs__PollInterval"] = "00:00:00.200";
            start.Environment["Jobs__RetryDelay"] = "00:00:00.500";
            start.Environment["Jobs__MaxRetryDelay"] = "00:00:02";
            start.Environment["Notifications__PublicUrl"] = BaseUrl;
        }
        foreach (var (key, value) in Settings) start.Environment[key] = value;
        _app = Process.Start(start)!;
        var logFile = new StreamWriter(Path.Combine(_dataDir, "app.log")) { AutoFlush = true };
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (logFile) logFile.WriteLine(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (logFile) logFile.WriteLine(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { if ((await http.GetAsync(BaseUrl + "/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            if (_app.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("The app did not start:\n" + Log);
            await Task.Delay(250);
        }
        // Warm the app (first-request JIT, password hasher, page compilation) so that the first
        // step of a journey is not the one that pays for it on a busy machine.
        foreach (var path in new[] { "/setup", "/login", "/" })
            try { await http.GetAsync(BaseUrl + path); } catch (HttpRequestException) { }

        // Journeys run two at a time on small machines, each with an app and a browser: an expectation
        // may wait longer than Playwright's 5 seconds for a page that is right but slow.
        Assertions.SetDefaultExpectTimeout(15_000);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = BaseUrl });
        // Generous: CI machines are small and shared; a journey step waits for a real condition anyway.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is { HasExited: false }) { _app.Kill(entireProcessTree: true); await _app.WaitForExitAsync(); }
        _mail?.Dispose();
        if (_pgDatabase is not null)
        {
            await using var conn = new NpgsqlConnection(PostgresServer);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
        if (_dataDir.Length > 0) try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MutualPlan.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    /// <summary>The web app built in the same configuration as these tests.</summary>
    private static string AppDll()
    {
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepoRoot(), "src", "MutualPlan.Web", "bin", config, "net10.0", "MutualPlan.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the web app first: {dll} not found.");
    }
}

/// <summary>The app with SMTP settings pointing at its own real SMTP server: read what it sends with <see cref="AppServer.Mail"/>.</summary>
public sealed class MailAppServer : AppServer
{
    protected override bool SendsMail => true;
}

/// <summary>The app on a fresh PostgreSQL database (MUTUALPLAN_TEST_PG), with its own real SMTP server.</summary>
public sealed class PostgresMailAppServer : AppServer
{
    protected override bool SendsMail => true;
    protected override bool OnPostgres => true;
}

/// <summary>A journey that needs PostgreSQL: skipped, saying why, when MUTUALPLAN_TEST_PG is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (AppServer.PostgresServer is null)
            Skip = "MUTUALPLAN_TEST_PG is not set: run ./test.sh, which starts PostgreSQL, or point it at a server.";
    }
}
