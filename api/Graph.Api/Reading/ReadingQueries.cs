using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reading;

/// <summary>Reading's entry points on Query: the signed-in reader's own reading, never anyone else's.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class ReadingQueries
{
    /// <summary>The reader's progress in each book started, most recently read first unless ordered otherwise.</summary>
    [Authorize]
    [UsePaging(KeyProperty = nameof(ReadingProgress.BookId)), UseProjection, UseFiltering, UseSorting]
    public IQueryable<ReadingProgress> GetMyReadingProgress(GraphDbContext db, ClaimsPrincipal user)
    {
        var userId = ReadingAccess.ViewerId(user);
        return db.Set<ReadingProgress>().AsNoTracking().Where(p => p.UserId == userId)
            .OrderByDescending(p => p.ClientUpdatedAt).ThenBy(p => p.BookId);
    }

    /// <summary>The reader's progress in a book, or null when they have not started it.</summary>
    [Authorize]
    public Task<ReadingProgress?> GetReadingProgressAsync([ID<Book>] Guid bookId, ClaimsPrincipal user, ReadingProgressDataLoader progress, CancellationToken cancellationToken) =>
        progress.LoadAsync(new ReadingProgressKey(ReadingAccess.ViewerId(user), bookId), cancellationToken);

    /// <summary>The reader's bookmarks in a book, oldest change first unless ordered otherwise;
    /// deleted ones only when asked.</summary>
    [Authorize]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Bookmark> GetMyBookmarks([ID<Book>] Guid bookId, GraphDbContext db, ClaimsPrincipal user, bool includeDeleted = false)
    {
        var userId = ReadingAccess.ViewerId(user);
        return db.Set<Bookmark>().AsNoTracking().Where(b => b.UserId == userId && b.BookId == bookId && (includeDeleted || b.DeletedAt == null))
            .OrderBy(b => b.ClientUpdatedAt).ThenBy(b => b.Id);
    }

    /// <summary>The reader's annotations in a book, oldest first unless ordered otherwise; deleted ones only when asked.</summary>
    [Authorize]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Annotation> GetMyAnnotations([ID<Book>] Guid bookId, GraphDbContext db, ClaimsPrincipal user, bool includeDeleted = false)
    {
        var userId = ReadingAccess.ViewerId(user);
        return db.Set<Annotation>().AsNoTracking().Where(a => a.UserId == userId && a.BookId == bookId && (includeDeleted || a.DeletedAt == null))
            .OrderBy(a => a.ClientUpdatedAt).ThenBy(a => a.Id);
    }

    /// <summary>
    /// Everything of the reader's reading that changed since the cursor `since` (a nextCursor of an earlier call; null for
    /// everything): progress, bookmarks and annotations, deleted ones as tombstones, at most `first` rows (1 to 500). A device keeps nextCursor and asks again from it, at once while hasMore.
    /// No change is ever skipped, even one whose transaction commits late; a row may come again when it changed again.
    /// </summary>
    [Authorize]
    public async Task<ReadingChanges> GetReadingChangesAsync(string? since, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken,
        int first = ReadingChangesFeed.DefaultPageSize)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadingChangesFeed.ReadAsync(db, ReadingAccess.ViewerId(user), since, first, cancellationToken);
    }
}

/// <summary>The reader's progress, for a book.</summary>
[ExtendObjectType<Book>]
public sealed class BookReadingFields
{
    /// <summary>The signed-in reader's progress in this book; null when they have not started it or nobody is signed in.</summary>
    public async Task<ReadingProgress?> GetMyProgressAsync([Parent] Book book, ClaimsPrincipal user, ReadingProgressDataLoader progress, CancellationToken cancellationToken) =>
        Identity.IdentityClaims.GetUserId(user) is { } userId
            ? await progress.LoadAsync(new ReadingProgressKey(userId, book.Id), cancellationToken)
            : null;
}

/// <summary>The book of a reader's progress.</summary>
[ExtendObjectType<ReadingProgress>]
public sealed class ReadingProgressFields
{
    public async Task<Book> GetBookAsync([Parent] ReadingProgress progress, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        await books.LoadAsync(progress.BookId, cancellationToken) ?? throw new InvalidOperationException($"Progress refers to the missing book {progress.BookId}.");
}

/// <summary>The book of a bookmark.</summary>
[ExtendObjectType<Bookmark>]
public sealed class BookmarkFields
{
    public async Task<Book> GetBookAsync([Parent] Bookmark bookmark, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        await books.LoadAsync(bookmark.BookId, cancellationToken) ?? throw new InvalidOperationException($"A bookmark refers to the missing book {bookmark.BookId}.");
}

/// <summary>The book of an annotation.</summary>
[ExtendObjectType<Annotation>]
public sealed class AnnotationFields
{
    public async Task<Book> GetBookAsync([Parent] Annotation annotation, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        await books.LoadAsync(annotation.BookId, cancellationToken) ?? throw new InvalidOperationException($"An annotation refers to the missing book {annotation.BookId}.");
}
