namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// Publishes events to the subscribers of a topic (HotChocolate's <c>ITopicEventSender</c>). Registered as a singleton by
/// <c>AddInMemorySubscriptions()</c> or <c>AddPostgresSubscriptions(...)</c>; mutations and services take it as a
/// dependency and send after their changes are committed.
/// </summary>
/// <remarks>
/// Sending never waits for subscribers: every subscriber has its own bounded buffer and a full buffer is handled by
/// the subscriber's <see cref="TopicBufferFullMode"/>. Topics are arbitrary strings compared ordinally; a topic nobody
/// subscribes to swallows the event.
/// </remarks>
public interface ITopicEventSender
{
    /// <summary>
    /// Publishes <paramref name="message"/> to every current subscriber of <paramref name="topic"/>. The in-memory provider
    /// hands the object itself to the subscribers; the PostgreSQL provider serialises it as JSON and every API instance
    /// on the database (this one included) deserialises it for its own subscribers.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
    ValueTask SendAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the stream of every current subscriber of <paramref name="topic"/>: they read the events already buffered,
    /// then their enumeration completes. Later subscribers of the same topic start a new stream.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
    ValueTask CompleteAsync(string topic);
}
