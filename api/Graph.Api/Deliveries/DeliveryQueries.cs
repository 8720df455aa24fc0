using System.Security.Claims;
using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Deliveries and lots on Query, under the row rule of <see cref="DeliveryAccess"/> (ADMIN, SUPPORT, FINANCE and
/// ANALYST see every cooperative; a COOPERATIVE_MANAGER sees those they manage).</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class DeliveryQueries
{
    /// <summary>The deliveries the caller may see, newest first (by day delivered, then time recorded) unless ordered otherwise;
    /// only those of one cooperative, planter, chief planter (their own and their members'), warehouse, or planter whose name
    /// holds <paramref name="search"/>, when given. The same filters, with status, grade and days, are the parameters of the
    /// CSV export (<c>/exports/deliveries.csv</c>), so a list on screen exports as shown.</summary>
    [Authorize]
    [UsePaging, UseFiltering, UseSorting]
    public IQueryable<Delivery> GetDeliveries(GraphDbContext db, ClaimsPrincipal user, [ID<Cooperative>] Guid? cooperativeId = null, [ID<Planter>] Guid? planterId = null,
        [ID<Planter>] Guid? chiefPlanterId = null, [ID<Warehouse>] Guid? warehouseId = null, string? search = null) =>
        DeliveryCsvExport.Apply(db.Deliveries.AsNoTracking().VisibleTo(db, user), db, new DeliveryExportFilter
            {
                CooperativeId = cooperativeId,
                PlanterId = planterId,
                ChiefPlanterId = chiefPlanterId,
                WarehouseId = warehouseId,
                Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            })
            .OrderByDescending(d => d.DeliveredOn).ThenByDescending(d => d.RecordedAt).ThenByDescending(d => d.Id);

    /// <summary>A delivery, or null when there is none with this ID or the caller may not see it.</summary>
    [Authorize]
    public Task<Delivery?> GetDeliveryAsync([ID<Delivery>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        DeliveryFields.FindVisibleAsync(id, contexts, user, cancellationToken);

    /// <summary>The lots the caller may see, newest first unless ordered otherwise.</summary>
    [Authorize]
    [UsePaging, UseFiltering, UseSorting]
    public IQueryable<Lot> GetLots(GraphDbContext db, ClaimsPrincipal user) =>
        db.Lots.AsNoTracking().VisibleTo(db, user).OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id);

    /// <summary>A lot, or null when there is none with this ID or the caller may not see it.</summary>
    [Authorize]
    public Task<Lot?> GetLotAsync([ID<Lot>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        LotFields.FindVisibleAsync(id, contexts, user, cancellationToken);
}

/// <summary>Fields of Delivery that need the database.</summary>
[ExtendObjectType<Delivery>]
public sealed class DeliveryFields
{
    /// <summary>Resolves a Delivery's global ID for node and nodes, under the row rule.</summary>
    [NodeResolver]
    public static Task<Delivery?> GetDeliveryByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FindVisibleAsync(id, contexts, user, cancellationToken);

    /// <summary>The cooperative that bought the beans.</summary>
    public Task<Cooperative> GetCooperativeAsync([Parent] Delivery delivery, CooperativeByIdDataLoader cooperatives, CancellationToken cancellationToken) =>
        cooperatives.LoadAsync(delivery.CooperativeId, cancellationToken);

    /// <summary>The planter who delivered them.</summary>
    public Task<Planter> GetPlanterAsync([Parent] Delivery delivery, PlanterByIdDataLoader planters, CancellationToken cancellationToken) =>
        planters.LoadAsync(delivery.PlanterId, cancellationToken);

    /// <summary>The plot they grew on.</summary>
    public Task<Plot> GetPlotAsync([Parent] Delivery delivery, PlotByIdDataLoader plots, CancellationToken cancellationToken) =>
        plots.LoadAsync(delivery.PlotId, cancellationToken);

    /// <summary>The warehouse that received them.</summary>
    public Task<Warehouse> GetWarehouseAsync([Parent] Delivery delivery, WarehouseByIdDataLoader warehouses, CancellationToken cancellationToken) =>
        warehouses.LoadAsync(delivery.WarehouseId, cancellationToken);

    /// <summary>The lot the delivery went into, or null.</summary>
    public async Task<Lot?> GetLotAsync([Parent] Delivery delivery, LotByDeliveryIdDataLoader lots, CancellationToken cancellationToken) =>
        await lots.LoadAsync(delivery.Id, cancellationToken);

    /// <summary>The payments of the planter for this delivery, oldest first (failed ones included), as far as the caller may
    /// see payments: ADMIN and FINANCE, the cooperative's managers, and otherwise only payments the caller made or received
    /// (SUPPORT and ANALYST read deliveries, not the wallets they were paid to).</summary>
    public async Task<Payment[]> GetPaymentsAsync([Parent] Delivery delivery, PaymentsByDeliveryIdDataLoader payments, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var all = await payments.LoadAsync(delivery.Id, cancellationToken);
        // A manager who sees no more than the row rule's cooperatives reaches only deliveries of cooperatives they manage.
        if (PaymentAccess.SeesAll(user) || (!DeliveryAccess.SeesAll(user) && user.IsInRole(PlatformRoles.CooperativeManagerName)))
        {
            return all;
        }
        var userId = user.GetUserId();
        return all.Where(p => userId is not null && (p.PayerUserId == userId || p.PayeeUserId == userId || p.InitiatedByUserId == userId)).ToArray();
    }

    /// <summary>The events about this delivery on its cooperative's chain, in chain order.</summary>
    public Task<TraceEvent[]> GetTraceEventsAsync([Parent] Delivery delivery, TraceEventsByDeliveryIdDataLoader events, CancellationToken cancellationToken) =>
        events.LoadAsync(delivery.Id, cancellationToken);

    internal static async Task<Delivery?> FindVisibleAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Deliveries.AsNoTracking().Where(d => d.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Fields of Lot that need the database.</summary>
[ExtendObjectType<Lot>]
public sealed class LotFields
{
    /// <summary>Resolves a Lot's global ID for node and nodes, under the row rule.</summary>
    [NodeResolver]
    public static Task<Lot?> GetLotByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FindVisibleAsync(id, contexts, user, cancellationToken);

    /// <summary>The cooperative the lot belongs to.</summary>
    public Task<Cooperative> GetCooperativeAsync([Parent] Lot lot, CooperativeByIdDataLoader cooperatives, CancellationToken cancellationToken) =>
        cooperatives.LoadAsync(lot.CooperativeId, cancellationToken);

    /// <summary>The warehouse the lot is in now.</summary>
    public Task<Warehouse> GetWarehouseAsync([Parent] Lot lot, WarehouseByIdDataLoader warehouses, CancellationToken cancellationToken) =>
        warehouses.LoadAsync(lot.WarehouseId, cancellationToken);

    /// <summary>The deliveries the lot was formed from, oldest first.</summary>
    public Task<Delivery[]> GetDeliveriesAsync([Parent] Lot lot, DeliveriesByLotIdDataLoader deliveries, CancellationToken cancellationToken) =>
        deliveries.LoadAsync(lot.Id, cancellationToken);

    /// <summary>The sales of the lot, oldest first.</summary>
    public Task<LotSale[]> GetSalesAsync([Parent] Lot lot, SalesByLotIdDataLoader sales, CancellationToken cancellationToken) =>
        sales.LoadAsync(lot.Id, cancellationToken);

    /// <summary>The stock movements the lot holds (formed, moved, sold), oldest first; their sum is the remaining weight.</summary>
    public Task<StockMovement[]> GetMovementsAsync([Parent] Lot lot, MovementsByLotIdDataLoader movements, CancellationToken cancellationToken) =>
        movements.LoadAsync(lot.Id, cancellationToken);

    /// <summary>The events about this lot on its cooperative's chain, in chain order (its deliveries' events: traceOf).</summary>
    public Task<TraceEvent[]> GetTraceEventsAsync([Parent] Lot lot, TraceEventsByLotIdDataLoader events, CancellationToken cancellationToken) =>
        events.LoadAsync(lot.Id, cancellationToken);

    internal static async Task<Lot?> FindVisibleAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Lots.AsNoTracking().Where(l => l.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Fields of LotSale that need the database.</summary>
[ExtendObjectType<LotSale>]
public sealed class LotSaleFields
{
    /// <summary>Resolves a LotSale's global ID for node and nodes, under the row rule of its lot.</summary>
    [NodeResolver]
    public static async Task<LotSale?> GetLotSaleByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lots = db.Lots.VisibleTo(db, user).Select(l => l.Id);
        return await db.LotSales.AsNoTracking().Where(s => s.Id == id && lots.Contains(s.LotId)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The lot sold from.</summary>
    public Task<Lot> GetLotAsync([Parent] LotSale sale, LotByIdDataLoader lots, CancellationToken cancellationToken) =>
        lots.LoadAsync(sale.LotId, cancellationToken);
}

/// <summary>Fields of TraceEvent: its payload as JSON, and what it is about.</summary>
[ExtendObjectType<TraceEvent>]
public sealed class TraceEventFields
{
    /// <summary>What happened, as a JSON object of strings.</summary>
    public JsonElement GetPayload([Parent] TraceEvent traceEvent)
    {
        using var document = JsonDocument.Parse(traceEvent.Payload);
        return document.RootElement.Clone();
    }

    /// <summary>The delivery the event is about, or null.</summary>
    public async Task<Delivery?> GetDeliveryAsync([Parent] TraceEvent traceEvent, DeliveryByIdDataLoader deliveries, CancellationToken cancellationToken) =>
        traceEvent.DeliveryId is { } id ? await deliveries.LoadAsync(id, cancellationToken) : null;

    /// <summary>The lot the event is about, or null.</summary>
    public async Task<Lot?> GetLotAsync([Parent] TraceEvent traceEvent, LotByIdDataLoader lots, CancellationToken cancellationToken) =>
        traceEvent.LotId is { } id ? await lots.LoadAsync(id, cancellationToken) : null;
}

/// <summary>Fields of StockMovement: where, and who holds it.</summary>
[ExtendObjectType<StockMovement>]
public sealed class StockMovementFields
{
    /// <summary>The warehouse whose stock moved.</summary>
    public Task<Warehouse> GetWarehouseAsync([Parent] StockMovement movement, WarehouseByIdDataLoader warehouses, CancellationToken cancellationToken) =>
        warehouses.LoadAsync(movement.WarehouseId, cancellationToken);

    /// <summary>The delivery that holds the movement, or null when a lot does.</summary>
    public async Task<Delivery?> GetDeliveryAsync([Parent] StockMovement movement, DeliveryByIdDataLoader deliveries, CancellationToken cancellationToken) =>
        movement.DeliveryId is { } id ? await deliveries.LoadAsync(id, cancellationToken) : null;

    /// <summary>The lot that holds the movement, or null when a delivery does.</summary>
    public async Task<Lot?> GetLotAsync([Parent] StockMovement movement, LotByIdDataLoader lots, CancellationToken cancellationToken) =>
        movement.LotId is { } id ? await lots.LoadAsync(id, cancellationToken) : null;
}

/// <summary>The lot each delivery went into, in one query.</summary>
public sealed class LotByDeliveryIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Lot>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, Lot>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from e in db.LotDeliveries
                          join l in db.Lots.AsNoTracking() on e.LotId equals l.Id
                          where keys.Contains(e.DeliveryId)
                          select new { e.DeliveryId, Lot = l }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.DeliveryId, r => r.Lot);
    }
}

/// <summary>The payments of several deliveries, in one query.</summary>
public sealed class PaymentsByDeliveryIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Payment>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, Payment>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from link in db.DeliveryPayments
                          join p in db.Payments.AsNoTracking() on link.PaymentId equals p.Id
                          where keys.Contains(link.DeliveryId)
                          orderby p.CreatedAt, p.Id
                          select new { link.DeliveryId, Payment = p }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.DeliveryId, r => r.Payment);
    }
}

/// <summary>The deliveries of several lots, in one query.</summary>
public sealed class DeliveriesByLotIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Delivery>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, Delivery>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from e in db.LotDeliveries
                          join d in db.Deliveries.AsNoTracking() on e.DeliveryId equals d.Id
                          where keys.Contains(e.LotId)
                          orderby d.DeliveredOn, d.RecordedAt, d.Id
                          select new { e.LotId, Delivery = d }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.LotId, r => r.Delivery);
    }
}

/// <summary>The sales of several lots, in one query.</summary>
public sealed class SalesByLotIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, LotSale>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, LotSale>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sales = await db.LotSales.AsNoTracking().Where(s => keys.Contains(s.LotId)).OrderBy(s => s.SoldAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return sales.ToLookup(s => s.LotId);
    }
}

/// <summary>The stock movements of several lots, in one query.</summary>
public sealed class MovementsByLotIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, StockMovement>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, StockMovement>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var movements = await db.StockMovements.AsNoTracking().Where(m => m.LotId != null && keys.Contains(m.LotId.Value))
            .OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        return movements.ToLookup(m => m.LotId!.Value);
    }
}

/// <summary>The trace events about several deliveries, in one query.</summary>
public sealed class TraceEventsByDeliveryIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, TraceEvent>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, TraceEvent>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.TraceEvents.AsNoTracking().Where(e => e.DeliveryId != null && keys.Contains(e.DeliveryId.Value))
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return events.ToLookup(e => e.DeliveryId!.Value);
    }
}

/// <summary>The trace events about several lots, in one query.</summary>
public sealed class TraceEventsByLotIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, TraceEvent>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<ILookup<Guid, TraceEvent>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.TraceEvents.AsNoTracking().Where(e => e.LotId != null && keys.Contains(e.LotId.Value))
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return events.ToLookup(e => e.LotId!.Value);
    }
}
