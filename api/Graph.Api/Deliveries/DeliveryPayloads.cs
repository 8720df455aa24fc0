using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Deliveries;

/// <summary>A weighed delivery to write down.</summary>
public sealed class RecordDeliveryInput
{
    /// <summary>The planter who delivers (the ID of a Planter).</summary>
    [ID<Planter>]
    public required Guid PlanterId { get; init; }

    /// <summary>The planter's plot the beans grew on (the ID of a Plot).</summary>
    [ID<Plot>]
    public required Guid PlotId { get; init; }

    /// <summary>The warehouse of the planter's cooperative that receives them (the ID of a Warehouse).</summary>
    [ID<Warehouse>]
    public required Guid WarehouseId { get; init; }

    /// <summary>The day of the delivery (today or earlier).</summary>
    public required DateOnly DeliveredOn { get; init; }

    /// <summary>The weight on the scale, bags included, in kilograms (to the gram).</summary>
    public required decimal GrossWeightKg { get; init; }

    /// <summary>The weight of the bags, in kilograms.</summary>
    public required decimal TareKg { get; init; }

    /// <summary>The measured moisture, in percent.</summary>
    public required decimal MoisturePercent { get; init; }

    /// <summary>The quality grade.</summary>
    public required CocoaGrade Grade { get; init; }

    /// <summary>The price of one kilogram, in the cooperative's currency.</summary>
    public required MoneyInput PricePerKg { get; init; }
}

/// <summary>A delivery to validate.</summary>
public sealed class ValidateDeliveryInput
{
    /// <summary>The delivery (the ID of a Delivery).</summary>
    [ID<Delivery>]
    public required Guid DeliveryId { get; init; }
}

/// <summary>A delivery to reject, and why.</summary>
public sealed class RejectDeliveryInput
{
    /// <summary>The delivery (the ID of a Delivery).</summary>
    [ID<Delivery>]
    public required Guid DeliveryId { get; init; }

    /// <summary>Why it is rejected (3 to 500 characters).</summary>
    public required string Reason { get; init; }
}

/// <summary>A delivery's figures as they should have been, and why they change.</summary>
public sealed class CorrectDeliveryInput
{
    /// <summary>The delivery (the ID of a Delivery).</summary>
    [ID<Delivery>]
    public required Guid DeliveryId { get; init; }

    /// <summary>The right gross weight, in kilograms.</summary>
    public required decimal GrossWeightKg { get; init; }

    /// <summary>The right tare, in kilograms.</summary>
    public required decimal TareKg { get; init; }

    /// <summary>The right moisture, in percent.</summary>
    public required decimal MoisturePercent { get; init; }

    /// <summary>The right grade.</summary>
    public required CocoaGrade Grade { get; init; }

    /// <summary>The right price per kilogram, in the cooperative's currency.</summary>
    public required MoneyInput PricePerKg { get; init; }

    /// <summary>Why the figures change (3 to 500 characters), kept in the DELIVERY_CORRECTED event.</summary>
    public required string Reason { get; init; }
}

/// <summary>A validated delivery to pay its planter for.</summary>
public sealed class PayDeliveryInput
{
    /// <summary>The delivery (the ID of a Delivery).</summary>
    [ID<Delivery>]
    public required Guid DeliveryId { get; init; }

    /// <summary>How the planter is paid: a mobile money provider, or CASH (recorded with its receipt, then checked by another manager).</summary>
    public required PaymentMethod Method { get; init; }

    /// <summary>The mobile money number paid, in international form; the planter's phone when omitted. Not for cash.</summary>
    public string? WalletNumber { get; init; }

    /// <summary>For cash: the receipt's number or reference (1 to 100 characters).</summary>
    public string? CashReference { get; init; }

    /// <summary>A key the client makes once per payment and sends again on every retry of it.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>Deliveries to form a lot from.</summary>
public sealed class CreateLotInput
{
    /// <summary>The deliveries (IDs of Delivery): VALIDATED or PAID, of one warehouse and one grade, none in a lot yet.</summary>
    [ID<Delivery>]
    public required IReadOnlyList<Guid> DeliveryIds { get; init; }
}

/// <summary>A lot to move, and where.</summary>
public sealed class MoveLotInput
{
    /// <summary>The lot (the ID of a Lot).</summary>
    [ID<Lot>]
    public required Guid LotId { get; init; }

    /// <summary>The warehouse of the same cooperative it goes to (the ID of a Warehouse).</summary>
    [ID<Warehouse>]
    public required Guid WarehouseId { get; init; }
}

/// <summary>Part or all of a lot to sell.</summary>
public sealed class SellLotInput
{
    /// <summary>The lot (the ID of a Lot).</summary>
    [ID<Lot>]
    public required Guid LotId { get; init; }

    /// <summary>The kilograms sold: more than 0, at most what remains of the lot.</summary>
    public required decimal WeightKg { get; init; }

    /// <summary>Who buys, as named on the contract.</summary>
    public required string BuyerName { get; init; }

    /// <summary>The buyer's account on the platform, if they have one (the ID of a User).</summary>
    [ID<User>]
    public Guid? BuyerUserId { get; init; }

    /// <summary>The price of one kilogram, in the cooperative's currency.</summary>
    public required MoneyInput PricePerKg { get; init; }
}

/// <summary>What recordDelivery did: the RECORDED delivery, or why nothing was recorded.</summary>
public sealed class RecordDeliveryPayload(Delivery? delivery, IReadOnlyList<IRecordDeliveryError>? errors)
{
    /// <summary>The delivery recorded, or null when there are errors.</summary>
    public Delivery? Delivery { get; } = delivery;

    /// <summary>Why nothing was recorded, or null.</summary>
    public IReadOnlyList<IRecordDeliveryError>? Errors { get; } = errors;
}

/// <summary>What validateDelivery did: the VALIDATED delivery, or why nothing changed.</summary>
public sealed class ValidateDeliveryPayload(Delivery? delivery, IReadOnlyList<IValidateDeliveryError>? errors)
{
    /// <summary>The delivery, or null when there are errors.</summary>
    public Delivery? Delivery { get; } = delivery;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IValidateDeliveryError>? Errors { get; } = errors;
}

/// <summary>What rejectDelivery did: the REJECTED delivery, or why nothing changed.</summary>
public sealed class RejectDeliveryPayload(Delivery? delivery, IReadOnlyList<IRejectDeliveryError>? errors)
{
    /// <summary>The delivery, or null when there are errors.</summary>
    public Delivery? Delivery { get; } = delivery;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IRejectDeliveryError>? Errors { get; } = errors;
}

/// <summary>What correctDelivery did: the corrected delivery, or why nothing changed.</summary>
public sealed class CorrectDeliveryPayload(Delivery? delivery, IReadOnlyList<ICorrectDeliveryError>? errors)
{
    /// <summary>The delivery, or null when there are errors.</summary>
    public Delivery? Delivery { get; } = delivery;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<ICorrectDeliveryError>? Errors { get; } = errors;
}

/// <summary>What payDelivery did: the payment (mobile money usually PENDING until the provider settles it; cash PENDING
/// until another manager checks it) and the delivery (PAID once the payment succeeds), or why nothing was paid.</summary>
public sealed class PayDeliveryPayload(Payment? payment, Delivery? delivery, string? customerAction, IReadOnlyList<IPayDeliveryError>? errors)
{
    /// <summary>The payment, or null when there are errors.</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>The delivery as it stands, or null when there are errors.</summary>
    public Delivery? Delivery { get; } = delivery;

    /// <summary>What the provider asked of the payer, when it said.</summary>
    public string? CustomerAction { get; } = customerAction;

    /// <summary>Why nothing was paid, or null.</summary>
    public IReadOnlyList<IPayDeliveryError>? Errors { get; } = errors;
}

/// <summary>What createLot did: the new lot, or why none was formed.</summary>
public sealed class CreateLotPayload(Lot? lot, IReadOnlyList<ICreateLotError>? errors)
{
    /// <summary>The lot, or null when there are errors.</summary>
    public Lot? Lot { get; } = lot;

    /// <summary>Why no lot was formed, or null.</summary>
    public IReadOnlyList<ICreateLotError>? Errors { get; } = errors;
}

/// <summary>What moveLot did: the lot in its new warehouse, or why it stayed.</summary>
public sealed class MoveLotPayload(Lot? lot, IReadOnlyList<IMoveLotError>? errors)
{
    /// <summary>The lot, or null when there are errors.</summary>
    public Lot? Lot { get; } = lot;

    /// <summary>Why the lot did not move, or null.</summary>
    public IReadOnlyList<IMoveLotError>? Errors { get; } = errors;
}

/// <summary>What sellLot did: the sale and the lot as it now stands, or why nothing was sold.</summary>
public sealed class SellLotPayload(LotSale? sale, Lot? lot, IReadOnlyList<ISellLotError>? errors)
{
    /// <summary>The sale, or null when there are errors.</summary>
    public LotSale? Sale { get; } = sale;

    /// <summary>The lot, its remaining weight down, or null when there are errors.</summary>
    public Lot? Lot { get; } = lot;

    /// <summary>Why nothing was sold, or null.</summary>
    public IReadOnlyList<ISellLotError>? Errors { get; } = errors;
}

/// <summary>The domain errors of recordDelivery.</summary>
[UnionType("RecordDeliveryError")]
public interface IRecordDeliveryError;

/// <summary>The domain errors of validateDelivery.</summary>
[UnionType("ValidateDeliveryError")]
public interface IValidateDeliveryError;

/// <summary>The domain errors of rejectDelivery.</summary>
[UnionType("RejectDeliveryError")]
public interface IRejectDeliveryError;

/// <summary>The domain errors of correctDelivery.</summary>
[UnionType("CorrectDeliveryError")]
public interface ICorrectDeliveryError;

/// <summary>The domain errors of payDelivery.</summary>
[UnionType("PayDeliveryError")]
public interface IPayDeliveryError;

/// <summary>The domain errors of createLot.</summary>
[UnionType("CreateLotError")]
public interface ICreateLotError;

/// <summary>The domain errors of moveLot.</summary>
[UnionType("MoveLotError")]
public interface IMoveLotError;

/// <summary>The domain errors of sellLot.</summary>
[UnionType("SellLotError")]
public interface ISellLotError;

/// <summary>A field of the input breaks a rule of deliveries and lots.</summary>
public sealed class InvalidDeliveryInputError(string field, string message) : IError, IRecordDeliveryError, IRejectDeliveryError, ICorrectDeliveryError,
    IPayDeliveryError, ICreateLotError, IMoveLotError, ISellLotError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_DELIVERY_INPUT";

    /// <summary>The offending input field, e.g. <c>plotId</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>No planter the caller manages has this ID.</summary>
public sealed class PlanterNotFoundError(Guid planterId) : IError, IRecordDeliveryError, IUpdatePlanterError, ICreatePlotError
{
    /// <inheritdoc />
    public string Message => "There is no planter with this ID in a cooperative you manage.";

    /// <inheritdoc />
    public string Code => "PLANTER_NOT_FOUND";

    /// <summary>The input field.</summary>
    public string Field => "planterId";

    /// <summary>The planter ID, as given.</summary>
    [ID<Planter>]
    public Guid PlanterId { get; } = planterId;
}

/// <summary>No plot has this ID.</summary>
public sealed class PlotNotFoundError(Guid plotId) : IError, IRecordDeliveryError, IUpdatePlotError
{
    /// <inheritdoc />
    public string Message => "There is no plot with this ID.";

    /// <inheritdoc />
    public string Code => "PLOT_NOT_FOUND";

    /// <summary>The input field.</summary>
    public string Field => "plotId";

    /// <summary>The plot ID, as given.</summary>
    [ID<Plot>]
    public Guid PlotId { get; } = plotId;
}

/// <summary>No warehouse the caller manages (of the cooperative concerned) has this ID.</summary>
public sealed class WarehouseNotFoundError(Guid warehouseId) : IError, IRecordDeliveryError, IMoveLotError, IUpdateWarehouseError
{
    /// <inheritdoc />
    public string Message => "There is no warehouse with this ID in the cooperative concerned.";

    /// <inheritdoc />
    public string Code => "WAREHOUSE_NOT_FOUND";

    /// <summary>The input field.</summary>
    public string Field => "warehouseId";

    /// <summary>The warehouse ID, as given.</summary>
    [ID<Warehouse>]
    public Guid WarehouseId { get; } = warehouseId;
}

/// <summary>No delivery the caller manages has this ID.</summary>
public sealed class DeliveryNotFoundError(Guid deliveryId) : IError, IValidateDeliveryError, IRejectDeliveryError, ICorrectDeliveryError, IPayDeliveryError, ICreateLotError
{
    /// <inheritdoc />
    public string Message => "There is no delivery with this ID in a cooperative you manage.";

    /// <inheritdoc />
    public string Code => "DELIVERY_NOT_FOUND";

    /// <summary>The input field.</summary>
    public string Field => "deliveryId";

    /// <summary>The delivery ID, as given.</summary>
    [ID<Delivery>]
    public Guid DeliveryId { get; } = deliveryId;
}

/// <summary>No lot the caller manages has this ID.</summary>
public sealed class LotNotFoundError(Guid lotId) : IError, IMoveLotError, ISellLotError
{
    /// <inheritdoc />
    public string Message => "There is no lot with this ID in a cooperative you manage.";

    /// <inheritdoc />
    public string Code => "LOT_NOT_FOUND";

    /// <summary>The input field.</summary>
    public string Field => "lotId";

    /// <summary>The lot ID, as given.</summary>
    [ID<Lot>]
    public Guid LotId { get; } = lotId;
}

/// <summary>The delivery's status does not allow the change.</summary>
public sealed class DeliveryStatusConflictError(Guid deliveryId, DeliveryStatus status, string message)
    : IError, IValidateDeliveryError, IRejectDeliveryError, ICorrectDeliveryError, IPayDeliveryError, ICreateLotError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "DELIVERY_STATUS_CONFLICT";

    /// <summary>The input field.</summary>
    public string Field => "deliveryId";

    /// <summary>The delivery.</summary>
    [ID<Delivery>]
    public Guid DeliveryId { get; } = deliveryId;

    /// <summary>Its status now.</summary>
    public DeliveryStatus Status { get; } = status;
}

/// <summary>The delivery is already in a lot: its beans are the lot's now, and its figures are fixed.</summary>
public sealed class DeliveryInLotError(Guid deliveryId, Guid lotId) : IError, IRejectDeliveryError, ICorrectDeliveryError, ICreateLotError
{
    /// <inheritdoc />
    public string Message => "The delivery is in a lot: it can no longer be rejected, corrected or put into another lot.";

    /// <inheritdoc />
    public string Code => "DELIVERY_IN_LOT";

    /// <summary>The input field.</summary>
    public string Field => "deliveryId";

    /// <summary>The delivery.</summary>
    [ID<Delivery>]
    public Guid DeliveryId { get; } = deliveryId;

    /// <summary>The lot it is in.</summary>
    [ID<Lot>]
    public Guid LotId { get; } = lotId;
}

/// <summary>A payment of the delivery is under way (INITIATED or PENDING): wait for it to settle or fail.</summary>
public sealed class DeliveryPaymentInProgressError(Guid deliveryId, Guid paymentId) : IError, IRejectDeliveryError, ICorrectDeliveryError, IPayDeliveryError
{
    /// <inheritdoc />
    public string Message => "A payment of this delivery is under way; wait until it succeeds or fails.";

    /// <inheritdoc />
    public string Code => "DELIVERY_PAYMENT_IN_PROGRESS";

    /// <summary>The input field.</summary>
    public string Field => "deliveryId";

    /// <summary>The delivery.</summary>
    [ID<Delivery>]
    public Guid DeliveryId { get; } = deliveryId;

    /// <summary>The payment under way.</summary>
    [ID<Payment>]
    public Guid PaymentId { get; } = paymentId;
}

/// <summary>The beans would not fit: the warehouse would hold more than its capacity.</summary>
public sealed class WarehouseCapacityExceededError(Guid warehouseId, decimal capacityKg, decimal stockKg, decimal requestedKg)
    : IError, IValidateDeliveryError, ICorrectDeliveryError, IMoveLotError
{
    /// <inheritdoc />
    public string Message => $"The warehouse holds {TraceChain.Figure(StockKg)} kg of its {TraceChain.Figure(CapacityKg)} kg: {TraceChain.Figure(RequestedKg)} kg more do not fit.";

    /// <inheritdoc />
    public string Code => "WAREHOUSE_CAPACITY_EXCEEDED";

    /// <summary>The input field (the warehouse concerned).</summary>
    public string Field => "warehouseId";

    /// <summary>The warehouse.</summary>
    [ID<Warehouse>]
    public Guid WarehouseId { get; } = warehouseId;

    /// <summary>Its capacity, in kilograms.</summary>
    public decimal CapacityKg { get; } = capacityKg;

    /// <summary>What it holds now, in kilograms.</summary>
    public decimal StockKg { get; } = stockKg;

    /// <summary>The kilograms that would have come in.</summary>
    public decimal RequestedKg { get; } = requestedKg;
}

/// <summary>The lot's status does not allow the change (it is sold out).</summary>
public sealed class LotStatusConflictError(Guid lotId, LotStatus status, string message) : IError, IMoveLotError, ISellLotError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "LOT_STATUS_CONFLICT";

    /// <summary>The input field.</summary>
    public string Field => "lotId";

    /// <summary>The lot.</summary>
    [ID<Lot>]
    public Guid LotId { get; } = lotId;

    /// <summary>Its status now.</summary>
    public LotStatus Status { get; } = status;
}

/// <summary>More kilograms asked for than the lot has left.</summary>
public sealed class LotWeightExceededError(Guid lotId, decimal remainingKg, decimal requestedKg) : IError, ISellLotError
{
    /// <inheritdoc />
    public string Message => $"The lot has {TraceChain.Figure(RemainingKg)} kg left; {TraceChain.Figure(RequestedKg)} kg cannot be sold.";

    /// <inheritdoc />
    public string Code => "LOT_WEIGHT_EXCEEDED";

    /// <summary>The input field.</summary>
    public string Field => "weightKg";

    /// <summary>The lot.</summary>
    [ID<Lot>]
    public Guid LotId { get; } = lotId;

    /// <summary>What the lot has left, in kilograms.</summary>
    public decimal RemainingKg { get; } = remainingKg;

    /// <summary>What was asked for, in kilograms.</summary>
    public decimal RequestedKg { get; } = requestedKg;
}
