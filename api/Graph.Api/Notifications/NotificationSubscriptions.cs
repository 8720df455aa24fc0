using System.Security.Claims;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;

namespace Graph.Api.Notifications;

/// <summary>The inbox's events on Subscription.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class NotificationSubscriptions
{
    /// <summary>Each new in-app notification of the signed-in user, once the change that wrote it is committed (a change
    /// rolled back announces nothing). Nobody receives another user's notifications.</summary>
    [Subscribe(With = nameof(SubscribeToNotificationReceivedAsync))]
    [Authorize]
    public Notification NotificationReceived([EventMessage] Notification notification) => notification;

    /// <summary>Subscribes to the topic of the caller's own notifications, named from the access token (never from an
    /// argument), so that no one can listen to someone else's inbox.</summary>
    public async Task<IAsyncEnumerable<Notification>> SubscribeToNotificationReceivedAsync(
        ITopicEventReceiver receiver,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var topic = NotificationTopics.Received(Accounts.RequireUserId(user));
        return new Events(await receiver.SubscribeAsync<Notification>(topic, cancellationToken));
    }

    /// <summary>The topic's events; disposing it unsubscribes, even when the events were never read (the executor disposes
    /// a stream it did not read).</summary>
    private sealed class Events(ISourceStream<Notification> stream) : IAsyncEnumerable<Notification>, IAsyncDisposable
    {
        public IAsyncEnumerator<Notification> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            stream.ReadEventsAsync().GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
