using Graph.Api.Data;
using Graph.GraphQL.Execution.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>Books by id: one query for all the ids a request asks for.</summary>
public sealed class BookByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Book?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, Book?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Books.AsNoTracking().Where(b => keys.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => (Book?)b, cancellationToken);
    }
}

/// <summary>Authors by id: one query for all the ids a request asks for.</summary>
public sealed class AuthorByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Author?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, Author?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Authors.AsNoTracking().Where(a => keys.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (Author?)a, cancellationToken);
    }
}

/// <summary>The books of several authors in one query, by title.</summary>
public sealed class BooksByAuthorDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Book>(scheduler, options)
{
    protected override async Task<ILookup<Guid, Book>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var books = await db.Books.AsNoTracking().Where(b => keys.Contains(b.AuthorId)).OrderBy(b => b.Title).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        return books.ToLookup(b => b.AuthorId);
    }
}
