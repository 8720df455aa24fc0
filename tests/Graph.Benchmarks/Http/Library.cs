using System.Text.Json;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.Benchmarks.Http;

/// <summary>
/// The in-memory book/author graph every server of the HTTP comparison serves: 100 books and 20 authors read from
/// <c>library.json</c>, which the JavaScript peers (tests/Graph.Benchmarks/peers) read too.
/// </summary>
public sealed class Library
{
    private readonly Dictionary<string, Author> _authors;

    private Library(IReadOnlyList<Author> authors, IReadOnlyList<Book> books)
    {
        _authors = authors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        Books = books;
    }

    public IReadOnlyList<Book> Books { get; }

    public Author Author(string id) => _authors[id];

    /// <summary>Reads <c>Http/library.json</c> next to the program.</summary>
    public static Library Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Http", "library.json");
        var file = JsonSerializer.Deserialize<LibraryFile>(File.ReadAllBytes(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"{path} is empty.");
        return new Library(file.Authors, file.Books);
    }

    private sealed record LibraryFile(Author[] Authors, Book[] Books);
}

public sealed record Author([property: ID] string Id, string Name);

public sealed record Book([property: ID] string Id, string Title, [property: GraphQLIgnore] string AuthorId);

/// <summary>The root of the benchmark graph.</summary>
public sealed class LibraryQuery
{
    public IReadOnlyList<Book> GetBooks([Service] Library library) => library.Books;
}

/// <summary>Book.author: a lookup in memory, as in the JavaScript peers.</summary>
[ExtendObjectType<Book>]
public sealed class BookAuthor
{
    public Author GetAuthor([Parent] Book book, [Service] Library library) => library.Author(book.AuthorId);
}
