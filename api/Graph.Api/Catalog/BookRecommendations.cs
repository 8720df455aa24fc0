using System.Security.Claims;
using Graph.Api.Billing;
using Graph.Api.Data;
using Graph.Api.Reading;
using Graph.GraphQL;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>A reader and a book they read or bought: the signal recommendations count.</summary>
public sealed class ReaderOfBook
{
    public Guid UserId { get; init; }

    public Guid BookId { get; init; }
}

/// <summary>A recommended book and why: how many readers it shares with the book (or the category) it is recommended for.</summary>
/// <param name="Book">The book recommended.</param>
/// <param name="Readers">How many readers read or bought both (for "also read"), or this one (for "popular").</param>
/// <param name="Reason">The reason in words, in French, English or Arabic after the request's language.</param>
public sealed record BookRecommendation(Book Book, int Readers, string Reason);

/// <summary>
/// Recommendations without a model: "readers of this book also read" counts the readers two books share (a reading
/// progress or a purchase each), and "popular" counts a category's readers. Every figure is shown, so a recommendation
/// explains itself. Only published books are recommended.
/// </summary>
[ExtendObjectType<Book>]
public sealed class BookRecommendationFields
{
    /// <summary>The most recommendations asked for at once.</summary>
    public const int MaxRecommendations = 20;

    /// <summary>Books read or bought by readers of this one, most shared readers first (then most readers overall).</summary>
    [ListSize(AssumedSize = MaxRecommendations, SlicingArguments = ["first"], RequireOneSlicingArgument = false)]
    public async Task<IReadOnlyList<BookRecommendation>> GetAlsoReadAsync(
        [Parent] Book book, GraphDbContext db, ClaimsPrincipal user, IHttpContextAccessor accessor, int first = 5, CancellationToken cancellationToken = default)
    {
        CheckSize(first);
        var engaged = Engaged(db);
        var mine = engaged.Where(e => e.BookId == book.Id).Select(e => e.UserId);
        var shared = await engaged
            .Where(e => e.BookId != book.Id && mine.Contains(e.UserId))
            .GroupBy(e => e.BookId)
            .Select(g => new { BookId = g.Key, Readers = g.Count() })
            .Join(CatalogVisibility.Listed(db.Books.AsNoTracking(), user).Where(b => b.Status == BookStatus.Published), s => s.BookId, b => b.Id, (s, b) => new { Book = b, s.Readers })
            .OrderByDescending(s => s.Readers).ThenBy(s => s.Book.Title).ThenBy(s => s.Book.Id)
            .Take(first)
            .ToListAsync(cancellationToken);
        var language = Language(accessor);
        return [.. shared.Select(s => new BookRecommendation(s.Book, s.Readers, AlsoReadReason(language, s.Readers)))];
    }

    /// <summary>The readers' set: who opened or bought which book (each pair once).</summary>
    internal static IQueryable<ReaderOfBook> Engaged(GraphDbContext db) => ReadingSignals.Readers(db).Union(BookPurchases.Owners(db));

    internal static void CheckSize(int first)
    {
        if (first is < 1 or > MaxRecommendations)
        {
            throw new GraphQLException($"first must be between 1 and {MaxRecommendations}.", "PAGING_ARGUMENT_INVALID");
        }
    }

    internal static string Language(IHttpContextAccessor accessor) =>
        accessor.HttpContext is { } http ? CatalogLanguage.FromHeader(http.Request.Headers.AcceptLanguage.ToString()).FirstOrDefault(l => l is "fr" or "en" or "ar") ?? "fr" : "fr";

    private static string AlsoReadReason(string language, int readers) => language switch
    {
        "en" => readers == 1 ? "1 reader of this book also read this one." : $"{readers} readers of this book also read this one.",
        "ar" => $"قرأ {readers} من قراء هذا الكتاب هذا الكتاب أيضًا.",
        _ => readers == 1 ? "1 lecteur de ce livre a aussi lu celui-ci." : $"{readers} lecteurs de ce livre ont aussi lu celui-ci.",
    };
}

/// <summary>The most read books, overall or under a category.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class BookRecommendationQueries
{
    /// <summary>The published books with the most readers (opened or bought), under <c>categoryId</c> and the categories below it
    /// when given.</summary>
    [ListSize(AssumedSize = BookRecommendationFields.MaxRecommendations, SlicingArguments = ["first"], RequireOneSlicingArgument = false)]
    public async Task<IReadOnlyList<BookRecommendation>> GetPopularBooksAsync(
        [ID<Category>] Guid? categoryId, GraphDbContext db, ClaimsPrincipal user, IHttpContextAccessor accessor, int first = 10, CancellationToken cancellationToken = default)
    {
        BookRecommendationFields.CheckSize(first);
        var books = CatalogVisibility.Listed(db.Books.AsNoTracking(), user).Where(b => b.Status == BookStatus.Published);
        if (categoryId is { } category)
        {
            var subtree = await CategoryTree.SubtreeAsync(db, category, cancellationToken);
            books = books.Where(b => db.BookCategories.Any(l => l.BookId == b.Id && subtree.Contains(l.CategoryId)));
        }
        var popular = await BookRecommendationFields.Engaged(db)
            .GroupBy(e => e.BookId)
            .Select(g => new { BookId = g.Key, Readers = g.Count() })
            .Join(books, s => s.BookId, b => b.Id, (s, b) => new { Book = b, s.Readers })
            .OrderByDescending(s => s.Readers).ThenBy(s => s.Book.Title).ThenBy(s => s.Book.Id)
            .Take(first)
            .ToListAsync(cancellationToken);
        var language = BookRecommendationFields.Language(accessor);
        return [.. popular.Select(p => new BookRecommendation(p.Book, p.Readers, language switch
        {
            "en" => p.Readers == 1 ? "Read by 1 reader." : $"Read by {p.Readers} readers.",
            "ar" => $"قرأه {p.Readers} من القراء.",
            _ => p.Readers == 1 ? "Lu par 1 lecteur." : $"Lu par {p.Readers} lecteurs.",
        }))];
    }
}
