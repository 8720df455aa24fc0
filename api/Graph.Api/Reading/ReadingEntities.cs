using System.Text.Json.Serialization;
using Graph.Api.Data;
using Graph.Api.Catalog;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;

namespace Graph.Api.Reading;

/// <summary>
/// Where a reader is in a book, as the last of their devices to report it left it. One per (reader, book); replaced only by
/// a report with a later client timestamp (last write wins by the client's clock).
/// </summary>
public sealed class ReadingProgress
{
    /// <summary>The reader; never shown (a reader sees only their own progress).</summary>
    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>The book's ID (kept by projections: the <c>book</c> field loads the book by it).</summary>
    [ID<Book>]
    [IsProjected(true)]
    public Guid BookId { get; init; }

    /// <summary>The reader app's locator of the place (an EPUB CFI, a page); opaque to the server.</summary>
    public required string Position { get; set; }

    /// <summary>How far through the book, from 0 to 100.</summary>
    public decimal Percent { get; set; }

    /// <summary>The device that reported this position.</summary>
    public required string DeviceId { get; set; }

    /// <summary>When the device says the reader got here (its own clock, UTC): what last-write-wins compares.</summary>
    public DateTime ClientUpdatedAt { get; set; }

    /// <summary>When the server stored it.</summary>
    public DateTime ServerUpdatedAt { get; set; }

    /// <summary>The PostgreSQL transaction that last wrote the row (set by a trigger), for readingChanges.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public long ChangeXid { get; set; }
}

/// <summary>A place in a book the reader marked, made on a device with an id of its own (a UUID), so that it can be made
/// offline and sent again safely. Deleting leaves a tombstone (deletedAt set) that the other devices sync.</summary>
public sealed class Bookmark
{
    /// <summary>The id the device made for it (a UUID).</summary>
    public Guid Id { get; init; }

    /// <summary>The reader; never shown.</summary>
    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>The book's ID (kept by projections: the <c>book</c> field loads the book by it).</summary>
    [ID<Book>]
    [IsProjected(true)]
    public Guid BookId { get; init; }

    /// <summary>The reader app's locator of the marked place.</summary>
    public required string Position { get; set; }

    /// <summary>The reader's name for it, if any.</summary>
    public string? Label { get; set; }

    /// <summary>The device that last changed it.</summary>
    public required string DeviceId { get; set; }

    /// <summary>When the device made the last change (its own clock, UTC).</summary>
    public DateTime ClientUpdatedAt { get; set; }

    /// <summary>When the server stored the last change.</summary>
    public DateTime ServerUpdatedAt { get; set; }

    /// <summary>When the server stored its deletion; null while it exists. A deleted bookmark stays deleted.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>The PostgreSQL transaction that last wrote the row (set by a trigger), for readingChanges.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public long ChangeXid { get; set; }
}

/// <summary>The colours a highlight can have.</summary>
public enum HighlightColor
{
    Yellow,
    Green,
    Blue,
    Pink,
    Orange,
}

/// <summary>A highlighted passage of a book, with an optional note; made on a device with its own UUID, like a bookmark.</summary>
public sealed class Annotation
{
    /// <summary>The id the device made for it (a UUID).</summary>
    public Guid Id { get; init; }

    /// <summary>The reader; never shown.</summary>
    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>The book's ID (kept by projections: the <c>book</c> field loads the book by it).</summary>
    [ID<Book>]
    [IsProjected(true)]
    public Guid BookId { get; init; }

    /// <summary>The reader app's locator where the highlight starts.</summary>
    public required string Start { get; set; }

    /// <summary>The reader app's locator where the highlight ends.</summary>
    public required string End { get; set; }

    /// <summary>The highlighted text, as the app showed it.</summary>
    public required string Excerpt { get; set; }

    public HighlightColor Color { get; set; }

    /// <summary>The reader's note on the passage, if any.</summary>
    public string? Note { get; set; }

    /// <summary>The device that last changed it.</summary>
    public required string DeviceId { get; set; }

    /// <summary>When the device made the last change (its own clock, UTC).</summary>
    public DateTime ClientUpdatedAt { get; set; }

    /// <summary>When the server stored the last change.</summary>
    public DateTime ServerUpdatedAt { get; set; }

    /// <summary>When the server stored its deletion; null while it exists. A deleted annotation stays deleted.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>The PostgreSQL transaction that last wrote the row (set by a trigger), for readingChanges.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public long ChangeXid { get; set; }
}

/// <summary>What Reading tells other domains about who reads which book (recommendations read it).</summary>
public static class ReadingSignals
{
    /// <summary>(reader, book) for every book a reader has opened (has a progress for).</summary>
    public static IQueryable<Catalog.ReaderOfBook> Readers(GraphDbContext db) =>
        db.Set<ReadingProgress>().Select(p => new Catalog.ReaderOfBook { UserId = p.UserId, BookId = p.BookId });
}
