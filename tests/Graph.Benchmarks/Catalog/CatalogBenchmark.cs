extern alias GraphApi;

using System.Globalization;
using Graph.Benchmarks.Payments;
using Graph.GraphQL.Execution;
using GraphApi::Graph.Api.Data;
using GraphApi::Graph.Api.Data.Seed;
using GraphApi::Graph.Api.Hosting;
using GraphApi::Graph.Api.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks.Catalog;

/// <summary>
/// <c>catalog --connection "Host=..;Username=..;Password=.."</c>: the catalog's read path over the full demo library (about
/// three hundred books, their shelves, readers and a purchase) on a fresh database, through the server's executor. Prints,
/// per query, mean, p50 and p99 latency of one caller, SQL statements, and the throughput of concurrent callers:
/// <list type="bullet">
/// <item>search: <c>searchBooks</c> for two words, with authors;</item>
/// <item>typing: <c>searchBooks</c> with the last word a prefix;</item>
/// <item>page-en: a page of 20 books with English titles, categories and publishers;</item>
/// <item>also-read: a book's recommendations from reading and purchases;</item>
/// <item>popular: the most read books of a category's subtree.</item>
/// </list>
/// </summary>
internal static class CatalogBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionArgument = Option(args, "--connection") ?? Environment.GetEnvironmentVariable("GRAPH_BENCH_PG");
        if (string.IsNullOrWhiteSpace(connectionArgument))
        {
            Console.Error.WriteLine("""
                catalog: the catalog benchmark needs a PostgreSQL server where the user may create databases.
                  catalog --connection "Host=127.0.0.1;Port=5432;Username=..;Password=.." [--iterations 500] [--concurrency 8]
                `npm run bench -- catalog` starts a throwaway PostgreSQL and passes it.
                """);
            return 2;
        }
        var settings = new PaymentsBenchmark.Settings(connectionArgument, "graph_bench_catalog",
            int.Parse(Option(args, "--iterations") ?? "500", CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--concurrency") ?? "8", CultureInfo.InvariantCulture), 0, 0);
        var connection = await PaymentsBenchmark.CreateDatabaseAsync(settings);
        await using var app = GraphApplication.Build(
        [
            "--environment", "Development",
            $"--ConnectionStrings:Graph={connection}",
            "--Graph:RateLimits:Enabled=false",
            "--Graph:Notifications:Dispatcher:Enabled=false",
            "--Graph:Payments:Reconciliation:Enabled=false",
            "--Graph:Billing:Renewal:Enabled=false",
            "--Logging:LogLevel:Default=Error",
        ]);
        var services = app.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts("benchmark-password-2026", new PasswordHasher<User>()));
        }
        var executor = await services.GetRequestExecutorAsync();
        string bookId;
        string categoryId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContextAsync())
        {
            var serializer = new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer();
            // The book with the most readers, so that its recommendations have something to count.
            var read = await db.Database.SqlQuery<Guid>($"SELECT book_id AS \"Value\" FROM reading_progress GROUP BY book_id ORDER BY count(*) DESC, book_id LIMIT 1").ToListAsync();
            bookId = serializer.Format("Book", read.Count > 0 ? read[0] : await db.Books.Select(b => b.Id).FirstAsync());
            categoryId = serializer.Format("Category", await db.Categories.Where(c => c.Slug == "litterature").Select(c => c.Id).SingleAsync());
            Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores; {await db.Books.CountAsync()} books; {settings.Iterations} measured queries per case, {settings.Concurrency} concurrent callers for throughput.");
        }

        async Task RunAsync(string document)
        {
            await using var scope = services.CreateAsyncScope();
            await using var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(document).SetServices(scope.ServiceProvider).Build());
            if (result is OperationResult { Errors.Count: > 0 } failed)
            {
                throw new InvalidOperationException($"The query failed: {failed.Errors[0].Message}");
            }
        }
        var cases = new (string Name, string Document)[]
        {
            ("search", "{ searchBooks(query: \"saison pluies\", first: 10) { totalCount edges { rank node { title author { name } } } } }"),
            ("typing", "{ searchBooks(query: \"chroniques dak\", first: 10) { totalCount nodes { title } } }"),
            ("page-en", "{ books(first: 20) { nodes { title(language: \"en\") categories { name(language: \"en\") } publisher { name } } } }"),
            ("also-read", $"{{ book(id: \"{bookId}\") {{ alsoRead(first: 5) {{ readers reason book {{ title }} }} }} }}"),
            ("popular", $"{{ popularBooks(categoryId: \"{categoryId}\", first: 10) {{ readers book {{ title }} }} }}"),
        };
        foreach (var (_, document) in cases)
        {
            for (var i = 0; i < 30; i++)
            {
                await RunAsync(document);
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{"",-12}{"mean ms",9}{"p50 ms",9}{"p99 ms",9}{"SQL",6}{"ops/s",9}");
        foreach (var (name, document) in cases)
        {
            Console.WriteLine(await PaymentsBenchmark.MeasureAsync(name, settings, settings.Database, () => RunAsync(document), () => RunAsync(document)));
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
