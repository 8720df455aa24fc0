using System.Runtime.CompilerServices;
using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Identity;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Reading;

/// <summary>Reading's events on Subscription.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class ReadingSubscriptions
{
    /// <summary>
    /// The signed-in reader's progress each time one of their devices records a newer position, once it is committed
    /// (optionally of one book only). deviceId says which device wrote it, so a device can ignore its own changes.
    /// </summary>
    [Subscribe(With = nameof(SubscribeToReadingProgressChangedAsync))]
    [Authorize]
    public ReadingProgress ReadingProgressChanged([EventMessage] ReadingProgress progress, [ID<Book>] Guid? bookId = null) => progress;

    /// <summary>Subscribes to the caller's own topic, named from the access token (never from an argument).</summary>
    public async Task<IAsyncEnumerable<ReadingProgress>> SubscribeToReadingProgressChangedAsync(
        ITopicEventReceiver receiver, ClaimsPrincipal user, CancellationToken cancellationToken, [ID<Book>] Guid? bookId = null)
    {
        var userId = user.GetUserId() ?? throw new GraphQLException("The access token names no user.", IdentityErrorCodes.TokenInvalid);
        return new Events(await receiver.SubscribeAsync<ReadingProgress>(ReadingStore.ProgressTopic(userId), cancellationToken), bookId);
    }

    /// <summary>The topic's events, of one book when asked; disposing it unsubscribes, even when the events were never read.</summary>
    private sealed class Events(ISourceStream<ReadingProgress> stream, Guid? bookId) : IAsyncEnumerable<ReadingProgress>, IAsyncDisposable
    {
        public async IAsyncEnumerator<ReadingProgress> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await foreach (var progress in stream.ReadEventsAsync().WithCancellation(cancellationToken))
            {
                if (bookId is null || progress.BookId == bookId)
                {
                    yield return progress;
                }
            }
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
