using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL;
using Graph.GraphQL.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>
/// The PostgreSQL provider against a real server: two service providers stand for two API instances on one database.
/// </summary>
public sealed class PostgresSubscriptionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly List<ServiceProvider> _instances = [];

    public sealed record Book(Guid Id, string Title, decimal Price, IReadOnlyList<string> Tags, DateOnly? PublishedOn);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>One "API instance": its own service provider, data source and listener.</summary>
    private ServiceProvider Instance(string name, Action<PostgresSubscriptionOptions>? configure = null, RecordingLoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString));
        services.AddGraphQLServer().AddPostgresSubscriptions(o =>
        {
            o.DataSourceFactory = sp => sp.GetRequiredService<NpgsqlDataSource>();
            o.ListenerApplicationName = "graph subscriptions " + name;
            o.ReconnectDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    private static ITopicEventSender Sender(IServiceProvider instance) => instance.GetRequiredService<ITopicEventSender>();

    private static ITopicEventReceiver Receiver(IServiceProvider instance) => instance.GetRequiredService<ITopicEventReceiver>();

    private static async Task<List<T>> ReadAsync<T>(IAsyncEnumerator<T> events, int count)
    {
        var received = new List<T>();
        for (var i = 0; i < count; i++)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The stream ended early.");
            received.Add(events.Current);
        }
        return received;
    }

    private static Book SampleBook(string title, int tagCount = 2) => new(
        Guid.CreateVersion7(),
        title,
        4000m,
        Enumerable.Range(0, tagCount).Select(i => "tag-" + i).ToList(),
        new DateOnly(2024, 5, 17));

    private static void AssertSameBook(Book expected, Book actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Price, actual.Price);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.PublishedOn, actual.PublishedOn);
    }

    [Fact]
    public async Task An_event_sent_on_one_instance_reaches_the_subscribers_of_every_instance_once()
    {
        var a = Instance("a");
        var b = Instance("b");
        await using var onA = await Receiver(a).SubscribeAsync<Book>("bookAdded");
        await using var onB = await Receiver(b).SubscribeAsync<Book>("bookAdded");
        await using var eventsOnA = onA.ReadEventsAsync().GetAsyncEnumerator();
        await using var eventsOnB = onB.ReadEventsAsync().GetAsyncEnumerator();
        var book = SampleBook("Cabosses");

        await Sender(a).SendAsync("bookAdded", book);
        await Sender(a).SendAsync("bookAdded", SampleBook("marker"));

        // Each instance hears its own notification too, and delivers it once: the next event is the marker.
        var onAReceived = await ReadAsync(eventsOnA, 2);
        var onBReceived = await ReadAsync(eventsOnB, 2);
        AssertSameBook(book, onAReceived[0]);
        AssertSameBook(book, onBReceived[0]);
        Assert.Equal("marker", onAReceived[1].Title);
        Assert.Equal("marker", onBReceived[1].Title);
    }

    [Fact]
    public async Task A_50_KB_event_arrives_intact()
    {
        var a = Instance("a");
        var b = Instance("b");
        await using var stream = await Receiver(b).SubscribeAsync<Book>("big");
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator();
        var random = new Random(11);
        const string Alphabet = "abcdéfghijklmnopqrstuvwxyzÀÉÈ \"\\<>&'߷\n\t";
        var title = new string(Enumerable.Range(0, 50_000).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        var book = SampleBook(title, tagCount: 300);

        await Sender(a).SendAsync("big", book);

        AssertSameBook(book, Assert.Single(await ReadAsync(events, 1)));
    }

    [Fact]
    public async Task Events_of_many_concurrent_senders_all_arrive_in_each_senders_order()
    {
        var a = Instance("a");
        var b = Instance("b");
        await using var stream = await Receiver(b).SubscribeAsync<Book>("busy", 2000, TopicBufferFullMode.Fail);
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator();
        const int Senders = 12;
        const int PerSender = 40;

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            var instance = sender % 2 == 0 ? a : b;
            for (var i = 0; i < PerSender; i++)
            {
                // Every fifth event is large, so chunks of concurrent transactions interleave with small events.
                var title = i % 5 == 0 ? $"{sender}:{i}:" + new string('x', 20_000) : $"{sender}:{i}:";
                await Sender(instance).SendAsync("busy", SampleBook(title));
            }
        })));

        var received = await ReadAsync(events, Senders * PerSender);
        var keys = received.Select(e => e.Title.Split(':')).Select(p => (Sender: int.Parse(p[0]), Index: int.Parse(p[1]))).ToList();
        Assert.Equal(Senders * PerSender, keys.Distinct().Count());
        foreach (var group in keys.GroupBy(k => k.Sender))
        {
            Assert.Equal(Enumerable.Range(0, PerSender), group.Select(k => k.Index));
        }
    }

    [Fact]
    public async Task Topics_are_arbitrary_strings_kept_apart()
    {
        var a = Instance("a");
        var b = Instance("b");
        string[] topics = ["x'); DROP TABLE books; --", "x\"y", "Ünïcödé 🎉", "a:b:{c}", "$1", "", new string('t', 2000)];
        var streams = new List<IAsyncEnumerator<string>>();
        foreach (var topic in topics)
        {
            streams.Add((await Receiver(b).SubscribeAsync<string>(topic)).ReadEventsAsync().GetAsyncEnumerator());
        }

        foreach (var topic in topics)
        {
            await Sender(a).SendAsync(topic, "for " + topic);
        }

        for (var i = 0; i < topics.Length; i++)
        {
            Assert.Equal("for " + topics[i], Assert.Single(await ReadAsync(streams[i], 1)));
            await streams[i].DisposeAsync();
        }
        await using var books = database.CreateContext();
        Assert.True(await books.Database.CanConnectAsync());
    }

    [Fact]
    public async Task Completing_a_topic_on_one_instance_ends_the_streams_on_the_others()
    {
        var a = Instance("a");
        var b = Instance("b");
        await using var stream = await Receiver(b).SubscribeAsync<string>("closing");
        await using var other = await Receiver(b).SubscribeAsync<string>("staying");

        await Sender(a).SendAsync("closing", "last");
        await Sender(a).CompleteAsync("closing");
        await Sender(a).SendAsync("staying", "still here");

        var received = new List<string>();
        await foreach (var message in stream.ReadEventsAsync().WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            received.Add(message);
        }
        Assert.Equal(["last"], received);
        Assert.Equal(["still here"], await ReadAsync(other.ReadEventsAsync().GetAsyncEnumerator(), 1));
    }

    [Fact]
    public async Task The_listener_reconnects_after_its_backend_is_terminated()
    {
        var logs = new RecordingLoggerProvider();
        var a = Instance("a");
        var b = Instance("reconnect", logs: logs);
        await using var stream = await Receiver(b).SubscribeAsync<string>("resilient");
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator();
        var before = await ListenerProcessIdsAsync("graph subscriptions reconnect");
        var terminated = Assert.Single(before);

        await TestPostgres.ExecuteAsync($"SELECT pg_terminate_backend({terminated})", database.ConnectionString);

        // Wait (bounded) until a new session listens, then send: the same subscription receives it.
        var deadline = DateTime.UtcNow + HangGuard;
        int[] after;
        do
        {
            await Task.Delay(50);
            after = await ListenerProcessIdsAsync("graph subscriptions reconnect");
        }
        while ((after.Length == 0 || after.Contains(terminated)) && DateTime.UtcNow < deadline);
        Assert.Single(after);
        Assert.NotEqual(terminated, after[0]);

        await Sender(a).SendAsync("resilient", "after the reconnection");

        Assert.Equal(["after the reconnection"], await ReadAsync(events, 1));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("lost its connection", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("listening again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notifications_of_others_on_the_channel_are_ignored()
    {
        var logs = new RecordingLoggerProvider();
        var b = Instance("b", logs: logs);
        await using var stream = await Receiver(b).SubscribeAsync<string>("real");
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator();

        await TestPostgres.ExecuteAsync("NOTIFY graph_subscriptions, 'hello'; NOTIFY graph_subscriptions, '0123456789abcdef0123456789abcdef:0:1:{\"kind\":\"message\"}'", database.ConnectionString);
        await Sender(b).SendAsync("real", "event");

        Assert.Equal(["event"], await ReadAsync(events, 1));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("not a subscription message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instances_on_different_channels_do_not_hear_each_other()
    {
        var a = Instance("a", o => o.ChannelName = "other_app");
        var b = Instance("b");
        await using var stream = await Receiver(b).SubscribeAsync<string>("shared");
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator();

        await Sender(a).SendAsync("shared", "from the other application");
        await Sender(b).SendAsync("shared", "from this application");

        Assert.Equal(["from this application"], await ReadAsync(events, 1));
    }

    [Fact]
    public async Task An_event_that_does_not_fit_the_subscribers_type_is_skipped()
    {
        var b = Instance("b");
        await using var stream = await Receiver(b).SubscribeAsync<Book>("typed");
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator();

        await Sender(b).SendAsync("typed", new[] { 1, 2, 3 });
        await Sender(b).SendAsync("typed", SampleBook("fits"));

        Assert.Equal("fits", Assert.Single(await ReadAsync(events, 1)).Title);
    }

    [Fact]
    public async Task An_event_larger_than_the_limit_is_refused_by_the_sender()
    {
        var a = Instance("a", o => o.MaxMessageSize = 10_000);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Sender(a).SendAsync("t", new string('x', 20_000)));

        Assert.Contains("MaxMessageSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribing_while_the_database_is_unreachable_fails_with_a_retryable_code()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGraphQLServer().AddPostgresSubscriptions(o => o.ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<GraphQLException>(async () => await provider.GetRequiredService<ITopicEventReceiver>().SubscribeAsync<string>("t"));

        Assert.Equal(ErrorCodes.SubscriptionUnavailable, Assert.Single(error.Errors).Code);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_a_data_source_are_refused()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddPostgresSubscriptions(o => o.ChannelName = "x");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITopicEventSender>());

        Assert.Contains("DataSourceFactory or a ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private async Task<int[]> ListenerProcessIdsAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = applicationName } },
        };
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return [.. pids];
    }
}
