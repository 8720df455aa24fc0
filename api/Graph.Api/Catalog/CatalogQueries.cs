using Graph.Api.Data;
using Graph.GraphQL.Data;
using Graph.GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>The catalog's entry points on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class CatalogQueries
{
    /// <summary>The books of the catalog, by title unless ordered otherwise.</summary>
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Book> GetBooks(GraphDbContext db) => db.Books.AsNoTracking().OrderBy(b => b.Title);

    /// <summary>The authors of the catalog, by name unless ordered otherwise.</summary>
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Author> GetAuthors(GraphDbContext db) => db.Authors.AsNoTracking().OrderBy(a => a.Name);

    /// <summary>A book of the catalog, or null when there is none with this id.</summary>
    public Task<Book?> GetBookAsync([ID<Book>] Guid id, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        books.LoadAsync(id, cancellationToken);

    /// <summary>An author, or null when there is none with this id.</summary>
    public Task<Author?> GetAuthorAsync([ID<Author>] Guid id, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        authors.LoadAsync(id, cancellationToken);
}

/// <summary>Fields of Book that need the database.</summary>
[ExtendObjectType<Book>]
public sealed class BookFields
{
    /// <summary>Resolves a Book's global ID for node and nodes.</summary>
    [NodeResolver]
    public static Task<Book?> GetBookByIdAsync(Guid id, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        books.LoadAsync(id, cancellationToken);

    /// <summary>Who wrote the book.</summary>
    /// <remarks>
    /// Bound to the <see cref="Book.Author"/> navigation: under a projected list (<c>books { nodes { author { name } } }</c>)
    /// the author comes joined in the books' SQL statement; elsewhere (<c>book(id)</c>, <c>node(id)</c>, subscription
    /// events) the navigation is not loaded and the DataLoader fetches the authors of all those books in one query.
    /// </remarks>
    [BindMember(nameof(Book.Author))]
    public ValueTask<Author> GetAuthorAsync([Parent] Book book, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        book.Author is { } author ? ValueTask.FromResult(author) : LoadAuthorAsync(book, authors, cancellationToken);

    private static async ValueTask<Author> LoadAuthorAsync(Book book, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        await authors.LoadAsync(book.AuthorId, cancellationToken)
        ?? throw new InvalidOperationException($"Book {book.Id} refers to the missing author {book.AuthorId}.");
}

/// <summary>Fields of Author that need the database.</summary>
[ExtendObjectType<Author>]
public sealed class AuthorFields
{
    /// <summary>Resolves an Author's global ID for node and nodes.</summary>
    [NodeResolver]
    public static Task<Author?> GetAuthorByIdAsync(Guid id, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        authors.LoadAsync(id, cancellationToken);

    /// <summary>The author's books, by title.</summary>
    public Task<Book[]> GetBooksAsync([Parent] Author author, BooksByAuthorDataLoader books, CancellationToken cancellationToken) =>
        books.LoadAsync(author.Id, cancellationToken);
}
