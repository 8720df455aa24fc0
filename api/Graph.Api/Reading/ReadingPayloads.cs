namespace Graph.Api.Reading;

/// <summary>What a progress report did: the progress stored, or why it was not (and then nothing changed).</summary>
public sealed class UpdateReadingProgressPayload
{
    private UpdateReadingProgressPayload(ReadingProgress? progress, IReadOnlyList<IUpdateReadingProgressError>? errors)
    {
        Progress = progress;
        Errors = errors;
    }

    /// <summary>The progress as stored now, or null when there are errors (a stale report's error holds the stored one).</summary>
    public ReadingProgress? Progress { get; }

    public IReadOnlyList<IUpdateReadingProgressError>? Errors { get; }

    public static UpdateReadingProgressPayload Done(ReadingProgress progress) => new(progress, null);

    public static UpdateReadingProgressPayload Failed(IUpdateReadingProgressError error) => new(null, [error]);
}

/// <summary>What a bookmark change did: the bookmark stored, or why the change was not applied.</summary>
public sealed class SaveBookmarkPayload
{
    private SaveBookmarkPayload(Bookmark? bookmark, IReadOnlyList<ISaveBookmarkError>? errors)
    {
        Bookmark = bookmark;
        Errors = errors;
    }

    public Bookmark? Bookmark { get; }

    public IReadOnlyList<ISaveBookmarkError>? Errors { get; }

    public static SaveBookmarkPayload Done(Bookmark bookmark) => new(bookmark, null);

    public static SaveBookmarkPayload Failed(ISaveBookmarkError error) => new(null, [error]);
}

/// <summary>What an annotation change did: the annotation stored, or why the change was not applied.</summary>
public sealed class SaveAnnotationPayload
{
    private SaveAnnotationPayload(Annotation? annotation, IReadOnlyList<ISaveAnnotationError>? errors)
    {
        Annotation = annotation;
        Errors = errors;
    }

    public Annotation? Annotation { get; }

    public IReadOnlyList<ISaveAnnotationError>? Errors { get; }

    public static SaveAnnotationPayload Done(Annotation annotation) => new(annotation, null);

    public static SaveAnnotationPayload Failed(ISaveAnnotationError error) => new(null, [error]);
}

/// <summary>What a deletion did: the tombstone (the bookmark or the annotation, with deletedAt set), or why not. Deleting
/// again what is deleted returns the tombstone.</summary>
public sealed class DeleteReadingItemPayload
{
    private DeleteReadingItemPayload(Bookmark? bookmark, Annotation? annotation, IReadOnlyList<IDeleteReadingItemError>? errors)
    {
        Bookmark = bookmark;
        Annotation = annotation;
        Errors = errors;
    }

    /// <summary>The deleted bookmark, when a bookmark was deleted.</summary>
    public Bookmark? Bookmark { get; }

    /// <summary>The deleted annotation, when an annotation was deleted.</summary>
    public Annotation? Annotation { get; }

    public IReadOnlyList<IDeleteReadingItemError>? Errors { get; }

    public static DeleteReadingItemPayload Done(Bookmark bookmark) => new(bookmark, null, null);

    public static DeleteReadingItemPayload Done(Annotation annotation) => new(null, annotation, null);

    public static DeleteReadingItemPayload Failed(IDeleteReadingItemError error) => new(null, null, [error]);
}

/// <summary>What syncReading did: one result per change, in the order sent; or, when the batch itself is refused (too many
/// changes, a bad device id), only <see cref="Errors"/>, and nothing changed.</summary>
public sealed class SyncReadingPayload
{
    private SyncReadingPayload(
        IReadOnlyList<UpdateReadingProgressPayload> progress,
        IReadOnlyList<SaveBookmarkPayload> bookmarks,
        IReadOnlyList<SaveAnnotationPayload> annotations,
        IReadOnlyList<DeleteReadingItemPayload> deletions,
        IReadOnlyList<ISyncReadingError>? errors)
    {
        Progress = progress;
        Bookmarks = bookmarks;
        Annotations = annotations;
        Deletions = deletions;
        Errors = errors;
    }

    /// <summary>The result of each progress report, in the order sent.</summary>
    public IReadOnlyList<UpdateReadingProgressPayload> Progress { get; }

    /// <summary>The result of each bookmark change, in the order sent.</summary>
    public IReadOnlyList<SaveBookmarkPayload> Bookmarks { get; }

    /// <summary>The result of each annotation change, in the order sent.</summary>
    public IReadOnlyList<SaveAnnotationPayload> Annotations { get; }

    /// <summary>The result of each deletion, in the order sent.</summary>
    public IReadOnlyList<DeleteReadingItemPayload> Deletions { get; }

    /// <summary>Why the batch as a whole was refused, or null.</summary>
    public IReadOnlyList<ISyncReadingError>? Errors { get; }

    public static SyncReadingPayload Done(ReadingSyncResult result) =>
        new(result.Progress, result.Bookmarks, result.Annotations, result.Deletions, null);

    public static SyncReadingPayload Failed(ISyncReadingError error) => new([], [], [], [], [error]);
}
