using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Account;
using MutualPlan.Web.Features.Demo;
using MutualPlan.Web.Features.Settings;

namespace MutualPlan.Web.Cli;

/// <summary>
/// Admin commands in the same program as the web app, so they share configuration (the same
/// database settings) and code. Exit codes: 0 success, 1 failure, 2 usage error.
/// </summary>
public static class AdminCli
{
    private static readonly string[] Commands = ["migrate", "schema-script", "users", "tokens", "seed-demo", "help", "--help"];

    public const string DemoEmail = "demo@mutualplan.example";
    public const string DemoPassword = "demo-password-123";

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var stdout = output ?? Console.Out;
        var stderr = error ?? Console.Error;
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var options = Options(args.Skip(1).ToArray());
        try
        {
            if (args[0] is not ("schema-script" or "help" or "--help"))
                await sp.GetRequiredService<SchemaMigrator>().MigrateAsync();
            switch (args)
            {
                case ["migrate", ..]:
                    stdout.WriteLine("The database is up to date.");
                    return 0;
                case ["schema-script", ..]:
                    // Developer tool: the CREATE script of the current EF model for the configured
                    // provider, the starting point of a new migration file.
                    stdout.WriteLine(sp.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
                    return 0;
                case ["users", "create", ..]:
                    return await CreateUserAsync(sp, options, stdout, stderr);
                case ["tokens", "create", ..]:
                    return await CreateTokenAsync(sp, options, stdout, stderr);
                case ["seed-demo", ..]:
                    return await SeedDemoAsync(sp, options, stdout);
                case ["help" or "--help", ..]:
                    stdout.WriteLine(Usage);
                    return 0;
                default:
                    stderr.WriteLine($"Unknown command: {string.Join(' ', args)}");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine(Usage);
            return 2;
        }
    }

    private static async Task<int> CreateUserAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout, TextWriter stderr)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var workspaceName = Required(o, "workspace");
        var email = Required(o, "email");
        var name = Required(o, "name");
        var password = Required(o, "password");
        var role = o.TryGetValue("role", out var r) ? Enum.TryParse<WorkspaceRole>(r, true, out var parsed) ? parsed
            : throw new UsageException("--role must be owner, admin or member.") : (WorkspaceRole?)null;

        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Name == workspaceName);
        if (workspace is null)
        {
            var outcome = await CreateWorkspace.RunAsync(new NewWorkspaceInput
            {
                WorkspaceName = workspaceName, DisplayName = name, Email = email, Password = password,
            }, db, users, clock);
            if (!outcome.IsOk) return Fail(stderr, outcome.Errors!);
            stdout.WriteLine($"Created workspace \"{workspaceName}\" with owner {email}.");
            return 0;
        }
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, WorkspaceId = workspace.Id,
            Role = role ?? WorkspaceRole.Member, CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return Fail(stderr, CreateWorkspace.IdentityErrors(result));
        stdout.WriteLine($"Created {user.Role.ToString().ToLowerInvariant()} {email} in \"{workspaceName}\".");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout, TextWriter stderr)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var email = Required(o, "email");
        var name = o.GetValueOrDefault("name") ?? "cli";
        int? days = o.TryGetValue("days", out var d) ? int.TryParse(d, out var n) && n > 0 ? n : throw new UsageException("--days must be a positive number.") : null;
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
        if (user is null)
        {
            stderr.WriteLine($"No user with the e-mail {email}.");
            return 1;
        }
        var created = await ApiTokens.CreateAsync(db, user.Id, user.WorkspaceId, new TokenInput { Name = name, Days = days },
            sp.GetRequiredService<TimeProvider>());
        if (!created.IsOk) return Fail(stderr, created.Errors!);
        stdout.WriteLine("Created an API token. Copy it now; it is not shown again:");
        stdout.WriteLine(created.Value!.Secret);
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        var email = o.GetValueOrDefault("email") ?? DemoEmail;
        var password = o.GetValueOrDefault("password") ?? DemoPassword;
        var (owner, created) = await DemoPlan.SeedAsync(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<UserManager<AppUser>>(),
            sp.GetRequiredService<TimeProvider>(), email, password);
        stdout.WriteLine(created ? $"Seeded the demo plan \"{DemoPlan.PlanTitle}\"." : "The demo plan already exists.");
        stdout.WriteLine($"Log in as {owner.Email}" + (o.ContainsKey("password") ? "." : $" with the password {DemoPassword}."));
        return 0;
    }

    private static int Fail(TextWriter stderr, Infrastructure.FieldErrors errors)
    {
        foreach (var (field, messages) in errors) stderr.WriteLine($"{field}: {string.Join(" ", messages)}");
        return 1;
    }

    private static string Required(Dictionary<string, string> o, string name) =>
        o.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new UsageException($"Missing --{name}.");

    /// <summary>"--name value" pairs after the command words.</summary>
    private static Dictionary<string, string> Options(string[] rest)
    {
        var o = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rest.Length; i++)
            if (rest[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal))
                o[rest[i][2..]] = rest[++i];
        return o;
    }

    private sealed class UsageException(string message) : Exception(message);

    public const string Usage = """
        MutualPlan admin commands. Run with: dotnet run --project src/MutualPlan.Web -- <command>

          migrate                          apply pending database migrations
          users create --workspace NAME --email E --name "N" --password P [--role owner|admin|member]
                                           create a user; creates the workspace (with this user as owner) if new
          tokens create --email E [--name LABEL] [--days N]
                                           create a personal API token for a user; printed once
          seed-demo [--email E] [--password P]
                                           add the demo workspace and its complete demo plan (idempotent)
          schema-script                    print the CREATE script of the current model (for writing migrations)
          help                             show this text

        Start the web app with the demo plan:  dotnet run --project src/MutualPlan.Web -- --demo
        The database is chosen by the same settings as the web app (Database__Provider,
        Database__ConnectionString); without them, the SQLite file data/mutualplan.db.
        Exit codes: 0 success, 1 failure, 2 usage error.
        """;
}
