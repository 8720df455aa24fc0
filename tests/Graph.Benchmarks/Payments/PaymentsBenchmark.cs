extern alias GraphApi;

using System.Diagnostics;
using System.Globalization;
using Graph.Benchmarks.Data;
using GraphApi::Graph.Api.Common;
using GraphApi::Graph.Api.Data;
using GraphApi::Graph.Api.Hosting;
using GraphApi::Graph.Api.Identity;
using GraphApi::Graph.Api.Payments;
using GraphApi::Graph.Api.Payments.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Graph.Benchmarks.Payments;

/// <summary>
/// <c>payments --connection "Host=..;Username=..;Password=.."</c>: the payments' write path on a fresh database, through
/// the server's own services (the provider simulators, notifications written, the audit log on). Prints, per operation,
/// mean, p50 and p99 latency of one caller, SQL statements, and the throughput of concurrent callers:
/// <list type="bullet">
/// <item>initiate: a subscription by Orange Money (idempotent creation, the provider's answer, PENDING);</item>
/// <item>settle: a success applied to a PENDING payment (the row lock, the moves, the posting, the payer's notification);</item>
/// <item>duplicate: the same success applied again (what a provider's retried callback costs);</item>
/// <item>storm: many payments, each receiving its provider's signed success callback many times at once, through the
/// callback processor; every payment must end with exactly one posting and every callback be answered 200.</item>
/// </list>
/// </summary>
internal static class PaymentsBenchmark
{
    internal sealed record Settings(string Connection, string Database, int Iterations, int Concurrency, int StormPayments, int StormCopies);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Read(args) is not { } settings)
        {
            return 2;
        }
        var connection = await CreateDatabaseAsync(settings);
        var builder = new List<string>
        {
            "--environment", "Development",
            $"--ConnectionStrings:Graph={connection}",
            "--Graph:RateLimits:Enabled=false",
            "--Graph:Notifications:Dispatcher:Enabled=false",
            "--Graph:Payments:Reconciliation:Enabled=false",
            "--Logging:LogLevel:Default=Error",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None",
        };
        foreach (var provider in new[] { "OrangeMoney", "MtnMomo", "MoovMoney", "Wave", "FreeMoney" })
        {
            // The simulators, as in Development (whose settings file this program does not read), without their own callbacks.
            builder.Add($"--Graph:Payments:Providers:{provider}:Kind=Simulator");
            builder.Add($"--Graph:Payments:Providers:{provider}:CallbackSecrets:0=benchmark-{provider}-callback-secret");
            builder.Add($"--Graph:Payments:Providers:{provider}:SendCallbacks=false");
        }
        await using var app = GraphApplication.Build([.. builder]);
        var services = app.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<GraphDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }
        var users = await AddUsersAsync(contexts, 64);
        var payments = services.GetRequiredService<PaymentService>();
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores; {settings.Iterations} measured operations per case, {settings.Concurrency} concurrent callers for throughput.");

        var next = 0;
        PaymentRequest Request() => new()
        {
            Purpose = PaymentPurpose.Subscription,
            Method = PaymentMethod.OrangeMoney,
            Amount = new Money(2500m, Currency.XOF),
            WalletNumber = "+221771234567",
            PayerUserId = users[Interlocked.Increment(ref next) % users.Count],
            Description = "Abonnement Coko, 1 mois",
            IdempotencyKey = Guid.NewGuid().ToString("N"),
        };
        async Task<Payment> InitiateAsync()
        {
            var request = Request();
            var created = await payments.InitiateAsync(request, request.PayerUserId!.Value, CancellationToken.None);
            return created.Payment ?? throw new InvalidOperationException(created.Refusal!.Message);
        }
        Task<TransitionOutcome> SucceedAsync(Payment payment) =>
            payments.ApplyAsync(payment.Id, new ProviderUpdate(ProviderState.Succeeded, payment.ProviderReference, Amount: payment.Amount),
                new TransitionOrigin(PaymentEventSource.Callback, EventId: "evt-" + payment.Id.ToString("N")), CancellationToken.None);

        // Warm-up: the JIT, EF Core's compiled queries, the pools.
        for (var i = 0; i < 50; i++)
        {
            await SucceedAsync(await InitiateAsync());
        }

        Console.WriteLine();
        Console.WriteLine($"{"",-12}{"mean ms",9}{"p50 ms",9}{"p99 ms",9}{"SQL",6}{"ops/s",9}");
        var pending = new List<Payment>();
        var initiate = await MeasureAsync("initiate", settings, settings.Database, async () => pending.Add(await InitiateAsync()),
            async () => await InitiateAsync());
        var toSettle = new Queue<Payment>(pending);
        var concurrentPending = new System.Collections.Concurrent.ConcurrentQueue<Payment>();
        for (var i = 0; i < settings.Iterations; i++)
        {
            concurrentPending.Enqueue(await InitiateAsync());
        }
        var settle = await MeasureAsync("settle", settings, settings.Database,
            async () => Expect(TransitionOutcome.Applied, await SucceedAsync(toSettle.Dequeue())),
            async () => Expect(TransitionOutcome.Applied, await SucceedAsync(concurrentPending.TryDequeue(out var p) ? p : throw new InvalidOperationException("No payment left to settle."))));
        var settled = pending;
        var duplicate = await MeasureAsync("duplicate", settings, settings.Database,
            async () => Expect(TransitionOutcome.Duplicate, await SucceedAsync(settled[Random.Shared.Next(settled.Count)])),
            async () => Expect(TransitionOutcome.Duplicate, await SucceedAsync(settled[Random.Shared.Next(settled.Count)])));
        foreach (var line in new[] { initiate, settle, duplicate })
        {
            Console.WriteLine(line);
        }

        // The storm: every payment's provider sends its signed success callback many times at once, through the callback
        // endpoint's processor (as POST /payments/callback/orange-money does, without the HTTP layer).
        var storm = new List<Payment>();
        for (var i = 0; i < settings.StormPayments; i++)
        {
            storm.Add(await InitiateAsync());
        }
        var simulator = (PaymentSimulator)services.GetRequiredService<PaymentProviders>().Find(PaymentMethod.OrangeMoney)!;
        var processor = services.GetRequiredService<PaymentCallbackProcessor>();
        var callbacks = storm.Select(p =>
        {
            var request = PaymentService.ProviderRequestOf(p);
            return simulator.CreateCallback(request, new ProviderUpdate(ProviderState.Succeeded, p.ProviderReference, Amount: p.Amount), "evt-" + p.Id.ToString("N"), DateTimeOffset.UtcNow);
        }).ToList();
        var started = Stopwatch.GetTimestamp();
        var answers = await Task.WhenAll(callbacks.SelectMany(c => Enumerable.Range(0, settings.StormCopies).Select(_ =>
            Task.Run(() => processor.ProcessAsync("orange-money", c.Headers, c.Body, CancellationToken.None)))));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var outcomes = answers.Select(a => a.Outcome).ToList();
        await using var check = await contexts.CreateDbContextAsync();
        var ids = storm.Select(p => p.Id).ToList();
        var postings = await check.LedgerPostings.CountAsync(p => ids.Contains(p.PaymentId));
        var totals = await check.LedgerEntries.GroupBy(e => e.Currency).Select(g => g.Sum(e => e.Amount)).ToListAsync();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storm: {settings.StormPayments} payments x {settings.StormCopies} identical signed callbacks at once = {answers.Length} callbacks in {seconds:0.00} s " +
            $"({answers.Length / seconds:0} callbacks/s); {outcomes.Count(o => o == CallbackOutcome.Applied)} applied, " +
            $"{outcomes.Count(o => o == CallbackOutcome.Duplicate)} duplicates, {answers.Count(a => a.StatusCode != 200)} not answered 200; {postings} postings (must be {settings.StormPayments}); " +
            $"ledger totals {string.Join(", ", totals)} (must all be 0)."));
        return postings == settings.StormPayments && totals.All(t => t == 0) && answers.All(a => a.StatusCode == 200) ? 0 : 1;
    }

    private static void Expect(TransitionOutcome expected, TransitionOutcome actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Expected {expected}, got {actual}.");
        }
    }

    /// <summary>One caller's latencies over <see cref="Settings.Iterations"/> operations, the SQL statements of one, and the
    /// throughput of <see cref="Settings.Concurrency"/> callers over as many operations again.</summary>
    internal static async Task<string> MeasureAsync(string name, Settings settings, string database, Func<Task> one, Func<Task> concurrent)
    {
        var latencies = new Latencies(settings.Iterations);
        for (var i = 0; i < settings.Iterations - 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await one();
            latencies.Add(Stopwatch.GetTimestamp() - started);
        }
        double statements;
        using (var counter = new Graph.Api.Tests.Infrastructure.SqlCommandCounter(database))
        {
            for (var i = 0; i < 10; i++)
            {
                await one();
            }
            statements = counter.Count / 10.0;
        }
        var remaining = settings.Iterations;
        var began = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await concurrent();
            }
        })));
        var perSecond = settings.Iterations / Stopwatch.GetElapsedTime(began).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-12}{latencies.MeanMilliseconds,9:0.000}{latencies.PercentileMilliseconds(50),9:0.000}{latencies.PercentileMilliseconds(99),9:0.000}{statements,6:0.#}{perSecond,9:0}");
    }

    private static async Task<List<Guid>> AddUsersAsync(IDbContextFactory<GraphDbContext> contexts, int count)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var users = Enumerable.Range(0, count).Select(i => new User
        {
            Id = Guid.CreateVersion7(),
            DisplayName = $"Client {i}",
            Email = $"client{i}@bench.local",
            Phone = "+2217700" + i.ToString("00000", CultureInfo.InvariantCulture),
            CreatedAt = DateTime.UtcNow,
            PasswordChangedAt = DateTime.UtcNow,
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return [.. users.Select(u => u.Id)];
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
                payments: the payments benchmark needs a PostgreSQL server where the user may create databases.
                  payments --connection "Host=127.0.0.1;Port=5432;Username=..;Password=.." [--database graph_bench_payments]
                     [--iterations 1000] [--concurrency 8] [--storm-payments 200] [--storm-copies 50]
                `npm run bench -- payments` starts a throwaway PostgreSQL and passes it.
                """);
            return null;
        }
        return new Settings(connection, Option("--database", "graph_bench_payments")!, Number("--iterations", 1000), Number("--concurrency", 8),
            Number("--storm-payments", 200), Number("--storm-copies", 50));
    }

    internal static async Task<string> CreateDatabaseAsync(Settings settings)
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
}
