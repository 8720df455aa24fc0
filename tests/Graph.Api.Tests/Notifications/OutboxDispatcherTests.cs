using Graph.Api.Data;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Notifications;

/// <summary>
/// The dispatcher against a real outbox: priority shares under load, backoff and DEAD after the last attempt, several
/// dispatchers sharing one outbox, and a claim lost by a stopped instance.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_database);

    private string ConnectionString => TestPostgres.ConnectionStringFor(_database);

    private static readonly Dictionary<string, string?> OneAtATime = new()
    {
        ["Graph:Notifications:Dispatcher:BatchSize"] = "40",
        ["Graph:Notifications:Dispatcher:Concurrency"] = "1",
    };

    [Fact]
    public void Each_priority_gets_its_share_of_a_round_and_low_at_least_one()
    {
        Assert.Equal([23, 10, 5, 2], OutboxDispatcher.Quotas(40, [8, 4, 2, 1]));
        Assert.Equal([1, 1, 1, 1], OutboxDispatcher.Quotas(4, [8, 4, 2, 1]));
        // A round holds at least one message of each priority.
        Assert.Equal([1, 1, 1, 1], OutboxDispatcher.Quotas(1, [8, 4, 2, 1]));
        Assert.Equal([7, 1, 1, 1], OutboxDispatcher.Quotas(10, [100, 1, 1, 1]));
        Assert.Equal([10, 10, 10, 10], OutboxDispatcher.Quotas(40, [1, 1, 1, 1]));
        // Shares of zero or missing count as one: no priority is ever left out.
        Assert.Equal([3, 2, 2, 2], OutboxDispatcher.Quotas(9, [0, -3]));
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay_up_to_the_maximum()
    {
        var baseDelay = TimeSpan.FromSeconds(30);
        var max = TimeSpan.FromHours(1);
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDispatcher.Backoff(1, baseDelay, max));
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxDispatcher.Backoff(2, baseDelay, max));
        Assert.Equal(TimeSpan.FromSeconds(240), OutboxDispatcher.Backoff(4, baseDelay, max));
        Assert.Equal(max, OutboxDispatcher.Backoff(9, baseDelay, max));
        Assert.Equal(max, OutboxDispatcher.Backoff(int.MaxValue, baseDelay, max));
    }

    [Fact]
    public async Task Urgent_messages_pass_a_bulk_backlog_and_low_is_never_starved()
    {
        await using var host = OutboxTestHost.Start(ConnectionString, settings: OneAtATime);
        // A bulk backlog written first, then the urgent messages behind it.
        var low = (await host.EnqueueAsync(1000, NotificationPriority.Low)).ToHashSet();
        var normal = (await host.EnqueueAsync(200, NotificationPriority.Normal)).ToHashSet();
        var high = (await host.EnqueueAsync(100, NotificationPriority.High)).ToHashSet();
        var urgent = (await host.EnqueueAsync(60, NotificationPriority.Urgent)).ToHashSet();

        // Under load: more urgent messages arrive while the backlog drains.
        var rounds = new List<List<OutgoingMessage>>();
        HashSet<Guid> late = [];
        for (var i = 0; i < 1000; i++)
        {
            if (i == 5)
            {
                late = [.. await host.EnqueueAsync(30, NotificationPriority.Urgent)];
            }
            var before = host.Sms.Received.Count;
            var round = await host.Dispatcher.RunOnceAsync();
            if (round.Claimed == 0)
            {
                break;
            }
            Assert.Equal(round.Claimed, round.Sent);
            rounds.Add([.. host.Sms.Received.Skip(before)]);
        }

        var sent = rounds.SelectMany(r => r).ToList();
        Assert.Equal(1390, sent.Count);
        Assert.Equal(1390, sent.Select(m => m.Id).Distinct().Count());
        // The 60 urgent ones: 23 a round by share, plus what the other priorities left: all within the first 3 rounds of 40.
        Assert.All(rounds.Take(3).SelectMany(r => r).Where(m => urgent.Contains(m.Id)), m => Assert.Equal(NotificationPriority.Urgent, m.Priority));
        Assert.True(urgent.IsSubsetOf(rounds.Take(3).SelectMany(r => r).Select(m => m.Id)), "every early urgent message leaves within 3 rounds");
        // The 30 written during round 5 leave in rounds 6 and 7, ahead of 1,000 older LOW ones.
        Assert.True(late.IsSubsetOf(rounds.Skip(5).Take(2).SelectMany(r => r).Select(m => m.Id)), "urgent messages written under load leave within 2 rounds");
        // Never starved: while LOW messages wait, every round sends some.
        var lastLowRound = rounds.FindLastIndex(r => r.Any(m => low.Contains(m.Id)));
        Assert.All(rounds.Take(lastLowRound + 1), r => Assert.Contains(r, m => m.Priority == NotificationPriority.Low));
        // Within a round, the most urgent leave first.
        Assert.All(rounds, r => Assert.Equal(r.Select(m => m.Priority).Order(), r.Select(m => m.Priority)));
        // HIGH and NORMAL all leave before the LOW backlog does.
        var position = sent.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i);
        Assert.True(high.Concat(normal).Max(id => position[id]) < low.Max(id => position[id]));

        await using var db = host.Context();
        Assert.Equal(1390, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.SentAt != null));
    }

    [Fact]
    public async Task A_failing_message_backs_off_exponentially_and_is_dead_after_the_last_attempt()
    {
        var clock = new ManualClock();
        await using var host = OutboxTestHost.Start(ConnectionString, clock, new Dictionary<string, string?>
        {
            ["Graph:Notifications:Dispatcher:MaxAttempts"] = "4",
            ["Graph:Notifications:Dispatcher:RetryBaseDelay"] = "00:00:30",
            ["Graph:Notifications:Dispatcher:RetryMaxDelay"] = "00:01:30",
        });
        host.Sms.Answer = m => SendResult.Failed($"Gateway busy (attempt {m.Attempt}).");
        var id = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.High, template: NotificationTemplates.PasswordReset));

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var round = await host.Dispatcher.RunOnceAsync();
            Assert.Equal(new DispatchRound(1, 0, 1, 0), round);
            var message = await host.MessageAsync(id);
            Assert.Equal(OutboxStatus.Failed, message.Status);
            Assert.Equal(attempt, message.Attempts);
            Assert.Equal($"Gateway busy (attempt {attempt}).", message.LastError);
            Assert.NotNull(message.SecretParameters);
            var wait = message.NextAttemptAt - clock.GetUtcNow().UtcDateTime;
            waits.Add(wait);

            // Not due yet: nothing is claimed.
            clock.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal(0, (await host.Dispatcher.RunOnceAsync()).Claimed);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        // 30 s, 60 s, then 120 s capped at 90 s, each within ±20 % jitter.
        AssertWithin(TimeSpan.FromSeconds(30), waits[0]);
        AssertWithin(TimeSpan.FromSeconds(60), waits[1]);
        AssertWithin(TimeSpan.FromSeconds(90), waits[2]);

        Assert.Equal(new DispatchRound(1, 0, 0, 1), await host.Dispatcher.RunOnceAsync());
        var dead = await host.MessageAsync(id);
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal(4, dead.Attempts);
        Assert.Equal("Gateway busy (attempt 4).", dead.LastError);
        // The reset code is erased once the message is given up.
        Assert.Null(dead.SecretParameters);
        Assert.Equal(4, host.Sms.Calls);

        // Dead stays dead.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await host.Dispatcher.RunOnceAsync()).Claimed);
        Assert.Equal(4, host.Sms.Calls);
    }

    [Fact]
    public async Task A_refusal_is_dead_at_once_and_retry_after_is_respected()
    {
        var clock = new ManualClock();
        await using var host = OutboxTestHost.Start(ConnectionString, clock);
        var refused = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Normal));
        var throttled = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Normal));
        host.Sms.Answer = m => m.Id == refused
            ? SendResult.Rejected("The number is not a mobile number.")
            : SendResult.Failed("Too many requests.", TimeSpan.FromMinutes(10));

        Assert.Equal(new DispatchRound(2, 0, 1, 1), await host.Dispatcher.RunOnceAsync());

        var dead = await host.MessageAsync(refused);
        Assert.Equal((OutboxStatus.Dead, 1, "The number is not a mobile number."), (dead.Status, dead.Attempts, dead.LastError));
        var waiting = await host.MessageAsync(throttled);
        Assert.Equal(OutboxStatus.Failed, waiting.Status);
        // The provider asked for 10 minutes, more than the 30 s backoff.
        Assert.Equal(clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(10), waiting.NextAttemptAt);
    }

    [Fact]
    public async Task A_sender_that_throws_or_hangs_counts_as_a_failed_attempt()
    {
        await using var host = OutboxTestHost.Start(ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Graph:Notifications:Dispatcher:AttemptTimeout"] = "00:00:00.200",
        });
        var throws = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Normal));
        var fine = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Normal));
        host.Sms.Answer = m => m.Id == throws ? throw new InvalidOperationException("socket closed") : SendResult.Sent();

        Assert.Equal(new DispatchRound(2, 1, 1, 0), await host.Dispatcher.RunOnceAsync());
        var failed = await host.MessageAsync(throws);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        // The exception's type only: its message may hold what a client must not read.
        Assert.Equal("The sender failed: InvalidOperationException.", failed.LastError);
        Assert.Equal(OutboxStatus.Sent, (await host.MessageAsync(fine)).Status);

        // A sender that never answers is cut off after the attempt timeout.
        var slow = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Urgent));
        host.Sms.Delay = TimeSpan.FromMinutes(5);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(new DispatchRound(1, 0, 1, 0), await host.Dispatcher.RunOnceAsync());
        Assert.True(started.Elapsed < TimeSpan.FromMinutes(1));
        Assert.Equal("The sender did not answer within 0.2 s.", (await host.MessageAsync(slow)).LastError);
    }

    [Fact]
    public async Task Two_dispatchers_never_send_the_same_message_twice()
    {
        // Two API instances on one database, each with its own dispatcher, sharing one recording sender.
        var shared = new RecordingSender(NotificationChannel.Sms) { Delay = TimeSpan.FromMilliseconds(1) };
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Notifications:Dispatcher:BatchSize"] = "25",
            ["Graph:Notifications:Dispatcher:Concurrency"] = "4",
        };
        await using var first = OutboxTestHost.Start(ConnectionString, settings: settings, sms: shared);
        await using var second = OutboxTestHost.Start(ConnectionString, settings: settings, sms: shared);
        var ids = new List<Guid>();
        foreach (var priority in Enum.GetValues<NotificationPriority>())
        {
            ids.AddRange(await first.EnqueueAsync(400, priority));
        }

        async Task<int> RunAsync(OutboxDispatcher dispatcher)
        {
            var claimed = 0;
            while (true)
            {
                var round = await dispatcher.RunOnceAsync();
                if (round.Claimed == 0)
                {
                    return claimed;
                }
                claimed += round.Claimed;
            }
        }

        var counts = await Task.WhenAll(RunAsync(first.Dispatcher), RunAsync(second.Dispatcher), RunAsync(first.Dispatcher), RunAsync(second.Dispatcher));

        Assert.Equal(1600, counts.Sum());
        // Both instances took part.
        Assert.True(counts[0] + counts[2] > 0 && counts[1] + counts[3] > 0, $"claims per dispatcher: {string.Join(", ", counts)}");
        var sent = shared.Received.Select(m => m.Id).ToList();
        Assert.Equal(1600, sent.Count);
        Assert.Equal(ids.Order(), sent.Order());
        await using var db = first.Context();
        Assert.Equal(1600, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1));
    }

    [Fact]
    public async Task A_claim_lost_by_a_stopped_instance_is_taken_again_after_the_claim_timeout()
    {
        var clock = new ManualClock();
        await using var host = OutboxTestHost.Start(ConnectionString, clock, new Dictionary<string, string?>
        {
            ["Graph:Notifications:Dispatcher:MaxAttempts"] = "2",
            ["Graph:Notifications:Dispatcher:ClaimTimeout"] = "00:02:00",
        });
        var retried = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Normal));
        var lastChance = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Normal));
        var now = clock.GetUtcNow().UtcDateTime;
        // As a dispatcher that claimed both and stopped before answering leaves them: attempt counted, due at the claim's end.
        await using (var db = host.Context())
        {
            await db.OutboxMessages.Where(m => m.Id == retried).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 1).SetProperty(m => m.NextAttemptAt, now.AddMinutes(2)));
            await db.OutboxMessages.Where(m => m.Id == lastChance).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 2).SetProperty(m => m.NextAttemptAt, now.AddMinutes(2)));
        }

        Assert.Equal(0, (await host.Dispatcher.RunOnceAsync()).Claimed);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new DispatchRound(1, 1, 0, 1), await host.Dispatcher.RunOnceAsync());

        var sent = await host.MessageAsync(retried);
        Assert.Equal((OutboxStatus.Sent, 2), (sent.Status, sent.Attempts));
        var dead = await host.MessageAsync(lastChance);
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal("The last attempt was claimed by a dispatcher that never reported back.", dead.LastError);
        Assert.Equal([retried], host.Sms.Received.Select(m => m.Id));
    }

    [Fact]
    public async Task Messages_wait_while_their_channel_has_no_sender()
    {
        await using var host = OutboxTestHost.Start(ConnectionString);
        var email = Assert.Single(await host.EnqueueAsync(1, NotificationPriority.Urgent, NotificationChannel.Email));
        await host.Dispatcher.RunOnceAsync();
        Assert.Equal(OutboxStatus.Sent, (await host.MessageAsync(email)).Status);

        // An instance with only an SMS sender claims no EMAIL message.
        var registry = new NotificationSenderRegistry([host.Sms], Microsoft.Extensions.Options.Options.Create(new Graph.Api.Hosting.GraphOptions()),
            new TestEnvironment("Production"), new NoHttp(), new DevelopmentMailbox(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Equal([NotificationChannel.Sms], registry.Channels);
        Assert.Null(registry.For(NotificationChannel.Email));
    }

    private static void AssertWithin(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected * 0.8 - TimeSpan.FromMilliseconds(1), expected * 1.2 + TimeSpan.FromMilliseconds(1));

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No HTTP here.");
    }

    private sealed class TestEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Graph.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
