using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Cli;

/// <summary>
/// Admin commands in the same program as the web app, so they share configuration (the same
/// database settings) and code. Exit codes: 0 success, 1 failure, 2 usage error.
/// </summary>
public static partial class AdminCli
{
    private static readonly string[] Commands = ["migrate", "schema-script", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        switch (args[0])
        {
            case "migrate":
                var applied = await sp.GetRequiredService<SchemaMigrator>().MigrateAsync();
                Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied: {string.Join(", ", applied)}");
                return 0;
            case "schema-script":
                // Developer tool: the CREATE script of the current EF model for the configured
                // provider, the starting point of a new migration file (diff it against the last one).
                Console.WriteLine(sp.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
                return 0;
            default:
                Console.WriteLine(Usage);
                return args[0] is "help" or "--help" ? 0 : 2;
        }
    }

    public const string Usage = """
        MutualPlan admin commands (run with: dotnet run --project src/MutualPlan.Web -- <command>)

          migrate                      apply pending database migrations
          schema-script                print the CREATE script of the current model (for writing migrations)
          help                         show this text

        The database is chosen by the same settings as the web app (Database__Provider,
        Database__ConnectionString); without them, the SQLite file data/mutualplan.db.
        """;
}
