using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Where a lot's beans came from: each delivery in it with its planter and plot, and every trace event about the lot
/// or those deliveries, in chain order.</summary>
/// <param name="Lot">The lot.</param>
/// <param name="Deliveries">The deliveries the lot was formed from, oldest first.</param>
/// <param name="Events">The events about the lot and its deliveries, in the order of the cooperative's chain.</param>
public sealed record TraceLineage(Lot Lot, IReadOnlyList<TraceOrigin> Deliveries, IReadOnlyList<TraceEvent> Events);

/// <summary>One delivery of a lot, back to the land it grew on.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Planter">Who grew and delivered the beans.</param>
/// <param name="Plot">Where they grew.</param>
public sealed record TraceOrigin(Delivery Delivery, Planter Planter, Plot Plot);

/// <summary>Loads lineages: the rows behind a lot, read in a few queries (no row rule: callers check access first).</summary>
public static class TraceLineages
{
    /// <summary>The lineage of the lot, or null when there is none.</summary>
    public static async Task<TraceLineage?> OfLotAsync(GraphDbContext db, Guid lotId, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var deliveryIds = db.LotDeliveries.Where(e => e.LotId == lotId).Select(e => e.DeliveryId);
        var origins = await (
                from d in db.Deliveries.AsNoTracking()
                where deliveryIds.Contains(d.Id)
                join p in db.Planters.AsNoTracking() on d.PlanterId equals p.Id
                join plot in db.Plots.AsNoTracking() on d.PlotId equals plot.Id
                orderby d.DeliveredOn, d.RecordedAt, d.Id
                select new { d, p, plot })
            .ToListAsync(cancellationToken);
        var events = await db.TraceEvents.AsNoTracking()
            .Where(e => e.CooperativeId == lot.CooperativeId && (e.LotId == lotId || (e.DeliveryId != null && deliveryIds.Contains(e.DeliveryId.Value))))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return new TraceLineage(lot, origins.Select(o => new TraceOrigin(o.d, o.p, o.plot)).ToList(), events);
    }

    /// <summary>The events about one delivery, and about the lot it joined (if any), in chain order.</summary>
    public static async Task<List<TraceEvent>> EventsOfDeliveryAsync(GraphDbContext db, Delivery delivery, CancellationToken cancellationToken)
    {
        var lotId = await db.LotDeliveries.Where(e => e.DeliveryId == delivery.Id).Select(e => (Guid?)e.LotId).SingleOrDefaultAsync(cancellationToken);
        return await db.TraceEvents.AsNoTracking()
            .Where(e => e.CooperativeId == delivery.CooperativeId && (e.DeliveryId == delivery.Id || (lotId != null && e.LotId == lotId)))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
    }
}
