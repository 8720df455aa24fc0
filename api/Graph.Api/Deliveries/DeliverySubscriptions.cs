using System.Security.Claims;
using Graph.Api.Data;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>What is announced when a delivery is recorded or its status changes: which delivery.</summary>
/// <param name="DeliveryId">The delivery.</param>
public sealed record DeliveryChanged(Guid DeliveryId);

/// <summary>What is announced when a warehouse's stock moves: which warehouse.</summary>
/// <param name="WarehouseId">The warehouse.</param>
public sealed record StockChanged(Guid WarehouseId);

/// <summary>The subscription topics of deliveries.</summary>
public static class DeliveryTopics
{
    /// <summary>The topic of one cooperative's deliveries.</summary>
    public static string DeliveryRecorded(Guid cooperativeId) => $"deliveryRecorded:{cooperativeId:N}";

    /// <summary>The topic of one warehouse's stock.</summary>
    public static string StockChanged(Guid warehouseId) => $"stockChanged:{warehouseId:N}";
}

/// <summary>Deliveries' events on Subscription, once committed, for those the row rule lets see the cooperative.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class DeliverySubscriptions
{
    /// <summary>A delivery of the cooperative when it is recorded, and again each time its status changes (validated,
    /// rejected, paid, back to validated on a refund), so a screen of the day's deliveries stays current.</summary>
    [Subscribe(With = nameof(SubscribeToDeliveryRecordedAsync))]
    [Authorize]
    public async Task<Delivery?> DeliveryRecordedAsync([EventMessage] DeliveryChanged changed, [ID<Cooperative>] Guid cooperativeId,
        IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == changed.DeliveryId, cancellationToken);
    }

    /// <summary>Subscribes to one cooperative's deliveries, when the caller may see the cooperative.</summary>
    public async Task<IAsyncEnumerable<DeliveryChanged>> SubscribeToDeliveryRecordedAsync(
        [ID<Cooperative>] Guid cooperativeId, ITopicEventReceiver receiver, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Cooperatives.Where(c => c.Id == cooperativeId).VisibleTo(db, user).AnyAsync(cancellationToken))
            {
                throw new GraphQLException("Only the cooperative's managers (and ADMIN, SUPPORT, FINANCE, ANALYST) follow its deliveries.", ErrorCodes.AuthNotAuthorized);
            }
        }
        return new Events<DeliveryChanged>(await receiver.SubscribeAsync<DeliveryChanged>(DeliveryTopics.DeliveryRecorded(cooperativeId), cancellationToken));
    }

    /// <summary>The warehouse, with its stock as it now stands, each time one of its stock movements is committed (a
    /// delivery validated, rejected or corrected, a lot formed, moved in or out, or sold).</summary>
    [Subscribe(With = nameof(SubscribeToStockChangedAsync))]
    [Authorize]
    public async Task<Warehouse?> StockChangedAsync([EventMessage] StockChanged changed, [ID<Warehouse>] Guid warehouseId,
        IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == changed.WarehouseId, cancellationToken);
    }

    /// <summary>Subscribes to one warehouse's stock, when the caller may see the warehouse.</summary>
    public async Task<IAsyncEnumerable<StockChanged>> SubscribeToStockChangedAsync(
        [ID<Warehouse>] Guid warehouseId, ITopicEventReceiver receiver, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Warehouses.Where(w => w.Id == warehouseId).VisibleTo(db, user).AnyAsync(cancellationToken))
            {
                throw new GraphQLException("Only the cooperative's managers (and ADMIN, SUPPORT, FINANCE, ANALYST) follow its warehouses' stock.", ErrorCodes.AuthNotAuthorized);
            }
        }
        return new Events<StockChanged>(await receiver.SubscribeAsync<StockChanged>(DeliveryTopics.StockChanged(warehouseId), cancellationToken));
    }

    /// <summary>The topic's events; disposing it unsubscribes, even when the events were never read.</summary>
    private sealed class Events<T>(ISourceStream<T> stream) : IAsyncEnumerable<T>, IAsyncDisposable
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            stream.ReadEventsAsync().GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}

/// <summary>
/// Once a change of deliveries or stock is committed, announces it: a delivery added or whose status changed (on
/// <c>deliveryRecorded</c> of its cooperative), and each warehouse with a new stock movement (once per warehouse and save, on
/// <c>stockChanged</c>). Nothing is announced for a change rolled back.
/// </summary>
public sealed class DeliveryEventsInterceptor(IServiceProvider services, ILogger<DeliveryEventsInterceptor> logger)
    : TopicEventsInterceptor(services, logger)
{
    /// <inheritdoc />
    protected override List<TopicEvent>? Collect(DbContext context)
    {
        List<TopicEvent>? items = null;
        foreach (var entry in context.ChangeTracker.Entries<Delivery>())
        {
            if (entry.State == EntityState.Added || entry.State == EntityState.Modified && entry.Property(d => d.Status).IsModified)
            {
                (items ??= []).Add(TopicEvent.Of(DeliveryTopics.DeliveryRecorded(entry.Entity.CooperativeId), new DeliveryChanged(entry.Entity.Id)));
            }
        }
        var warehouses = new HashSet<Guid>();
        foreach (var entry in context.ChangeTracker.Entries<StockMovement>())
        {
            if (entry.State == EntityState.Added && warehouses.Add(entry.Entity.WarehouseId))
            {
                (items ??= []).Add(TopicEvent.Of(DeliveryTopics.StockChanged(entry.Entity.WarehouseId), new StockChanged(entry.Entity.WarehouseId)));
            }
        }
        return items;
    }
}
