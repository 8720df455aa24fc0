using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>A new book for the catalog.</summary>
public sealed class AddBookInput
{
    /// <summary>The title: 1 to 300 characters once leading and trailing spaces are dropped.</summary>
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
}
