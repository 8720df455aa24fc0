using System.Security.Claims;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;

namespace Graph.Api.Reading;

/// <summary>Reading's changes on Mutation: what a reader's devices report, each for the signed-in reader only.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class ReadingMutations
{
    /// <summary>
    /// Records where the reader is in a book. The latest report by the device's clock wins: an older one (or one as old
    /// from another device) changes nothing and is answered with STALE_PROGRESS holding the stored progress. Sending the
    /// same report again returns it as stored. The reader's other devices get it on readingProgressChanged.
    /// </summary>
    [Authorize]
    public async Task<UpdateReadingProgressPayload> UpdateReadingProgressAsync(UpdateReadingProgressInput input, ClaimsPrincipal user, ReadingStore store, CancellationToken cancellationToken)
    {
        if (ReadingRules.CheckDeviceId("deviceId", input.DeviceId) is { } invalid)
        {
            return UpdateReadingProgressPayload.Failed(invalid);
        }
        var batch = new SyncReadingInput
        {
            DeviceId = input.DeviceId,
            Progress = [new ReadingProgressChangeInput { BookId = input.BookId, Position = input.Position, Percent = input.Percent, ClientUpdatedAt = input.ClientUpdatedAt }],
        };
        return (await store.ApplyAsync(ReadingAccess.ViewerId(user), input.DeviceId, batch, isBatch: false, cancellationToken)).Progress[0];
    }

    /// <summary>
    /// Creates a bookmark with the id the device made, or changes it when the change is newer than its last one. Sending
    /// the same change again returns the bookmark as stored; an older change gets STALE_BOOKMARK with the stored bookmark;
    /// a deleted bookmark stays deleted (READING_ITEM_DELETED).
    /// </summary>
    [Authorize]
    public async Task<SaveBookmarkPayload> SaveBookmarkAsync(SaveBookmarkInput input, ClaimsPrincipal user, ReadingStore store, CancellationToken cancellationToken)
    {
        if (ReadingRules.CheckDeviceId("deviceId", input.DeviceId) is { } invalid)
        {
            return SaveBookmarkPayload.Failed(invalid);
        }
        var batch = new SyncReadingInput
        {
            DeviceId = input.DeviceId,
            Bookmarks = [new BookmarkChangeInput { Id = input.Id, BookId = input.BookId, Position = input.Position, Label = input.Label, ClientUpdatedAt = input.ClientUpdatedAt }],
        };
        return (await store.ApplyAsync(ReadingAccess.ViewerId(user), input.DeviceId, batch, isBatch: false, cancellationToken)).Bookmarks[0];
    }

    /// <summary>Creates a highlight with the id the device made, or changes it when the change is newer (as saveBookmark).</summary>
    [Authorize]
    public async Task<SaveAnnotationPayload> SaveAnnotationAsync(SaveAnnotationInput input, ClaimsPrincipal user, ReadingStore store, CancellationToken cancellationToken)
    {
        if (ReadingRules.CheckDeviceId("deviceId", input.DeviceId) is { } invalid)
        {
            return SaveAnnotationPayload.Failed(invalid);
        }
        var batch = new SyncReadingInput
        {
            DeviceId = input.DeviceId,
            Annotations =
            [
                new AnnotationChangeInput
                {
                    Id = input.Id, BookId = input.BookId, Start = input.Start, End = input.End, Excerpt = input.Excerpt, Color = input.Color,
                    Note = input.Note, ClientUpdatedAt = input.ClientUpdatedAt,
                },
            ],
        };
        return (await store.ApplyAsync(ReadingAccess.ViewerId(user), input.DeviceId, batch, isBatch: false, cancellationToken)).Annotations[0];
    }

    /// <summary>Deletes a bookmark or an annotation of the reader's. It stays as a tombstone (deletedAt set) that
    /// readingChanges hands to the other devices; deleting it again returns the tombstone.</summary>
    [Authorize]
    public async Task<DeleteReadingItemPayload> DeleteReadingItemAsync(DeleteReadingItemInput input, ClaimsPrincipal user, ReadingStore store, CancellationToken cancellationToken)
    {
        if (ReadingRules.CheckDeviceId("deviceId", input.DeviceId) is { } invalid)
        {
            return DeleteReadingItemPayload.Failed(invalid);
        }
        var batch = new SyncReadingInput
        {
            DeviceId = input.DeviceId,
            Deletions = [new ReadingDeletionInput { Kind = input.Kind, Id = input.Id, ClientUpdatedAt = input.ClientUpdatedAt }],
        };
        return (await store.ApplyAsync(ReadingAccess.ViewerId(user), input.DeviceId, batch, isBatch: false, cancellationToken)).Deletions[0];
    }

    /// <summary>
    /// Applies what a device changed offline in one round trip and one transaction: progress reports, bookmark and
    /// annotation changes and deletions (at most 500 in all). Each change gets its own result, as its single mutation
    /// would answer it; a change refused does not stop the others. Retrying the whole batch is safe.
    /// </summary>
    [Authorize]
    public async Task<SyncReadingPayload> SyncReadingAsync(SyncReadingInput input, ClaimsPrincipal user, ReadingStore store, CancellationToken cancellationToken)
    {
        if (ReadingRules.CheckDeviceId("deviceId", input.DeviceId) is { } invalid)
        {
            return SyncReadingPayload.Failed(invalid);
        }
        var count = (input.Progress?.Count ?? 0) + (input.Bookmarks?.Count ?? 0) + (input.Annotations?.Count ?? 0) + (input.Deletions?.Count ?? 0);
        if (count > ReadingRules.MaxSyncItems)
        {
            return SyncReadingPayload.Failed(new InvalidReadingInputError("input",
                $"The batch has {count} changes; at most {ReadingRules.MaxSyncItems} are allowed. Send the rest in another batch."));
        }
        return SyncReadingPayload.Done(await store.ApplyAsync(ReadingAccess.ViewerId(user), input.DeviceId, input, isBatch: true, cancellationToken));
    }
}
