using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Subscriptions;

/// <summary>A subscriber as the hub sees it: a topic and a buffer events are offered to.</summary>
internal abstract class TopicSubscriber(string topic)
{
    public string Topic { get; } = topic;

    /// <summary>Offers an event to the buffer without waiting; the reader, if it waits, is woken on the thread pool.</summary>
    public void Offer(object? message)
    {
        if (Enqueue(message))
        {
            Wake(inline: false);
        }
    }

    /// <summary>
    /// Puts an event in the buffer without waiting; true when the reader waits for it and must be woken (exactly once,
    /// by <see cref="Wake"/>).
    /// </summary>
    public abstract bool Enqueue(object? message);

    /// <summary>
    /// Wakes the reader that <see cref="Enqueue"/> found waiting: its continuation runs on the calling thread when
    /// <paramref name="inline"/> (the hub waking many readers from a work item of its own), else on the thread pool.
    /// </summary>
    public abstract void Wake(bool inline);

    /// <summary>Ends the stream once the buffered events are read.</summary>
    public abstract void Complete();
}

/// <summary>
/// One subscription: a bounded buffer filled by the hub (any number of writers) and read by the subscriber (one reader).
/// <see cref="TopicBufferFullMode"/> decides what a full buffer does; dropped events are counted and logged as warnings
/// at most every <see cref="DropLogInterval"/> milliseconds (plus a summary when the subscription ends).
/// </summary>
/// <remarks>
/// The buffer is a queue under a lock with one reusable waiter (this object, as an <see cref="IValueTaskSource{TResult}"/>)
/// for the reader: offering an event to a subscriber and reading it allocate nothing. The reader's continuation never
/// runs inline in the sender: it runs on the thread pool, or inline in one of the hub's wake-up work items.
/// </remarks>
internal sealed class TopicSubscription<TMessage> : TopicSubscriber, ISourceStream<TMessage>, IValueTaskSource<bool>
{
    /// <summary>The least time between two warnings about the same subscriber's dropped events.</summary>
    internal const long DropLogInterval = 10_000;

    private readonly TopicHub _hub;
    private readonly Lock _sync = new();
    private readonly Queue<object?> _buffer;
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };

    /// <summary>Whether the reader awaits <see cref="_waiter"/>, which is then completed exactly once.</summary>
    private bool _waiting;

    private bool _isCompleted;
    private GraphQLException? _failure;
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
        _buffer = new Queue<object?>(Math.Min(capacity, 4));
    }

    public int Capacity { get; }

    public TopicBufferFullMode Mode { get; }

    /// <summary>How many events this subscriber has dropped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public override bool Enqueue(object? message)
    {
        bool wake;
        var dropped = false;
        var full = false;
        lock (_sync)
        {
            if (_isCompleted)
            {
                return false;
            }
            if (_buffer.Count < Capacity)
            {
                _buffer.Enqueue(message);
            }
            else if (Mode == TopicBufferFullMode.DropOldest)
            {
                _buffer.Dequeue();
                _buffer.Enqueue(message);
                dropped = true;
            }
            else
            {
                dropped = Mode == TopicBufferFullMode.DropWrite;
                full = !dropped;
            }
            wake = TakeWaiter();
        }
        if (dropped)
        {
            OnDropped();
        }
        else if (full)
        {
            // Failing completes the stream, which wakes a waiting reader itself.
            if (wake)
            {
                Wake(inline: false);
            }
            Fail();
            return false;
        }
        return wake;
    }

    public override void Wake(bool inline)
    {
        // Whoever took the wait owns the waiter until it is completed: nobody else touches it meanwhile.
        _waiter.RunContinuationsAsynchronously = !inline;
        _waiter.SetResult(true);
    }

    public override void Complete()
    {
        bool wake;
        lock (_sync)
        {
            if (_isCompleted)
            {
                return;
            }
            _isCompleted = true;
            wake = TakeWaiter();
        }
        if (wake)
        {
            _waiter.RunContinuationsAsynchronously = true;
            _waiter.SetResult(false);
        }
    }

    public IAsyncEnumerable<TMessage> ReadEventsAsync()
    {
        MarkRead();
        return ReadTypedAsync();
    }

    IAsyncEnumerable<object?> ISourceStream.ReadEventsAsync()
    {
        MarkRead();
        return ReadAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _isDisposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }
        _hub.Remove(this);
        Complete();
        // Events still buffered are left to the GC.
        lock (_sync)
        {
            _buffer.Clear();
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

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    private void MarkRead()
    {
        if (Interlocked.Exchange(ref _isRead, 1) == 1)
        {
            throw new InvalidOperationException("The events of a source stream can be read only once.");
        }
    }

    /// <summary>
    /// The events, each converted to <typeparamref name="TMessage"/> and yielded as an object, which is how the executor
    /// reads them (no second enumerator in between).
    /// </summary>
    private async IAsyncEnumerable<object?> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((TopicSubscription<TMessage>)state!).CancelWait(), this)
            : default;
        try
        {
            while (true)
            {
                object? item;
                ValueTask<bool> wait = default;
                bool hasItem;
                lock (_sync)
                {
                    hasItem = _buffer.TryDequeue(out item);
                    if (!hasItem)
                    {
                        if (_isCompleted)
                        {
                            break;
                        }
                        cancellationToken.ThrowIfCancellationRequested();
                        _waiter.Reset();
                        _waiting = true;
                        wait = new ValueTask<bool>(this, _waiter.Version);
                    }
                }
                if (!hasItem)
                {
                    await wait.ConfigureAwait(false);
                    continue;
                }
                if (TryConvert(item, out var message))
                {
                    yield return message;
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

    private async IAsyncEnumerable<TMessage> ReadTypedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return (TMessage)message!;
        }
    }

    /// <summary>Takes the reader's wait, to complete once the lock is released; call under the lock.</summary>
    private bool TakeWaiter()
    {
        var waiting = _waiting;
        _waiting = false;
        return waiting;
    }

    /// <summary>The reader's token was cancelled: a wait under way ends with an <see cref="OperationCanceledException"/>.</summary>
    private void CancelWait()
    {
        bool wake;
        lock (_sync)
        {
            wake = TakeWaiter();
        }
        if (wake)
        {
            _waiter.RunContinuationsAsynchronously = true;
            _waiter.SetException(new OperationCanceledException());
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

    private void OnDropped()
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
