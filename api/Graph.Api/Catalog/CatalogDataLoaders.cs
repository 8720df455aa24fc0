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

/// <summary>Categories by id: one query for all the ids a request asks for.</summary>
public sealed class CategoryByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Category?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, Category?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().Where(c => keys.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (Category?)c, cancellationToken);
    }
}

/// <summary>The categories of several books in one query, by position and name.</summary>
public sealed class CategoriesByBookDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Category>(scheduler, options)
{
    protected override async Task<ILookup<Guid, Category>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from link in db.BookCategories
                          join category in db.Categories on link.CategoryId equals category.Id
                          where keys.Contains(link.BookId)
                          orderby category.Position, category.Name, category.Id
                          select new { link.BookId, Category = category }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.BookId, r => r.Category);
    }
}

/// <summary>The children of several categories in one query, by position and name.</summary>
public sealed class CategoryChildrenDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Category>(scheduler, options)
{
    protected override async Task<ILookup<Guid, Category>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var children = await db.Categories.AsNoTracking().Where(c => c.ParentId != null && keys.Contains(c.ParentId.Value))
            .OrderBy(c => c.Position).ThenBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return children.ToLookup(c => c.ParentId!.Value);
    }
}

/// <summary>Publishers by id: one query for all the ids a request asks for.</summary>
public sealed class PublisherByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Publisher?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, Publisher?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Publishers.AsNoTracking().Where(p => keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (Publisher?)p, cancellationToken);
    }
}
