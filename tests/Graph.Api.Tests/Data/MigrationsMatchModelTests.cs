using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Tests.Data;

/// <summary>
/// The migrations are written by hand, so this is what keeps them honest: a database built by the
/// migrations must have exactly the tables, columns, constraints and indexes the EF model creates.
/// </summary>
public sealed class MigrationsMatchModelTests : IAsyncLifetime
{
    private readonly string migrated = TestPostgres.NewDatabaseName();
    private readonly string created = TestPostgres.NewDatabaseName();

    public async Task InitializeAsync()
    {
        await using (var db = TestPostgres.CreateContext(migrated))
        {
            await db.Database.MigrateAsync();
        }
        await using (var db = TestPostgres.CreateContext(created))
        {
            await db.Database.EnsureCreatedAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await TestPostgres.DropDatabaseAsync(migrated);
        await TestPostgres.DropDatabaseAsync(created);
    }

    [Fact]
    public async Task Columns_match() =>
        Assert.Equal(await ReadAsync(created, ColumnsSql), await ReadAsync(migrated, ColumnsSql));

    [Fact]
    public async Task Constraints_match() =>
        Assert.Equal(await ReadAsync(created, ConstraintsSql), await ReadAsync(migrated, ConstraintsSql));

    [Fact]
    public async Task Indexes_match() =>
        Assert.Equal(await ReadAsync(created, IndexesSql), await ReadAsync(migrated, IndexesSql));

    [Fact]
    public async Task The_model_has_tables_at_all() =>
        Assert.Contains("books.price_amount numeric(19,4) NOT NULL", await ReadAsync(created, ColumnsSql));

    private const string ColumnsSql = """
        SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
               || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT LIKE '\_\_ef%'
        ORDER BY 1
        """;

    private const string ConstraintsSql = """
        SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '\_\_ef%'
          -- Constraint triggers (the ledger's balance check) are the migrations' own; LedgerTests prove they hold.
          AND contype <> 't'
        ORDER BY 1
        """;

    private const string IndexesSql = """
        SELECT indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_ef%'
        ORDER BY 1
        """;

    private static async Task<List<string>> ReadAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
