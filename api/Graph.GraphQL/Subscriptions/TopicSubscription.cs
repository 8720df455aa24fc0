using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Subscriptions;

/// <summary>A subscriber as the hub sees it: a topic and a buffer events are offered to.</summary>
internal abstract class TopicSubscriber(string topic)
{
    public string Topic { get; } = topic;

    /// <summary>Offers an event to the buffer without waiting.</summary>
    public abstract void Offer(object? message);

    /// <summary>Ends the stream once the buffered events are read.</summary>
    public abstract void Complete();
}

/// <summary>
/// One subscription: a bounded buffer (a channel with one reader and any number of writers) filled by the hub and read
/// by the subscriber. The buffer's full mode implements <see cref="TopicBufferFullMode"/>; dropped events are counted and
/// logged as warnings at most every <see cref="DropLogInterval"/> milliseconds (plus a summary when the subscription ends).
/// </summary>
internal sealed class TopicSubscription<TMessage> : TopicSubscriber, ISourceStream<TMessage>
{
    /// <summary>The least time between two warnings about the same subscriber's dropped events.</summary>
    internal const long DropLogInterval = 10_000;

    private readonly TopicHub _hub;
    private readonly Channel<object?> _buffer;
    private GraphQLException? _failure;
    private int _isCompleted;
    private int _isRead;
    private int _isDisposed;
    private long _dropped;
    private long _droppedLogged;
    private long _lastDropLog = long.MinValue;

    public TopicSubscription(TopicHub hub, string topic, int capacity, TopicBufferFullMode mode)
        : base(topic)
    {
        _hub = hub;
        Capacity = capacity;
        Mode = mode;
        var options = new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            // The sender must never run the reader's continuation inline.
            AllowSynchronousContinuations = false,
            FullMode = mode switch
            {
                TopicBufferFullMode.DropOldest => BoundedChannelFullMode.DropOldest,
                TopicBufferFullMode.DropWrite => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
        };
        _buffer = mode == TopicBufferFullMode.Fail
            ? Channel.CreateBounded<object?>(options)
            : Channel.CreateBounded<object?>(options, OnDropped);
    }

    public int Capacity { get; }

    public TopicBufferFullMode Mode { get; }

    /// <summary>How many events this subscriber has dropped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public override void Offer(object? message)
    {
        // TryWrite fails only under Wait (Fail mode) with a full buffer, or once the buffer is completed.
        if (!_buffer.Writer.TryWrite(message) && Mode == TopicBufferFullMode.Fail && Volatile.Read(ref _isCompleted) == 0)
        {
            Fail();
        }
    }

    public override void Complete()
    {
        if (Interlocked.Exchange(ref _isCompleted, 1) == 0)
        {
            _buffer.Writer.TryComplete();
        }
    }

    public IAsyncEnumerable<TMessage> ReadEventsAsync()
    {
        if (Interlocked.Exchange(ref _isRead, 1) == 1)
        {
            throw new InvalidOperationException("The events of a source stream can be read only once.");
        }
        return ReadAsync(default);
    }

    IAsyncEnumerable<object?> ISourceStream.ReadEventsAsync() => Box(ReadEventsAsync());

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _isDisposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }
        _hub.Remove(this);
        Complete();
        // Events still buffered are left to the GC.
        while (_buffer.Reader.TryRead(out _))
        {
        }
        var dropped = Dropped;
        var unlogged = dropped - Interlocked.Read(ref _droppedLogged);
        if (unlogged > 0)
        {
            _hub.Logger.LogWarning(
                "A subscriber of topic {Topic} ended having dropped {Dropped} event(s) in all ({Unlogged} since the last warning); its buffer holds {Capacity} ({Mode}).",
                Topic, dropped, unlogged, Capacity, Mode);
        }
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<TMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            var reader = _buffer.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (TryConvert(item, out var message))
                    {
                        yield return message;
                    }
                }
            }
            if (Volatile.Read(ref _failure) is { } failure)
            {
                throw failure;
            }
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<object?> Box(IAsyncEnumerable<TMessage> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    /// <summary>The event as <typeparamref name="TMessage"/>; an event that is not one is logged and skipped.</summary>
    private bool TryConvert(object? item, out TMessage message)
    {
        if (item is SerializedMessage serialized)
        {
            try
            {
                message = serialized.Deserialize<TMessage>();
                return true;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                _hub.Logger.LogError(ex, "An event of topic {Topic} cannot be read as {MessageType}; the subscriber skips it.", Topic, typeof(TMessage));
                message = default!;
                return false;
            }
        }
        if (item is TMessage typed)
        {
            message = typed;
            return true;
        }
        if (item is null && default(TMessage) is null)
        {
            message = default!;
            return true;
        }
        _hub.Logger.LogError(
            "An event of topic {Topic} is a {EventType}, not the {MessageType} its subscriber expects; the subscriber skips it.",
            Topic, item?.GetType().ToString() ?? "null", typeof(TMessage));
        message = default!;
        return false;
    }

    private void Fail()
    {
        var failure = new GraphQLException(new GraphQLError(
            $"The subscription fell behind: more than {Capacity} events waited to be read, so it was ended.")
            .WithCode(ErrorCodes.SubscriptionBufferFull));
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }
        _hub.Logger.LogWarning(
            "A subscriber of topic {Topic} fell behind with {Capacity} events buffered; its subscription ends with {Code}.",
            Topic, Capacity, ErrorCodes.SubscriptionBufferFull);
        _hub.Remove(this);
        Complete();
    }

    private void OnDropped(object? message)
    {
        var dropped = Interlocked.Increment(ref _dropped);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropLog);
        if ((last != long.MinValue && now - last < DropLogInterval) || Interlocked.CompareExchange(ref _lastDropLog, now, last) != last)
        {
            return;
        }
        var logged = Interlocked.Exchange(ref _droppedLogged, dropped);
        _hub.Logger.LogWarning(
            "A subscriber of topic {Topic} is too slow: {Count} event(s) dropped since the last warning ({Dropped} in all); its buffer holds {Capacity} ({Mode}).",
            Topic, dropped - logged, dropped, Capacity, Mode);
    }
}
