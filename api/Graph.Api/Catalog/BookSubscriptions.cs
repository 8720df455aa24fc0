using System.Security.Claims;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Graph.GraphQL;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>The catalog's events on Subscription.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class BookSubscriptions
{
    /// <summary>The topic of <see cref="BookAdded"/>: each book that enters the catalog (added published, or published from a draft).</summary>
    public const string BookAddedTopic = "bookAdded";

    /// <summary>The topic of <see cref="BookUpdated"/> for one book.</summary>
    [GraphQLIgnore]
    public static string BookUpdatedTopic(Guid bookId) => $"bookUpdated:{bookId:N}";

    /// <summary>Each book that enters the catalog, once it is saved: added as PUBLISHED, or a draft published.</summary>
    [Subscribe]
    [Topic(BookAddedTopic)]
    public Book BookAdded([EventMessage] Book book) => book;

    /// <summary>The book each time it changes (details, status), once the change is saved.</summary>
    [Subscribe(With = nameof(SubscribeToBookUpdatedAsync))]
    public Book BookUpdated([EventMessage] Book book, [ID<Book>] Guid bookId) => book;

    /// <summary>Subscribes to one book's changes, when the caller may open the book; otherwise the request fails as for a
    /// book that does not exist.</summary>
    public async Task<IAsyncEnumerable<Book>> SubscribeToBookUpdatedAsync(
        [ID<Book>] Guid bookId, ITopicEventReceiver receiver, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        // A context of its own, not a DataLoader: the subscribe step runs outside the execution that dispatches batches.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Books.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookId, cancellationToken) is not { } book || !CatalogVisibility.CanOpen(book, user))
        {
            throw new GraphQLException("There is no book with this ID.", "BOOK_NOT_FOUND");
        }
        return new Events(await receiver.SubscribeAsync<Book>(BookUpdatedTopic(bookId), cancellationToken));
    }

    /// <summary>The topic's events; disposing it unsubscribes, even when the events were never read.</summary>
    private sealed class Events(ISourceStream<Book> stream) : IAsyncEnumerable<Book>, IAsyncDisposable
    {
        public IAsyncEnumerator<Book> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            stream.ReadEventsAsync().GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
