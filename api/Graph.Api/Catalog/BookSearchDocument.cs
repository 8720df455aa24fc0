using NpgsqlTypes;

namespace Graph.Api.Catalog;

/// <summary>
/// A book's full-text search document: its titles (every language), author, categories and descriptions, weighted in that
/// order, accent-insensitive, French-stemmed and unstemmed. Kept by database triggers on books, authors, categories and
/// book_categories (migration Catalog), so that no write path can forget it; the application only reads it.
/// </summary>
public sealed class BookSearchDocument
{
    public Guid BookId { get; init; }

    public NpgsqlTsVector Document { get; init; } = NpgsqlTsVector.Empty;
}
