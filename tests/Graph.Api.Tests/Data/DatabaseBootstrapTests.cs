using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Npgsql;

namespace Graph.Api.Tests.Data;

public sealed class DatabaseBootstrapTests
{
    [Fact]
    public async Task A_missing_database_is_created_once()
    {
        var name = TestPostgres.NewDatabaseName();
        var connectionString = TestPostgres.ConnectionStringFor(name);
        try
        {
            Assert.True(await DatabaseBootstrap.EnsureDatabaseAsync(connectionString));
            Assert.False(await DatabaseBootstrap.EnsureDatabaseAsync(connectionString));

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task An_existing_database_is_used_without_the_maintenance_database()
    {
        // Managed PostgreSQL often refuses connections to `postgres`: were it touched here, opening a
        // maintenance database that does not exist would fail.
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            Assert.False(await DatabaseBootstrap.EnsureDatabaseAsync(
                TestPostgres.ConnectionStringFor(name), maintenanceDatabase: "graph_no_such_maintenance_database"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task Processes_creating_the_database_together_all_succeed_and_one_creates_it()
    {
        var name = TestPostgres.NewDatabaseName();
        var connectionString = TestPostgres.ConnectionStringFor(name);
        try
        {
            using var start = new Barrier(4);
            var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return DatabaseBootstrap.EnsureDatabaseAsync(connectionString);
            })));

            Assert.Single(created, c => c);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task Other_failures_of_the_target_are_not_taken_for_a_missing_database()
    {
        var wrongPassword = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(TestPostgres.NewDatabaseName())) { Password = "not-the-password" };

        var error = await Assert.ThrowsAsync<PostgresException>(() => DatabaseBootstrap.EnsureDatabaseAsync(wrongPassword.ConnectionString));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }
}
