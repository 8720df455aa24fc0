extern alias GraphApi;

using System.Globalization;
using System.Security.Claims;
using Graph.Benchmarks.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using GraphApi::Graph.Api.Common;
using GraphApi::Graph.Api.Data;
using GraphApi::Graph.Api.Data.Seed;
using GraphApi::Graph.Api.Deliveries;
using GraphApi::Graph.Api.Hosting;
using GraphApi::Graph.Api.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks.Deliveries;

/// <summary>
/// <c>deliveries --connection "Host=..;Username=..;Password=.."</c>: a cooperative manager's screens and writes, through the
/// server's executor, on a fresh database holding the demo (three cooperatives and their season) and one large cooperative
/// whose hash chain holds <see cref="ChainEvents"/> events before a lot of <see cref="LotSize"/> deliveries. Prints, per
/// case, mean, p50 and p99 latency of one caller, SQL statements, and the throughput of concurrent callers:
/// <list type="bullet">
/// <item>list: a page of 50 deliveries with planter, plot, warehouse and amount (the SPA's list);</item>
/// <item>trace: traceOf the large lot: its deliveries back to planters and plots, and its events;</item>
/// <item>verify: verifyTrace the large lot: the whole chain recomputed, SHA-256 per event;</item>
/// <item>statistics: tonnage and amounts per planter over the demo season (GROUP BY in SQL);</item>
/// <item>record: recordDelivery (weights, price, trace event under the chain's lock).</item>
/// </list>
/// </summary>
internal static class DeliveriesBenchmark
{
    private const int ChainEvents = 5_000;
    private const int LotSize = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        var connectionArgument = Option(args, "--connection") ?? Environment.GetEnvironmentVariable("GRAPH_BENCH_PG");
        if (string.IsNullOrWhiteSpace(connectionArgument))
        {
            Console.Error.WriteLine("""
                deliveries: the deliveries benchmark needs a PostgreSQL server where the user may create databases.
                  deliveries --connection "Host=127.0.0.1;Port=5432;Username=..;Password=.." [--iterations 300] [--concurrency 8]
                `npm run bench -- deliveries` starts a throwaway PostgreSQL and passes it.
                """);
            return 2;
        }
        var settings = new PaymentsBenchmark.Settings(connectionArgument, "graph_bench_deliveries",
            int.Parse(Option(args, "--iterations") ?? "300", CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--concurrency") ?? "8", CultureInfo.InvariantCulture), 0, 0);
        var connection = await PaymentsBenchmark.CreateDatabaseAsync(settings);
        string[] arguments =
        [
            "--environment", "Development",
            $"--ConnectionStrings:Graph={connection}",
            "--Graph:RateLimits:Enabled=false",
            "--Graph:Notifications:Dispatcher:Enabled=false",
            "--Graph:Payments:Reconciliation:Enabled=false",
            "--Graph:Billing:Renewal:Enabled=false",
            "--Graph:Tontines:Reminders:Enabled=false",
            "--Logging:LogLevel:Default=Error",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None",
        ];
        await using var app = GraphApplication.Build(arguments);
        var services = app.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<GraphDbContext>>();
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts("benchmark-password-2026", new PasswordHasher<User>()));
        }
        var demoSeconds = seeding.Elapsed.TotalSeconds;
        var large = await AddLargeCooperativeAsync(contexts);
        var serializer = new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer();
        var admin = Principal(large.Admin, PlatformRoles.AdminName);
        ClaimsPrincipal manager;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            manager = Principal(await db.Users.Where(u => u.Email == "cooperative.manager@graph.local").Select(u => u.Id).SingleAsync(), PlatformRoles.CooperativeManagerName);
            Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores; demo seeded in {demoSeconds:F1} s: {await db.Cooperatives.CountAsync()} cooperatives, " +
                $"{await db.Planters.CountAsync()} planters, {await db.Deliveries.CountAsync()} deliveries, {await db.Lots.CountAsync()} lots, {await db.TraceEvents.CountAsync()} trace events " +
                $"({ChainEvents + 2 * LotSize + 1} in the large cooperative's chain); {settings.Iterations} measured operations per case, {settings.Concurrency} concurrent callers for throughput.");
        }

        var executor = await services.GetRequestExecutorAsync();
        async Task RunAsync(string document, ClaimsPrincipal user, IReadOnlyDictionary<string, object?>? variables = null, string? expect = null)
        {
            await using var scope = services.CreateAsyncScope();
            await using var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(document).SetVariableValues(variables)
                .SetGlobalState(AuthorizationContextData.User, user).SetServices(scope.ServiceProvider).Build());
            if (result is OperationResult { Errors.Count: > 0 } failed)
            {
                throw new InvalidOperationException($"The operation failed: {failed.Errors[0].Message}");
            }
            if (expect is not null && result is OperationResult ok && !System.Text.Json.JsonSerializer.Serialize(ok.Data).Contains(expect, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The operation did not answer {expect}: {System.Text.Json.JsonSerializer.Serialize(ok.Data)}");
            }
        }

        const string list = """
            { deliveries(first: 50) { totalCount nodes { deliveredOn netWeightKg payableWeightKg grade status amount { amount currency }
                planter { fullName } plot { name } warehouse { name } } } }
            """;
        var lotId = serializer.Format("Lot", large.Lot);
        var trace = $$"""
            { traceOf(lotId: "{{lotId}}") { lot { code } deliveries { weightKg delivery { deliveredOn } planter { fullName } plot { name areaHectares } }
                events { sequence kind hash } } }
            """;
        var verify = $$"""{ verifyTrace(lotId: "{{lotId}}") { valid checkedEvents firstBrokenLink { sequence } } }""";
        const string statistics = "{ deliveryStatistics(groupBy: PLANTER) { label deliveries netWeightKg amounts { amount currency } } }";
        const string record = """
            mutation($input: RecordDeliveryInput!) { recordDelivery(input: $input) { delivery { id } errors { __typename ... on Error { code message } } } }
            """;
        var recordVariables = new Dictionary<string, object?>
        {
            ["input"] = new Dictionary<string, object?>
            {
                ["planterId"] = serializer.Format("Planter", large.Planter),
                ["plotId"] = serializer.Format("Plot", large.Plot),
                ["warehouseId"] = serializer.Format("Warehouse", large.Warehouse),
                ["deliveredOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["grossWeightKg"] = 640.5m,
                ["tareKg"] = 8m,
                ["moisturePercent"] = 8.4m,
                ["grade"] = "GRADE_I",
                ["pricePerKg"] = new Dictionary<string, object?> { ["amount"] = 1_800m, ["currency"] = "XOF" },
            },
        };

        var cases = new (string Name, Func<Task> Run)[]
        {
            ("list", () => RunAsync(list, manager)),
            ("trace", () => RunAsync(trace, admin)),
            ("verify", () => RunAsync(verify, admin, expect: "\"valid\":true")),
            ("statistics", () => RunAsync(statistics, manager)),
            ("record", () => RunAsync(record, admin, recordVariables, expect: "\"errors\":null")),
        };
        foreach (var (_, run) in cases)
        {
            for (var i = 0; i < 10; i++)
            {
                await run();
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{"",-12}{"mean ms",9}{"p50 ms",9}{"p99 ms",9}{"SQL",6}{"ops/s",9}");
        foreach (var (name, run) in cases)
        {
            Console.WriteLine(await PaymentsBenchmark.MeasureAsync(name, settings, settings.Database, run, run));
        }
        return 0;
    }

    private sealed record Large(Guid Admin, Guid Planter, Guid Plot, Guid Warehouse, Guid Lot);

    /// <summary>The large cooperative: a chain of <see cref="ChainEvents"/> earlier events, then <see cref="LotSize"/>
    /// deliveries recorded and validated through <see cref="DeliveryOperations"/> and formed into one lot.</summary>
    private static async Task<Large> AddLargeCooperativeAsync(IDbContextFactory<GraphDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var admin = await db.Users.Where(u => u.Email == "admin@graph.local").Select(u => u.Id).SingleAsync();
        var cooperative = new Cooperative { Name = "Grande coopérative du banc d'essai", Code = "BENCH-COOP", CreatedAt = now, UpdatedAt = now };
        db.Cooperatives.Add(cooperative);
        var planter = new Planter { CooperativeId = cooperative.Id, FullName = "Planteur du banc", CreatedAt = now, UpdatedAt = now };
        db.Planters.Add(planter);
        var shape = PlotGeometry.Check("""{"type":"Point","coordinates":[-6.608123,5.785456]}""", 2.5m).Shape!;
        var plot = new Plot
        {
            PlanterId = planter.Id, Name = "Parcelle du banc", Kind = shape.Kind, GeoJson = shape.GeoJson, AreaHectares = shape.AreaHectares,
            Latitude = shape.Latitude, Longitude = shape.Longitude, CreatedAt = now, UpdatedAt = now,
        };
        db.Plots.Add(plot);
        var warehouse = new Warehouse { CooperativeId = cooperative.Id, Name = "Magasin du banc", CapacityKg = 100_000_000m, CreatedAt = now, UpdatedAt = now };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            for (var i = 0; i < ChainEvents; i++)
            {
                var payload = new Dictionary<string, string> { ["note"] = "earlier season", ["netWeightKg"] = TraceChain.Figure(500m + i % 100) };
                await TraceChain.AppendAsync(db, cooperative.Id, TraceEventKind.DeliveryRecorded, payload, Guid.NewGuid(), null, admin, now.AddDays(-400).AddMinutes(i), CancellationToken.None);
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        db.ChangeTracker.Clear();

        var actor = new DeliveryActor(admin, Admin: true, Manager: false);
        var deliveries = new List<Guid>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            for (var i = 0; i < LotSize; i++)
            {
                var at = now.AddDays(-30).AddHours(i);
                var delivery = (await DeliveryOperations.RecordAsync(db, actor, new RecordDeliveryInput
                {
                    PlanterId = planter.Id, PlotId = plot.Id, WarehouseId = warehouse.Id, DeliveredOn = DateOnly.FromDateTime(at),
                    GrossWeightKg = 600m + i, TareKg = 8m, MoisturePercent = 7.5m, Grade = CocoaGrade.GradeI,
                    PricePerKg = new MoneyInput { Amount = 1_800m, Currency = Currency.XOF },
                }, at, CancellationToken.None)).Value!;
                await db.SaveChangesAsync();
                await DeliveryOperations.ValidateAsync(db, actor, delivery.Id, at.AddMinutes(30), CancellationToken.None);
                await db.SaveChangesAsync();
                deliveries.Add(delivery.Id);
            }
            var lot = (await DeliveryOperations.CreateLotAsync(db, actor, deliveries, now.AddDays(-20), CancellationToken.None)).Value!;
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return new Large(admin, planter.Id, plot.Id, warehouse.Id, lot.Id);
        }
    }

    private static ClaimsPrincipal Principal(Guid userId, string role) =>
        new(new ClaimsIdentity([new Claim(IdentityClaims.Subject, userId.ToString("D")), new Claim(IdentityClaims.Role, role)],
            IdentityClaims.AuthenticationType, IdentityClaims.Name, IdentityClaims.Role));

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
