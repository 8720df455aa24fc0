using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: GRAPH_TEST_PG (set by `npm test`, which starts a throwaway
/// cluster), or else the private cluster of `npm start` on port 54329. Each test class gets a fresh
/// database cloned from one migrated template, so tests own their data and run in any order.
/// </summary>
public static class TestPostgres
{
    private const string DevelopmentServer = "Host=127.0.0.1;Port=54329;Username=graph;Password=graph-development-only";

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>Connection string to the server's maintenance database.</summary>
    public static string Server { get; } = new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("GRAPH_TEST_PG") is { Length: > 0 } configured ? configured : DevelopmentServer)
    {
        Database = "postgres",
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>Creates an empty, migrated database and returns its name.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await Template.Value;
        var name = "graph_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return name;
    }

    /// <summary>A name for a database that does not exist yet (for tests of creation itself).</summary>
    public static string NewDatabaseName() => "graph_test_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task DropDatabaseAsync(string name)
    {
        if (DataSources.TryRemove(name, out var dataSource))
        {
            await dataSource.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public static async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? Server);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                "No PostgreSQL for the tests. Run them through `npm test` (it starts a throwaway server), " +
                "or keep `npm start` running, or set GRAPH_TEST_PG to a server connection string.", e);
        }
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new();

    /// <summary>A context configured as the server configures its own.</summary>
    public static GraphDbContext CreateContext(string database)
    {
        var dataSource = DataSources.GetOrAdd(database, d => NpgsqlDataSource.Create(ConnectionStringFor(d)));
        var options = new DbContextOptionsBuilder<GraphDbContext>();
        DataServices.Configure(options, dataSource);
        return new GraphDbContext(options.Options);
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = "graph_template_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabaseAsync(name).GetAwaiter().GetResult();
        await using (var db = CreateContext(name))
        {
            await db.Database.MigrateAsync();
        }
        // A template must have no open connections.
        if (DataSources.TryRemove(name, out var dataSource))
        {
            await dataSource.DisposeAsync();
        }
        return name;
    }
}

/// <summary>A fresh migrated database for one test class (xunit class fixture).</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string Name { get; private set; } = "";

    public string ConnectionString => TestPostgres.ConnectionStringFor(Name);

    public GraphDbContext CreateContext() => TestPostgres.CreateContext(Name);

    public async Task InitializeAsync() => Name = await TestPostgres.CreateDatabaseAsync();

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(Name);
}
