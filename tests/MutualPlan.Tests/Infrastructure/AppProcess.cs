using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MutualPlan.Web.Data;
using Npgsql;

namespace MutualPlan.Tests.Infrastructure;

/// <summary>
/// The built app as its own process on a free loopback port (Kestrel, as a reader of the README
/// runs it), started with <c>--demo</c> on a fresh database and with e-mail going to a real
/// <see cref="SmtpSink"/>. For tests that drive the app from outside, e.g. with curl.
/// </summary>
public abstract class AppProcess : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }
    public string BaseUrl { get; private set; } = "";
    public SmtpSink Sink { get; } = new();

    /// <summary>The settings that point the app, and its admin commands, at this test's database.</summary>
    public Dictionary<string, string> DatabaseSettings { get; } = [];

    /// <summary>Further settings (environment variables, <c>Section__Key</c>) a fixture starts the app with.</summary>
    protected Dictionary<string, string> Settings { get; } = [];

    /// <summary>The web app's DLL, built in the configuration of these tests.</summary>
    public static string Dll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var dll = Path.Combine(Tools.RepoRoot, "src", "MutualPlan.Web", "bin", config, "net10.0", "MutualPlan.Web.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the web app first: {dll} not found.");
        }
    }

    private Process? _app;
    private string? _pgDatabase;
    private readonly string _folder = Directory.CreateTempSubdirectory("mutualplan-process-").FullName;
    private readonly List<string> _log = [];

    public string Log { get { lock (_log) return string.Join('\n', _log); } }

    public async Task InitializeAsync()
    {
        DatabaseSettings["Database__Provider"] = Provider.ToString();
        DatabaseSettings["Database__ConnectionString"] = Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(_folder, "app.db")}"
            : await NewPostgresDatabaseAsync();

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Dll, "--urls", BaseUrl, "--demo"])
        {
            // The project folder is the content root (wwwroot), as with `dotnet run --project`.
            WorkingDirectory = Path.Combine(Tools.RepoRoot, "src", "MutualPlan.Web"),
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in DatabaseSettings) start.Environment[key] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Smtp__Host"] = "127.0.0.1";
        start.Environment["Smtp__Port"] = Sink.Port.ToString();
        start.Environment["Smtp__Security"] = "None";
        start.Environment["Smtp__From__Address"] = "plans@mutualplan.test";
        start.Environment["Notifications__PublicUrl"] = BaseUrl;
        foreach (var (key, value) in Settings) start.Environment[key] = value;
        _app = Process.Start(start)!;
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.Add(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.Add(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try { if ((await http.GetAsync(BaseUrl + "/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            if (_app.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("The app did not start:\n" + Log);
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is { HasExited: false }) { _app.Kill(entireProcessTree: true); await _app.WaitForExitAsync(); }
        _app?.Dispose();
        Sink.Dispose();
        if (_pgDatabase is not null)
        {
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("MUTUALPLAN_TEST_PG"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<string> NewPostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("MUTUALPLAN_TEST_PG")
            ?? throw new InvalidOperationException("MUTUALPLAN_TEST_PG is not set. Run the tests with ./test.sh, which starts PostgreSQL.");
        _pgDatabase = "mp_test_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_pgDatabase}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ConnectionString;
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

public sealed class SqliteAppProcess : AppProcess
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppProcess : AppProcess
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
