using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration.Library;

/// <summary>An object with a globally unique ID.</summary>
[InterfaceType]
public interface INode
{
    /// <summary>The global ID.</summary>
    [ID]
    string Id { get; }
}

/// <summary>Something a search finds.</summary>
[UnionType("SearchResult")]
public interface ISearchResult;

/// <summary>Kinds of books.</summary>
public enum Genre
{
    /// <summary>Made-up stories.</summary>
    Fiction,

    /// <summary>Facts.</summary>
    NonFiction,

    [GraphQLDeprecated("Use FICTION.")]
    Poetry,
}

/// <summary>A book of the library.</summary>
public sealed class Book : INode, ISearchResult
{
    /// <summary>The global ID.</summary>
    [ID]
    public required string Id { get; init; }

    /// <summary>
    /// The title,
    /// as printed on the cover.
    /// </summary>
    public required string Title { get; init; }

    public Genre Genre { get; init; }

    [GraphQLDescription("Number of pages, when known.")]
    public int? Pages { get; init; }

    [GraphQLIgnore]
    public string AuthorId { get; init; } = "";

    [Obsolete("Use title.")]
    public string Name => Title;
}

/// <summary>Someone who writes books.</summary>
public sealed class Author : INode, ISearchResult
{
    /// <summary>The global ID.</summary>
    [ID]
    public required string Id { get; init; }

    public required string Name { get; init; }
}

/// <summary>Adds a book.</summary>
/// <param name="Title">The title of the new book.</param>
/// <param name="AuthorId">Who wrote it.</param>
public sealed record AddBookInput(string Title, Genre Genre, [property: ID] string AuthorId, int? Pages = null);

/// <summary>The result of <c>addBook</c>.</summary>
public sealed record AddBookPayload(Book Book);

/// <summary>The data the resolvers read (a service).</summary>
public sealed class LibraryData
{
    public List<Author> Authors { get; } =
    [
        new Author { Id = "a1", Name = "Ursula K. Le Guin" },
        new Author { Id = "a2", Name = "Mary Beard" },
    ];

    public List<Book> Books { get; } =
    [
        new Book { Id = "b1", Title = "A Wizard of Earthsea", Genre = Genre.Fiction, AuthorId = "a1", Pages = 183 },
        new Book { Id = "b2", Title = "SPQR", Genre = Genre.NonFiction, AuthorId = "a2" },
        new Book { Id = "b3", Title = "The Dispossessed", Genre = Genre.Fiction, AuthorId = "a1" },
    ];
}

/// <summary>The library's entry points.</summary>
public sealed class Query
{
    /// <summary>Lists books.</summary>
    /// <param name="first">How many books to return.</param>
    /// <param name="genre">Only books of this genre.</param>
    public IEnumerable<Book> GetBooks([Service] LibraryData data, int first = 10, Genre? genre = null) =>
        data.Books.Where(b => genre is null || b.Genre == genre).Take(first);

    /// <summary>Finds a book by its ID.</summary>
    public async Task<Book?> GetBookAsync([ID] string id, LibraryData data, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return data.Books.Find(b => b.Id == id);
    }

    /// <summary>Fetches any object by its global ID.</summary>
    public INode? Node([ID] string id, [Service] LibraryData data) =>
        (INode?)data.Books.Find(b => b.Id == id) ?? data.Authors.Find(a => a.Id == id);

    public IReadOnlyList<ISearchResult> Search(string term, [Service] LibraryData data) =>
        [.. data.Books.Where(b => b.Title.Contains(term, StringComparison.OrdinalIgnoreCase)), .. data.Authors.Where(a => a.Name.Contains(term, StringComparison.OrdinalIgnoreCase))];
}

/// <summary>Changes to the library.</summary>
public sealed class Mutation
{
    [GraphQLDescription("Adds a book to the catalogue.")]
    public AddBookPayload AddBook(AddBookInput input, [Service] LibraryData data)
    {
        var book = new Book { Id = "b" + (data.Books.Count + 1), Title = input.Title, Genre = input.Genre, AuthorId = input.AuthorId, Pages = input.Pages };
        data.Books.Add(book);
        return new AddBookPayload(book);
    }
}

/// <summary>Computed fields of <see cref="Book"/>.</summary>
[ExtendObjectType<Book>]
public sealed class BookExtensions
{
    /// <summary>Who wrote the book.</summary>
    public Author GetAuthor([Parent] Book book, [Service] LibraryData data) => data.Authors.First(a => a.Id == book.AuthorId);
}
