using System.Collections.Concurrent;
using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Payments;
using Graph.Api.Tontines;
using Graph.GraphQL.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Tests.Tontines;

/// <summary>
/// The real server for the money of running tontines (<see cref="PaymentsHost"/>: simulated providers, a clock the test
/// moves), with tontines set up and started straight in the database, payments settled as a provider's callback would,
/// and a signal each time the server listens to a topic (for subscriptions over a WebSocket).
/// </summary>
internal sealed class TontineMoneyHost : IAsyncDisposable
{
    /// <summary>A wallet the simulators accept.</summary>
    public const string Wallet = "+221771234567";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _subscribed = new(StringComparer.Ordinal);

    private TontineMoneyHost(DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings)
    {
        Payments = PaymentsHost.Start(database, settings, services: services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(ITopicEventReceiver));
            services.Replace(ServiceDescriptor.Singleton<ITopicEventReceiver>(sp =>
                new SignallingReceiver((ITopicEventReceiver)original.ImplementationFactory!(sp), this)));
        });
    }

    public PaymentsHost Payments { get; }

    public ManualClock Clock => Payments.Clock;

    public DateTime Now => Payments.Now;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public TontineTreasury Treasury => Payments.Services.GetRequiredService<TontineTreasury>();

    public CashPaymentsService Cash => Payments.Services.GetRequiredService<CashPaymentsService>();

    /// <summary>Starts the server, with <paramref name="settings"/> over the payment tests' own.</summary>
    public static TontineMoneyHost Start(DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings = null) => new(database, settings);

    public ValueTask DisposeAsync() => Payments.DisposeAsync();

    public Graph.Api.Data.GraphDbContext TestContext() => Payments.TestContext();

    /// <summary>Adds a user.</summary>
    public Task<User> AddUserAsync(string name = "Awa Diop") => Payments.Inbox.AddUserAsync(displayName: name);

    /// <summary>An access token for the user.</summary>
    public string TokenOf(Guid userId, params PlatformRole[] roles) => Payments.Inbox.TokenOf(userId, roles);

    /// <summary>
    /// A tontine started today (its first session due today unless <paramref name="startDate"/> says otherwise) with a
    /// president, a treasurer and <paramref name="members"/> more members (at least 2 people in all); its payout order is
    /// the order of <see cref="StartedTontine.People"/> (president, treasurer, then the members).
    /// </summary>
    public async Task<StartedTontine> StartAsync(
        TontineType type = TontineType.Rotating, int members = 1, Money? contribution = null, TontineFrequency frequency = TontineFrequency.Monthly,
        DateOnly? startDate = null, LatePenaltyMode penaltyMode = LatePenaltyMode.None, decimal penaltyRate = 0m, decimal? penaltyCap = null, int graceDays = 0,
        int? savingsPercent = null, int? sessionCount = null, bool treasurer = true)
    {
        var people = new List<User> { await AddUserAsync("Awa Diop") };
        if (treasurer)
        {
            people.Add(await AddUserAsync("Fatou Sow"));
        }
        for (var i = 0; i < members; i++)
        {
            people.Add(await AddUserAsync($"Membre {i + 1}"));
        }
        await using var db = Payments.TestContext();
        var now = Now;
        var tontine = new Tontine
        {
            Name = "Tontine " + Guid.NewGuid().ToString("N")[..8],
            CreatedAt = now,
            UpdatedAt = now,
            Type = type,
            Frequency = frequency,
            Contribution = contribution ?? new Money(10_000m, Currency.XOF),
            StartDate = startDate ?? Today,
            MemberLimit = Math.Max(TontineRules.MinMembers, people.Count),
            GraceDays = graceDays,
            PenaltyMode = penaltyMode,
            PenaltyRate = penaltyRate,
            PenaltyCap = penaltyCap,
            SavingsPercent = type == TontineType.Mixed ? savingsPercent ?? 30 : null,
            SessionCount = type == TontineType.Cumulative ? sessionCount : null,
            PayoutOrder = PayoutOrderMethod.Manual,
        };
        db.Tontines.Add(tontine);
        for (var i = 0; i < people.Count; i++)
        {
            var role = i == 0 ? TontineRole.President : i == 1 && treasurer ? TontineRole.Treasurer : TontineRole.Member;
            tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = people[i].Id, Role = role, JoinedAt = now.AddSeconds(i) });
        }
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (type != TontineType.Cumulative)
            {
                await TontineStarter.SetOrderAsync(db, tontine, PayoutOrderMethod.Manual, people.Select(p => p.Id).ToArray(), now, default);
                await db.SaveChangesAsync();
            }
            await TontineStarter.StartAsync(db, tontine, now, default);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        var sessions = await db.TontineSessions.AsNoTracking().Where(s => s.TontineId == tontine.Id).OrderBy(s => s.Number).Select(s => s.Id).ToListAsync();
        return new StartedTontine(tontine.Id, people, sessions);
    }

    /// <summary>Settles a payment as its provider's callback would (mobile money succeeds).</summary>
    public async Task SucceedAsync(Guid paymentId)
    {
        var payment = (await Payments.Payments.FindAsync(paymentId, default))!;
        var outcome = await Payments.Payments.ApplyAsync(paymentId, new ProviderUpdate(ProviderState.Succeeded, $"SIM-{paymentId:N}", Amount: payment.Amount),
            new TransitionOrigin(PaymentEventSource.Callback), default);
        Assert.Equal(TransitionOutcome.Applied, outcome);
    }

    /// <summary>Fails a payment as its provider's callback would.</summary>
    public Task FailAsync(Guid paymentId) =>
        Payments.Payments.ApplyAsync(paymentId, new ProviderUpdate(ProviderState.Failed, $"SIM-{paymentId:N}", PaymentFailureReason.Rejected, "The customer declined."),
            new TransitionOrigin(PaymentEventSource.Callback), default);

    /// <summary>Runs a mutation and returns its payload.</summary>
    public Task<JsonElement> MutateAsync(Guid caller, string mutation, string field, object input, params PlatformRole[] roles) =>
        Payments.Inbox.MutateAsync(TokenOf(caller, roles), mutation, field, input);

    /// <summary>Runs an operation, which must succeed, and returns its data.</summary>
    public Task<JsonElement> DataAsync(Guid caller, string query, object? variables = null, params PlatformRole[] roles) =>
        Payments.Inbox.DataAsync(TokenOf(caller, roles), query, variables);

    /// <summary>The error codes of a payload (none when it has no errors).</summary>
    public static IReadOnlyList<string> Codes(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null
            ? []
            : [.. payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!)];

    /// <summary>Completes once the server has subscribed <paramref name="count"/> times to <paramref name="topic"/>.</summary>
    public Task SubscribedAsync(string topic, int count = 1) => Signal($"{topic}#{count}").Task.WaitAsync(TimeSpan.FromSeconds(30));

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private void Subscribed(string topic) => Signal($"{topic}#{_counts.AddOrUpdate(topic, 1, (_, n) => n + 1)}").TrySetResult();

    private TaskCompletionSource Signal(string key) => _subscribed.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>A graphql-transport-ws socket to the server, signed in with <paramref name="token"/>.</summary>
    public async Task<TestSocket> ConnectAsync(string token)
    {
        var client = Payments.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = TestSocket.Wrap(await client.ConnectAsync(new Uri(Payments.Factory.Server.BaseAddress, "graphql"), CancellationToken.None));
        await socket.InitializeAsync(new { Authorization = "Bearer " + token });
        return socket;
    }

    private sealed class SignallingReceiver(ITopicEventReceiver inner, TontineMoneyHost host) : ITopicEventReceiver
    {
        public async ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, CancellationToken cancellationToken = default)
        {
            var stream = await inner.SubscribeAsync<TMessage>(topic, cancellationToken);
            host.Subscribed(topic);
            return stream;
        }

        public async ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, int? bufferCapacity, TopicBufferFullMode? bufferFullMode, CancellationToken cancellationToken = default)
        {
            var stream = await inner.SubscribeAsync<TMessage>(topic, bufferCapacity, bufferFullMode, cancellationToken);
            host.Subscribed(topic);
            return stream;
        }
    }
}

/// <summary>A started tontine: its people (president, treasurer if any, members: also the payout order) and its sessions by rank.</summary>
internal sealed record StartedTontine(Guid Id, IReadOnlyList<User> People, IReadOnlyList<Guid> Sessions)
{
    public User President => People[0];

    public User Treasurer => People[1];
}
