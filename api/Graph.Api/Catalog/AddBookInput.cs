using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>A new book for the catalog.</summary>
public sealed class AddBookInput
{
    /// <summary>The title in the book's language: 1 to 300 characters once leading and trailing spaces are dropped.</summary>
    public required string Title { get; init; }

    /// <summary>The author (the ID of an Author), who must already be in the catalog.</summary>
    [ID<Author>]
    public required Guid AuthorId { get; init; }

    /// <summary>ISO 639-1 language code of the text, e.g. fr, en, wo.</summary>
    public required string Language { get; init; }

    /// <summary>The price: more than zero, with no more decimals than its currency has.</summary>
    public required MoneyInput Price { get; init; }

    /// <summary>ISBN-13, with or without hyphens; no other book may have it.</summary>
    public string? Isbn { get; init; }

    /// <summary>The day the book was first published, when known.</summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>The description in the book's language (up to 8,000 characters).</summary>
    public string? Description { get; init; }

    /// <summary>
    /// DRAFT or PUBLISHED. Unset, an administrator's book is PUBLISHED; an author's book is always a DRAFT, which an
    /// administrator publishes.
    /// </summary>
    public BookStatus? Status { get; init; }

    /// <summary>The forms the library delivers the book in (at least one before it is published).</summary>
    public IReadOnlyList<BookFormat>? Formats { get; init; }

    /// <summary>The number of pages, when known.</summary>
    public int? PageCount { get; init; }

    /// <summary>An https URL of the cover image.</summary>
    public string? CoverUrl { get; init; }

    /// <summary>The publisher (the ID of a Publisher).</summary>
    [ID<Publisher>]
    public Guid? PublisherId { get; init; }

    /// <summary>The categories the book is filed under (IDs of Category; at most 10).</summary>
    [ID<Category>]
    public IReadOnlyList<Guid>? CategoryIds { get; init; }

    /// <summary>The title and description in other languages.</summary>
    public IReadOnlyList<BookTranslationInput>? Translations { get; init; }
}

/// <summary>A book's title and description in one language other than its own.</summary>
public sealed class BookTranslationInput
{
    /// <summary>ISO 639-1 code of the translation, e.g. en, wo, ar; not the book's own language.</summary>
    public required string Language { get; init; }

    /// <summary>The title in that language.</summary>
    public required string Title { get; init; }

    /// <summary>The description in that language.</summary>
    public string? Description { get; init; }
}

/// <summary>Changes to a book. Fields left null keep their value; <see cref="Clear"/> empties optional ones.</summary>
public sealed class UpdateBookInput
{
    /// <summary>The book to change.</summary>
    [ID<Book>]
    public required Guid Id { get; init; }

    /// <summary>A new title in the book's language.</summary>
    public string? Title { get; init; }

    /// <summary>A new description in the book's language.</summary>
    public string? Description { get; init; }

    /// <summary>A new language of the text.</summary>
    public string? Language { get; init; }

    /// <summary>A new price (sales already made keep theirs).</summary>
    public MoneyInput? Price { get; init; }

    /// <summary>A new ISBN-13.</summary>
    public string? Isbn { get; init; }

    /// <summary>A new first publication day.</summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>The formats, replacing the current ones.</summary>
    public IReadOnlyList<BookFormat>? Formats { get; init; }

    /// <summary>A new page count.</summary>
    public int? PageCount { get; init; }

    /// <summary>A new cover URL.</summary>
    public string? CoverUrl { get; init; }

    /// <summary>A new author.</summary>
    [ID<Author>]
    public Guid? AuthorId { get; init; }

    /// <summary>A new publisher.</summary>
    [ID<Publisher>]
    public Guid? PublisherId { get; init; }

    /// <summary>The categories, replacing the current ones.</summary>
    [ID<Category>]
    public IReadOnlyList<Guid>? CategoryIds { get; init; }

    /// <summary>The translations, replacing the current ones.</summary>
    public IReadOnlyList<BookTranslationInput>? Translations { get; init; }

    /// <summary>Optional fields to empty.</summary>
    public IReadOnlyList<BookClearableField>? Clear { get; init; }
}

/// <summary>An optional field of a book that updateBook can empty.</summary>
public enum BookClearableField
{
    Description,
    Isbn,
    PublishedOn,
    PageCount,
    CoverUrl,
    Publisher,
}

/// <summary>A book whose status changes.</summary>
public sealed class PublishBookInput
{
    /// <summary>The book to publish: a DRAFT, or a WITHDRAWN book coming back.</summary>
    [ID<Book>]
    public required Guid Id { get; init; }
}

/// <summary>A book taken out of sale.</summary>
public sealed class WithdrawBookInput
{
    /// <summary>The PUBLISHED book to withdraw; readers who own it keep reading it.</summary>
    [ID<Book>]
    public required Guid Id { get; init; }
}

/// <summary>A new author.</summary>
public sealed class AddAuthorInput
{
    /// <summary>The author's name (1 to 200 characters).</summary>
    public required string Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code, e.g. SN, CI, ML.</summary>
    public required string CountryCode { get; init; }

    /// <summary>The biography in French.</summary>
    public string? Biography { get; init; }

    /// <summary>The biography in other languages.</summary>
    public IReadOnlyList<LocalizedTextInput>? Biographies { get; init; }
}

/// <summary>Changes to an author; null fields keep their value.</summary>
public sealed class UpdateAuthorInput
{
    [ID<Author>]
    public required Guid Id { get; init; }

    public string? Name { get; init; }

    public string? CountryCode { get; init; }

    /// <summary>A new French biography; an empty text removes it.</summary>
    public string? Biography { get; init; }

    /// <summary>The biographies in other languages, replacing the current ones.</summary>
    public IReadOnlyList<LocalizedTextInput>? Biographies { get; init; }
}

/// <summary>A text in one language.</summary>
public sealed class LocalizedTextInput
{
    /// <summary>ISO 639-1 code, e.g. en, wo, ar.</summary>
    public required string Language { get; init; }

    public required string Text { get; init; }
}

/// <summary>A new category of the tree.</summary>
public sealed class AddCategoryInput
{
    /// <summary>Unique, URL-friendly: lower-case letters, digits and hyphens, e.g. romans-africains.</summary>
    public required string Slug { get; init; }

    /// <summary>The name in French.</summary>
    public required string Name { get; init; }

    /// <summary>The name in other languages.</summary>
    public IReadOnlyList<LocalizedTextInput>? Names { get; init; }

    /// <summary>The parent category; none for a root. The tree is at most 5 levels deep.</summary>
    [ID<Category>]
    public Guid? ParentId { get; init; }

    /// <summary>The order among its siblings (smaller first); 0 when not given.</summary>
    public int? Position { get; init; }
}

/// <summary>A new publisher.</summary>
public sealed class AddPublisherInput
{
    public required string Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string CountryCode { get; init; }

    /// <summary>An https URL.</summary>
    public string? Website { get; init; }
}
