using System.Text.Json.Serialization;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Data;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Deliveries;

/// <summary>A cocoa cooperative (CocoaTrack): it buys beans from its planters, stores them in its warehouses and sells lots.</summary>
[Node]
public sealed class Cooperative
{
    // A UUIDv7 given when the cooperative is added to a context.
    public Guid Id { get; init; }

    /// <summary>The cooperative's name.</summary>
    public required string Name { get; set; }

    /// <summary>A short unique code (letters, digits and dashes, e.g. <c>SCAS-SOUBRE</c>), printed on lots and receipts.</summary>
    public required string Code { get; set; }

    /// <summary>The ISO 3166-1 alpha-2 code of the country it works in (<c>CI</c>, <c>GH</c>, <c>CM</c>...).</summary>
    public string Country { get; set; } = "CI";

    /// <summary>The region or department, as the cooperative names it.</summary>
    public string? Region { get; set; }

    /// <summary>The currency it pays its planters in.</summary>
    public Currency Currency { get; set; } = Currency.XOF;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A user who manages one cooperative: records, validates and pays its deliveries, moves and sells its lots.</summary>
public sealed class CooperativeManager
{
    [GraphQLIgnore]
    public Guid CooperativeId { get; init; }

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>When the user was made a manager of the cooperative.</summary>
    public DateTime AddedAt { get; init; }

    /// <summary>The person.</summary>
    [JsonIgnore]
    public User User { get; set; } = null!;
}

/// <summary>A cocoa planter, member of a cooperative. Planters are grouped under chief planters (chefs planteurs), who are
/// planters themselves.</summary>
[Node]
public sealed class Planter
{
    public Guid Id { get; init; }

    [GraphQLIgnore, IsProjected(true)]
    public Guid CooperativeId { get; set; }

    /// <summary>The planter's full name.</summary>
    public required string FullName { get; set; }

    /// <summary>The planter's mobile number in international form (+2250701020304): where their mobile money is paid.
    /// Personal data: the graph's <c>phone</c> field shows it to ADMIN and the cooperative's managers only.</summary>
    [GraphQLIgnore, IsProjected(true)]
    public string? Phone { get; set; }

    /// <summary>The village or locality the planter lives in.</summary>
    public string? Village { get; set; }

    /// <summary>The chief planter this planter belongs to; null for a chief planter or an unattached planter.</summary>
    [GraphQLIgnore, IsProjected(true)]
    public Guid? ChiefId { get; set; }

    /// <summary>The planter's own account on the platform, if they have one.</summary>
    [GraphQLIgnore]
    public Guid? UserId { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A parcel of land a planter grows cocoa on, located for the EU deforestation regulation (EUDR).</summary>
[Node]
public sealed class Plot
{
    public Guid Id { get; init; }

    [GraphQLIgnore, IsProjected(true)]
    public Guid PlanterId { get; set; }

    /// <summary>The name the planter gives the plot.</summary>
    public required string Name { get; set; }

    /// <summary>Whether the plot is located by a point or outlined by a polygon.</summary>
    public PlotGeometryKind Kind { get; set; }

    /// <summary>The geometry as a GeoJSON text (WGS84 longitude, latitude), as validated and stored.</summary>
    [GraphQLIgnore, IsProjected(true)]
    public required string GeoJson { get; set; }

    /// <summary>The area in hectares: computed from the polygon, or declared for a point.</summary>
    public decimal AreaHectares { get; set; }

    /// <summary>The latitude of the point, or of the polygon's centroid.</summary>
    public double Latitude { get; set; }

    /// <summary>The longitude of the point, or of the polygon's centroid.</summary>
    public double Longitude { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>How a plot is located.</summary>
public enum PlotGeometryKind
{
    /// <summary>One point: allowed for plots of at most 4 hectares.</summary>
    Point,

    /// <summary>A closed outline: required above 4 hectares.</summary>
    Polygon,
}

/// <summary>A store of cocoa beans belonging to a cooperative.</summary>
[Node]
public sealed class Warehouse
{
    public Guid Id { get; init; }

    [GraphQLIgnore, IsProjected(true)]
    public Guid CooperativeId { get; set; }

    /// <summary>The warehouse's name.</summary>
    public required string Name { get; set; }

    /// <summary>Where it stands (town, road), as people describe it.</summary>
    public string? Location { get; set; }

    /// <summary>The most beans it holds, in kilograms.</summary>
    public decimal CapacityKg { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>The quality grades of cocoa beans.</summary>
public enum CocoaGrade
{
    /// <summary>Grade I: at most 3 % mouldy, 3 % slaty and 3 % defective beans.</summary>
    [GraphQLName("GRADE_I")]
    GradeI,

    /// <summary>Grade II: at most 4 % mouldy, 8 % slaty and 6 % defective beans.</summary>
    [GraphQLName("GRADE_II")]
    GradeII,

    /// <summary>Below grade II (sous-grade): bought at a lower price.</summary>
    SubGrade,
}

/// <summary>Where a delivery is in its life.</summary>
public enum DeliveryStatus
{
    /// <summary>Weighed and written down; not yet checked.</summary>
    Recorded,

    /// <summary>Checked by a manager: the beans are in the warehouse's stock and the planter is owed the amount.</summary>
    Validated,

    /// <summary>The planter was paid.</summary>
    Paid,

    /// <summary>Refused (quality, weight, origin); it holds no stock and is owed nothing.</summary>
    Rejected,
}

/// <summary>A planter's delivery of beans to a warehouse: weighed, graded and priced.</summary>
[Node]
public sealed class Delivery
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid CooperativeId { get; set; }

    [GraphQLIgnore]
    public Guid PlanterId { get; set; }

    [GraphQLIgnore]
    public Guid PlotId { get; set; }

    [GraphQLIgnore]
    public Guid WarehouseId { get; set; }

    /// <summary>The day the beans were delivered.</summary>
    public DateOnly DeliveredOn { get; set; }

    /// <summary>The weight on the scale, bags included, in kilograms.</summary>
    public decimal GrossWeightKg { get; set; }

    /// <summary>The weight of the bags, in kilograms.</summary>
    public decimal TareKg { get; set; }

    /// <summary>Gross weight less tare, in kilograms.</summary>
    public decimal NetWeightKg { get; set; }

    /// <summary>The beans' moisture, in percent (7.5 meaning 7.5 %).</summary>
    public decimal MoisturePercent { get; set; }

    /// <summary>The weight paid for: the net weight less the water above the allowed moisture (see <see cref="DeliveryWeights"/>).</summary>
    public decimal PayableWeightKg { get; set; }

    /// <summary>The beans' quality grade.</summary>
    public CocoaGrade Grade { get; set; }

    /// <summary>The price of one kilogram.</summary>
    public required Money PricePerKg { get; set; }

    /// <summary>What the planter is owed: the payable weight times the price, rounded to the currency's unit.</summary>
    public required Money Amount { get; set; }

    /// <summary>Where the delivery is in its life.</summary>
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Recorded;

    /// <summary>Why the delivery was rejected; null unless REJECTED.</summary>
    public string? RejectionReason { get; set; }

    /// <summary>The opaque code of the delivery's public trace page (printed as a QR code).</summary>
    public required string TraceCode { get; init; }

    [GraphQLIgnore]
    public Guid RecordedBy { get; init; }

    /// <summary>When the delivery was written down.</summary>
    public DateTime RecordedAt { get; init; }

    [GraphQLIgnore]
    public Guid? ValidatedBy { get; set; }

    /// <summary>When a manager validated it.</summary>
    public DateTime? ValidatedAt { get; set; }

    /// <summary>When the planter's payment settled.</summary>
    public DateTime? PaidAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A payment of a planter for a delivery (the payment itself lives in Payments).</summary>
public sealed class DeliveryPayment
{
    public Guid PaymentId { get; init; }

    public Guid DeliveryId { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>Where a lot is in its life.</summary>
public enum LotStatus
{
    /// <summary>In a warehouse, wholly or partly unsold.</summary>
    InStock,

    /// <summary>Every kilogram sold.</summary>
    Sold,
}

/// <summary>Beans of one grade from several deliveries, stored, moved and sold together.</summary>
[Node]
public sealed class Lot
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid CooperativeId { get; set; }

    /// <summary>The lot's number within its cooperative, printed on its bags (<c>SCAS-SOUBRE-2026-0001</c>).</summary>
    public required string Code { get; init; }

    /// <summary>The grade of every delivery in the lot.</summary>
    public CocoaGrade Grade { get; init; }

    /// <summary>The warehouse the lot is in now.</summary>
    [GraphQLIgnore]
    public Guid WarehouseId { get; set; }

    /// <summary>The weight the lot was formed with, in kilograms.</summary>
    public decimal InitialWeightKg { get; init; }

    /// <summary>The weight not yet sold, in kilograms (the sum of the lot's stock movements).</summary>
    public decimal RemainingWeightKg { get; set; }

    public LotStatus Status { get; set; } = LotStatus.InStock;

    /// <summary>The opaque code of the lot's public trace page (printed as a QR code).</summary>
    public required string TraceCode { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A delivery's beans put into a lot (a delivery goes whole into one lot).</summary>
public sealed class LotDelivery
{
    public Guid LotId { get; init; }

    public Guid DeliveryId { get; init; }

    /// <summary>The delivery's net weight, in kilograms, when it joined the lot.</summary>
    public decimal WeightKg { get; init; }
}

/// <summary>What a stock movement records.</summary>
public enum StockMovementKind
{
    /// <summary>A validated delivery's beans enter the warehouse (held by the delivery).</summary>
    DeliveryIn,

    /// <summary>A corrected delivery's weight changes its stock by the difference.</summary>
    DeliveryCorrection,

    /// <summary>A rejected delivery's beans leave the warehouse.</summary>
    DeliveryOut,

    /// <summary>A delivery's beans pass into a lot (the delivery's holding goes down).</summary>
    IntoLot,

    /// <summary>A lot is formed from deliveries (the lot's holding goes up by as much).</summary>
    LotFormed,

    /// <summary>A lot leaves a warehouse for another.</summary>
    TransferOut,

    /// <summary>A lot arrives from another warehouse.</summary>
    TransferIn,

    /// <summary>Part or all of a lot is sold and leaves the warehouse.</summary>
    Sale,
}

/// <summary>One change of a warehouse's stock, never edited: stock levels are sums of movements. Each movement is held by a
/// delivery (before it joins a lot) or by a lot, and neither holding ever goes below zero.</summary>
public sealed class StockMovement
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid WarehouseId { get; init; }

    public CocoaGrade Grade { get; init; }

    public StockMovementKind Kind { get; init; }

    /// <summary>Kilograms in (positive) or out (negative).</summary>
    public decimal QuantityKg { get; init; }

    [GraphQLIgnore]
    public Guid? DeliveryId { get; init; }

    [GraphQLIgnore]
    public Guid? LotId { get; init; }

    [GraphQLIgnore]
    public Guid? SaleId { get; init; }

    [GraphQLIgnore]
    public Guid ActorId { get; init; }

    public DateTime At { get; init; }
}

/// <summary>A sale of part or all of a lot.</summary>
[Node]
public sealed class LotSale
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid LotId { get; init; }

    /// <summary>The kilograms sold.</summary>
    public decimal WeightKg { get; init; }

    /// <summary>Who bought them (an exporter, a grinder), as named on the contract.</summary>
    public required string BuyerName { get; init; }

    /// <summary>The buyer's account on the platform, if they have one.</summary>
    [GraphQLIgnore]
    public Guid? BuyerUserId { get; init; }

    /// <summary>The price of one kilogram.</summary>
    public required Money PricePerKg { get; init; }

    /// <summary>The weight times the price.</summary>
    public required Money Amount { get; init; }

    [GraphQLIgnore]
    public Guid SoldBy { get; init; }

    public DateTime SoldAt { get; init; }
}

/// <summary>What a trace event records.</summary>
public enum TraceEventKind
{
    /// <summary>A delivery was weighed and written down.</summary>
    DeliveryRecorded,

    /// <summary>A delivery was validated: its beans entered the warehouse's stock.</summary>
    DeliveryValidated,

    /// <summary>A delivery was rejected.</summary>
    DeliveryRejected,

    /// <summary>A delivery's figures were corrected (the payload holds the old and the new ones).</summary>
    DeliveryCorrected,

    /// <summary>The planter's payment for a delivery succeeded.</summary>
    DeliveryPaid,

    /// <summary>The planter's payment for a delivery was refunded: the delivery is owed again.</summary>
    DeliveryUnpaid,

    /// <summary>A lot was formed from deliveries.</summary>
    LotFormed,

    /// <summary>A lot moved to another warehouse.</summary>
    LotMoved,

    /// <summary>Part or all of a lot was sold.</summary>
    LotSold,
}

/// <summary>One link of a cooperative's hash chain: a fact about a delivery or a lot, never edited (a correction is a new
/// event). <see cref="Hash"/> is SHA-256 over <see cref="PreviousHash"/> and the event's canonical form (<see cref="TraceChain"/>).
/// Not in the audit log: the chain is its own record (and its key is an identity column).</summary>
[Audit.NotAudited]
public sealed class TraceEvent
{
    /// <summary>The row's number (an identity column); the chain's order is <see cref="Sequence"/>.</summary>
    [GraphQLIgnore]
    public long Id { get; init; }

    [GraphQLIgnore]
    public Guid CooperativeId { get; init; }

    /// <summary>The event's place in its cooperative's chain, from 1, without gaps.</summary>
    public long Sequence { get; init; }

    public TraceEventKind Kind { get; init; }

    [GraphQLIgnore]
    public Guid? DeliveryId { get; init; }

    [GraphQLIgnore]
    public Guid? LotId { get; init; }

    /// <summary>What happened, as a JSON object of strings (the canonical form sorts its keys).</summary>
    [GraphQLIgnore]
    public required string Payload { get; init; }

    [GraphQLIgnore]
    public Guid? ActorId { get; init; }

    /// <summary>When it was recorded (to the microsecond, as stored).</summary>
    public DateTime RecordedAt { get; init; }

    /// <summary>The previous event's hash (64 zeros for the first event), in lower-case hex.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over the previous hash and this event's canonical form, in lower-case hex.</summary>
    public required string Hash { get; init; }
}
