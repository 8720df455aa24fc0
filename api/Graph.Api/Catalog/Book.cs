using System.Text.Json.Serialization;
using Graph.Api.Common;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>An ebook of the catalog (Coko).</summary>
/// <remarks>
/// Books travel as JSON in subscription events (see <see cref="BookSubscriptions"/>): <see cref="AuthorId"/> goes with them
/// (the graph's <c>author</c> field then loads the author by it), the <see cref="Author"/> navigation does not.
/// </remarks>
[Node]
public sealed class Book
{
    // A UUIDv7 given when the book is added to a context (see BookConfiguration).
    public Guid Id { get; init; }

    /// <summary>The title in the book's own language (<see cref="Language"/>); other languages are in <see cref="Translations"/>.</summary>
    public required string Title { get; set; }

    /// <summary>The description in the book's own language, when it has one.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The title and description in other languages, by ISO 639-1 code. Read by the graph's <c>title(language)</c>,
    /// <c>description(language)</c> and <c>translations</c> fields, so projections always load it.
    /// </summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Dictionary<string, BookText> Translations { get; set; } = [];

    /// <summary>DRAFT, PUBLISHED or WITHDRAWN: only published books are listed, searched and sold.</summary>
    /// <remarks>A book made in code (tests, seeds) is PUBLISHED unless set; addBook decides for clients.</remarks>
    public BookStatus Status { get; set; } = BookStatus.Published;

    /// <summary>The forms the library delivers the book in.</summary>
    public List<BookFormat> Formats { get; set; } = [BookFormat.Epub];

    /// <summary>The number of pages of the printed or fixed-layout edition, when known.</summary>
    public int? PageCount { get; set; }

    /// <summary>An https URL of the cover image, when there is one.</summary>
    public string? CoverUrl { get; set; }

    /// <summary>ISBN-13 without hyphens, when the book has one.</summary>
    public string? Isbn { get; set; }

    /// <summary>ISO 639-1 language code of the text, e.g. fr, en, wo.</summary>
    public required string Language { get; set; }

    public required Money Price { get; set; }

    public DateOnly? PublishedOn { get; set; }

    /// <summary>Kept by projections: the graph's <c>author</c> field loads the author by it when <see cref="Author"/> was not loaded.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid AuthorId { get; set; }

    /// <summary>
    /// Loaded by EF Core on demand, and by projections when a client selects <c>author</c> under a projected list: the
    /// graph's <c>author</c> field (<see cref="BookFields.GetAuthorAsync"/>) is bound to it.
    /// </summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public Author? Author { get; set; }

    /// <summary>Kept by projections: the graph's <c>publisher</c> field loads the publisher by it.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? PublisherId { get; set; }

    /// <summary>The book's places in the category tree (the graph's <c>categories</c> field loads them).</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public List<BookCategory> CategoryLinks { get; } = [];

    public DateTime CreatedAt { get; init; }

    /// <summary>When the book last changed (its creation, at first).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A book filed under a category (many to many).</summary>
public sealed class BookCategory
{
    public Guid BookId { get; init; }

    public Guid CategoryId { get; init; }
}
