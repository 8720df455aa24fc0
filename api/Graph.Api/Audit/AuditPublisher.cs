using Graph.GraphQL.Subscriptions;

namespace Graph.Api.Audit;

/// <summary>
/// Announces committed audit entries to the subscribers of <see cref="AuditSubscriptions.AuditEntryAddedTopic"/>. The
/// change is saved by then: a failure to announce is logged and never thrown.
/// </summary>
public sealed class AuditPublisher(IServiceProvider services, ILogger<AuditPublisher> logger)
{
    private ITopicEventSender? _sender;
    private bool _resolved;

    /// <summary>Sends each entry in turn, in the order they were saved.</summary>
    public async Task PublishAsync(IReadOnlyList<AuditEntry> entries)
    {
        if (Sender() is not { } sender)
        {
            return;
        }
        foreach (var entry in entries)
        {
            try
            {
                await sender.SendAsync(AuditSubscriptions.AuditEntryAddedTopic, entry, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Audit entry {AuditEntryId} ({Action} {EntityType} {EntityId}) is saved, but its {Topic} event could not be sent.",
                    entry.Id, entry.Action, entry.EntityType, entry.EntityId, AuditSubscriptions.AuditEntryAddedTopic);
            }
        }
    }

    /// <summary>The topic sender; a host without subscriptions (a maintenance tool) has none and announces nothing.</summary>
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
