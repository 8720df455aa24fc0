using Graph.Api.Catalog;
using Graph.GraphQL.Types;

namespace Graph.Api.Reading;

/// <summary>Where the reader is now in a book, as a device reports it.</summary>
public sealed class UpdateReadingProgressInput
{
    /// <summary>The book.</summary>
    [ID<Book>]
    public required Guid BookId { get; init; }

    /// <summary>The reader app's locator of the place (an EPUB CFI), 1 to 2048 characters.</summary>
    public required string Position { get; init; }

    /// <summary>How far through the book, from 0 to 100 (kept to 4 decimals).</summary>
    public required decimal Percent { get; init; }

    /// <summary>The device reporting it (1 to 100 characters), so that it can tell its own changes from others'.</summary>
    public required string DeviceId { get; init; }

    /// <summary>When the reader got there, by the device's clock: the latest wins. At most two minutes ahead of the server.</summary>
    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>A bookmark to create or change: the same id again changes it, when the change is newer.</summary>
public sealed class SaveBookmarkInput
{
    /// <summary>The id the device made for the bookmark (a UUID), the same on every retry.</summary>
    public required Guid Id { get; init; }

    /// <summary>The book (a bookmark stays in its book).</summary>
    [ID<Book>]
    public required Guid BookId { get; init; }

    /// <summary>The reader app's locator of the marked place.</summary>
    public required string Position { get; init; }

    /// <summary>The reader's name for it (up to 200 characters); null or empty for none.</summary>
    public string? Label { get; init; }

    /// <summary>The device making the change.</summary>
    public required string DeviceId { get; init; }

    /// <summary>When the change was made, by the device's clock.</summary>
    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>A highlight to create or change: the same id again changes it, when the change is newer.</summary>
public sealed class SaveAnnotationInput
{
    /// <summary>The id the device made for the annotation (a UUID), the same on every retry.</summary>
    public required Guid Id { get; init; }

    /// <summary>The book (an annotation stays in its book).</summary>
    [ID<Book>]
    public required Guid BookId { get; init; }

    /// <summary>The reader app's locator where the highlight starts.</summary>
    public required string Start { get; init; }

    /// <summary>The reader app's locator where the highlight ends.</summary>
    public required string End { get; init; }

    /// <summary>The highlighted text (1 to 4000 characters).</summary>
    public required string Excerpt { get; init; }

    public required HighlightColor Color { get; init; }

    /// <summary>The reader's note (up to 10000 characters); null or empty for none.</summary>
    public string? Note { get; init; }

    /// <summary>The device making the change.</summary>
    public required string DeviceId { get; init; }

    /// <summary>When the change was made, by the device's clock.</summary>
    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>The kinds of reading items a device deletes.</summary>
public enum ReadingItemKind
{
    Bookmark,
    Annotation,
}

/// <summary>A bookmark or annotation to delete. It stays as a tombstone, so that the other devices learn of it.</summary>
public sealed class DeleteReadingItemInput
{
    public required ReadingItemKind Kind { get; init; }

    /// <summary>The item's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The device deleting it.</summary>
    public required string DeviceId { get; init; }

    /// <summary>When it was deleted, by the device's clock.</summary>
    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>A progress report inside syncReading (the device is the batch's).</summary>
public sealed class ReadingProgressChangeInput
{
    [ID<Book>]
    public required Guid BookId { get; init; }

    public required string Position { get; init; }

    public required decimal Percent { get; init; }

    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>A bookmark change inside syncReading (the device is the batch's).</summary>
public sealed class BookmarkChangeInput
{
    public required Guid Id { get; init; }

    [ID<Book>]
    public required Guid BookId { get; init; }

    public required string Position { get; init; }

    public string? Label { get; init; }

    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>An annotation change inside syncReading (the device is the batch's).</summary>
public sealed class AnnotationChangeInput
{
    public required Guid Id { get; init; }

    [ID<Book>]
    public required Guid BookId { get; init; }

    public required string Start { get; init; }

    public required string End { get; init; }

    public required string Excerpt { get; init; }

    public required HighlightColor Color { get; init; }

    public string? Note { get; init; }

    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>A deletion inside syncReading (the device is the batch's).</summary>
public sealed class ReadingDeletionInput
{
    public required ReadingItemKind Kind { get; init; }

    public required Guid Id { get; init; }

    public required DateTime ClientUpdatedAt { get; init; }
}

/// <summary>What a device changed while offline, sent in one round trip: applied in one transaction, each change with its
/// own result. At most 500 changes.</summary>
public sealed class SyncReadingInput
{
    /// <summary>The device that made the changes.</summary>
    public required string DeviceId { get; init; }

    public IReadOnlyList<ReadingProgressChangeInput>? Progress { get; init; }

    public IReadOnlyList<BookmarkChangeInput>? Bookmarks { get; init; }

    public IReadOnlyList<AnnotationChangeInput>? Annotations { get; init; }

    public IReadOnlyList<ReadingDeletionInput>? Deletions { get; init; }
}
