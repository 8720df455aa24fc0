extern alias GraphApi;

using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using GraphApi::Graph.Api.Data;
using GraphApi::Graph.Api.Hosting;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Graph.Benchmarks.Data;

/// <summary>
/// <c>db --connection "Host=..;Username=..;Password=.."</c>: the database path. On a fresh database (migrated, seeded
/// with a deterministic catalog), <c>books(first: 50) { nodes { title author { name } } }</c> through the real graph
/// (Graph.Api's service registration, an in-process executor, a cached document, the JSON written to a buffer, a DI
/// scope per request as the server makes) against the EF Core query a developer would write for the same JSON
/// (<see cref="HandWrittenBooks"/>); then both again with <c>totalCount</c>. The bytes are checked identical first.
/// Prints mean, p50 and p99 per request (the two sides alternate request by request), the ratio, bytes allocated
/// and SQL statements per request, and the throughput of concurrent workers.
/// </summary>
internal static class DbPathBenchmark
{
    public const string Query = "{ books(first: 50) { nodes { title author { name } } } }";
    public const string QueryWithTotalCount = "{ books(first: 50) { totalCount nodes { title author { name } } } }";
    private const int PageSize = 50;

    private sealed record Settings(
        string Connection, string Database, int Authors, int Books, int Warmup, int Iterations, int Concurrency, int ConcurrentRequests, bool ShowSql,
        bool Allocations);

    private sealed record Case(string Name, Func<ArrayBufferWriter<byte>, Task> Run);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Read(args) is not { } settings)
        {
            return 2;
        }
        var connection = await CreateDatabaseAsync(settings);
        await using var app = GraphApplication.Build(
        [
            "--environment", "Production",
            $"--ConnectionStrings:Graph={connection}",
            // A benchmark is one client sending far more than any budget.
            "--Graph:RateLimits:Enabled=false",
            "--Logging:LogLevel:Default=Error",
            // Migrating a new database logs the failed look-up of the history table as an error; failures throw anyway.
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None",
        ]);
        var services = app.Services;
        await PrepareAsync(services, settings);

        var executor = await services.GetRequestExecutorAsync();
        var contexts = services.GetRequiredService<IDbContextFactory<GraphDbContext>>();
        var pairs = new (Case Graph, Case HandWritten)[]
        {
            (GraphCase("graph", Query), HandWrittenCase("hand-written EF Core", withTotalCount: false)),
            (GraphCase("graph + totalCount", QueryWithTotalCount), HandWrittenCase("hand-written + CountAsync", withTotalCount: true)),
        };

        Case GraphCase(string name, string query) => new(name, async output =>
        {
            await using var scope = services.CreateAsyncScope();
            var request = OperationRequestBuilder.New().SetDocument(query).SetServices(scope.ServiceProvider).Build();
            await using var result = await executor.ExecuteAsync(request);
            result.ExpectOperationResult().WriteTo(output);
        });

        Case HandWrittenCase(string name, bool withTotalCount) => new(name, async output =>
        {
            await using var scope = services.CreateAsyncScope();
            var books = new HandWrittenBooks(scope.ServiceProvider.GetRequiredService<IDbContextFactory<GraphDbContext>>());
            await books.WriteAsync(output, PageSize, withTotalCount);
        });

        await PrintEnvironmentAsync(contexts, settings);
        foreach (var (graph, handWritten) in pairs)
        {
            if (!await SameBytesAsync(graph, handWritten))
            {
                return 1;
            }
        }
        Console.WriteLine("The graph's JSON and the hand-written JSON are byte for byte identical.");

        var statements = new Dictionary<Case, double>();
        foreach (var c in pairs.SelectMany(p => new[] { p.Graph, p.HandWritten }))
        {
            statements[c] = await CountStatementsAsync(c, settings);
        }

        foreach (var (graph, handWritten) in pairs)
        {
            await AlternateAsync(graph, handWritten, settings.Warmup, null, null);
        }
        if (settings.Allocations)
        {
            await PrintAllocationsAsync(pairs.SelectMany(p => new[] { p.Graph, p.HandWritten }), settings.Iterations);
        }
        var results = new List<(CaseFigures Graph, CaseFigures HandWritten)>();
        foreach (var (graph, handWritten) in pairs)
        {
            var graphLatencies = new Latencies(settings.Iterations);
            var handLatencies = new Latencies(settings.Iterations);
            await AlternateAsync(graph, handWritten, settings.Iterations, graphLatencies, handLatencies);
            var graphAllocated = await AllocatedPerRequestAsync(graph, settings.Iterations / 4);
            var handAllocated = await AllocatedPerRequestAsync(handWritten, settings.Iterations / 4);
            double? graphRate = null, handRate = null;
            if (settings.Concurrency > 1)
            {
                (graphRate, handRate) = await ThroughputAsync(graph, handWritten, settings);
            }
            results.Add((
                new CaseFigures(graph.Name, graphLatencies, graphAllocated, statements[graph], graphRate),
                new CaseFigures(handWritten.Name, handLatencies, handAllocated, statements[handWritten], handRate)));
        }

        Console.WriteLine();
        Console.WriteLine(CaseFigures.Header + (settings.Concurrency > 1 ? $" ({settings.Concurrency} workers)" : ""));
        foreach (var (graph, handWritten) in results)
        {
            Console.WriteLine(graph);
            Console.WriteLine(handWritten);
            // (InvariantGlobalization: every culture formats as the invariant one.)
            Console.WriteLine(
                $"{"  ratio graph / hand-written",-34}{graph.Latencies.MeanMilliseconds / handWritten.Latencies.MeanMilliseconds,8:0.00}x" +
                $"{graph.Latencies.PercentileMilliseconds(50) / handWritten.Latencies.PercentileMilliseconds(50),8:0.00}x" +
                $"{graph.Latencies.PercentileMilliseconds(99) / handWritten.Latencies.PercentileMilliseconds(99),8:0.00}x" +
                $"{graph.BytesAllocated / handWritten.BytesAllocated,9:0.0}x" +
                (graph.RequestsPerSecond is { } g && handWritten.RequestsPerSecond is { } h ? $"{"",6}{g / h,8:0.00}x" : ""));
        }

        var (plain, counted) = (results[0], results[1]);
        var ratio = plain.Graph.Latencies.MeanMilliseconds / plain.HandWritten.Latencies.MeanMilliseconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Goal: the graph at most 1.3x the hand-written query's mean time: {ratio:0.00}x, {(ratio <= 1.3 ? "met" : "NOT met")}."));
        Console.WriteLine(
            $"Goal: at most 2 SQL statements (3 with totalCount): {plain.Graph.Statements:0.##} and {counted.Graph.Statements:0.##}, " +
            $"{(plain.Graph.Statements <= 2 && counted.Graph.Statements <= 3 ? "met" : "NOT met")}.");
        return 0;
    }

    private static Settings? Read(string[] args)
    {
        string? Option(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture))!, CultureInfo.InvariantCulture);

        var connection = Option("--connection", Environment.GetEnvironmentVariable("GRAPH_BENCH_PG"));
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("""
                db: the database path benchmark needs a PostgreSQL server where the user may create databases.
                  db --connection "Host=127.0.0.1;Port=5432;Username=..;Password=.." [--database graph_bench_dbpath]
                     [--authors 100] [--books 1000] [--warmup 500] [--iterations 3000] [--concurrency 8]
                     [--concurrent-requests 4000] [--show-sql] [--allocations]
                `npm run bench -- db` starts a throwaway PostgreSQL and passes it.
                """);
            return null;
        }
        return new Settings(
            connection,
            Option("--database", "graph_bench_dbpath")!,
            Number("--authors", 100),
            Number("--books", 1000),
            Number("--warmup", 500),
            Number("--iterations", 3000),
            Number("--concurrency", 8),
            Number("--concurrent-requests", 4000),
            args.Contains("--show-sql"),
            args.Contains("--allocations"));
    }

    /// <summary>Drops and creates the benchmark's database; returns its connection string.</summary>
    private static async Task<string> CreateDatabaseAsync(Settings settings)
    {
        var server = new NpgsqlConnectionStringBuilder(settings.Connection) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            var quoted = "\"" + settings.Database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(settings.Connection) { Database = settings.Database }.ConnectionString;
    }

    private static async Task PrepareAsync(IServiceProvider services, Settings settings)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await BenchmarkCatalog.SeedAsync(db, settings.Authors, settings.Books);
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Migrated {settings.Database} and seeded {settings.Books} books over {settings.Authors} authors in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s."));
    }

    private static async Task PrintEnvironmentAsync(IDbContextFactory<GraphDbContext> contexts, Settings settings)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var version = await db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version') AS \"Value\"").SingleAsync();
        Console.WriteLine(
            $"PostgreSQL {version}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; " +
            $"{settings.Warmup} warm-up and {settings.Iterations} measured requests per case, alternating graph and hand-written.");
        Console.WriteLine($"  {Query}");
        Console.WriteLine($"  {QueryWithTotalCount}");
    }

    private static async Task<bool> SameBytesAsync(Case graph, Case handWritten)
    {
        var graphOutput = new ArrayBufferWriter<byte>();
        var handOutput = new ArrayBufferWriter<byte>();
        await graph.Run(graphOutput);
        await handWritten.Run(handOutput);
        if (graphOutput.WrittenSpan.SequenceEqual(handOutput.WrittenSpan))
        {
            return true;
        }
        var graphText = System.Text.Encoding.UTF8.GetString(graphOutput.WrittenSpan);
        var handText = System.Text.Encoding.UTF8.GetString(handOutput.WrittenSpan);
        var at = graphOutput.WrittenSpan.CommonPrefixLength(handOutput.WrittenSpan);
        Console.Error.WriteLine($"{graph.Name} and {handWritten.Name} differ at byte {at}:");
        Console.Error.WriteLine($"  {graph.Name}: ...{Around(graphText, at)}...");
        Console.Error.WriteLine($"  {handWritten.Name}: ...{Around(handText, at)}...");
        return false;

        static string Around(string text, int byteIndex)
        {
            var start = Math.Max(0, Math.Min(byteIndex, text.Length) - 60);
            return text.Substring(start, Math.Min(160, text.Length - start));
        }
    }

    /// <summary>SQL statements per request, counted in a pass of its own: listening costs an Activity per command, so never while timing.</summary>
    private static async Task<double> CountStatementsAsync(Case c, Settings settings, int requests = 20)
    {
        var output = new ArrayBufferWriter<byte>();
        using var counter = new Graph.Api.Tests.Infrastructure.SqlCommandCounter(settings.Database);
        for (var i = 0; i < requests; i++)
        {
            output.ResetWrittenCount();
            await c.Run(output);
        }
        if (settings.ShowSql)
        {
            var perRequest = counter.Commands.Count / requests;
            Console.WriteLine($"SQL of one request of {c.Name}:");
            foreach (var sql in counter.Commands.Take(perRequest))
            {
                Console.WriteLine("  " + sql.ReplaceLineEndings("\n  "));
            }
        }
        return (double)counter.Count / requests;
    }

    /// <summary>Runs the two cases request by request, each going first every other time, and records their latencies.</summary>
    private static async Task AlternateAsync(Case a, Case b, int iterations, Latencies? aLatencies, Latencies? bLatencies)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        for (var i = 0; i < iterations; i++)
        {
            if (i % 2 == 0)
            {
                aLatencies?.Add(await TimeAsync(a, output));
                bLatencies?.Add(await TimeAsync(b, output));
            }
            else
            {
                bLatencies?.Add(await TimeAsync(b, output));
                aLatencies?.Add(await TimeAsync(a, output));
            }
        }
    }

    private static async Task<long> TimeAsync(Case c, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        var started = Stopwatch.GetTimestamp();
        await c.Run(output);
        return Stopwatch.GetTimestamp() - started;
    }

    /// <summary>Bytes allocated per request over a run of one case alone (all threads: continuations hop between them).</summary>
    private static async Task<double> AllocatedPerRequestAsync(Case c, int requests)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        await c.Run(output);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            output.ResetWrittenCount();
            await c.Run(output);
        }
        return (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / requests;
    }

    /// <summary>The types each case allocates most (sampled by the runtime), over <paramref name="requests"/> requests of it alone.</summary>
    private static async Task PrintAllocationsAsync(IEnumerable<Case> cases, int requests)
    {
        using var sampler = new AllocationSampler();
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        foreach (var c in cases)
        {
            sampler.Start();
            for (var i = 0; i < requests; i++)
            {
                output.ResetWrittenCount();
                await c.Run(output);
            }
            sampler.Stop();
            Console.WriteLine($"Allocated by {c.Name} (share of sampled bytes):");
            foreach (var (type, share) in sampler.Top(12))
            {
                Console.WriteLine($"  {share,6:P1}  {type}");
            }
        }
    }

    /// <summary>
    /// Requests per second of <see cref="Settings.Concurrency"/> workers sharing <see cref="Settings.ConcurrentRequests"/>
    /// requests of each case, in rounds that alternate the two cases (so that a change of load on the machine weighs on both).
    /// </summary>
    private static async Task<(double A, double B)> ThroughputAsync(Case a, Case b, Settings settings, int rounds = 6)
    {
        var perRound = Math.Max(settings.Concurrency, settings.ConcurrentRequests / rounds);
        var (secondsA, secondsB) = (0.0, 0.0);
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                secondsA += await RunConcurrentlyAsync(a, perRound, settings.Concurrency);
                secondsB += await RunConcurrentlyAsync(b, perRound, settings.Concurrency);
            }
            else
            {
                secondsB += await RunConcurrentlyAsync(b, perRound, settings.Concurrency);
                secondsA += await RunConcurrentlyAsync(a, perRound, settings.Concurrency);
            }
        }
        return (perRound * rounds / secondsA, perRound * rounds / secondsB);
    }

    /// <summary>The seconds <paramref name="workers"/> workers take to run <paramref name="requests"/> requests of <paramref name="c"/>.</summary>
    private static async Task<double> RunConcurrentlyAsync(Case c, int requests, int workers)
    {
        var remaining = requests;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var output = new ArrayBufferWriter<byte>(64 * 1024);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                output.ResetWrittenCount();
                await c.Run(output);
            }
        })));
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
