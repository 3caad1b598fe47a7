using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Data;

/// <summary>The hand-written SQL migrations must produce exactly the tables and columns the EF model maps.</summary>
public abstract class SchemaTests(TestApp app)
{
    [Fact]
    public async Task Migrated_schema_has_every_table_and_column_of_the_model()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var missing = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var columns = await ColumnsAsync(conn, table, app.Provider);
            if (columns.Count == 0) { missing.Add($"table {table}"); continue; }
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            var mapped = entity.GetProperties().Select(p => p.GetColumnName(store))
                .Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties().Select(p => p.GetColumnName(store))));
            missing.AddRange(mapped.Where(c => c is not null && !columns.Contains(c)).Select(c => $"{table}.{c}"));
        }
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Migrating_again_applies_nothing()
    {
        await using var scope = app.Scope();
        var applied = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        Assert.Empty(applied);
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbConnection conn, string table, DatabaseProvider provider)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = provider == DatabaseProvider.Sqlite
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'";
        var set = new HashSet<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) set.Add(r.GetString(0));
        return set;
    }
}

public sealed class SchemaTests_Sqlite(SqliteApp app) : SchemaTests(app), IClassFixture<SqliteApp>;
public sealed class SchemaTests_Postgres(PostgresApp app) : SchemaTests(app), IClassFixture<PostgresApp>;
