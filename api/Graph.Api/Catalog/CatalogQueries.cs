using Graph.Api.Data;
using Graph.GraphQL.Data;
using Graph.GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore;
using Graph.GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>The catalog's entry points on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class CatalogQueries
{
    /// <summary>The books of the catalog, by title unless ordered otherwise.</summary>
    [UsePaging]
    public IQueryable<Book> GetBooks(GraphDbContext db) => db.Books.AsNoTracking().OrderBy(b => b.Title);

    /// <summary>The authors of the catalog, by name unless ordered otherwise.</summary>
    [UsePaging]
    public IQueryable<Author> GetAuthors(GraphDbContext db) => db.Authors.AsNoTracking().OrderBy(a => a.Name);

    /// <summary>A book of the catalog, or null when there is none with this id.</summary>
    public Task<Book?> GetBookAsync(Guid id, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        books.LoadAsync(id, cancellationToken);

    /// <summary>An author, or null when there is none with this id.</summary>
    public Task<Author?> GetAuthorAsync(Guid id, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        authors.LoadAsync(id, cancellationToken);
}

/// <summary>Fields of Book that need the database.</summary>
[ExtendObjectType<Book>]
public sealed class BookFields
{
    /// <summary>Who wrote the book.</summary>
    public async Task<Author> GetAuthorAsync([Parent] Book book, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        await authors.LoadAsync(book.AuthorId, cancellationToken)
        ?? throw new InvalidOperationException($"Book {book.Id} refers to the missing author {book.AuthorId}.");
}

/// <summary>Fields of Author that need the database.</summary>
[ExtendObjectType<Author>]
public sealed class AuthorFields
{
    /// <summary>The author's books, by title.</summary>
    public Task<Book[]> GetBooksAsync([Parent] Author author, BooksByAuthorDataLoader books, CancellationToken cancellationToken) =>
        books.LoadAsync(author.Id, cancellationToken);
}
