using System.Security.Claims;
using Graph.Api.Data;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Traceability on Query: where a lot's beans came from, and whether its cooperative's chain still holds, under the
/// row rule of <see cref="DeliveryAccess"/>.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class TraceQueries
{
    /// <summary>The lineage of a lot: the lot, each delivery in it with its planter and plot, and every event about them in
    /// chain order; null when there is no such lot or the caller may not see it.</summary>
    [Authorize]
    public async Task<TraceLineage?> TraceOfAsync([ID<Lot>] Guid lotId, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Lots.Where(l => l.Id == lotId).VisibleTo(db, user).AnyAsync(cancellationToken))
        {
            return null;
        }
        return await TraceLineages.OfLotAsync(db, lotId, cancellationToken);
    }

    /// <summary>Recomputes the lot's cooperative chain from its first event to the last one about the lot or its deliveries, and reports the first
    /// broken link (an event edited, a link replaced, an event missing); null when there is no such lot or the caller may
    /// not see it.</summary>
    [Authorize]
    public async Task<TraceVerification?> VerifyTraceAsync([ID<Lot>] Guid lotId, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Lots.AsNoTracking().Where(l => l.Id == lotId).VisibleTo(db, user).Select(l => new { l.Id, l.CooperativeId }).SingleOrDefaultAsync(cancellationToken) is not { } lot)
        {
            return null;
        }
        // Up to the last event of the lineage: the lot's own and its deliveries' (a delivery may be paid after the lot formed).
        var deliveryIds = db.LotDeliveries.Where(e => e.LotId == lot.Id).Select(e => (Guid?)e.DeliveryId);
        var last = await db.TraceEvents
            .Where(e => e.CooperativeId == lot.CooperativeId && (e.LotId == lot.Id || deliveryIds.Contains(e.DeliveryId)))
            .MaxAsync(e => (long?)e.Sequence, cancellationToken);
        return await TraceChain.VerifyAsync(db, lot.CooperativeId, last, cancellationToken);
    }
}

/// <summary>Fields of TraceOrigin worked out from its delivery.</summary>
[ExtendObjectType<TraceOrigin>]
public sealed class TraceOriginFields
{
    /// <summary>The kilograms of the delivery that went into the lot (its net weight).</summary>
    public decimal GetWeightKg([Parent] TraceOrigin origin) => origin.Delivery.NetWeightKg;
}
