using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.GraphQL.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Notifications;

/// <summary>
/// Once a change that wrote notifications is committed: each in-app notification goes to its recipient's
/// <c>notificationReceived</c> subscribers, and the dispatcher of this instance is woken for the outbox's new messages
/// (the other instances find them at their next look, <see cref="GraphOptions.DispatcherOptions.PollInterval"/>).
/// Nothing happens for a change rolled back.
/// </summary>
public sealed class NotificationInterceptor(IServiceProvider services, OutboxSignal signal, ILogger<NotificationInterceptor> logger) : AfterCommitInterceptor<object>
{
    private ITopicEventSender? _sender;
    private bool _resolved;

    /// <inheritdoc />
    protected override List<object>? Collect(DbContext context)
    {
        List<object>? items = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Entity is Notification or OutboxMessage)
            {
                (items ??= []).Add(entry.Entity);
            }
        }
        return items;
    }

    /// <inheritdoc />
    protected override async Task CommittedAsync(IReadOnlyList<object> items)
    {
        if (items.Any(i => i is OutboxMessage))
        {
            signal.Wake();
        }
        if (Sender() is not { } sender)
        {
            return;
        }
        foreach (var notification in items.OfType<Notification>())
        {
            try
            {
                await sender.SendAsync(NotificationTopics.Received(notification.UserId), notification, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Notification {NotificationId} is saved, but its notificationReceived event could not be sent.", notification.Id);
            }
        }
    }

    /// <summary>The topic sender; a host without subscriptions (a maintenance tool) has none.</summary>
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

/// <summary>The subscription topics of notifications.</summary>
public static class NotificationTopics
{
    /// <summary>The topic of one user's new in-app notifications.</summary>
    public static string Received(Guid userId) => $"notificationReceived:{userId:N}";
}

/// <summary>Wakes this instance's dispatcher when messages were committed, so they leave without waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks the dispatcher for a round now (several calls before it wakes make one round).</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Woken already.
        }
    }

    /// <summary>Waits for <see cref="Wake"/> or for <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
