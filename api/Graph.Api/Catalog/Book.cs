using Graph.Api.Common;

namespace Graph.Api.Catalog;

/// <summary>An ebook of the catalog (Coko).</summary>
public sealed class Book
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Title { get; set; }

    /// <summary>ISBN-13 without hyphens, when the book has one.</summary>
    public string? Isbn { get; set; }

    /// <summary>ISO 639-1 language code of the text, e.g. fr, en, wo.</summary>
    public required string Language { get; set; }

    public required Money Price { get; set; }

    public DateOnly? PublishedOn { get; set; }

    public Guid AuthorId { get; set; }

    public Author? Author { get; set; }

    public DateTime CreatedAt { get; init; }
}
