using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>Who may read which ebook: its owner (a settled, unrefunded purchase), and any reader whose subscription's paid
/// period covers now (ACTIVE, or CANCELLED until its period ends).</summary>
public static class BookAccess
{
    /// <summary>Whether <paramref name="userId"/> may read <paramref name="bookId"/> now (the system clock).</summary>
    public static Task<bool> CanReadAsync(GraphDbContext db, Guid userId, Guid bookId, CancellationToken cancellationToken) =>
        CanReadAsync(db, userId, bookId, DateTime.UtcNow, cancellationToken);

    /// <summary>Whether <paramref name="userId"/> may read <paramref name="bookId"/> at <paramref name="now"/>.</summary>
    public static async Task<bool> CanReadAsync(GraphDbContext db, Guid userId, Guid bookId, DateTime now, CancellationToken cancellationToken) =>
        (await ReasonsAsync(db, userId, [bookId], now, cancellationToken))[bookId] != BookAccessReason.None;

    /// <summary>Why <paramref name="userId"/> may read each of <paramref name="bookIds"/> at <paramref name="now"/>, in two queries.</summary>
    public static async Task<IReadOnlyDictionary<Guid, BookAccessReason>> ReasonsAsync(GraphDbContext db, Guid userId, IReadOnlyCollection<Guid> bookIds, DateTime now, CancellationToken cancellationToken)
    {
        var owned = await db.BookOwnerships.AsNoTracking().Where(o => o.UserId == userId && o.RevokedAt == null && bookIds.Contains(o.BookId))
            .Select(o => o.BookId).ToListAsync(cancellationToken);
        var subscribed = await db.ReaderSubscriptions.AsNoTracking().AnyAsync(s => s.UserId == userId
            && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Cancelled)
            && s.CurrentPeriodStart <= now && s.CurrentPeriodEnd > now, cancellationToken);
        return bookIds.Distinct().ToDictionary(id => id,
            id => owned.Contains(id) ? BookAccessReason.Owned : subscribed ? BookAccessReason.Subscription : BookAccessReason.None);
    }
}

/// <summary>Whether the viewer may read a book, and why.</summary>
/// <param name="CanRead">True when the viewer owns the book or a subscription covers now.</param>
/// <param name="Reason">OWNED, SUBSCRIPTION or NONE (also for a viewer not signed in).</param>
public sealed record ViewerBookAccess(bool CanRead, BookAccessReason Reason);

/// <summary>The reasons one reader may read books, several books in one batch.</summary>
public sealed class BookAccessDataLoader(IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<(Guid UserId, Guid BookId), BookAccessReason>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<(Guid UserId, Guid BookId), BookAccessReason>> LoadBatchAsync(IReadOnlyList<(Guid UserId, Guid BookId)> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = new Dictionary<(Guid, Guid), BookAccessReason>();
        foreach (var group in keys.GroupBy(k => k.UserId))
        {
            var reasons = await BookAccess.ReasonsAsync(db, group.Key, [.. group.Select(k => k.BookId)], now, cancellationToken);
            foreach (var (bookId, reason) in reasons)
            {
                result[(group.Key, bookId)] = reason;
            }
        }
        return result;
    }
}

/// <summary>Billing's fields on Book.</summary>
[ExtendObjectType<Book>]
public sealed class BookAccessFields
{
    /// <summary>Whether the viewer may read this book now, and why (NONE for a viewer not signed in).</summary>
    public async Task<ViewerBookAccess> GetViewerAccessAsync([Parent] Book book, ClaimsPrincipal user, BookAccessDataLoader access, CancellationToken cancellationToken)
    {
        if (user.GetUserId() is not { } userId)
        {
            return new ViewerBookAccess(false, BookAccessReason.None);
        }
        var reason = await access.LoadAsync((userId, book.Id), cancellationToken);
        return new ViewerBookAccess(reason != BookAccessReason.None, reason);
    }
}

/// <summary>What Billing tells other domains about who bought which book (recommendations read it).</summary>
public static class BookPurchases
{
    /// <summary>(reader, book) for every book a reader owns now (refunded purchases left out).</summary>
    public static IQueryable<ReaderOfBook> Owners(GraphDbContext db) =>
        db.BookOwnerships.Where(o => o.RevokedAt == null).Select(o => new ReaderOfBook { UserId = o.UserId, BookId = o.BookId });
}
