namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// Subscribes to topics (HotChocolate's <c>ITopicEventReceiver</c>). Subscription fields marked
/// <see cref="Types.SubscribeAttribute"/> without <see cref="Types.SubscribeAttribute.With"/> subscribe through the
/// receiver registered in the request services.
/// </summary>
public interface ITopicEventReceiver
{
    /// <summary>
    /// Subscribes to <paramref name="topic"/> with the configured buffer (<see cref="SubscriptionOptions"/>). Events sent
    /// after this call returns reach the stream; earlier ones do not.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
    /// <exception cref="GraphQLException">The provider cannot subscribe right now (code <c>SUBSCRIPTION_UNAVAILABLE</c>).</exception>
    ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to <paramref name="topic"/> with a buffer of its own: <paramref name="bufferCapacity"/> events and
    /// <paramref name="bufferFullMode"/> when it is full (null: the configured <see cref="SubscriptionOptions"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferCapacity"/> is less than one.</exception>
    ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(
        string topic,
        int? bufferCapacity,
        TopicBufferFullMode? bufferFullMode,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// The events of one subscription. Disposing it unsubscribes; so does the end of its enumeration (completion, error,
/// <c>break</c> or cancellation), since a stream is read only once.
/// </summary>
public interface ISourceStream : IAsyncDisposable
{
    /// <summary>The topic subscribed to.</summary>
    string Topic { get; }

    /// <summary>
    /// The events, in the order they were sent, until the topic is completed or the stream disposed. A subscriber whose
    /// buffer overflows under <see cref="TopicBufferFullMode.Fail"/> reads the buffered events, then a
    /// <see cref="GraphQLException"/> with code <c>SUBSCRIPTION_BUFFER_FULL</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The events were already read.</exception>
    IAsyncEnumerable<object?> ReadEventsAsync();
}

/// <summary>The events of one subscription, typed; see <see cref="ISourceStream"/>.</summary>
public interface ISourceStream<out TMessage> : ISourceStream
{
    /// <inheritdoc cref="ISourceStream.ReadEventsAsync"/>
    new IAsyncEnumerable<TMessage> ReadEventsAsync();
}
