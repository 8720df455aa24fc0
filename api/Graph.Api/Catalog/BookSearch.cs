using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Graph.Api.Data;
using Graph.GraphQL;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Graph.Api.Catalog;

/// <summary>Full-text search over the catalog: <c>searchBooks(query)</c>.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class BookSearchQueries
{
    /// <summary>The longest query, in characters.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>The default and largest page.</summary>
    public const int DefaultPageSize = 10, MaxPageSize = 50;

    /// <summary>
    /// The published books matching <c>query</c> in their titles (any language), author, categories or descriptions, best
    /// first. Accent- and case-insensitive, French words matched by their stem ("contes" finds "conte"), the last word as a
    /// prefix while the user types ("sol" finds "soleil"); quotes for a phrase, <c>-word</c> to exclude, <c>or</c> between
    /// alternatives. Paged with <c>first</c>/<c>after</c>; ranks can change as the catalog changes, so a cursor is a position
    /// in this search, not a bookmark.
    /// </summary>
    public async Task<BookSearchConnection> SearchBooksAsync(
        string query,
        [ID<Category>] Guid? categoryId,
        int? first,
        string? after,
        GraphDbContext db,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var text = query.Trim();
        if (text.Length == 0 || text.Length > MaxQueryLength || text.Any(char.IsControl))
        {
            throw new GraphQLException($"The search query must be 1 to {MaxQueryLength} characters of one line.", "SEARCH_QUERY_INVALID");
        }
        var size = first ?? DefaultPageSize;
        if (size is < 0 or > MaxPageSize)
        {
            throw new GraphQLException($"first must be between 0 and {MaxPageSize}.", "PAGING_ARGUMENT_INVALID");
        }
        var offset = after is null ? 0 : DecodeCursor(after);

        var books = CatalogVisibility.Listed(db.Books.AsNoTracking(), user);
        if (categoryId is { } category)
        {
            var subtree = await CategoryTree.SubtreeAsync(db, category, cancellationToken);
            books = books.Where(b => db.BookCategories.Any(l => l.BookId == b.Id && subtree.Contains(l.CategoryId)));
        }
        var prefix = PrefixQuery(query.TrimStart());
        var documents = db.BookSearchDocuments.AsQueryable();
        // The last word as a prefix while typing; the prefix query is "" otherwise (an empty tsquery matches nothing, so
        // OR-ing it changes nothing).
        var typed = prefix ?? "";
        var matches =
            from b in books
            join d in documents on b.Id equals d.BookId
            let q = EF.Functions.WebSearchToTsQuery("graph_french", text)
                .Or(EF.Functions.WebSearchToTsQuery("graph_simple", text))
                .Or(EF.Functions.ToTsQuery("graph_simple", typed))
            where d.Document.Matches(q)
            select new { Book = b, Rank = d.Document.Rank(q) };

        var total = await matches.CountAsync(cancellationToken);
        var page = size == 0 ? [] : await matches
            .OrderByDescending(m => m.Rank).ThenBy(m => m.Book.Title).ThenBy(m => m.Book.Id)
            .Skip(offset).Take(size)
            .ToListAsync(cancellationToken);
        var edges = page.Select((m, i) => new BookSearchEdge(EncodeCursor(offset + i + 1), m.Book, m.Rank)).ToList();
        var pageInfo = new PageInfo(
            hasNextPage: offset + edges.Count < total,
            hasPreviousPage: offset > 0,
            startCursor: edges.FirstOrDefault()?.Cursor,
            endCursor: edges.LastOrDefault()?.Cursor);
        return new BookSearchConnection(edges, pageInfo, total);
    }

    /// <summary>
    /// The words of <paramref name="text"/> as <c>w1 &amp; w2 &amp; w3:*</c> (the last one a prefix), letters and digits only,
    /// or null when the query ends with a space or punctuation (a finished word), uses the search operators (a quoted
    /// phrase, an excluded <c>-word</c>: the prefix would bypass them), or has no word.
    /// </summary>
    internal static string? PrefixQuery(string text)
    {
        if (text.Length == 0 || !char.IsLetterOrDigit(text[^1]) || text.Contains('"', StringComparison.Ordinal)
            || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith('-')))
        {
            return null;
        }
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        return words.Count == 0 ? null : string.Join(" & ", words.SkipLast(1).Append(words[^1] + ":*"));
    }

    private static string EncodeCursor(int position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("search:" + position.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("search:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 0)
            {
                return position;
            }
        }
        catch (FormatException)
        {
        }
        throw new GraphQLException($"The cursor \"{cursor}\" given as `after` is not one searchBooks returned.", "PAGING_CURSOR_INVALID");
    }
}

/// <summary>A page of search results, best first.</summary>
public sealed class BookSearchConnection(IReadOnlyList<BookSearchEdge> edges, PageInfo pageInfo, int totalCount)
{
    /// <summary>The results with their cursors and ranks.</summary>
    public IReadOnlyList<BookSearchEdge> Edges { get; } = edges;

    /// <summary>The books of the page.</summary>
    public IReadOnlyList<Book> Nodes { get; } = [.. edges.Select(e => e.Node)];

    public PageInfo PageInfo { get; } = pageInfo;

    /// <summary>How many books match in all.</summary>
    public int TotalCount { get; } = totalCount;
}

/// <summary>One search result.</summary>
public sealed class BookSearchEdge(string cursor, Book node, float rank)
{
    public string Cursor { get; } = cursor;

    public Book Node { get; } = node;

    /// <summary>How well the book matches (higher is better): title words weigh most, then the author, the categories and
    /// the description.</summary>
    public float Rank { get; } = rank;
}
