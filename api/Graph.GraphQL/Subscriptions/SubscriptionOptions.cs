namespace Graph.GraphQL.Subscriptions;

/// <summary>What happens when an event arrives for a subscriber whose buffer is full.</summary>
public enum TopicBufferFullMode
{
    /// <summary>
    /// The oldest buffered event is dropped to make room: a slow subscriber skips events but always ends up with the newest
    /// ones, which suits state changes (a status, a balance). The default.
    /// </summary>
    DropOldest,

    /// <summary>The arriving event is dropped: the subscriber keeps what it has buffered and misses the newer events.</summary>
    DropWrite,

    /// <summary>
    /// The subscription ends: the subscriber reads the events already buffered, then its stream fails with a
    /// <see cref="GraphQLException"/> carrying the code <c>SUBSCRIPTION_BUFFER_FULL</c> (a subscription response carries it
    /// as its last result). For subscribers that must not miss an event silently.
    /// </summary>
    Fail,
}

/// <summary>Buffers of the subscribers (both providers).</summary>
public class SubscriptionOptions
{
    /// <summary>The default number of events a subscriber may have waiting before its <see cref="BufferFullMode"/> applies.</summary>
    public const int DefaultBufferCapacity = 64;

    /// <summary>How many events each subscriber may have waiting (at least one); 64 unless set.</summary>
    public int BufferCapacity { get; set; } = DefaultBufferCapacity;

    /// <summary>What happens when a subscriber's buffer is full; <see cref="TopicBufferFullMode.DropOldest"/> unless set.</summary>
    public TopicBufferFullMode BufferFullMode { get; set; } = TopicBufferFullMode.DropOldest;

    /// <summary>Throws when a setting is out of range.</summary>
    internal virtual void Validate()
    {
        if (BufferCapacity < 1)
        {
            throw new InvalidOperationException($"SubscriptionOptions.BufferCapacity must be at least 1 (was {BufferCapacity}).");
        }
        if (!Enum.IsDefined(BufferFullMode))
        {
            throw new InvalidOperationException($"SubscriptionOptions.BufferFullMode {BufferFullMode} is not a TopicBufferFullMode.");
        }
    }
}
