using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>What addBook did: the new book, or the reasons it was not added (and then nothing changed).</summary>
public sealed class AddBookPayload
{
    private AddBookPayload(Book? book, IReadOnlyList<IAddBookError>? errors)
    {
        Book = book;
        Errors = errors;
    }

    /// <summary>The book added, or null when there are errors.</summary>
    public Book? Book { get; }

    /// <summary>Why the book was not added, or null when it was.</summary>
    public IReadOnlyList<IAddBookError>? Errors { get; }

    public static AddBookPayload Added(Book book) => new(book, null);

    public static AddBookPayload Failed(IReadOnlyList<IAddBookError> errors) => new(null, errors);
}

/// <summary>The domain errors of addBook.</summary>
[UnionType("AddBookError")]
public interface IAddBookError;

/// <summary>No author has the given id.</summary>
public sealed class AuthorNotFoundError(Guid authorId) : IError, IAddBookError
{
    /// <inheritdoc />
    public string Message => "There is no author with this ID.";

    /// <inheritdoc />
    public string Code => "AUTHOR_NOT_FOUND";

    /// <summary>The author ID that matched no author, as it was given.</summary>
    [ID<Author>]
    public Guid AuthorId { get; } = authorId;
}

/// <summary>A field of the input breaks a rule of the catalog.</summary>
public sealed class InvalidBookInputError(string field, string message) : IError, IAddBookError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_BOOK_INPUT";

    /// <summary>The offending input field, as a path from the input object, e.g. <c>title</c> or <c>price.amount</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>Another book of the catalog already has the ISBN.</summary>
public sealed class DuplicateIsbnError(string isbn) : IError, IAddBookError
{
    /// <inheritdoc />
    public string Message => $"Another book already has the ISBN {Isbn}.";

    /// <inheritdoc />
    public string Code => "DUPLICATE_ISBN";

    /// <summary>The ISBN, without hyphens.</summary>
    public string Isbn { get; } = isbn;
}
