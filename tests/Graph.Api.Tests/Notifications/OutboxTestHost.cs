using System.Collections.Concurrent;
using Graph.Api.Data;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Notifications;

/// <summary>
/// A sender that records what it is given (in order, with the round it came in) and answers what <see cref="Answer"/>
/// says (SENT by default), after <see cref="Delay"/>.
/// </summary>
public sealed class RecordingSender(NotificationChannel channel) : INotificationSender
{
    private int _calls;

    public NotificationChannel Channel { get; } = channel;

    public ConcurrentQueue<OutgoingMessage> Received { get; } = new();

    public Func<OutgoingMessage, SendResult> Answer { get; set; } = m => SendResult.Sent("provider-" + m.Id.ToString("N")[..8]);

    public TimeSpan Delay { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        Received.Enqueue(message);
        return Answer(message);
    }
}

/// <summary>
/// One API instance for outbox tests: the real server on a given database, its background dispatcher switched off (the
/// test runs rounds itself), recording senders for every channel and, optionally, a clock the test moves.
/// </summary>
public sealed class OutboxTestHost : IAsyncDisposable
{
    private OutboxTestHost(GraphApiFactory factory, RecordingSender sms, RecordingSender email, RecordingSender push, TimeProvider clock)
    {
        Factory = factory;
        Sms = sms;
        Email = email;
        Push = push;
        Clock = clock;
    }

    public GraphApiFactory Factory { get; }

    public RecordingSender Sms { get; }

    public RecordingSender Email { get; }

    public RecordingSender Push { get; }

    public TimeProvider Clock { get; }

    public OutboxDispatcher Dispatcher => Factory.Services.GetRequiredService<OutboxDispatcher>();

    public static OutboxTestHost Start(
        string connectionString,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        RecordingSender? sms = null)
    {
        sms ??= new RecordingSender(NotificationChannel.Sms);
        var email = new RecordingSender(NotificationChannel.Email);
        var push = new RecordingSender(NotificationChannel.Push);
        var all = new Dictionary<string, string?> { ["Graph:Notifications:Dispatcher:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var factory = new GraphApiFactory(connectionString, settings: all, services: services =>
        {
            TestClients.Add(services);
            services.AddSingleton<INotificationSender>(sms);
            services.AddSingleton<INotificationSender>(email);
            services.AddSingleton<INotificationSender>(push);
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
        // Build the host now, so that the services are there.
        _ = factory.Services;
        return new OutboxTestHost(factory, sms, email, push, clock ?? TimeProvider.System);
    }

    public GraphDbContext Context() => Factory.Services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext();

    /// <summary>Writes <paramref name="count"/> SMS messages of <paramref name="priority"/> to the outbox, committed.</summary>
    public async Task<List<Guid>> EnqueueAsync(int count, NotificationPriority priority, NotificationChannel channel = NotificationChannel.Sms, string template = NotificationTemplates.PasswordChanged)
    {
        var notifier = Factory.Services.GetRequiredService<Notifier>();
        await using var db = Context();
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var recipient = channel == NotificationChannel.Email ? $"client{i}@example.org" : $"+2217700{i:00000}";
            ids.Add(notifier.Enqueue(db, channel, recipient, template, "fr", Parameters(template), priority: priority).Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public static Dictionary<string, string> Parameters(string template) => template switch
    {
        NotificationTemplates.PasswordReset => new() { ["code"] = "K7QM4XR2PD", ["minutes"] = "30" },
        NotificationTemplates.TontineMemberAdded or NotificationTemplates.TontineRoleChanged => new() { ["tontine"] = "Tontine des tests", ["role"] = "MEMBER" },
        _ => [],
    };

    public async Task<OutboxMessage> MessageAsync(Guid id)
    {
        await using var db = Context();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Runs rounds until one claims nothing; returns each round's messages in the order they were sent.</summary>
    public async Task<List<List<OutgoingMessage>>> DrainAsync(int maxRounds = 1000)
    {
        var rounds = new List<List<OutgoingMessage>>();
        for (var i = 0; i < maxRounds; i++)
        {
            var before = Sms.Received.Count;
            var round = await Dispatcher.RunOnceAsync();
            if (round.Claimed == 0)
            {
                return rounds;
            }
            rounds.Add([.. Sms.Received.Skip(before)]);
        }
        throw new InvalidOperationException($"The outbox was not drained in {maxRounds} rounds.");
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
