using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Reading;

/// <summary>The domain errors of updateReadingProgress (and of each progress change of syncReading).</summary>
[UnionType("UpdateReadingProgressError")]
public interface IUpdateReadingProgressError;

/// <summary>The domain errors of saveBookmark (and of each bookmark of syncReading).</summary>
[UnionType("SaveBookmarkError")]
public interface ISaveBookmarkError;

/// <summary>The domain errors of saveAnnotation (and of each annotation of syncReading).</summary>
[UnionType("SaveAnnotationError")]
public interface ISaveAnnotationError;

/// <summary>The domain errors of deleteBookmark and deleteAnnotation (and of each deletion of syncReading).</summary>
[UnionType("DeleteReadingItemError")]
public interface IDeleteReadingItemError;

/// <summary>The domain errors of syncReading as a whole (each change has its own).</summary>
[UnionType("SyncReadingError")]
public interface ISyncReadingError;

/// <summary>A field of the input breaks a rule of reading data.</summary>
public sealed class InvalidReadingInputError(string field, string message)
    : IError, IUpdateReadingProgressError, ISaveBookmarkError, ISaveAnnotationError, IDeleteReadingItemError, ISyncReadingError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_READING_INPUT";

    /// <summary>The offending input field, e.g. <c>percent</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>The device's timestamp is further ahead of the server's clock than a clock may drift: the device's clock is
/// wrong, and the change would win over every change made until then. Nothing changed.</summary>
public sealed class ClientClockAheadError(DateTime clientUpdatedAt, DateTime serverTime)
    : IError, IUpdateReadingProgressError, ISaveBookmarkError, ISaveAnnotationError, IDeleteReadingItemError
{
    /// <inheritdoc />
    public string Message => $"The device's timestamp is ahead of the server's clock by more than {ReadingRules.MaxClockSkew.TotalMinutes:0} minutes; set the device's clock.";

    /// <inheritdoc />
    public string Code => "CLIENT_CLOCK_AHEAD";

    /// <summary>The timestamp the device sent.</summary>
    public DateTime ClientUpdatedAt { get; } = clientUpdatedAt;

    /// <summary>The server's time when it refused it.</summary>
    public DateTime ServerTime { get; } = serverTime;
}

/// <summary>The reader may not record reading of this book (for now: the book does not exist). Nothing changed.</summary>
public sealed class BookNotReadableError(Guid bookId, ReadingRefusal refusal)
    : IError, IUpdateReadingProgressError, ISaveBookmarkError, ISaveAnnotationError
{
    /// <inheritdoc />
    public string Message { get; } = refusal.Message;

    /// <inheritdoc />
    public string Code { get; } = refusal.Code;

    /// <summary>The book, as it was given.</summary>
    [ID<Book>]
    public Guid BookId { get; } = bookId;
}

/// <summary>A device reported progress older than the progress stored (or as old, from another device): the stored one
/// stays, and current is it, so the app can move there.</summary>
public sealed class StaleProgressError(ReadingProgress current) : IError, IUpdateReadingProgressError
{
    /// <inheritdoc />
    public string Message => "A later position was already recorded for this book.";

    /// <inheritdoc />
    public string Code => "STALE_PROGRESS";

    /// <summary>The progress stored, which stays.</summary>
    public ReadingProgress Current { get; } = current;
}

/// <summary>The change is older than the bookmark's last change: the stored bookmark stays and is current.</summary>
public sealed class StaleBookmarkError(Bookmark current) : IError, ISaveBookmarkError
{
    /// <inheritdoc />
    public string Message => "The bookmark was changed later on another device.";

    /// <inheritdoc />
    public string Code => "STALE_BOOKMARK";

    /// <summary>The bookmark stored, which stays.</summary>
    public Bookmark Current { get; } = current;
}

/// <summary>The change is older than the annotation's last change: the stored annotation stays and is current.</summary>
public sealed class StaleAnnotationError(Annotation current) : IError, ISaveAnnotationError
{
    /// <inheritdoc />
    public string Message => "The annotation was changed later on another device.";

    /// <inheritdoc />
    public string Code => "STALE_ANNOTATION";

    /// <summary>The annotation stored, which stays.</summary>
    public Annotation Current { get; } = current;
}

/// <summary>The bookmark or annotation was deleted (on this or another device); a deleted item is not brought back.</summary>
public sealed class ReadingItemDeletedError(Guid id, DateTime deletedAt) : IError, ISaveBookmarkError, ISaveAnnotationError
{
    /// <inheritdoc />
    public string Message => "This item was deleted; a deleted bookmark or annotation is not brought back.";

    /// <inheritdoc />
    public string Code => "READING_ITEM_DELETED";

    /// <summary>The item's id.</summary>
    public Guid Id { get; } = id;

    /// <summary>When the server stored the deletion.</summary>
    public DateTime DeletedAt { get; } = deletedAt;
}

/// <summary>The id is already another item's (another book's, or not the caller's): the device must make a new UUID.</summary>
public sealed class ReadingItemIdConflictError(Guid id) : IError, ISaveBookmarkError, ISaveAnnotationError
{
    /// <inheritdoc />
    public string Message => "This id is already used by another item; make a new UUID for a new item.";

    /// <inheritdoc />
    public string Code => "READING_ITEM_ID_CONFLICT";

    /// <summary>The id.</summary>
    public Guid Id { get; } = id;
}

/// <summary>The caller has no bookmark (or annotation) with this id.</summary>
public sealed class ReadingItemNotFoundError(Guid id) : IError, IDeleteReadingItemError
{
    /// <inheritdoc />
    public string Message => "There is no item of yours with this id.";

    /// <inheritdoc />
    public string Code => "READING_ITEM_NOT_FOUND";

    /// <summary>The id.</summary>
    public Guid Id { get; } = id;
}
