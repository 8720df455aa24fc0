using Graph.GraphQL.Subscriptions;

namespace Graph.Api.Data;

/// <summary>An event to send on a subscription topic once its change is committed. It carries the send itself, because
/// <see cref="ITopicEventSender.SendAsync{TMessage}"/> is generic in the message's type.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Send">Sends the message on the topic.</param>
public sealed record TopicEvent(string Topic, Func<ITopicEventSender, ValueTask> Send)
{
    /// <summary>The event of <paramref name="message"/> on <paramref name="topic"/>.</summary>
    public static TopicEvent Of<TMessage>(string topic, TMessage message) =>
        new(topic, sender => sender.SendAsync(topic, message, CancellationToken.None));
}

/// <summary>
/// An interceptor that announces a domain's committed changes on subscription topics: the domain collects the events of a
/// save (<see cref="AfterCommitInterceptor{TItem}.Collect"/>); once committed they are sent, each on its own (one that fails
/// is logged and the others still go), and nothing is sent for a change rolled back. Without a topic sender (tools that
/// build the data services alone) nothing is sent.
/// </summary>
public abstract class TopicEventsInterceptor(IServiceProvider services, ILogger logger) : AfterCommitInterceptor<TopicEvent>
{
    private ITopicEventSender? _sender;
    private bool _resolved;

    /// <inheritdoc />
    protected sealed override async Task CommittedAsync(IReadOnlyList<TopicEvent> items)
    {
        if (Sender() is not { } sender)
        {
            return;
        }
        foreach (var item in items)
        {
            try
            {
                await item.Send(sender).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A change was committed, but its event on {Topic} could not be sent.", item.Topic);
            }
        }
    }

    private ITopicEventSender? Sender()
    {
        if (!Volatile.Read(ref _resolved))
        {
            _sender = services.GetService<ITopicEventSender>();
            Volatile.Write(ref _resolved, true);
        }
        return _sender;
    }
}
