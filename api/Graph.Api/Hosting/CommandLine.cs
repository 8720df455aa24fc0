using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Graph.Api.Data;
using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Hosting;

/// <summary>
/// The server's verbs. Failures an operator can fix (a port in use, no database, a missing secret)
/// print one clear message and exit with code 1, never a stack trace.
/// </summary>
public static class CommandLine
{
    private const string Usage = """
        Usage: Graph.Api [verb] [ASP.NET Core options]

          serve           run the server (default)
          migrate         apply the database migrations
          seed            add the demo data (in Development, with one account per role); refused in Production
          schema export [--output FILE]
                          write the schema's SDL (default: schema/schema.graphql of the repository)
          help            show this text

        Configuration comes from appsettings.json, appsettings.{Environment}.json and environment
        variables (ConnectionStrings__Graph, Graph__Auth__SigningKey, ASPNETCORE_URLS, ...).
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs a verb, writing its messages to <paramref name="output"/> and <paramref name="error"/>
    /// (tests capture them without touching the process-wide console).</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // No verb, or options first, means serve; but the help flags are asked for help, not for a server.
        var verb = args switch
        {
            [] => "serve",
            ["help" or "--help" or "-h", ..] => "help",
            [var first, ..] when first.StartsWith('-') => "serve",
            [var first, ..] => first,
        };
        var rest = verb == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        try
        {
            switch (verb)
            {
                case "serve":
                    await using (var app = BuildChecked(rest))
                    {
                        await app.RunAsync();
                    }
                    return 0;
                case "migrate":
                    return await WithDatabaseAsync(rest, (db, services) => MigrateAsync(db, services, output));
                case "seed":
                    return await WithDatabaseAsync(rest, (db, services) => SeedAsync(db, services, output), refuseInProduction: true);
                case "schema" when rest is ["export", ..]:
                    return await ExportSchemaAsync(rest[1..], output);
                case "help":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync($"Unknown verb '{verb}'.{Environment.NewLine}{Usage}");
                    return 2;
            }
        }
        catch (Exception e) when (Explain(e) is { } message)
        {
            await error.WriteLineAsync(message);
            return 1;
        }
    }

    /// <summary>The operator-facing explanation of a start-up failure, or null for a genuine bug.</summary>
    internal static string? Explain(Exception e) => e switch
    {
        StartupConfigurationException or CommandRefusedException => e.Message,
        // Kestrel: IOException("Failed to bind to address http://...: address already in use.")
        //   -> AddressInUseException -> SocketException(AddressAlreadyInUse).
        IOException when Find<AddressInUseException>(e) is not null ||
                         Find<SocketException>(e) is { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
            $"The server cannot listen: {e.Message} Is Graph already running? Stop it, or choose other addresses with ASPNETCORE_URLS.",
        // The server answered and said no (bad password, permission denied, duplicate key, bad SQL): saying
        // "cannot be reached" would send the operator after the network instead.
        _ when Find<PostgresException>(e) is { } refused =>
            $"The database refused: {refused.SqlState} {refused.MessageText}",
        // No answer: connection refused, socket error, timeout.
        _ when Find<NpgsqlException>(e) is { } unreachable =>
            $"The database cannot be reached: {unreachable.Message} Check ConnectionStrings__Graph (npm start runs a private PostgreSQL for you).",
        _ => null,
    };

    /// <summary>The exception, or the first of its inner exceptions, of type <typeparamref name="T"/>
    /// (EF Core wraps Npgsql's: DbUpdateException, InvalidOperationException for transient failures).</summary>
    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>Builds the server and checks its configuration before anything starts, so that an operator
    /// reads one message instead of the host's own stack trace.</summary>
    private static WebApplication BuildChecked(string[] args)
    {
        var app = GraphApplication.Build(args);
        StartupChecks.ThrowIfUnfit(app.Configuration, app.Environment);
        return app;
    }

    private static async Task<int> WithDatabaseAsync(string[] args, Func<GraphDbContext, IServiceProvider, Task> work, bool refuseInProduction = false)
    {
        await using var app = GraphApplication.Build(args);
        // Before any other check, so that the operator reads why: demo data must never reach a real (money) database by accident.
        if (refuseInProduction && app.Environment.IsProduction())
        {
            throw new CommandRefusedException(
                $"Refusing to seed demo data in the {app.Environment.EnvironmentName} environment: the demo catalog is for development and test databases only.");
        }

        StartupChecks.ThrowIfUnfit(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<GraphDbContext>(), scope.ServiceProvider);
        return 0;
    }

    private static async Task MigrateAsync(GraphDbContext db, IServiceProvider services, TextWriter output)
    {
        // The DbContext's own connection string has lost its password once opened; take the configured one.
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Graph")!;
        if (await DatabaseBootstrap.EnsureDatabaseAsync(connectionString))
        {
            await output.WriteLineAsync($"Created the database '{db.Database.GetDbConnection().Database}'.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        await output.WriteLineAsync(pending.Count == 0
            ? "The database is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
    }

    /// <summary>Prints the schema; needs no database.</summary>
    private static async Task<int> ExportSchemaAsync(string[] args, TextWriter output)
    {
        var file = SchemaFile.DefaultPath(Directory.GetCurrentDirectory());
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--output" or "-o" && i + 1 < args.Length)
            {
                file = Path.GetFullPath(args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        await using var app = GraphApplication.Build([.. rest]);
        var sdl = await GraphSchema.PrintAsync(app.Services);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, sdl);
        await output.WriteLineAsync($"Wrote the schema to {file}.");
        return 0;
    }

    /// <summary>Seeds the demo catalog and, in Development only, the demo accounts (their password from GRAPH_DEMO_PASSWORD).</summary>
    private static async Task SeedAsync(GraphDbContext db, IServiceProvider services, TextWriter output)
    {
        DemoAccounts? accounts = null;
        if (services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            var password = DemoAccounts.PasswordFrom(services.GetRequiredService<IConfiguration>());
            if (AccountRules.PasswordProblem(password, email: null, phone: null) is { } problem)
            {
                throw new CommandRefusedException($"{DemoAccounts.PasswordSetting} cannot be the demo accounts' password: {problem}");
            }
            accounts = new DemoAccounts(password, services.GetRequiredService<IPasswordHasher<User>>());
        }

        var added = await DemoSeeder.SeedAsync(db, services.GetRequiredService<TimeProvider>(), accounts);
        await output.WriteLineAsync(added ? "Demo data added." : "The database already holds the demo data; nothing was seeded.");
        if (accounts is not null)
        {
            await output.WriteLineAsync(
                $"Demo accounts (password from {DemoAccounts.PasswordSetting}): {string.Join(", ", DemoAccounts.All.Select(a => a.Email))}.");
        }
    }
}

/// <summary>A verb that will not run in this configuration; its message is meant for the operator.</summary>
public sealed class CommandRefusedException(string message) : Exception(message);
