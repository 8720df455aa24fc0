using Graph.Api.Data;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The beans of one grade in a warehouse.</summary>
/// <param name="Grade">The grade.</param>
/// <param name="WeightKg">The kilograms of that grade in stock: the sum of the warehouse's movements of that grade.</param>
public sealed record StockLevel(CocoaGrade Grade, decimal WeightKg);

/// <summary>A warehouse's stock, derived from its movements (never stored apart, so never out of step with them).</summary>
[ExtendObjectType<Warehouse>]
public sealed class StockFields
{
    /// <summary>The stock by grade (grades with beans only), summed in the database, several warehouses in one query.</summary>
    public Task<StockLevel[]> GetStockAsync([Parent] Warehouse warehouse, StockByWarehouseIdDataLoader stock, CancellationToken cancellationToken) =>
        stock.LoadAsync(warehouse.Id, cancellationToken);

    /// <summary>The kilograms in the warehouse, every grade together.</summary>
    public async Task<decimal> GetStockKgAsync([Parent] Warehouse warehouse, StockByWarehouseIdDataLoader stock, CancellationToken cancellationToken) =>
        (await stock.LoadAsync(warehouse.Id, cancellationToken)).Sum(l => l.WeightKg);

    /// <summary>The warehouse's stock movements, newest first.</summary>
    [UsePaging]
    public IQueryable<StockMovement> GetMovements([Parent] Warehouse warehouse, GraphDbContext db) =>
        db.StockMovements.AsNoTracking().Where(m => m.WarehouseId == warehouse.Id).OrderByDescending(m => m.At).ThenByDescending(m => m.Id);
}

/// <summary>The stock by grade of several warehouses, summed in one SQL query.</summary>
public sealed class StockByWarehouseIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, StockLevel>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, StockLevel>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sums = await db.StockMovements.Where(m => keys.Contains(m.WarehouseId))
            .GroupBy(m => new { m.WarehouseId, m.Grade })
            .Select(g => new { g.Key.WarehouseId, g.Key.Grade, WeightKg = g.Sum(m => m.QuantityKg) })
            .ToListAsync(cancellationToken);
        return sums.Where(s => s.WeightKg != 0).OrderBy(s => s.Grade).ToLookup(s => s.WarehouseId, s => new StockLevel(s.Grade, s.WeightKg));
    }
}
