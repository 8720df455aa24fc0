using Graph.Api.Data;
using Graph.GraphQL.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reading;

/// <summary>The results of a batch of reading changes, each list in the order its changes were sent.</summary>
public sealed record ReadingSyncResult(
    IReadOnlyList<UpdateReadingProgressPayload> Progress,
    IReadOnlyList<SaveBookmarkPayload> Bookmarks,
    IReadOnlyList<SaveAnnotationPayload> Annotations,
    IReadOnlyList<DeleteReadingItemPayload> Deletions);

/// <summary>
/// Writes what devices report of a reader's reading, last write wins by the device's clock.
/// </summary>
/// <remarks>
/// Each write is one conditional upsert (<c>INSERT ... ON CONFLICT DO UPDATE ... WHERE excluded.client_updated_at &gt;
/// stored</c>): PostgreSQL takes the row's lock and evaluates the condition on the row's latest committed version, so two
/// devices writing at once end with the later client timestamp whatever the order the writes arrive in. A write the
/// condition refuses changes nothing; the row is then read to tell a retry (same timestamp, same device) from a stale write
/// (answered with the stored state). A batch is applied in one transaction, its rows in key order (two batches locking the
/// same rows cannot deadlock), and its progress changes are announced on readingProgressChanged once committed. Deleting
/// leaves a tombstone (<c>deleted_at</c>) that readingChanges hands to the other devices; a deletion is final.
/// </remarks>
public sealed class ReadingStore(IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, ITopicEventSender events, ILogger<ReadingStore> logger)
{
    /// <summary>The subscription topic of one reader's progress changes.</summary>
    public static string ProgressTopic(Guid userId) => $"readingProgressChanged:{userId:N}";

    /// <summary>Applies a batch of <paramref name="userId"/>'s changes, made on the device <paramref name="deviceId"/> (which
    /// the caller checked), in one transaction; each change gets its own result. Errors of a batch (<paramref name="isBatch"/>)
    /// name their field with its path in the batch (<c>bookmarks[2].label</c>).</summary>
    public async Task<ReadingSyncResult> ApplyAsync(Guid userId, string deviceId, SyncReadingInput batch, bool isBatch, CancellationToken cancellationToken)
    {
        var now = Microseconds(clock.GetUtcNow().UtcDateTime);
        var progressIn = batch.Progress ?? [];
        var bookmarksIn = batch.Bookmarks ?? [];
        var annotationsIn = batch.Annotations ?? [];
        var deletionsIn = batch.Deletions ?? [];
        var progress = new UpdateReadingProgressPayload[progressIn.Count];
        var bookmarks = new SaveBookmarkPayload[bookmarksIn.Count];
        var annotations = new SaveAnnotationPayload[annotationsIn.Count];
        var deletions = new DeleteReadingItemPayload[deletionsIn.Count];

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var refusals = new Dictionary<Guid, ReadingRefusal?>();
        async Task<ReadingRefusal?> RefusalAsync(Guid bookId)
        {
            if (!refusals.TryGetValue(bookId, out var refusal))
            {
                refusal = await ReadingAccess.CheckAsync(db, userId, bookId, cancellationToken);
                refusals[bookId] = refusal;
            }
            return refusal;
        }

        // Checks first, outside the transaction: what fails them is answered without a write.
        var progressToWrite = new List<(int Index, ReadingProgressChangeInput Change, DateTime At)>();
        for (var i = 0; i < progressIn.Count; i++)
        {
            var change = progressIn[i];
            var path = Path(isBatch, "progress", i);
            var (at, ahead) = ReadingRules.CheckClientTime(change.ClientUpdatedAt, now);
            IUpdateReadingProgressError? error = ReadingRules.CheckText(path + "position", change.Position, ReadingRules.MaxLocatorLength)
                ?? ReadingRules.CheckPercent(path + "percent", change.Percent)
                ?? (IUpdateReadingProgressError?)ahead;
            if (error is null && await RefusalAsync(change.BookId) is { } refusal)
            {
                error = new BookNotReadableError(change.BookId, refusal);
            }
            if (error is null)
            {
                progressToWrite.Add((i, change, at));
            }
            else
            {
                progress[i] = UpdateReadingProgressPayload.Failed(error);
            }
        }
        var bookmarksToWrite = new List<(int Index, BookmarkChangeInput Change, DateTime At)>();
        for (var i = 0; i < bookmarksIn.Count; i++)
        {
            var change = bookmarksIn[i];
            var path = Path(isBatch, "bookmarks", i);
            var (at, ahead) = ReadingRules.CheckClientTime(change.ClientUpdatedAt, now);
            ISaveBookmarkError? error = ReadingRules.CheckText(path + "position", change.Position, ReadingRules.MaxLocatorLength)
                ?? ReadingRules.CheckText(path + "label", change.Label, ReadingRules.MaxLabelLength, required: false)
                ?? (ISaveBookmarkError?)ahead;
            if (error is null && await RefusalAsync(change.BookId) is { } refusal)
            {
                error = new BookNotReadableError(change.BookId, refusal);
            }
            if (error is null)
            {
                bookmarksToWrite.Add((i, change, at));
            }
            else
            {
                bookmarks[i] = SaveBookmarkPayload.Failed(error);
            }
        }
        var annotationsToWrite = new List<(int Index, AnnotationChangeInput Change, DateTime At)>();
        for (var i = 0; i < annotationsIn.Count; i++)
        {
            var change = annotationsIn[i];
            var path = Path(isBatch, "annotations", i);
            var (at, ahead) = ReadingRules.CheckClientTime(change.ClientUpdatedAt, now);
            ISaveAnnotationError? error = ReadingRules.CheckText(path + "start", change.Start, ReadingRules.MaxLocatorLength)
                ?? ReadingRules.CheckText(path + "end", change.End, ReadingRules.MaxLocatorLength)
                ?? ReadingRules.CheckText(path + "excerpt", change.Excerpt, ReadingRules.MaxExcerptLength)
                ?? ReadingRules.CheckText(path + "note", change.Note, ReadingRules.MaxNoteLength, required: false)
                ?? (ISaveAnnotationError?)ahead;
            if (error is null && await RefusalAsync(change.BookId) is { } refusal)
            {
                error = new BookNotReadableError(change.BookId, refusal);
            }
            if (error is null)
            {
                annotationsToWrite.Add((i, change, at));
            }
            else
            {
                annotations[i] = SaveAnnotationPayload.Failed(error);
            }
        }
        var deletionsToWrite = new List<(int Index, ReadingDeletionInput Change, DateTime At)>();
        for (var i = 0; i < deletionsIn.Count; i++)
        {
            var (at, ahead) = ReadingRules.CheckClientTime(deletionsIn[i].ClientUpdatedAt, now);
            if (ahead is null)
            {
                deletionsToWrite.Add((i, deletionsIn[i], at));
            }
            else
            {
                deletions[i] = DeleteReadingItemPayload.Failed(ahead);
            }
        }

        var announced = new List<ReadingProgress>();
        if (progressToWrite.Count + bookmarksToWrite.Count + annotationsToWrite.Count + deletionsToWrite.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (index, change, at) in progressToWrite.OrderBy(w => w.Change.BookId).ThenBy(w => w.Index))
            {
                var (payload, applied) = await WriteProgressAsync(db, userId, deviceId, change, at, now, cancellationToken);
                progress[index] = payload;
                if (applied)
                {
                    announced.Add(payload.Progress!);
                }
            }
            foreach (var (index, change, at) in bookmarksToWrite.OrderBy(w => w.Change.Id).ThenBy(w => w.Index))
            {
                bookmarks[index] = await WriteBookmarkAsync(db, userId, deviceId, change, at, now, cancellationToken);
            }
            foreach (var (index, change, at) in annotationsToWrite.OrderBy(w => w.Change.Id).ThenBy(w => w.Index))
            {
                annotations[index] = await WriteAnnotationAsync(db, userId, deviceId, change, at, now, cancellationToken);
            }
            foreach (var (index, change, at) in deletionsToWrite.OrderBy(w => w.Change.Kind).ThenBy(w => w.Change.Id).ThenBy(w => w.Index))
            {
                deletions[index] = await DeleteAsync(db, userId, deviceId, change, at, now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        // Committed: the events go out even if the client has gone, and their failure does not undo the changes.
        foreach (var changed in announced)
        {
            try
            {
                await events.SendAsync(ProgressTopic(userId), changed, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Reading progress of book {BookId} was saved, but its readingProgressChanged event could not be sent.", changed.BookId);
            }
        }
        return new ReadingSyncResult(progress, bookmarks, annotations, deletions);
    }

    private static async Task<(UpdateReadingProgressPayload Payload, bool Applied)> WriteProgressAsync(
        GraphDbContext db, Guid userId, string deviceId, ReadingProgressChangeInput change, DateTime at, DateTime now, CancellationToken cancellationToken)
    {
        var percent = ReadingRules.RoundPercent(change.Percent);
        var written = await db.Set<ReadingProgress>().FromSql($"""
            INSERT INTO reading_progress (user_id, book_id, position, percent, device_id, client_updated_at, server_updated_at)
            VALUES ({userId}, {change.BookId}, {change.Position}, {percent}, {deviceId}, {at}, {now})
            ON CONFLICT (user_id, book_id) DO UPDATE
            SET position = excluded.position, percent = excluded.percent, device_id = excluded.device_id,
                client_updated_at = excluded.client_updated_at, server_updated_at = excluded.server_updated_at
            WHERE excluded.client_updated_at > reading_progress.client_updated_at
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (written.Count == 1)
        {
            return (UpdateReadingProgressPayload.Done(written[0]), true);
        }
        var current = await db.Set<ReadingProgress>().AsNoTracking().SingleAsync(p => p.UserId == userId && p.BookId == change.BookId, cancellationToken);
        // The same report again (a retry after a lost answer) is answered as the first time, without a second write.
        return current.ClientUpdatedAt == at && current.DeviceId == deviceId
            ? (UpdateReadingProgressPayload.Done(current), false)
            : (UpdateReadingProgressPayload.Failed(new StaleProgressError(current)), false);
    }

    private static async Task<SaveBookmarkPayload> WriteBookmarkAsync(
        GraphDbContext db, Guid userId, string deviceId, BookmarkChangeInput change, DateTime at, DateTime now, CancellationToken cancellationToken)
    {
        var label = string.IsNullOrEmpty(change.Label) ? null : change.Label;
        var written = await db.Set<Bookmark>().FromSql($"""
            INSERT INTO bookmarks (id, user_id, book_id, position, label, device_id, client_updated_at, server_updated_at)
            VALUES ({change.Id}, {userId}, {change.BookId}, {change.Position}, {label}, {deviceId}, {at}, {now})
            ON CONFLICT (id) DO UPDATE
            SET position = excluded.position, label = excluded.label, device_id = excluded.device_id,
                client_updated_at = excluded.client_updated_at, server_updated_at = excluded.server_updated_at
            WHERE bookmarks.user_id = excluded.user_id AND bookmarks.book_id = excluded.book_id AND bookmarks.deleted_at IS NULL
              AND excluded.client_updated_at > bookmarks.client_updated_at
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (written.Count == 1)
        {
            return SaveBookmarkPayload.Done(written[0]);
        }
        var current = await db.Set<Bookmark>().AsNoTracking().SingleAsync(b => b.Id == change.Id, cancellationToken);
        if (current.UserId != userId || current.BookId != change.BookId)
        {
            return SaveBookmarkPayload.Failed(new ReadingItemIdConflictError(change.Id));
        }
        if (current.DeletedAt is { } deletedAt)
        {
            return SaveBookmarkPayload.Failed(new ReadingItemDeletedError(change.Id, deletedAt));
        }
        return current.ClientUpdatedAt == at
            ? SaveBookmarkPayload.Done(current)
            : SaveBookmarkPayload.Failed(new StaleBookmarkError(current));
    }

    private static async Task<SaveAnnotationPayload> WriteAnnotationAsync(
        GraphDbContext db, Guid userId, string deviceId, AnnotationChangeInput change, DateTime at, DateTime now, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrEmpty(change.Note) ? null : change.Note;
        var color = EnumNames<HighlightColor>.ToName(change.Color);
        var written = await db.Set<Annotation>().FromSql($"""
            INSERT INTO annotations (id, user_id, book_id, start, "end", excerpt, color, note, device_id, client_updated_at, server_updated_at)
            VALUES ({change.Id}, {userId}, {change.BookId}, {change.Start}, {change.End}, {change.Excerpt}, {color}, {note}, {deviceId}, {at}, {now})
            ON CONFLICT (id) DO UPDATE
            SET start = excluded.start, "end" = excluded."end", excerpt = excluded.excerpt, color = excluded.color, note = excluded.note,
                device_id = excluded.device_id, client_updated_at = excluded.client_updated_at, server_updated_at = excluded.server_updated_at
            WHERE annotations.user_id = excluded.user_id AND annotations.book_id = excluded.book_id AND annotations.deleted_at IS NULL
              AND excluded.client_updated_at > annotations.client_updated_at
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (written.Count == 1)
        {
            return SaveAnnotationPayload.Done(written[0]);
        }
        var current = await db.Set<Annotation>().AsNoTracking().SingleAsync(a => a.Id == change.Id, cancellationToken);
        if (current.UserId != userId || current.BookId != change.BookId)
        {
            return SaveAnnotationPayload.Failed(new ReadingItemIdConflictError(change.Id));
        }
        if (current.DeletedAt is { } deletedAt)
        {
            return SaveAnnotationPayload.Failed(new ReadingItemDeletedError(change.Id, deletedAt));
        }
        return current.ClientUpdatedAt == at
            ? SaveAnnotationPayload.Done(current)
            : SaveAnnotationPayload.Failed(new StaleAnnotationError(current));
    }

    /// <summary>Marks the item deleted (whatever its timestamps: a deletion wins over edits made elsewhere); deleting a
    /// tombstone again returns it unchanged.</summary>
    private static async Task<DeleteReadingItemPayload> DeleteAsync(
        GraphDbContext db, Guid userId, string deviceId, ReadingDeletionInput change, DateTime at, DateTime now, CancellationToken cancellationToken)
    {
        if (change.Kind == ReadingItemKind.Bookmark)
        {
            var deleted = await db.Set<Bookmark>().FromSql($"""
                UPDATE bookmarks
                SET deleted_at = {now}, device_id = {deviceId}, client_updated_at = GREATEST(client_updated_at, {at}), server_updated_at = {now}
                WHERE id = {change.Id} AND user_id = {userId} AND deleted_at IS NULL
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken);
            var bookmark = deleted.Count == 1
                ? deleted[0]
                : await db.Set<Bookmark>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == change.Id && b.UserId == userId, cancellationToken);
            return bookmark is null ? DeleteReadingItemPayload.Failed(new ReadingItemNotFoundError(change.Id)) : DeleteReadingItemPayload.Done(bookmark);
        }
        var removed = await db.Set<Annotation>().FromSql($"""
            UPDATE annotations
            SET deleted_at = {now}, device_id = {deviceId}, client_updated_at = GREATEST(client_updated_at, {at}), server_updated_at = {now}
            WHERE id = {change.Id} AND user_id = {userId} AND deleted_at IS NULL
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        var annotation = removed.Count == 1
            ? removed[0]
            : await db.Set<Annotation>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == change.Id && a.UserId == userId, cancellationToken);
        return annotation is null ? DeleteReadingItemPayload.Failed(new ReadingItemNotFoundError(change.Id)) : DeleteReadingItemPayload.Done(annotation);
    }

    /// <summary>The input path of a batch item's fields (<c>bookmarks[2].</c>), or nothing for a single change.</summary>
    private static string Path(bool isBatch, string list, int index) => isBatch ? $"{list}[{index}]." : "";

    /// <summary>The time as PostgreSQL keeps it (microseconds).</summary>
    private static DateTime Microseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
