using System.Security.Claims;
using Graph.Api.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>
/// Resolves the global IDs of planters, deliveries and lots for node and nodes, under the row rule (<see cref="DeliveryAccess"/>).
/// The outputs' fields (trace URLs, QR codes, a planter's statistics) extend these types, and a node type needs a resolver.
/// </summary>
[ExtendObjectType<Planter>]
public sealed class PlanterNodeResolver
{
    /// <summary>The planter, or null when there is none with this id or the caller may not see it.</summary>
    [NodeResolver]
    public static async Task<Planter?> GetPlanterByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Planters.AsNoTracking().Where(p => p.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Resolves deliveries for node and nodes, under the row rule.</summary>
[ExtendObjectType<Delivery>]
public sealed class DeliveryNodeResolver
{
    /// <summary>The delivery, or null when there is none with this id or the caller may not see it.</summary>
    [NodeResolver]
    public static async Task<Delivery?> GetDeliveryByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Deliveries.AsNoTracking().Where(d => d.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Resolves lots for node and nodes, under the row rule.</summary>
[ExtendObjectType<Lot>]
public sealed class LotNodeResolver
{
    /// <summary>The lot, or null when there is none with this id or the caller may not see it.</summary>
    [NodeResolver]
    public static async Task<Lot?> GetLotByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Lots.AsNoTracking().Where(l => l.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}
