using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using Npgsql;

namespace MutualPlan.Tests.Infrastructure;

/// <summary>
/// The real app in-process over a real database: a fresh SQLite file, or a fresh database on the
/// PostgreSQL server named by MUTUALPLAN_TEST_PG (the README's test command starts one).
/// One instance per test class (xunit class fixture).
/// </summary>
public abstract class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; private set; } = "";
    private string? _pgDatabase;

    public async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "mutualplan-tests");
            Directory.CreateDirectory(dir);
            ConnectionString = $"Data Source={Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db")}";
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("MUTUALPLAN_TEST_PG")
                ?? throw new InvalidOperationException(
                    "MUTUALPLAN_TEST_PG is not set. Run the tests with ./test.sh, which starts PostgreSQL, " +
                    "or set it to a server connection string (e.g. Host=127.0.0.1;Port=55432;Username=app).");
            _pgDatabase = "mp_test_" + Guid.NewGuid().ToString("N");
            await using (var conn = new NpgsqlConnection(server))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_pgDatabase}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ConnectionString;
        }
        // Building the server runs Program.Main, which migrates the new database.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        // The background job worker stays off unless a test wants it (MailApp turns it on).
        builder.UseSetting("Jobs:Enabled", "false");
        // Webhook tests run the dispatcher and sender by hand, with a clock of their choosing.
        builder.UseSetting("Webhooks:Enabled", "false");
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("MUTUALPLAN_TEST_PG"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A scope for arranging or checking data directly in the database.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>
    /// A new workspace with one owner, and an API client authenticated as that owner with a
    /// personal API token. Each call makes a separate workspace, so tests do not see each other.
    /// </summary>
    public async Task<TestSeller> NewWorkspaceAsync(string name = "Acme Software", WorkspaceRole role = WorkspaceRole.Owner)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = DateTimeOffset.UtcNow;
        var workspace = new Workspace { Name = name, CreatedAt = now };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return await AddSellerAsync(workspace.Id, role, db, users);
    }

    /// <summary>Another seller in an existing workspace.</summary>
    public async Task<TestSeller> AddSellerAsync(Guid workspaceId, WorkspaceRole role = WorkspaceRole.Member)
    {
        await using var scope = Scope();
        return await AddSellerAsync(workspaceId, role,
            scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private async Task<TestSeller> AddSellerAsync(Guid workspaceId, WorkspaceRole role, AppDbContext db, UserManager<AppUser> users)
    {
        var email = $"seller-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery";
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sam Seller",
            WorkspaceId = workspaceId, Role = role, CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        var secret = Secrets.New(ApiTokenAuthentication.TokenPrefix);
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id, WorkspaceId = workspaceId, Name = "tests", Prefix = secret[..8],
            TokenHash = Secrets.Hash(secret), CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        var api = CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return new TestSeller(this, user.Id, workspaceId, email, password, secret, api);
    }
}

public sealed class SqliteApp : TestApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : TestApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>A seller of a test workspace: an API client with their token, and a way to get a logged-in browser-less client.</summary>
public sealed record TestSeller(TestApp App, Guid UserId, Guid WorkspaceId, string Email, string Password, string Token, HttpClient Api)
{
    /// <summary>An HTTP client logged in through the real login form (cookie + antiforgery), for page tests.</summary>
    public async Task<HttpClient> LoginAsync()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Email, ["password"] = Password, ["__RequestVerificationToken"] = Html.AntiforgeryToken(login),
        });
        var response = await client.PostAsync("/login", form);
        if ((int)response.StatusCode != 302) throw new InvalidOperationException($"Login failed: {(int)response.StatusCode}");
        return client;
    }
}

public static class TestData
{
    /// <summary>Inserts a minimal plan straight into the database (for tests of other features).</summary>
    public static async Task<Guid> NewPlanAsync(this TestSeller seller, string title = "Northwind rollout")
    {
        await using var scope = seller.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var plan = new MutualPlan.Planning.Plans.Plan
        {
            WorkspaceId = seller.WorkspaceId, Title = title, BuyerCompany = "Northwind Traders",
            Solution = "Finance automation", OwnerId = seller.UserId, Currency = "EUR", DealValue = 120_000m,
            PreparedOn = new DateOnly(2026, 11, 2),
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }
}
