using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Deliveries;

/// <summary>What a trace code names.</summary>
public enum PublicTraceSubject
{
    /// <summary>One planter's delivery.</summary>
    Delivery,

    /// <summary>A lot formed from deliveries.</summary>
    Lot,
}

/// <summary>
/// The public, read-only trace of a delivery or a lot: what a buyer or a consumer holding its QR code may see. Planters are
/// named by first name and initial, without phone; plots by area, village and a centroid rounded to 0.01° (about a
/// kilometre); no prices, amounts or people's accounts.
/// </summary>
public sealed class PublicTrace
{
    /// <summary>The trace code.</summary>
    public required string Code { get; init; }

    /// <summary>Whether the code names a delivery or a lot.</summary>
    public PublicTraceSubject Subject { get; init; }

    /// <summary>The address of this trace's public page.</summary>
    public required string Url { get; init; }

    /// <summary>The cooperative that bought the beans.</summary>
    public required PublicTraceCooperative Cooperative { get; init; }

    /// <summary>The lot, when the code names a lot or the delivery joined one.</summary>
    public PublicTraceLot? Lot { get; init; }

    /// <summary>The deliveries traced: the one delivery, or every delivery of the lot, oldest first.</summary>
    public required IReadOnlyList<PublicTraceDelivery> Deliveries { get; init; }

    /// <summary>The hash chain's events about the delivery or lot (and the lot's deliveries), in chain order.</summary>
    public required IReadOnlyList<PublicTraceEvent> Events { get; init; }

    /// <summary>Whether the cooperative's chain, recomputed from its first event to the last one shown here, holds.</summary>
    public required PublicTraceVerification Verification { get; init; }
}

/// <summary>A cooperative as the public sees it.</summary>
public sealed class PublicTraceCooperative
{
    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>Its region or department.</summary>
    public string? Region { get; init; }

    /// <summary>The ISO 3166-1 alpha-2 code of its country.</summary>
    public required string Country { get; init; }
}

/// <summary>A lot as the public sees it.</summary>
public sealed class PublicTraceLot
{
    /// <summary>The number printed on its bags.</summary>
    public required string Code { get; init; }

    /// <summary>The beans' grade.</summary>
    public CocoaGrade Grade { get; init; }

    /// <summary>The weight it was formed with, in kilograms.</summary>
    public decimal WeightKg { get; init; }

    /// <summary>Where its warehouse stands (town), as the cooperative describes it.</summary>
    public string? WarehouseTown { get; init; }

    /// <summary>Whether it is in stock or sold.</summary>
    public LotStatus Status { get; init; }

    /// <summary>When it was formed.</summary>
    public DateTime FormedAt { get; init; }
}

/// <summary>A delivery as the public sees it: when, how much, and the land the beans grew on.</summary>
public sealed class PublicTraceDelivery
{
    /// <summary>The day the beans were delivered.</summary>
    public DateOnly DeliveredOn { get; init; }

    /// <summary>The net weight, in kilograms.</summary>
    public decimal NetWeightKg { get; init; }

    /// <summary>The beans' grade.</summary>
    public CocoaGrade Grade { get; init; }

    /// <summary>Where the delivery is in its life.</summary>
    public DeliveryStatus Status { get; init; }

    /// <summary>Where the beans grew.</summary>
    public required PublicTraceOrigin Origin { get; init; }
}

/// <summary>The plot and planter a delivery came from, as the public sees them.</summary>
public sealed class PublicTraceOrigin
{
    /// <summary>The planter's first name and the initial of their last name (<c>Koffi Y.</c>).</summary>
    public required string Planter { get; init; }

    /// <summary>The planter's village.</summary>
    public string? Village { get; init; }

    /// <summary>The plot's area, in hectares.</summary>
    public decimal AreaHectares { get; init; }

    /// <summary>Whether the plot is located by a point or outlined by a polygon.</summary>
    public PlotGeometryKind PlotKind { get; init; }

    /// <summary>The latitude of the plot's point or centroid, rounded to 0.01°.</summary>
    public double Latitude { get; init; }

    /// <summary>The longitude of the plot's point or centroid, rounded to 0.01°.</summary>
    public double Longitude { get; init; }
}

/// <summary>One event of the hash chain as the public sees it.</summary>
public sealed class PublicTraceEvent
{
    /// <summary>Its place in the cooperative's chain.</summary>
    public long Sequence { get; init; }

    /// <summary>What happened.</summary>
    public TraceEventKind Kind { get; init; }

    /// <summary>When it was recorded.</summary>
    public DateTime RecordedAt { get; init; }

    /// <summary>Its SHA-256 hash (lower-case hex).</summary>
    public required string Hash { get; init; }
}

/// <summary>What recomputing the chain found.</summary>
public sealed class PublicTraceVerification
{
    /// <summary>Whether every link up to the last event shown holds.</summary>
    public bool Valid { get; init; }

    /// <summary>The events found sound (from the chain's first).</summary>
    public int CheckedEvents { get; init; }

    /// <summary>Where the first broken link is, or null.</summary>
    public long? BrokenAtSequence { get; init; }

    /// <summary>What is wrong there, or null.</summary>
    public TraceBreakReason? Reason { get; init; }
}

/// <summary>Reads public traces (no row rule: the code is the capability).</summary>
public static class PublicTraces
{
    /// <summary>The rounding of plot coordinates shown to the public, in decimal degrees.</summary>
    public const int CoordinateDecimals = 2;

    /// <summary>The trace of the delivery or lot with this code, or null when the code is malformed or names nothing.</summary>
    public static async Task<PublicTrace?> FindAsync(GraphDbContext db, string code, string pageUrl, CancellationToken cancellationToken)
    {
        if (!TraceCodes.IsWellFormed(code))
        {
            return null;
        }
        var lot = await db.Lots.AsNoTracking().Where(l => l.TraceCode == code).Select(l => new { l.Id }).SingleOrDefaultAsync(cancellationToken);
        List<TraceOrigin> origins;
        List<TraceEvent> events;
        Lot? theLot;
        Guid cooperativeId;
        if (lot is not null)
        {
            var lineage = await TraceLineages.OfLotAsync(db, lot.Id, cancellationToken);
            if (lineage is null)
            {
                return null;
            }
            theLot = lineage.Lot;
            cooperativeId = theLot.CooperativeId;
            origins = [.. lineage.Deliveries];
            events = [.. lineage.Events];
        }
        else
        {
            var found = await (
                    from d in db.Deliveries.AsNoTracking()
                    where d.TraceCode == code
                    join p in db.Planters.AsNoTracking() on d.PlanterId equals p.Id
                    join plot in db.Plots.AsNoTracking() on d.PlotId equals plot.Id
                    select new { d, p, plot })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }
            cooperativeId = found.d.CooperativeId;
            origins = [new TraceOrigin(found.d, found.p, found.plot)];
            events = await TraceLineages.EventsOfDeliveryAsync(db, found.d, cancellationToken);
            var lotId = await db.LotDeliveries.Where(e => e.DeliveryId == found.d.Id).Select(e => (Guid?)e.LotId).SingleOrDefaultAsync(cancellationToken);
            theLot = lotId is { } id ? await db.Lots.AsNoTracking().SingleAsync(l => l.Id == id, cancellationToken) : null;
        }
        var cooperative = await db.Cooperatives.AsNoTracking().SingleAsync(c => c.Id == cooperativeId, cancellationToken);
        var warehouseTown = theLot is null ? null
            : await db.Warehouses.Where(w => w.Id == theLot.WarehouseId).Select(w => w.Location).SingleOrDefaultAsync(cancellationToken);
        var verification = events.Count == 0
            ? new TraceVerification(true, 0, null)
            : await TraceChain.VerifyAsync(db, cooperativeId, events[^1].Sequence, cancellationToken);
        return new PublicTrace
        {
            Code = code,
            Subject = lot is null ? PublicTraceSubject.Delivery : PublicTraceSubject.Lot,
            Url = pageUrl,
            Cooperative = new PublicTraceCooperative { Name = cooperative.Name, Region = cooperative.Region, Country = cooperative.Country },
            Lot = theLot is null ? null : new PublicTraceLot
            {
                Code = theLot.Code, Grade = theLot.Grade, WeightKg = theLot.InitialWeightKg, WarehouseTown = warehouseTown, Status = theLot.Status, FormedAt = theLot.CreatedAt,
            },
            Deliveries = origins.Select(o => new PublicTraceDelivery
            {
                DeliveredOn = o.Delivery.DeliveredOn,
                NetWeightKg = o.Delivery.NetWeightKg,
                Grade = o.Delivery.Grade,
                Status = o.Delivery.Status,
                Origin = new PublicTraceOrigin
                {
                    Planter = ShortName(o.Planter.FullName),
                    Village = o.Planter.Village,
                    AreaHectares = o.Plot.AreaHectares,
                    PlotKind = o.Plot.Kind,
                    Latitude = Math.Round(o.Plot.Latitude, CoordinateDecimals, MidpointRounding.AwayFromZero),
                    Longitude = Math.Round(o.Plot.Longitude, CoordinateDecimals, MidpointRounding.AwayFromZero),
                },
            }).ToList(),
            Events = events.Select(e => new PublicTraceEvent { Sequence = e.Sequence, Kind = e.Kind, RecordedAt = e.RecordedAt, Hash = e.Hash }).ToList(),
            Verification = new PublicTraceVerification
            {
                Valid = verification.Valid,
                CheckedEvents = verification.CheckedEvents,
                BrokenAtSequence = verification.FirstBrokenLink?.Sequence,
                Reason = verification.FirstBrokenLink?.Reason,
            },
        };
    }

    /// <summary>A full name as the public sees it: the first word and the initial of the last (<c>Koffi Yao Jean</c> gives
    /// <c>Koffi J.</c>); a single word stays as it is.</summary>
    public static string ShortName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return "";
        }
        return words.Length == 1 ? words[0] : $"{words[0]} {char.ToUpperInvariant(words[^1][0])}.";
    }
}

/// <summary>The public trace on Query: anonymous, the code being the capability.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class PublicTraceQueries
{
    /// <summary>The public trace of the delivery or lot with this trace code (printed as a QR code), or null when the code
    /// names nothing. Needs no sign-in; shows only what a buyer or a consumer may see.</summary>
    public async Task<PublicTrace?> GetPublicTraceAsync(string code, IDbContextFactory<GraphDbContext> contexts, IHttpContextAccessor http, IOptions<GraphOptions> options, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PublicTraces.FindAsync(db, code, TraceUrls.PageUrl(options.Value, http.HttpContext?.Request, code), cancellationToken);
    }
}
