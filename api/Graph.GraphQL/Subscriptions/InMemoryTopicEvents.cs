using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// Topic events within one process: the sent object itself is offered to every subscriber's buffer (no serialisation),
/// synchronously and without waiting. Registered by <c>AddInMemorySubscriptions()</c>; suits a single API instance and
/// tests. Disposing it ends every stream.
/// </summary>
internal sealed class InMemoryTopicEvents : ITopicEventSender, ITopicEventReceiver, IDisposable
{
    public InMemoryTopicEvents(IOptions<SubscriptionOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<InMemoryTopicEvents>();
        Hub = new TopicHub(options.Value, logger);
    }

    internal TopicHub Hub { get; }

    public ValueTask SendAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        cancellationToken.ThrowIfCancellationRequested();
        Hub.Publish(topic, message);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Hub.Complete(topic);
        return ValueTask.CompletedTask;
    }

    public ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, CancellationToken cancellationToken = default) =>
        SubscribeAsync<TMessage>(topic, null, null, cancellationToken);

    public ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(
        string topic,
        int? bufferCapacity,
        TopicBufferFullMode? bufferFullMode,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<ISourceStream<TMessage>>(Hub.Subscribe<TMessage>(topic, bufferCapacity, bufferFullMode));
    }

    public void Dispose() => Hub.Close();
}
