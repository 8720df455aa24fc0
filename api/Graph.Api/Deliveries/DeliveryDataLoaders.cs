using Graph.Api.Data;
using Graph.GraphQL.Execution.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Rows of one CocoaTrack table by ID, several in one query. They apply no row rule: use them from a parent the
/// caller may already see (a delivery's planter, a lot's warehouse).</summary>
public abstract class DeliveryRowDataLoader<T>(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options)
    : BatchDataLoader<Guid, T>(scheduler, options)
    where T : class
{
    /// <summary>The rows whose ID is among <paramref name="keys"/>.</summary>
    protected abstract IQueryable<T> Rows(GraphDbContext db, IReadOnlyList<Guid> keys);

    /// <summary>A row's ID.</summary>
    protected abstract Guid KeyOf(T row);

    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, T>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db, keys).AsNoTracking().ToDictionaryAsync(KeyOf, cancellationToken);
    }
}

/// <summary>Cooperatives by ID.</summary>
public sealed class CooperativeByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : DeliveryRowDataLoader<Cooperative>(contexts, scheduler, options)
{
    protected override IQueryable<Cooperative> Rows(GraphDbContext db, IReadOnlyList<Guid> keys) => db.Cooperatives.Where(r => keys.Contains(r.Id));

    protected override Guid KeyOf(Cooperative row) => row.Id;
}

/// <summary>Planters by ID.</summary>
public sealed class PlanterByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : DeliveryRowDataLoader<Planter>(contexts, scheduler, options)
{
    protected override IQueryable<Planter> Rows(GraphDbContext db, IReadOnlyList<Guid> keys) => db.Planters.Where(r => keys.Contains(r.Id));

    protected override Guid KeyOf(Planter row) => row.Id;
}

/// <summary>Plots by ID.</summary>
public sealed class PlotByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : DeliveryRowDataLoader<Plot>(contexts, scheduler, options)
{
    protected override IQueryable<Plot> Rows(GraphDbContext db, IReadOnlyList<Guid> keys) => db.Plots.Where(r => keys.Contains(r.Id));

    protected override Guid KeyOf(Plot row) => row.Id;
}

/// <summary>Warehouses by ID.</summary>
public sealed class WarehouseByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : DeliveryRowDataLoader<Warehouse>(contexts, scheduler, options)
{
    protected override IQueryable<Warehouse> Rows(GraphDbContext db, IReadOnlyList<Guid> keys) => db.Warehouses.Where(r => keys.Contains(r.Id));

    protected override Guid KeyOf(Warehouse row) => row.Id;
}

/// <summary>Deliveries by ID.</summary>
public sealed class DeliveryByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : DeliveryRowDataLoader<Delivery>(contexts, scheduler, options)
{
    protected override IQueryable<Delivery> Rows(GraphDbContext db, IReadOnlyList<Guid> keys) => db.Deliveries.Where(r => keys.Contains(r.Id));

    protected override Guid KeyOf(Delivery row) => row.Id;
}

/// <summary>Lots by ID.</summary>
public sealed class LotByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : DeliveryRowDataLoader<Lot>(contexts, scheduler, options)
{
    protected override IQueryable<Lot> Rows(GraphDbContext db, IReadOnlyList<Guid> keys) => db.Lots.Where(r => keys.Contains(r.Id));

    protected override Guid KeyOf(Lot row) => row.Id;
}
