using System.Net;
using System.Net.Sockets;
using Graph.Api.Hosting;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Tests.Hosting;

public sealed class CommandLineTests
{
    private static string[] Verb(string verb, string connectionString) =>
        [verb, "--environment=Development", $"--ConnectionStrings:Graph={connectionString}"];

    [Fact]
    public async Task Migrate_creates_the_database_then_seed_fills_it_once()
    {
        var name = TestPostgres.NewDatabaseName();
        var connectionString = TestPostgres.ConnectionStringFor(name);
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(Verb("migrate", connectionString)));
            Assert.Equal(0, await CommandLine.RunAsync(Verb("migrate", connectionString)));
            Assert.Equal(0, await CommandLine.RunAsync(Verb("seed", connectionString)));
            int authors, books;
            await using (var db = TestPostgres.CreateContext(name))
            {
                (authors, books) = (await db.Authors.CountAsync(), await db.Books.CountAsync());
            }
            // The full demo: a library of a few hundred books.
            Assert.InRange(books, 250, 500);
            Assert.Equal(0, await CommandLine.RunAsync(Verb("seed", connectionString)));

            await using (var db = TestPostgres.CreateContext(name))
            {
                Assert.Equal((authors, books), (await db.Authors.CountAsync(), await db.Books.CountAsync()));
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task Seed_is_refused_in_production_and_inserts_nothing()
    {
        var name = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var error = new StringWriter();
            var exitCode = await CommandLine.RunAsync(
                ["seed", "--environment=Production", $"--ConnectionStrings:Graph={TestPostgres.ConnectionStringFor(name)}"],
                TextWriter.Null, error);

            Assert.Equal(1, exitCode);
            Assert.StartsWith("Refusing to seed demo data in the Production environment", error.ToString());
            await using var db = TestPostgres.CreateContext(name);
            Assert.Equal(0, await db.Authors.CountAsync());
            Assert.Equal(0, await db.Books.CountAsync());
            Assert.Equal(0, await db.Users.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task Unknown_verbs_are_refused_with_the_usage() =>
        Assert.Equal(2, await CommandLine.RunAsync(["frobnicate"]));

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_succeeds(string flag)
    {
        // Were --help taken for a server option, serve would start and the timeout fail the test.
        var output = new StringWriter();
        var help = CommandLine.RunAsync([flag, "--urls=http://127.0.0.1:0"], output, TextWriter.Null);

        Assert.Equal(0, await help.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.StartsWith("Usage: Graph.Api", output.ToString().TrimStart());
    }

    [Fact]
    public async Task A_port_in_use_is_exit_code_1_with_an_explanation()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var error = new StringWriter();

        // Were the failure not explained, RunAsync would throw; were the port free, serve would run until the timeout.
        var serve = CommandLine.RunAsync(
            ["serve", "--environment=Development", $"--urls=http://127.0.0.1:{port}", $"--ConnectionStrings:Graph={TestPostgres.ConnectionStringFor("postgres")}"],
            TextWriter.Null, error);

        Assert.Equal(1, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Is Graph already running?", error.ToString());
        Assert.Contains($"127.0.0.1:{port}", error.ToString());
    }

    [Fact]
    public void A_database_failure_is_explained() =>
        Assert.StartsWith("The database cannot be reached:", CommandLine.Explain(new NpgsqlException("Connection refused")));

    [Fact]
    public void A_timeout_is_unreachable_too() =>
        Assert.StartsWith("The database cannot be reached:", CommandLine.Explain(
            new InvalidOperationException("transient", new NpgsqlException("Exception while reading from stream", new TimeoutException()))));

    [Theory]
    [InlineData("42501", "permission denied for table books")]
    [InlineData("23505", "duplicate key value violates unique constraint \"ix_books_isbn\"")]
    [InlineData("42601", "syntax error at or near \"SELEC\"")]
    public void A_database_that_answers_no_is_not_called_unreachable(string sqlState, string messageText)
    {
        var refused = new PostgresException(messageText, "ERROR", "ERROR", sqlState);
        Assert.Equal($"The database refused: {sqlState} {messageText}", CommandLine.Explain(refused));
        // As EF Core wraps it when saving.
        Assert.Equal($"The database refused: {sqlState} {messageText}",
            CommandLine.Explain(new DbUpdateException("An error occurred while saving the entity changes.", refused)));
    }

    [Fact]
    public async Task A_wrong_password_is_a_refusal_not_an_unreachable_database()
    {
        var wrongPassword = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor("postgres")) { Password = "not-the-password" };
        var error = new StringWriter();

        Assert.Equal(1, await CommandLine.RunAsync(Verb("migrate", wrongPassword.ConnectionString), TextWriter.Null, error));
        Assert.StartsWith("The database refused: 28P01 ", error.ToString());
    }

    [Fact]
    public async Task An_unreachable_database_is_exit_code_1_and_says_so()
    {
        var error = new StringWriter();

        Assert.Equal(1, await CommandLine.RunAsync(
            Verb("migrate", "Host=127.0.0.1;Port=1;Database=graph;Username=graph;Password=x;Timeout=2"), TextWriter.Null, error));
        Assert.StartsWith("The database cannot be reached:", error.ToString());
    }

    [Fact]
    public void A_bug_is_not_disguised() => Assert.Null(CommandLine.Explain(new NullReferenceException()));

    [Fact]
    public void Another_io_failure_is_not_taken_for_a_port_in_use() =>
        Assert.Null(CommandLine.Explain(new IOException("No space left on device")));
}
