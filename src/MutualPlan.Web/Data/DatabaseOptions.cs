using Microsoft.EntityFrameworkCore;

namespace MutualPlan.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// "Database" configuration section: <c>Database__Provider=Postgres</c> and
/// <c>Database__ConnectionString=…</c>. Without configuration the app uses a SQLite file under data/.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }

    public string EffectiveConnectionString(string contentRoot) => ConnectionString ?? Provider switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(contentRoot, "data", "mutualplan.db")}",
        _ => throw new InvalidOperationException(
            "Database:ConnectionString is required when Database:Provider is Postgres."),
    };

    public void Configure(DbContextOptionsBuilder options, string contentRoot)
    {
        var cs = EffectiveConnectionString(contentRoot);
        if (Provider == DatabaseProvider.Postgres) options.UseNpgsql(cs);
        else
        {
            EnsureSqliteFolder(cs);
            options.UseSqlite(cs);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir) && builder.DataSource != ":memory:") Directory.CreateDirectory(dir);
    }
}
