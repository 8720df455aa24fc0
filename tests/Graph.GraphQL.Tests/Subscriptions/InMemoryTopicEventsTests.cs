using Graph.GraphQL.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Tests.Subscriptions;

/// <summary>The in-memory provider: fan-out, topics, completion, unsubscription and the buffer policies.</summary>
public sealed class InMemoryTopicEventsTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private ServiceProvider _services = null!;

    private RecordingLoggerFactory Logs { get; } = new();

    private ITopicEventSender Sender => _services.GetRequiredService<ITopicEventSender>();

    private ITopicEventReceiver Receiver => _services.GetRequiredService<ITopicEventReceiver>();

    private TopicHub Hub => _services.GetRequiredService<InMemoryTopicEvents>().Hub;

    public Task InitializeAsync()
    {
        _services = Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private ServiceProvider Create(Action<SubscriptionOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(Logs);
        services.AddGraphQLServer().AddInMemorySubscriptions(configure);
        return services.BuildServiceProvider();
    }

    private static async Task<List<T>> ReadAsync<T>(ISourceStream<T> stream, int count)
    {
        var events = new List<T>();
        if (count == 0)
        {
            return events;
        }
        await foreach (var message in stream.ReadEventsAsync().WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            events.Add(message);
            if (events.Count == count)
            {
                break;
            }
        }
        return events;
    }

    private static async Task<List<T>> ReadToEndAsync<T>(ISourceStream<T> stream)
    {
        var events = new List<T>();
        await foreach (var message in stream.ReadEventsAsync().WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            events.Add(message);
        }
        return events;
    }

    [Fact]
    public async Task Every_subscriber_of_a_topic_gets_every_event_in_order()
    {
        var streams = new List<ISourceStream<int>>();
        for (var i = 0; i < 50; i++)
        {
            streams.Add(await Receiver.SubscribeAsync<int>("ticks"));
        }

        for (var i = 1; i <= 10; i++)
        {
            await Sender.SendAsync("ticks", i);
        }

        foreach (var stream in streams)
        {
            Assert.Equal(Enumerable.Range(1, 10), await ReadAsync(stream, 10));
        }
    }

    [Fact]
    public async Task Topics_are_kept_apart_and_compared_exactly()
    {
        await using var lower = await Receiver.SubscribeAsync<string>("book:1");
        await using var upper = await Receiver.SubscribeAsync<string>("Book:1");
        await using var other = await Receiver.SubscribeAsync<string>("book:2");

        await Sender.SendAsync("book:1", "a");
        await Sender.SendAsync("Book:1", "b");
        await Sender.SendAsync("book:2", "c");
        await Sender.SendAsync("book:3", "nobody listens");
        await Sender.CompleteAsync("book:1");
        await Sender.CompleteAsync("Book:1");
        await Sender.CompleteAsync("book:2");

        Assert.Equal(["a"], await ReadToEndAsync(lower));
        Assert.Equal(["b"], await ReadToEndAsync(upper));
        Assert.Equal(["c"], await ReadToEndAsync(other));
    }

    [Fact]
    public async Task The_sent_object_itself_reaches_the_subscribers()
    {
        await using var first = await Receiver.SubscribeAsync<List<string>>("lists");
        await using var second = await Receiver.SubscribeAsync<object>("lists");
        var message = new List<string> { "x" };

        await Sender.SendAsync("lists", message);

        Assert.Same(message, Assert.Single(await ReadAsync(first, 1)));
        Assert.Same(message, Assert.Single(await ReadAsync(second, 1)));
    }

    [Fact]
    public async Task Completing_a_topic_ends_its_streams_after_their_buffered_events()
    {
        var first = await Receiver.SubscribeAsync<int>("done");
        var second = await Receiver.SubscribeAsync<int>("done");
        await using var bystander = await Receiver.SubscribeAsync<int>("other");

        await Sender.SendAsync("done", 1);
        await Sender.SendAsync("done", 2);
        await Sender.CompleteAsync("done");
        await Sender.SendAsync("done", 3);

        Assert.Equal([1, 2], await ReadToEndAsync(first));
        Assert.Equal([1, 2], await ReadToEndAsync(second));
        Assert.Equal(0, Hub.CountSubscribers("done"));
        Assert.Equal(1, Hub.CountSubscribers("other"));
    }

    [Fact]
    public async Task A_subscriber_after_completion_starts_a_new_stream()
    {
        await Sender.CompleteAsync("again");
        var early = await Receiver.SubscribeAsync<int>("again");
        await Sender.CompleteAsync("again");
        await using var late = await Receiver.SubscribeAsync<int>("again");

        await Sender.SendAsync("again", 7);

        Assert.Empty(await ReadToEndAsync(early));
        Assert.Equal([7], await ReadAsync(late, 1));
    }

    [Fact]
    public async Task Disposing_a_stream_unsubscribes_it()
    {
        var leaving = await Receiver.SubscribeAsync<int>("room");
        await using var staying = await Receiver.SubscribeAsync<int>("room");
        Assert.Equal(2, Hub.CountSubscribers("room"));

        await leaving.DisposeAsync();
        await leaving.DisposeAsync();
        await Sender.SendAsync("room", 1);

        Assert.Equal(1, Hub.CountSubscribers("room"));
        Assert.Equal([1], await ReadAsync(staying, 1));
        Assert.Empty(await ReadToEndAsync(leaving));
    }

    [Fact]
    public async Task Ending_the_enumeration_unsubscribes_and_the_events_are_read_once()
    {
        var stream = await Receiver.SubscribeAsync<int>("once");
        await Sender.SendAsync("once", 1);
        await Sender.SendAsync("once", 2);

        Assert.Equal([1], await ReadAsync(stream, 1));

        Assert.Equal(0, Hub.CountSubscribers("once"));
        Assert.Throws<InvalidOperationException>(() => stream.ReadEventsAsync());
        Assert.Throws<InvalidOperationException>(() => ((ISourceStream)stream).ReadEventsAsync());
    }

    [Fact]
    public async Task Cancelling_the_enumeration_unsubscribes()
    {
        var stream = await Receiver.SubscribeAsync<int>("cancel");
        using var cancellation = new CancellationTokenSource();
        await using var events = stream.ReadEventsAsync().GetAsyncEnumerator(cancellation.Token);

        var next = events.MoveNextAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await events.DisposeAsync();
        Assert.Equal(0, Hub.CountSubscribers("cancel"));
    }

    [Fact]
    public async Task The_untyped_stream_yields_the_same_events()
    {
        ISourceStream stream = await Receiver.SubscribeAsync<string>("plain");
        await Sender.SendAsync("plain", "hello");
        await Sender.CompleteAsync("plain");

        var events = new List<object?>();
        await foreach (var message in stream.ReadEventsAsync())
        {
            events.Add(message);
        }

        Assert.Equal("plain", stream.Topic);
        Assert.Equal(["hello"], events);
    }

    [Fact]
    public async Task A_slow_subscriber_neither_blocks_the_sender_nor_a_fast_subscriber()
    {
        // The slow subscriber reads nothing while 1,000 events are sent; the fast one has room for them all.
        await using var slow = await Receiver.SubscribeAsync<int>("load", bufferCapacity: 4, bufferFullMode: null);
        await using var fast = await Receiver.SubscribeAsync<int>("load", bufferCapacity: 1000, bufferFullMode: null);

        for (var i = 1; i <= 1000; i++)
        {
            var send = Sender.SendAsync("load", i);
            Assert.True(send.IsCompletedSuccessfully, "Sending must not wait for a subscriber.");
        }

        Assert.Equal(Enumerable.Range(1, 1000), await ReadAsync(fast, 1000));
        // DropOldest (the default): the slow subscriber kept the newest events.
        Assert.Equal([997, 998, 999, 1000], await ReadAsync(slow, 4));
    }

    [Fact]
    public async Task DropWrite_keeps_the_buffered_events_and_drops_the_arriving_ones()
    {
        await using var stream = await Receiver.SubscribeAsync<int>("status", 3, TopicBufferFullMode.DropWrite);

        for (var i = 1; i <= 10; i++)
        {
            await Sender.SendAsync("status", i);
        }
        await Sender.CompleteAsync("status");

        Assert.Equal([1, 2, 3], await ReadToEndAsync(stream));
    }

    [Fact]
    public async Task Fail_ends_the_stream_with_a_buffer_full_error_after_the_buffered_events()
    {
        var failing = await Receiver.SubscribeAsync<int>("strict", 3, TopicBufferFullMode.Fail);
        await using var other = await Receiver.SubscribeAsync<int>("strict", 10, TopicBufferFullMode.Fail);

        for (var i = 1; i <= 5; i++)
        {
            await Sender.SendAsync("strict", i);
        }

        var received = new List<int>();
        var error = await Assert.ThrowsAsync<GraphQLException>(async () =>
        {
            await foreach (var message in failing.ReadEventsAsync())
            {
                received.Add(message);
            }
        });
        Assert.Equal([1, 2, 3], received);
        Assert.Equal(ErrorCodes.SubscriptionBufferFull, Assert.Single(error.Errors).Extensions![ErrorCodes.ExtensionKey]);
        // The failed subscriber is gone; the other one is untouched.
        Assert.Equal(1, Hub.CountSubscribers("strict"));
        Assert.Equal([1, 2, 3, 4, 5], await ReadAsync(other, 5));
        Assert.Contains(Logs.At(LogLevel.Warning), e => e.Message.Contains(ErrorCodes.SubscriptionBufferFull, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_configured_buffer_applies_to_every_subscriber()
    {
        await using var services = Create(o =>
        {
            o.BufferCapacity = 2;
            o.BufferFullMode = TopicBufferFullMode.DropWrite;
        });
        var receiver = services.GetRequiredService<ITopicEventReceiver>();
        var sender = services.GetRequiredService<ITopicEventSender>();
        await using var stream = await receiver.SubscribeAsync<int>("small");

        for (var i = 1; i <= 5; i++)
        {
            await sender.SendAsync("small", i);
        }
        await sender.CompleteAsync("small");

        Assert.Equal([1, 2], await ReadToEndAsync(stream));
    }

    [Fact]
    public async Task The_default_buffer_holds_64_events()
    {
        await using var stream = await Receiver.SubscribeAsync<int>("default");

        for (var i = 1; i <= 100; i++)
        {
            await Sender.SendAsync("default", i);
        }
        await Sender.CompleteAsync("default");

        Assert.Equal(Enumerable.Range(37, 64), await ReadToEndAsync(stream));
    }

    [Fact]
    public async Task Dropped_events_are_logged_as_counted_warnings_not_one_per_event()
    {
        var stream = await Receiver.SubscribeAsync<int>("noisy", bufferCapacity: 4, bufferFullMode: null);

        for (var i = 1; i <= 1000; i++)
        {
            await Sender.SendAsync("noisy", i);
        }
        await stream.DisposeAsync();

        var warnings = Logs.At(LogLevel.Warning);
        Assert.InRange(warnings.Count, 2, 20);
        Assert.Equal(1L, warnings[0].Values["Count"]);
        Assert.Equal(996L, warnings[^1].Values["Dropped"]);
        Assert.All(warnings, w => Assert.Equal("noisy", w.Values["Topic"]));
    }

    [Fact]
    public async Task An_event_of_another_type_is_skipped_and_logged()
    {
        await using var stream = await Receiver.SubscribeAsync<int>("mixed");

        await Sender.SendAsync("mixed", "not a number");
        await Sender.SendAsync("mixed", 42);

        Assert.Equal([42], await ReadAsync(stream, 1));
        Assert.Contains(Logs.At(LogLevel.Error), e => e.Message.Contains("System.String", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_buffers_and_topics_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Receiver.SubscribeAsync<int>("t", 0, null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Receiver.SubscribeAsync<int>(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Sender.SendAsync(null!, 1));
        await using var services = Create(o => o.BufferCapacity = 0);
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ITopicEventSender>());
    }

    [Fact]
    public async Task Disposing_the_provider_ends_every_stream_and_refuses_new_subscribers()
    {
        var services = Create();
        var stream = await services.GetRequiredService<ITopicEventReceiver>().SubscribeAsync<int>("closing");
        await services.GetRequiredService<ITopicEventSender>().SendAsync("closing", 1);

        await services.DisposeAsync();

        Assert.Equal([1], await ReadToEndAsync(stream));
        Assert.Throws<ObjectDisposedException>(() => services.GetRequiredService<InMemoryTopicEvents>().Hub.Subscribe<int>("closing", null, null));
    }

    [Fact]
    public async Task Concurrent_senders_and_subscribers_lose_nothing_with_room_in_the_buffers()
    {
        var streams = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => await Receiver.SubscribeAsync<int>("busy", 4000, TopicBufferFullMode.Fail)));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await Sender.SendAsync("busy", (sender * 500) + i);
            }
        })));
        await Sender.CompleteAsync("busy");

        foreach (var stream in streams)
        {
            var events = await ReadToEndAsync(stream);
            Assert.Equal(Enumerable.Range(0, 4000), events.Order());
            // Each sender's own events keep their order.
            for (var sender = 0; sender < 8; sender++)
            {
                var own = events.Where(e => e / 500 == sender).ToList();
                Assert.Equal(own.Order(), own);
            }
        }
    }

    [Fact]
    public async Task A_large_fan_out_wakes_its_waiting_readers_in_batches_and_every_one_gets_every_event_in_order()
    {
        // More subscribers than the hub wakes one by one, each already waiting when the events come.
        var count = (2 * TopicHub.WakeBatchSize) + 37;
        var streams = new List<ISourceStream<int>>();
        for (var i = 0; i < count; i++)
        {
            streams.Add(await Receiver.SubscribeAsync<int>("crowd", 100, TopicBufferFullMode.Fail));
        }
        var readers = streams.Select(stream => Task.Run(() => ReadAsync(stream, 20))).ToArray();
        while (Hub.CountSubscribers("crowd") < count)
        {
            await Task.Delay(5);
        }

        for (var i = 1; i <= 20; i++)
        {
            var send = Sender.SendAsync("crowd", i);
            Assert.True(send.IsCompletedSuccessfully, "Sending must not wait for a subscriber.");
            if (i % 5 == 0)
            {
                // Let the readers catch up and wait again, so later events wake them too.
                await Task.Delay(20);
            }
        }

        foreach (var reader in readers)
        {
            Assert.Equal(Enumerable.Range(1, 20), await reader);
        }
    }

    [Fact]
    public async Task A_reader_that_blocks_in_a_large_fan_out_holds_up_neither_the_sender_nor_the_other_batches()
    {
        var count = 4 * TopicHub.WakeBatchSize;
        var streams = new List<ISourceStream<int>>();
        for (var i = 0; i < count; i++)
        {
            streams.Add(await Receiver.SubscribeAsync<int>("crowd"));
        }
        using var release = new ManualResetEventSlim();
        // The first subscriber blocks its thread when its event arrives (as a badly written resolver would).
        var blocking = Task.Run(async () =>
        {
            await foreach (var _ in streams[0].ReadEventsAsync())
            {
                release.Wait(HangGuard);
                return;
            }
        });
        var others = streams.Skip(TopicHub.WakeBatchSize).Select(stream => Task.Run(() => ReadAsync(stream, 1))).ToArray();
        while (Hub.CountSubscribers("crowd") < count)
        {
            await Task.Delay(5);
        }

        var send = Sender.SendAsync("crowd", 7);

        Assert.True(send.IsCompletedSuccessfully, "Sending must not wait for a subscriber.");
        foreach (var other in others)
        {
            Assert.Equal([7], await other.WaitAsync(HangGuard));
        }
        Assert.False(blocking.IsCompleted);
        release.Set();
        await blocking.WaitAsync(HangGuard);
    }
}
