using Graph.GraphQL.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// The registered <see cref="ITopicEventReceiver"/>, counting the subscriptions it has made. graphql-transport-ws does
/// not tell a client when its subscription is in place, so the driver asks the server how many there are before it
/// starts publishing: an event sent after <c>SubscribeAsync</c> returned reaches the subscriber.
/// </summary>
public sealed class CountingReceiver(ITopicEventReceiver inner) : ITopicEventReceiver
{
    private long _subscribed;

    public long Subscribed => Interlocked.Read(ref _subscribed);

    public ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, CancellationToken cancellationToken = default) =>
        SubscribeAsync<TMessage>(topic, null, null, cancellationToken);

    public async ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(
        string topic,
        int? bufferCapacity,
        TopicBufferFullMode? bufferFullMode,
        CancellationToken cancellationToken = default)
    {
        var stream = await inner.SubscribeAsync<TMessage>(topic, bufferCapacity, bufferFullMode, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _subscribed);
        return stream;
    }

    /// <summary>Wraps the receiver the provider registered (call after <c>AddInMemorySubscriptions</c> or <c>AddPostgresSubscriptions</c>).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ITopicEventReceiver));
        var factory = registered.ImplementationFactory
            ?? throw new InvalidOperationException("The topic event receiver is expected to be registered through a factory.");
        services.Remove(registered);
        services.AddSingleton(sp => new CountingReceiver((ITopicEventReceiver)factory(sp)));
        services.AddSingleton<ITopicEventReceiver>(sp => sp.GetRequiredService<CountingReceiver>());
    }
}
