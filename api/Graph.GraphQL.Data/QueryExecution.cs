using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Graph.GraphQL.Data;

/// <summary>Executes queryables: asynchronously through EF Core when it is the provider, in memory otherwise.</summary>
internal static class QueryExecution
{
    public static async ValueTask<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        query.Provider is IAsyncQueryProvider
            ? await EntityFrameworkQueryableExtensions.ToListAsync(query, cancellationToken).ConfigureAwait(false)
            : query.ToList();

    public static async ValueTask<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        query.Provider is IAsyncQueryProvider
            ? await EntityFrameworkQueryableExtensions.CountAsync(query, cancellationToken).ConfigureAwait(false)
            : query.Count();
}
