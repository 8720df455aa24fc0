using Graph.Api.Data;
using Graph.GraphQL.Execution.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reading;

/// <summary>A reader and a book.</summary>
public readonly record struct ReadingProgressKey(Guid UserId, Guid BookId);

/// <summary>Readers' progress by (reader, book): one query for all the books a request asks about.</summary>
public sealed class ReadingProgressDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<ReadingProgressKey, ReadingProgress?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<ReadingProgressKey, ReadingProgress?>> LoadBatchAsync(IReadOnlyList<ReadingProgressKey> keys, CancellationToken cancellationToken)
    {
        var users = keys.Select(k => k.UserId).Distinct().ToList();
        var books = keys.Select(k => k.BookId).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ReadingProgress>().AsNoTracking()
            .Where(p => users.Contains(p.UserId) && books.Contains(p.BookId))
            .ToListAsync(cancellationToken);
        var found = rows.ToDictionary(p => new ReadingProgressKey(p.UserId, p.BookId));
        return keys.Distinct().ToDictionary(k => k, k => found.GetValueOrDefault(k));
    }
}
