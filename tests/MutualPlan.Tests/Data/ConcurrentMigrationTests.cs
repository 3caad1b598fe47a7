using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MutualPlan.Web.Data;
using Npgsql;

namespace MutualPlan.Tests.Data;

/// <summary>Two app instances starting together against an empty database must not both migrate.</summary>
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Two_instances_migrating_a_new_sqlite_database_at_once_apply_each_script_once()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mp-migrate-{Guid.NewGuid():N}.db");
        await RaceAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" });
    }

    [Fact]
    public async Task Two_instances_migrating_a_new_postgres_database_at_once_apply_each_script_once()
    {
        var server = Environment.GetEnvironmentVariable("MUTUALPLAN_TEST_PG")
            ?? throw new InvalidOperationException("MUTUALPLAN_TEST_PG is not set; run ./test.sh.");
        var name = "mp_race_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn).ExecuteNonQueryAsync();
        }
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            await RaceAsync(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cs });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn).ExecuteNonQueryAsync();
        }
    }

    private static async Task RaceAsync(DatabaseOptions options)
    {
        AppDbContext NewContext()
        {
            var b = new DbContextOptionsBuilder<AppDbContext>();
            options.Configure(b, Path.GetTempPath());
            return new AppDbContext(b.Options, TimeProvider.System);
        }
        await using var a = NewContext();
        await using var b = NewContext();
        var results = await Task.WhenAll(
            Task.Run(() => new SchemaMigrator(a, NullLogger<SchemaMigrator>.Instance).MigrateAsync()),
            Task.Run(() => new SchemaMigrator(b, NullLogger<SchemaMigrator>.Instance).MigrateAsync()));

        var expected = SchemaMigrator.ScriptsFor(options.Provider).Select(s => s.Id).ToList();
        // Between them the two instances applied every script exactly once.
        Assert.Equal(expected.OrderBy(x => x), results.SelectMany(r => r).OrderBy(x => x));
        await using var check = NewContext();
        var rows = await check.Database.SqlQueryRaw<string>("SELECT id AS \"Value\" FROM schema_migrations").ToListAsync();
        Assert.Equal(expected.OrderBy(x => x), rows.OrderBy(x => x));
    }
}
