using Npgsql;

namespace Graph.Api.Data;

/// <summary>Creates the application's database on first run, before migrations fill it.</summary>
public static class DatabaseBootstrap
{
    private const string MaintenanceDatabase = "postgres";

    /// <returns>True when the database had to be created.</returns>
    public static Task<bool> EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken = default) =>
        EnsureDatabaseAsync(connectionString, MaintenanceDatabase, cancellationToken);

    /// <summary>Opens the target database first and touches the maintenance database only when the target is
    /// missing: managed PostgreSQL services often refuse connections to <c>postgres</c> to ordinary roles.</summary>
    internal static async Task<bool> EnsureDatabaseAsync(string connectionString, string maintenanceDatabase, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var name = target.Database ?? throw new InvalidOperationException("The connection string names no Database.");

        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return false;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // 3D000: the database does not exist yet; create it below.
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = maintenanceDatabase, Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase ||
                                          e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pg_database_datname_index" })
        {
            // Another process created it meanwhile: 42P04 when its CREATE had committed before ours
            // began, 23505 on the catalog's unique index when both ran at the same moment.
            return false;
        }
        return true;
    }
}
