extern alias GraphApi;

using System.Globalization;
using System.Security.Claims;
using Graph.Benchmarks.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using GraphApi::Graph.Api.Common;
using GraphApi::Graph.Api.Data;
using GraphApi::Graph.Api.Data.Seed;
using GraphApi::Graph.Api.Hosting;
using GraphApi::Graph.Api.Identity;
using GraphApi::Graph.Api.Tontines;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks.Tontines;

/// <summary>
/// <c>tontines --connection "Host=..;Username=..;Password=.."</c>: a treasurer's screens and a member's payment, through
/// the server's executor, on a fresh database holding the demo tontines and one large tontine (40 members, so 40 monthly
/// sessions and 1,600 contributions, the first 12 sessions paid and closed, the others open). Prints, per case, mean, p50 and p99 latency of one
/// caller, SQL statements, and the throughput of concurrent callers:
/// <list type="bullet">
/// <item>sheet: the large tontine's 40 sessions with their statistics and beneficiaries, the pot and the passages;</item>
/// <item>session: one session's 40 contributions (member, expected, received, fine, status) and statistics;</item>
/// <item>my-tontines: a member's tontines with their status, member count and pot;</item>
/// <item>pay: payContribution by Orange Money (the provider simulator), a different member and session each time.</item>
/// </list>
/// </summary>
internal static class TontinesBenchmark
{
    private const int Members = 40;
    private const int PaidSessions = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        var connectionArgument = Option(args, "--connection") ?? Environment.GetEnvironmentVariable("GRAPH_BENCH_PG");
        if (string.IsNullOrWhiteSpace(connectionArgument))
        {
            Console.Error.WriteLine("""
                tontines: the tontines benchmark needs a PostgreSQL server where the user may create databases.
                  tontines --connection "Host=127.0.0.1;Port=5432;Username=..;Password=.." [--iterations 300] [--concurrency 8]
                `npm run bench -- tontines` starts a throwaway PostgreSQL and passes it.
                """);
            return 2;
        }
        var settings = new PaymentsBenchmark.Settings(connectionArgument, "graph_bench_tontines",
            int.Parse(Option(args, "--iterations") ?? "300", CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--concurrency") ?? "8", CultureInfo.InvariantCulture), 0, 0);
        var connection = await PaymentsBenchmark.CreateDatabaseAsync(settings);
        var arguments = new List<string>
        {
            "--environment", "Development",
            $"--ConnectionStrings:Graph={connection}",
            "--Graph:RateLimits:Enabled=false",
            "--Graph:Notifications:Dispatcher:Enabled=false",
            "--Graph:Payments:Reconciliation:Enabled=false",
            "--Graph:Billing:Renewal:Enabled=false",
            "--Graph:Tontines:Reminders:Enabled=false",
            "--Logging:LogLevel:Default=Error",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None",
            // The Orange Money simulator, as in Development (whose settings file this program does not read), without callbacks.
            "--Graph:Payments:Providers:OrangeMoney:Kind=Simulator",
            "--Graph:Payments:Providers:OrangeMoney:CallbackSecrets:0=benchmark-orange-money-callback-secret",
            "--Graph:Payments:Providers:OrangeMoney:SendCallbacks=false",
        };
        await using var app = GraphApplication.Build([.. arguments]);
        var services = app.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<GraphDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await DemoSeeder.SeedAsync(db, TimeProvider.System, new DemoAccounts("benchmark-password-2026", new PasswordHasher<User>()));
        }
        var (tontineId, sessionIds, memberIds) = await AddLargeTontineAsync(contexts);
        var serializer = new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer();
        var treasurer = Principal(memberIds[1]);
        Guid demoMember;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            demoMember = await db.Users.Where(u => u.Email == "awa.diallo@graph.local").Select(u => u.Id).SingleAsync();
            Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores; {await db.Tontines.CountAsync()} tontines, " +
                $"{await db.TontineContributions.CountAsync()} contributions; {settings.Iterations} measured operations per case, {settings.Concurrency} concurrent callers for throughput.");
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

        var sheet = $$"""
            { tontine(id: "{{serializer.Format("Tontine", tontineId)}}") {
                name potBalance { amount currency } statistics { received { amount } paidOut { amount } lateContributions }
                sessions { number dueDate status beneficiary { displayName }
                  statistics { expected { amount } received { amount } outstanding { amount } paidCount lateCount collectionRate } }
                passages { position status amount { amount } beneficiary { displayName } } } }
            """;
        var session = $$"""
            { node(id: "{{serializer.Format("TontineSession", sessionIds[PaidSessions])}}") { ... on TontineSession {
                number dueDate statistics { expected { amount } received { amount } penaltiesAccrued { amount } paidCount lateCount }
                contributions { member { displayName } expected { amount } received { amount } penalty { amount } status daysLate } } } }
            """;
        const string mine = "{ tontines(first: 20) { totalCount nodes { name status type memberCount potBalance { amount currency } myRole } } }";
        const string pay = """
            mutation($input: PayContributionInput!) { payContribution(input: $input) { errors { __typename ... on Error { code message } } } }
            """;
        // Unpaid contributions of the sessions after the paid ones, one per payment: each member pays for themself.
        var unpaid = new System.Collections.Concurrent.ConcurrentQueue<(Guid Session, Guid Member)>(
            sessionIds.Skip(PaidSessions).SelectMany(s => memberIds.Select(m => (s, m))));
        Task PayAsync()
        {
            if (!unpaid.TryDequeue(out var next))
            {
                throw new InvalidOperationException("No unpaid contribution left; lower --iterations.");
            }
            var index = memberIds.IndexOf(next.Member);
            return RunAsync(pay, Principal(next.Member), new Dictionary<string, object?>
            {
                ["input"] = new Dictionary<string, object?>
                {
                    ["sessionId"] = serializer.Format("TontineSession", next.Session),
                    ["method"] = "ORANGE_MONEY",
                    ["walletNumber"] = Phone(index),
                    ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
                },
            }, expect: "\"errors\":null");
        }

        var cases = new (string Name, Func<Task> Run)[]
        {
            ("sheet", () => RunAsync(sheet, treasurer)),
            ("session", () => RunAsync(session, treasurer)),
            ("my-tontines", () => RunAsync(mine, Principal(demoMember))),
            ("pay", PayAsync),
        };
        foreach (var (name, run) in cases)
        {
            for (var i = 0; i < (name == "pay" ? 10 : 30); i++)
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

    /// <summary>The large tontine: 40 members (the first its president, the second its treasurer), started, with the
    /// contributions of its first sessions marked received as their settlement leaves them.</summary>
    private static async Task<(Guid Tontine, List<Guid> Sessions, List<Guid> Members)> AddLargeTontineAsync(IDbContextFactory<GraphDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var users = Enumerable.Range(0, Members).Select(i => new User
        {
            Id = Guid.CreateVersion7(),
            DisplayName = $"Membre {i:00}",
            Email = $"membre{i}@bench.local",
            Phone = Phone(i),
            CreatedAt = now,
            PasswordChangedAt = now,
        }).ToList();
        db.Users.AddRange(users);
        var today = DateOnly.FromDateTime(now);
        var tontine = new Tontine
        {
            Name = "Grande tontine du marché",
            CreatedAt = now,
            UpdatedAt = now,
            Contribution = new Money(10_000m, Currency.XOF),
            StartDate = today.AddMonths(-PaidSessions),
            MemberLimit = Members,
            GraceDays = 3,
            PenaltyMode = LatePenaltyMode.FixedPerDay,
            PenaltyRate = 100m,
            PenaltyCap = 2_000m,
            PayoutOrder = PayoutOrderMethod.JoinDate,
        };
        db.Tontines.Add(tontine);
        for (var i = 0; i < users.Count; i++)
        {
            tontine.Members.Add(new TontineMember
            {
                TontineId = tontine.Id,
                UserId = users[i].Id,
                Role = i switch { 0 => TontineRole.President, 1 => TontineRole.Treasurer, _ => TontineRole.Member },
                JoinedAt = now.AddMinutes(i),
            });
        }
        await db.SaveChangesAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sessions = await TontineStarter.StartAsync(db, tontine, now, CancellationToken.None);
        foreach (var s in sessions)
        {
            // The later sessions are all open, so that each payment of the "pay" case has a contribution it may pay.
            s.Status = s.Number <= PaidSessions ? TontineSessionStatus.Closed : TontineSessionStatus.Open;
            s.OpenedAt = now;
            s.ClosedAt = s.Status == TontineSessionStatus.Closed ? now : null;
        }
        await db.SaveChangesAsync();
        var paid = sessions.Where(s => s.Number <= PaidSessions).Select(s => s.Id).ToList();
        await db.TontineContributions.Where(c => paid.Contains(c.SessionId))
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Received, x => x.Expected).SetProperty(x => x.PaidAt, now));
        await transaction.CommitAsync();
        return (tontine.Id, sessions.Select(s => s.Id).ToList(), users.Select(u => u.Id).ToList());
    }

    private static string Phone(int index) => "+2217710" + index.ToString("00000", CultureInfo.InvariantCulture);

    private static ClaimsPrincipal Principal(Guid userId) =>
        new(new ClaimsIdentity([new Claim(IdentityClaims.Subject, userId.ToString("D"))], IdentityClaims.AuthenticationType, IdentityClaims.Name, IdentityClaims.Role));

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
