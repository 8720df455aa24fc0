using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// The local subscribers of one process, by topic: both providers deliver through it (the in-memory provider when an
/// event is sent, the PostgreSQL provider when its listener receives one). Delivery only ever offers the event to each
/// subscriber's bounded buffer without waiting, so one slow subscriber costs the sender nothing and the others nothing.
/// </summary>
/// <remarks>
/// A topic's subscribers are an array replaced on every change (under the topic's lock), so publishing reads it without
/// locking. An emptied or completed topic is removed; a subscriber racing with that removal retries on a fresh entry.
/// </remarks>
internal sealed class TopicHub
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private volatile bool _isClosed;

    public TopicHub(SubscriptionOptions options, ILogger logger)
    {
        options.Validate();
        Options = options;
        Logger = logger;
    }

    public SubscriptionOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary>Adds a subscriber of <paramref name="topic"/> with its own buffer.</summary>
    /// <exception cref="ObjectDisposedException">The provider was disposed.</exception>
    public TopicSubscription<TMessage> Subscribe<TMessage>(string topic, int? bufferCapacity, TopicBufferFullMode? bufferFullMode)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var capacity = bufferCapacity ?? Options.BufferCapacity;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1, nameof(bufferCapacity));
        var mode = bufferFullMode ?? Options.BufferFullMode;
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(bufferFullMode), mode, "Not a TopicBufferFullMode.");
        }
        var subscription = new TopicSubscription<TMessage>(this, topic, capacity, mode);
        while (true)
        {
            ObjectDisposedException.ThrowIf(_isClosed, this);
            var entry = _topics.GetOrAdd(topic, static _ => new Topic());
            lock (entry)
            {
                if (entry.IsRemoved)
                {
                    continue;
                }
                entry.Subscribers = [.. entry.Subscribers, subscription];
                return subscription;
            }
        }
    }

    /// <summary>
    /// Offers <paramref name="message"/> to every subscriber of <paramref name="topic"/>; returns how many there were.
    /// The event goes into every buffer here, in the sender's order; the readers it wakes run on the thread pool. Up to
    /// <see cref="WakeBatchSize"/> times two readers are each woken with a work item of their own; more are woken in
    /// batches of <see cref="WakeBatchSize"/>, a work item each that runs its readers' continuations one after the
    /// other (each until it waits again: usually once its message is handed to the socket), which spares a big
    /// fan-out a thread-pool dispatch per subscriber.
    /// </summary>
    public int Publish(string topic, object? message)
    {
        if (!_topics.TryGetValue(topic, out var entry))
        {
            return 0;
        }
        var subscribers = Volatile.Read(ref entry.Subscribers);
        if (subscribers.Length <= 2 * WakeBatchSize)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Offer(message);
            }
            return subscribers.Length;
        }
        var waiting = ArrayPool<TopicSubscriber>.Shared.Rent(subscribers.Length);
        var count = 0;
        foreach (var subscriber in subscribers)
        {
            if (subscriber.Enqueue(message))
            {
                waiting[count++] = subscriber;
            }
        }
        WakeBatch.Schedule(waiting, count);
        return subscribers.Length;
    }

    /// <summary>How many readers one wake-up work item runs.</summary>
    internal const int WakeBatchSize = 64;

    /// <summary>Ends the streams of the current subscribers of <paramref name="topic"/> (after their buffered events).</summary>
    public void Complete(string topic)
    {
        if (!_topics.TryRemove(topic, out var entry))
        {
            return;
        }
        TopicSubscriber[] subscribers;
        lock (entry)
        {
            entry.IsRemoved = true;
            subscribers = entry.Subscribers;
            entry.Subscribers = [];
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }
    }

    /// <summary>Completes every topic and refuses new subscribers (the provider is being disposed).</summary>
    public void Close()
    {
        _isClosed = true;
        foreach (var topic in _topics.Keys)
        {
            Complete(topic);
        }
    }

    /// <summary>How many subscribers <paramref name="topic"/> has now.</summary>
    public int CountSubscribers(string topic) =>
        _topics.TryGetValue(topic, out var entry) ? Volatile.Read(ref entry.Subscribers).Length : 0;

    /// <summary>Removes a subscriber (disposed, or failed under <see cref="TopicBufferFullMode.Fail"/>).</summary>
    internal void Remove(TopicSubscriber subscriber)
    {
        if (!_topics.TryGetValue(subscriber.Topic, out var entry))
        {
            return;
        }
        lock (entry)
        {
            var index = Array.IndexOf(entry.Subscribers, subscriber);
            if (index < 0)
            {
                return;
            }
            if (entry.Subscribers.Length == 1)
            {
                entry.Subscribers = [];
                entry.IsRemoved = true;
                _topics.TryRemove(new KeyValuePair<string, Topic>(subscriber.Topic, entry));
                return;
            }
            var remaining = new TopicSubscriber[entry.Subscribers.Length - 1];
            Array.Copy(entry.Subscribers, 0, remaining, 0, index);
            Array.Copy(entry.Subscribers, index + 1, remaining, index, remaining.Length - index);
            entry.Subscribers = remaining;
        }
    }

    /// <summary>
    /// Readers to wake, a slice of a pooled array shared by the batches of one event; the last batch to finish returns
    /// the array.
    /// </summary>
    private sealed class WakeBatch : IThreadPoolWorkItem
    {
        private readonly TopicSubscriber[] _readers;
        private readonly int _start;
        private readonly int _end;
        private readonly StrongBox<int> _remaining;

        private WakeBatch(TopicSubscriber[] readers, int start, int end, StrongBox<int> remaining)
        {
            _readers = readers;
            _start = start;
            _end = end;
            _remaining = remaining;
        }

        public static void Schedule(TopicSubscriber[] readers, int count)
        {
            if (count == 0)
            {
                ArrayPool<TopicSubscriber>.Shared.Return(readers);
                return;
            }
            var remaining = new StrongBox<int>((count + WakeBatchSize - 1) / WakeBatchSize);
            for (var start = 0; start < count; start += WakeBatchSize)
            {
                ThreadPool.UnsafeQueueUserWorkItem(new WakeBatch(readers, start, Math.Min(start + WakeBatchSize, count), remaining), preferLocal: false);
            }
        }

        public void Execute()
        {
            for (var i = _start; i < _end; i++)
            {
                _readers[i].Wake(inline: true);
            }
            if (Interlocked.Decrement(ref _remaining.Value) == 0)
            {
                ArrayPool<TopicSubscriber>.Shared.Return(_readers, clearArray: true);
            }
        }
    }

    private sealed class Topic
    {
        public TopicSubscriber[] Subscribers = [];

        public bool IsRemoved;
    }
}
