using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>What a catalog mutation did: the entity it changed, or the reasons nothing changed.</summary>
public abstract class CatalogPayloadBase<TEntity, TError>
    where TEntity : class
{
    protected CatalogPayloadBase(TEntity? entity, IReadOnlyList<TError>? errors)
    {
        Entity = entity;
        Errors = errors;
    }

    /// <summary>The entity, for the subclass's named property.</summary>
    protected TEntity? Entity { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<TError>? Errors { get; }
}

/// <summary>What addBook did: the new book, or the reasons it was not added (and then nothing changed).</summary>
public sealed class AddBookPayload(Book? book, IReadOnlyList<IAddBookError>? errors) : CatalogPayloadBase<Book, IAddBookError>(book, errors)
{
    /// <summary>The book added, or null when there are errors.</summary>
    public Book? Book => Entity;
}

/// <summary>What updateBook did: the book as it is now, or the reasons nothing changed.</summary>
public sealed class UpdateBookPayload(Book? book, IReadOnlyList<IUpdateBookError>? errors) : CatalogPayloadBase<Book, IUpdateBookError>(book, errors)
{
    /// <summary>The book changed, or null when there are errors.</summary>
    public Book? Book => Entity;
}

/// <summary>What publishBook did.</summary>
public sealed class PublishBookPayload(Book? book, IReadOnlyList<IBookStatusError>? errors) : CatalogPayloadBase<Book, IBookStatusError>(book, errors)
{
    /// <summary>The book, now PUBLISHED, or null when there are errors.</summary>
    public Book? Book => Entity;
}

/// <summary>What withdrawBook did.</summary>
public sealed class WithdrawBookPayload(Book? book, IReadOnlyList<IBookStatusError>? errors) : CatalogPayloadBase<Book, IBookStatusError>(book, errors)
{
    /// <summary>The book, now WITHDRAWN, or null when there are errors.</summary>
    public Book? Book => Entity;
}

/// <summary>What addAuthor did.</summary>
public sealed class AddAuthorPayload(Author? author, IReadOnlyList<IAuthorError>? errors) : CatalogPayloadBase<Author, IAuthorError>(author, errors)
{
    /// <summary>The author added, or null when there are errors.</summary>
    public Author? Author => Entity;
}

/// <summary>What updateAuthor did.</summary>
public sealed class UpdateAuthorPayload(Author? author, IReadOnlyList<IAuthorError>? errors) : CatalogPayloadBase<Author, IAuthorError>(author, errors)
{
    /// <summary>The author changed, or null when there are errors.</summary>
    public Author? Author => Entity;
}

/// <summary>What addCategory did.</summary>
public sealed class AddCategoryPayload(Category? category, IReadOnlyList<IAddCategoryError>? errors) : CatalogPayloadBase<Category, IAddCategoryError>(category, errors)
{
    /// <summary>The category added, or null when there are errors.</summary>
    public Category? Category => Entity;
}

/// <summary>What addPublisher did.</summary>
public sealed class AddPublisherPayload(Publisher? publisher, IReadOnlyList<IAddPublisherError>? errors) : CatalogPayloadBase<Publisher, IAddPublisherError>(publisher, errors)
{
    /// <summary>The publisher added, or null when there are errors.</summary>
    public Publisher? Publisher => Entity;
}

/// <summary>The domain errors of addBook.</summary>
[UnionType("AddBookError")]
public interface IAddBookError;

/// <summary>The domain errors of updateBook.</summary>
[UnionType("UpdateBookError")]
public interface IUpdateBookError;

/// <summary>The domain errors of publishBook and withdrawBook.</summary>
[UnionType("BookStatusError")]
public interface IBookStatusError;

/// <summary>The domain errors of addAuthor and updateAuthor.</summary>
[UnionType("AuthorError")]
public interface IAuthorError;

/// <summary>The domain errors of addCategory.</summary>
[UnionType("AddCategoryError")]
public interface IAddCategoryError;

/// <summary>The domain errors of addPublisher.</summary>
[UnionType("AddPublisherError")]
public interface IAddPublisherError;

/// <summary>No author has the given id.</summary>
public sealed class AuthorNotFoundError(Guid authorId) : IError, IAddBookError, IUpdateBookError, IAuthorError
{
    /// <inheritdoc />
    public string Message => "There is no author with this ID.";

    /// <inheritdoc />
    public string Code => "AUTHOR_NOT_FOUND";

    /// <summary>The author ID that matched no author, as it was given.</summary>
    [ID<Author>]
    public Guid AuthorId { get; } = authorId;
}

/// <summary>No book has the given id (or the caller may not see it).</summary>
public sealed class BookNotFoundError(Guid bookId) : IError, IUpdateBookError, IBookStatusError
{
    /// <inheritdoc />
    public string Message => "There is no book with this ID.";

    /// <inheritdoc />
    public string Code => "BOOK_NOT_FOUND";

    /// <summary>The book ID that matched no book.</summary>
    [ID<Book>]
    public Guid BookId { get; } = bookId;
}

/// <summary>The book's status does not allow the change (publishing a published book, withdrawing a draft).</summary>
public sealed class BookStatusConflictError(BookStatus status, string message) : IError, IBookStatusError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "BOOK_STATUS_CONFLICT";

    /// <summary>The book's status, unchanged.</summary>
    public BookStatus Status { get; } = status;
}

/// <summary>A field of the input breaks a rule of the catalog (or names something that does not exist).</summary>
public sealed class InvalidBookInputError(string field, string message)
    : IError, IAddBookError, IUpdateBookError, IBookStatusError, IAuthorError, IAddCategoryError, IAddPublisherError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_BOOK_INPUT";

    /// <summary>The offending input field, as a path from the input object, e.g. <c>title</c> or <c>price.amount</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>Another book of the catalog already has the ISBN.</summary>
public sealed class DuplicateIsbnError(string isbn) : IError, IAddBookError, IUpdateBookError
{
    /// <inheritdoc />
    public string Message => $"Another book already has the ISBN {Isbn}.";

    /// <inheritdoc />
    public string Code => "DUPLICATE_ISBN";

    /// <summary>The ISBN, without hyphens.</summary>
    public string Isbn { get; } = isbn;
}

/// <summary>Another category or publisher already has the slug or name.</summary>
public sealed class DuplicateNameError(string field, string value) : IError, IAddCategoryError, IAddPublisherError
{
    /// <inheritdoc />
    public string Message => $"Another entry already has the {Field} \"{Value}\".";

    /// <inheritdoc />
    public string Code => "DUPLICATE_NAME";

    /// <summary>The input field, e.g. <c>slug</c> or <c>name</c>.</summary>
    public string Field { get; } = field;

    /// <summary>The value already taken.</summary>
    public string Value { get; } = value;
}
