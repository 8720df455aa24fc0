using Graph.Api.Data;
using Graph.GraphQL.Execution.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Audit;

/// <summary>Audit entries by id: one query for all the ids a request asks for.</summary>
public sealed class AuditEntryByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, AuditEntry?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, AuditEntry?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(e => keys.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (AuditEntry?)e, cancellationToken);
    }
}
