using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MutualPlan.Web.Data;

/// <summary>
/// Applies the versioned SQL migrations in Data/Migrations/&lt;Provider&gt;/NNNN_name.sql, in order,
/// each once, recording them in <c>schema_migrations</c>.
///
/// Why SQL files rather than EF migrations: the EF design-time package is not obtainable here, and
/// plain SQL per provider is easy to review. Two instances starting together are serialised:
/// PostgreSQL by an advisory lock, SQLite by an immediate (write-locking) transaction.
/// A test checks that the migrated schema matches the EF model, so the two cannot drift apart.
/// </summary>
public sealed class SchemaMigrator(AppDbContext db, ILogger<SchemaMigrator> log)
{
    // Arbitrary constant shared by every instance of the app: the key of the advisory lock.
    private const long LockKey = 0x4D75_7475_616C_504C; // "MutualPL"

    public sealed record Script(string Id, string Sql);

    public static IReadOnlyList<Script> ScriptsFor(DatabaseProvider provider)
    {
        var asm = Assembly.GetExecutingAssembly();
        var prefix = $"{asm.GetName().Name}.Data.Migrations.{provider}.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = asm.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Script(n[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Applies pending migrations; returns the ids applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var scripts = ScriptsFor(provider);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        try
        {
            return provider == DatabaseProvider.Postgres
                ? await MigratePostgresAsync((NpgsqlConnection)conn, scripts, ct)
                : await MigrateSqliteAsync((SqliteConnection)conn, scripts, ct);
        }
        finally
        {
            await conn.CloseAsync();
        }
    }

    private async Task<IReadOnlyList<string>> MigratePostgresAsync(NpgsqlConnection conn, IReadOnlyList<Script> scripts, CancellationToken ct)
    {
        await ExecAsync(conn, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS schema_migrations (id varchar(200) PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = await AppliedAsync(conn, null, ct);
            var done = new List<string>();
            foreach (var s in scripts.Where(s => !applied.Contains(s.Id)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecAsync(conn, tx, s.Sql, ct);
                await InsertAsync(conn, tx, s.Id, ct);
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Id}", s.Id);
                done.Add(s.Id);
            }
            return done;
        }
        finally
        {
            await ExecAsync(conn, null, $"SELECT pg_advisory_unlock({LockKey})", ct);
        }
    }

    private async Task<IReadOnlyList<string>> MigrateSqliteAsync(SqliteConnection conn, IReadOnlyList<Script> scripts, CancellationToken ct)
    {
        await ExecAsync(conn, null, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;", ct);
        // BEGIN IMMEDIATE takes the write lock at once: a second instance waits (busy_timeout)
        // and then sees the migrations as applied.
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)", ct);
        var applied = await AppliedAsync(conn, tx, ct);
        var done = new List<string>();
        foreach (var s in scripts.Where(s => !applied.Contains(s.Id)))
        {
            await ExecAsync(conn, tx, s.Sql, ct);
            await InsertAsync(conn, tx, s.Id, ct);
            log.LogInformation("Applied migration {Id}", s.Id);
            done.Add(s.Id);
        }
        await tx.CommitAsync(ct);
        return done;
    }

    private static async Task<HashSet<string>> AppliedAsync(DbConnection conn, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id FROM schema_migrations";
        var ids = new HashSet<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetString(0));
        return ids;
    }

    private static async Task InsertAsync(DbConnection conn, DbTransaction? tx, string id, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO schema_migrations (id) VALUES (@id)";
        var p = cmd.CreateParameter();
        p.ParameterName = "@id";
        p.Value = id;
        cmd.Parameters.Add(p);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 120;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
