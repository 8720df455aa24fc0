using System.Globalization;
using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Who changes CocoaTrack's data: a user, and whether they hold ADMIN or COOPERATIVE_MANAGER.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Admin">Whether the user is an ADMIN (who manages every cooperative).</param>
/// <param name="Manager">Whether the user holds the COOPERATIVE_MANAGER platform role (and so manages the cooperatives that name them).</param>
public sealed record DeliveryActor(Guid UserId, bool Admin, bool Manager)
{
    /// <summary>The signed-in caller.</summary>
    public static DeliveryActor Of(ClaimsPrincipal user) => new(
        user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID."),
        user.IsInRole(PlatformRoles.AdminName),
        user.IsInRole(PlatformRoles.CooperativeManagerName));

    /// <summary>Whether the actor may change the cooperative's data: ADMIN, or one of its managers.</summary>
    public Task<bool> MayManageAsync(GraphDbContext db, Guid cooperativeId, CancellationToken cancellationToken) =>
        DeliveryAccess.MayManageAsync(db, UserId, Admin, Manager, cooperativeId, cancellationToken);
}

/// <summary>What an operation did: its result, or the one error that left everything unchanged.</summary>
/// <param name="Value">The result, or null when there is an error.</param>
/// <param name="Error">Why nothing changed, or null.</param>
public sealed record DeliveryOutcome<T>(T? Value, IError? Error) where T : class
{
    /// <summary>Done.</summary>
    public static DeliveryOutcome<T> Done(T value) => new(value, null);

    /// <summary>Refused; the caller rolls its transaction back.</summary>
    public static DeliveryOutcome<T> Failed(IError error) => new(null, error);

    /// <summary>Refused.</summary>
    public static implicit operator DeliveryOutcome<T>(DeliveryRefused refused) => Failed(refused.Error);
}

/// <summary>A refusal on its way to a <see cref="DeliveryOutcome{T}"/> of any type.</summary>
/// <param name="Error">Why.</param>
public sealed record DeliveryRefused(IError Error);

/// <summary>
/// The flow of beans through a cooperative, one method per change: recording, validating, rejecting and correcting a
/// delivery, forming lots, moving and selling them. Each method works inside the caller's open transaction (it locks the
/// rows it checks, in a fixed order: deliveries or the lot, then warehouses by ID, then the trace chain), adds its rows to
/// the given context and never saves: the caller saves and commits on success, and rolls back on an error. The GraphQL
/// mutations and the demo seed both call these.
/// </summary>
public static class DeliveryOperations
{
    /// <summary>The shortest reason of a rejection or a correction.</summary>
    public const int MinReasonLength = 3;

    /// <summary>The most deliveries one lot is formed from.</summary>
    public const int MaxDeliveriesPerLot = 500;

    /// <summary>Writes down a weighed delivery (RECORDED): the planter, a plot of theirs and a warehouse of their cooperative,
    /// its weights and price, and the DELIVERY_RECORDED event.</summary>
    public static async Task<DeliveryOutcome<Delivery>> RecordAsync(GraphDbContext db, DeliveryActor actor, RecordDeliveryInput input, DateTime now, CancellationToken cancellationToken)
    {
        if (input.DeliveredOn > DateOnly.FromDateTime(now))
        {
            return Invalid("deliveredOn", "A delivery cannot be dated in the future.");
        }
        if (ToMoney(input.PricePerKg) is not { } price)
        {
            return Invalid("pricePerKg", $"A {input.PricePerKg.Currency} price has at most {Money.MinorUnits(input.PricePerKg.Currency)} decimal(s).");
        }
        var (figures, problem) = DeliveryWeights.Compute(input.GrossWeightKg, input.TareKg, input.MoisturePercent, price);
        if (problem is var (field, message))
        {
            return Invalid(field, message);
        }
        var planter = await db.Planters.AsNoTracking().SingleOrDefaultAsync(p => p.Id == input.PlanterId, cancellationToken);
        if (planter is null || !await actor.MayManageAsync(db, planter.CooperativeId, cancellationToken))
        {
            return Failed(new PlanterNotFoundError(input.PlanterId));
        }
        // FOR SHARE: a plot is not redrawn (updatePlot locks it) while a delivery from it is recorded.
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plots WHERE id = {input.PlotId} FOR SHARE").ToListAsync(cancellationToken);
        var plot = await db.Plots.AsNoTracking().SingleOrDefaultAsync(p => p.Id == input.PlotId, cancellationToken);
        if (plot is null)
        {
            return Failed(new PlotNotFoundError(input.PlotId));
        }
        if (plot.PlanterId != planter.Id)
        {
            return Invalid("plotId", "The plot is not the planter's: a delivery comes from a plot of the planter who delivers it.");
        }
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == input.WarehouseId, cancellationToken);
        if (warehouse is null || !await actor.MayManageAsync(db, warehouse.CooperativeId, cancellationToken))
        {
            return Failed(new WarehouseNotFoundError(input.WarehouseId));
        }
        if (warehouse.CooperativeId != planter.CooperativeId)
        {
            return Invalid("warehouseId", "The warehouse belongs to another cooperative than the planter's.");
        }
        var cooperative = await db.Cooperatives.AsNoTracking().SingleAsync(c => c.Id == planter.CooperativeId, cancellationToken);
        if (price.Currency != cooperative.Currency)
        {
            return Invalid("pricePerKg", $"The cooperative pays in {cooperative.Currency}.");
        }
        var delivery = new Delivery
        {
            Id = Guid.CreateVersion7(now),
            CooperativeId = cooperative.Id,
            PlanterId = planter.Id,
            PlotId = plot.Id,
            WarehouseId = warehouse.Id,
            DeliveredOn = input.DeliveredOn,
            GrossWeightKg = input.GrossWeightKg,
            TareKg = input.TareKg,
            NetWeightKg = figures!.NetWeightKg,
            MoisturePercent = input.MoisturePercent,
            PayableWeightKg = figures.PayableWeightKg,
            Grade = input.Grade,
            PricePerKg = price,
            Amount = figures.Amount,
            Status = DeliveryStatus.Recorded,
            TraceCode = TraceCodes.New(),
            RecordedBy = actor.UserId,
            RecordedAt = now,
            UpdatedAt = now,
        };
        db.Deliveries.Add(delivery);
        var payload = Figures(delivery);
        payload["planter"] = planter.FullName;
        payload["plot"] = plot.Name;
        payload["warehouse"] = warehouse.Name;
        payload["deliveredOn"] = delivery.DeliveredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        payload["traceCode"] = delivery.TraceCode;
        await TraceChain.AppendAsync(db, cooperative.Id, TraceEventKind.DeliveryRecorded, payload, delivery.Id, null, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<Delivery>.Done(delivery);
    }

    /// <summary>Validates a RECORDED delivery: its net weight enters the warehouse's stock (DELIVERY_IN, refused beyond the
    /// warehouse's capacity, checked under the warehouse's row lock), and the planter is owed its amount.</summary>
    public static async Task<DeliveryOutcome<Delivery>> ValidateAsync(GraphDbContext db, DeliveryActor actor, Guid deliveryId, DateTime now, CancellationToken cancellationToken)
    {
        if (await LockManagedDeliveryAsync(db, actor, deliveryId, cancellationToken) is not { } delivery)
        {
            return Failed(new DeliveryNotFoundError(deliveryId));
        }
        if (delivery.Status != DeliveryStatus.Recorded)
        {
            return Failed(new DeliveryStatusConflictError(delivery.Id, delivery.Status, "Only a RECORDED delivery is validated."));
        }
        if (await RefuseBeyondCapacityAsync(db, delivery.WarehouseId, delivery.NetWeightKg, cancellationToken) is { } full)
        {
            return Failed(full);
        }
        AddMovement(db, delivery.WarehouseId, delivery.Grade, StockMovementKind.DeliveryIn, delivery.NetWeightKg, delivery.Id, null, null, actor.UserId, now);
        delivery.Status = DeliveryStatus.Validated;
        delivery.ValidatedBy = actor.UserId;
        delivery.ValidatedAt = now;
        delivery.UpdatedAt = now;
        await TraceChain.AppendAsync(db, delivery.CooperativeId, TraceEventKind.DeliveryValidated,
            new Dictionary<string, string> { ["netWeightKg"] = TraceChain.Figure(delivery.NetWeightKg), ["warehouse"] = delivery.WarehouseId.ToString("D") },
            delivery.Id, null, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<Delivery>.Done(delivery);
    }

    /// <summary>Rejects a delivery, with a reason: a RECORDED one, or a VALIDATED one not in a lot and not being paid, whose
    /// beans then leave the warehouse (DELIVERY_OUT).</summary>
    public static async Task<DeliveryOutcome<Delivery>> RejectAsync(GraphDbContext db, DeliveryActor actor, Guid deliveryId, string reason, DateTime now, CancellationToken cancellationToken)
    {
        if (CheckReason(reason) is { } badReason)
        {
            return Failed(badReason);
        }
        if (await LockManagedDeliveryAsync(db, actor, deliveryId, cancellationToken) is not { } delivery)
        {
            return Failed(new DeliveryNotFoundError(deliveryId));
        }
        if (delivery.Status is not (DeliveryStatus.Recorded or DeliveryStatus.Validated))
        {
            return Failed(new DeliveryStatusConflictError(delivery.Id, delivery.Status, "Only a RECORDED or VALIDATED (unpaid) delivery is rejected."));
        }
        if (delivery.Status == DeliveryStatus.Validated)
        {
            if (await RefuseChangeOfValidatedAsync(db, delivery, cancellationToken) is { } held)
            {
                return Failed(held);
            }
            var holding = await HoldingOfDeliveryAsync(db, delivery.Id, cancellationToken);
            if (holding > 0)
            {
                AddMovement(db, delivery.WarehouseId, delivery.Grade, StockMovementKind.DeliveryOut, -holding, delivery.Id, null, null, actor.UserId, now);
            }
        }
        var was = delivery.Status;
        delivery.Status = DeliveryStatus.Rejected;
        delivery.RejectionReason = reason.Trim();
        delivery.UpdatedAt = now;
        await TraceChain.AppendAsync(db, delivery.CooperativeId, TraceEventKind.DeliveryRejected,
            new Dictionary<string, string> { ["reason"] = delivery.RejectionReason, ["previousStatus"] = EnumNames<DeliveryStatus>.ToName(was) },
            delivery.Id, null, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<Delivery>.Done(delivery);
    }

    /// <summary>
    /// Corrects a RECORDED or VALIDATED delivery (not in a lot, no payment under way): new weights, moisture, grade and price,
    /// recomputed, with a reason. A validated delivery's stock follows by DELIVERY_CORRECTION movements (the difference, or
    /// out of the old grade and into the new one), within the warehouse's capacity. The DELIVERY_CORRECTED event holds the
    /// old and the new figures; the earlier events stay as they were.
    /// </summary>
    public static async Task<DeliveryOutcome<Delivery>> CorrectAsync(GraphDbContext db, DeliveryActor actor, CorrectDeliveryInput input, DateTime now, CancellationToken cancellationToken)
    {
        if (CheckReason(input.Reason) is { } badReason)
        {
            return Failed(badReason);
        }
        if (ToMoney(input.PricePerKg) is not { } price)
        {
            return Invalid("pricePerKg", $"A {input.PricePerKg.Currency} price has at most {Money.MinorUnits(input.PricePerKg.Currency)} decimal(s).");
        }
        var (figures, problem) = DeliveryWeights.Compute(input.GrossWeightKg, input.TareKg, input.MoisturePercent, price);
        if (problem is var (field, message))
        {
            return Invalid(field, message);
        }
        if (await LockManagedDeliveryAsync(db, actor, input.DeliveryId, cancellationToken) is not { } delivery)
        {
            return Failed(new DeliveryNotFoundError(input.DeliveryId));
        }
        if (delivery.Status is not (DeliveryStatus.Recorded or DeliveryStatus.Validated))
        {
            return Failed(new DeliveryStatusConflictError(delivery.Id, delivery.Status, "Only a RECORDED or VALIDATED (unpaid) delivery is corrected."));
        }
        if (price.Currency != delivery.PricePerKg.Currency)
        {
            return Invalid("pricePerKg", $"The cooperative pays in {delivery.PricePerKg.Currency}.");
        }
        if (await RefuseChangeOfValidatedAsync(db, delivery, cancellationToken) is { } held)
        {
            return Failed(held);
        }
        var payload = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = input.Reason.Trim() };
        foreach (var (key, value) in Figures(delivery))
        {
            payload["old." + key] = value;
        }
        if (delivery.Status == DeliveryStatus.Validated)
        {
            var holding = await HoldingOfDeliveryAsync(db, delivery.Id, cancellationToken);
            var added = figures!.NetWeightKg - holding;
            if (added > 0 && await RefuseBeyondCapacityAsync(db, delivery.WarehouseId, added, cancellationToken) is { } full)
            {
                return Failed(full);
            }
            if (input.Grade != delivery.Grade)
            {
                AddMovement(db, delivery.WarehouseId, delivery.Grade, StockMovementKind.DeliveryCorrection, -holding, delivery.Id, null, null, actor.UserId, now);
                AddMovement(db, delivery.WarehouseId, input.Grade, StockMovementKind.DeliveryCorrection, figures.NetWeightKg, delivery.Id, null, null, actor.UserId, now);
            }
            else if (added != 0)
            {
                AddMovement(db, delivery.WarehouseId, delivery.Grade, StockMovementKind.DeliveryCorrection, added, delivery.Id, null, null, actor.UserId, now);
            }
        }
        delivery.GrossWeightKg = input.GrossWeightKg;
        delivery.TareKg = input.TareKg;
        delivery.NetWeightKg = figures!.NetWeightKg;
        delivery.MoisturePercent = input.MoisturePercent;
        delivery.PayableWeightKg = figures.PayableWeightKg;
        delivery.Grade = input.Grade;
        delivery.PricePerKg = price;
        delivery.Amount = figures.Amount;
        delivery.UpdatedAt = now;
        foreach (var (key, value) in Figures(delivery))
        {
            payload["new." + key] = value;
        }
        await TraceChain.AppendAsync(db, delivery.CooperativeId, TraceEventKind.DeliveryCorrected, payload, delivery.Id, null, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<Delivery>.Done(delivery);
    }

    /// <summary>
    /// Forms a lot from VALIDATED or PAID deliveries of one cooperative, warehouse and grade, none already in a lot: its code
    /// is the next <c>COOP-YEAR-NNNN</c> of the cooperative (under the cooperative's row lock), each delivery's beans pass
    /// into it (INTO_LOT, held by the delivery) and the lot holds their sum (LOT_FORMED), in the same warehouse.
    /// </summary>
    public static async Task<DeliveryOutcome<Lot>> CreateLotAsync(GraphDbContext db, DeliveryActor actor, IReadOnlyList<Guid> deliveryIds, DateTime now, CancellationToken cancellationToken)
    {
        var ids = deliveryIds.Distinct().ToArray();
        if (ids.Length == 0 || ids.Length > MaxDeliveriesPerLot || ids.Length != deliveryIds.Count)
        {
            return Invalid("deliveryIds", $"A lot is formed from 1 to {MaxDeliveriesPerLot} different deliveries.");
        }
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM deliveries WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE").ToListAsync(cancellationToken);
        if (ids.Where(id => !locked.Contains(id)).Select(id => (Guid?)id).FirstOrDefault() is { } missing)
        {
            return Failed(new DeliveryNotFoundError(missing));
        }
        var deliveries = await db.Deliveries.Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        foreach (var delivery in deliveries)
        {
            await db.Entry(delivery).ReloadAsync(cancellationToken);
        }
        deliveries = [.. deliveries.OrderBy(d => d.DeliveredOn).ThenBy(d => d.RecordedAt).ThenBy(d => d.Id)];
        var first = deliveries[0];
        if (!await actor.MayManageAsync(db, first.CooperativeId, cancellationToken))
        {
            return Failed(new DeliveryNotFoundError(first.Id));
        }
        foreach (var delivery in deliveries)
        {
            if (delivery.CooperativeId != first.CooperativeId)
            {
                return Failed(new DeliveryNotFoundError(delivery.Id));
            }
            if (delivery.WarehouseId != first.WarehouseId || delivery.Grade != first.Grade)
            {
                return Invalid("deliveryIds", "A lot is formed from deliveries of one warehouse and one grade.");
            }
            if (delivery.Status is not (DeliveryStatus.Validated or DeliveryStatus.Paid))
            {
                return Failed(new DeliveryStatusConflictError(delivery.Id, delivery.Status, "Only VALIDATED or PAID deliveries go into a lot."));
            }
        }
        var inLots = await db.LotDeliveries.AsNoTracking().Where(e => ids.Contains(e.DeliveryId)).ToListAsync(cancellationToken);
        if (inLots.Count > 0)
        {
            return Failed(new DeliveryInLotError(inLots[0].DeliveryId, inLots[0].LotId));
        }
        var cooperative = await LockCooperativeAsync(db, first.CooperativeId, cancellationToken);
        var prefix = $"{cooperative.Code}-{now.Year.ToString(CultureInfo.InvariantCulture)}-";
        var codes = await db.Lots.AsNoTracking().Where(l => l.CooperativeId == cooperative.Id && l.Code.StartsWith(prefix)).Select(l => l.Code).ToListAsync(cancellationToken);
        var number = codes.Select(c => int.TryParse(c.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var total = 0m;
        var holdings = new Dictionary<Guid, decimal>();
        foreach (var delivery in deliveries)
        {
            var holding = await HoldingOfDeliveryAsync(db, delivery.Id, cancellationToken);
            if (holding != delivery.NetWeightKg)
            {
                throw new InvalidOperationException($"Delivery {delivery.Id} holds {holding} kg in stock, not its net weight {delivery.NetWeightKg} kg.");
            }
            holdings[delivery.Id] = holding;
            total += holding;
        }
        var lot = new Lot
        {
            Id = Guid.CreateVersion7(now),
            CooperativeId = cooperative.Id,
            Code = prefix + number.ToString("D4", CultureInfo.InvariantCulture),
            Grade = first.Grade,
            WarehouseId = first.WarehouseId,
            InitialWeightKg = total,
            RemainingWeightKg = total,
            Status = LotStatus.InStock,
            TraceCode = TraceCodes.New(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Lots.Add(lot);
        foreach (var delivery in deliveries)
        {
            db.LotDeliveries.Add(new LotDelivery { LotId = lot.Id, DeliveryId = delivery.Id, WeightKg = holdings[delivery.Id] });
            AddMovement(db, delivery.WarehouseId, delivery.Grade, StockMovementKind.IntoLot, -holdings[delivery.Id], delivery.Id, null, null, actor.UserId, now);
        }
        AddMovement(db, lot.WarehouseId, lot.Grade, StockMovementKind.LotFormed, total, null, lot.Id, null, actor.UserId, now);
        await TraceChain.AppendAsync(db, cooperative.Id, TraceEventKind.LotFormed, new Dictionary<string, string>
        {
            ["code"] = lot.Code,
            ["grade"] = EnumNames<CocoaGrade>.ToName(lot.Grade),
            ["warehouse"] = lot.WarehouseId.ToString("D"),
            ["weightKg"] = TraceChain.Figure(total),
            ["deliveries"] = string.Join(";", deliveries.Select(d => $"{d.Id:D}={TraceChain.Figure(holdings[d.Id])}")),
            ["traceCode"] = lot.TraceCode,
        }, null, lot.Id, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<Lot>.Done(lot);
    }

    /// <summary>Moves a lot's whole remaining weight to another warehouse of its cooperative (TRANSFER_OUT, TRANSFER_IN),
    /// within the destination's capacity, both warehouses locked in ID order.</summary>
    public static async Task<DeliveryOutcome<Lot>> MoveLotAsync(GraphDbContext db, DeliveryActor actor, Guid lotId, Guid warehouseId, DateTime now, CancellationToken cancellationToken)
    {
        if (await LockManagedLotAsync(db, actor, lotId, cancellationToken) is not { } lot)
        {
            return Failed(new LotNotFoundError(lotId));
        }
        if (lot.Status != LotStatus.InStock)
        {
            return Failed(new LotStatusConflictError(lot.Id, lot.Status, "A SOLD lot has nothing left to move."));
        }
        var destination = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, cancellationToken);
        if (destination is null || destination.CooperativeId != lot.CooperativeId)
        {
            return Failed(new WarehouseNotFoundError(warehouseId));
        }
        if (destination.Id == lot.WarehouseId)
        {
            return Invalid("warehouseId", "The lot is already in this warehouse.");
        }
        var from = lot.WarehouseId;
        await LockWarehousesAsync(db, [from, destination.Id], cancellationToken);
        var weight = await HoldingOfLotAsync(db, lot.Id, cancellationToken);
        if (weight != lot.RemainingWeightKg)
        {
            throw new InvalidOperationException($"Lot {lot.Id} holds {weight} kg in stock, not its remaining {lot.RemainingWeightKg} kg.");
        }
        if (await RefuseBeyondCapacityAsync(db, destination.Id, weight, cancellationToken, locked: true) is { } full)
        {
            return Failed(full);
        }
        AddMovement(db, from, lot.Grade, StockMovementKind.TransferOut, -weight, null, lot.Id, null, actor.UserId, now);
        AddMovement(db, destination.Id, lot.Grade, StockMovementKind.TransferIn, weight, null, lot.Id, null, actor.UserId, now);
        lot.WarehouseId = destination.Id;
        lot.UpdatedAt = now;
        await TraceChain.AppendAsync(db, lot.CooperativeId, TraceEventKind.LotMoved, new Dictionary<string, string>
        {
            ["from"] = from.ToString("D"),
            ["to"] = destination.Id.ToString("D"),
            ["weightKg"] = TraceChain.Figure(weight),
        }, null, lot.Id, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<Lot>.Done(lot);
    }

    /// <summary>Sells part or all of a lot (at most its remaining weight): a LotSale, a SALE movement out of its warehouse,
    /// the remaining weight down (SOLD at zero).</summary>
    public static async Task<DeliveryOutcome<LotSale>> SellLotAsync(GraphDbContext db, DeliveryActor actor, SellLotInput input, DateTime now, CancellationToken cancellationToken)
    {
        if (input.WeightKg <= 0 || decimal.Round(input.WeightKg, DeliveryWeights.WeightDecimals) != input.WeightKg)
        {
            return Invalid("weightKg", "The weight sold is more than 0 kg, to the gram.");
        }
        var buyer = input.BuyerName.Trim();
        if (buyer.Length == 0 || buyer.Length > LotSaleConfiguration.MaxBuyerLength || buyer.Any(char.IsControl))
        {
            return Invalid("buyerName", $"The buyer's name has 1 to {LotSaleConfiguration.MaxBuyerLength} characters, without control characters.");
        }
        if (ToMoney(input.PricePerKg) is not { Amount: > 0 } price)
        {
            return Invalid("pricePerKg", "The price per kilogram is more than 0, with at most its currency's decimals.");
        }
        if (input.BuyerUserId is { } buyerUserId && !await db.Users.AnyAsync(u => u.Id == buyerUserId, cancellationToken))
        {
            return Invalid("buyerUserId", "There is no user with this ID.");
        }
        if (await LockManagedLotAsync(db, actor, input.LotId, cancellationToken) is not { } lot)
        {
            return Failed(new LotNotFoundError(input.LotId));
        }
        if (lot.Status != LotStatus.InStock)
        {
            return Failed(new LotStatusConflictError(lot.Id, lot.Status, "The lot is sold out."));
        }
        if (input.WeightKg > lot.RemainingWeightKg)
        {
            return Failed(new LotWeightExceededError(lot.Id, lot.RemainingWeightKg, input.WeightKg));
        }
        var currency = await db.Cooperatives.Where(c => c.Id == lot.CooperativeId).Select(c => c.Currency).SingleAsync(cancellationToken);
        if (price.Currency != currency)
        {
            return Invalid("pricePerKg", $"The cooperative sells in {currency}.");
        }
        var amount = decimal.Round(input.WeightKg * price.Amount, Money.MinorUnits(currency), MidpointRounding.AwayFromZero);
        if (amount <= 0)
        {
            return Invalid("weightKg", "The sale is too small to be worth anything at this price.");
        }
        var sale = new LotSale
        {
            Id = Guid.CreateVersion7(now),
            LotId = lot.Id,
            WeightKg = input.WeightKg,
            BuyerName = buyer,
            BuyerUserId = input.BuyerUserId,
            PricePerKg = price,
            Amount = new Money(amount, currency),
            SoldBy = actor.UserId,
            SoldAt = now,
        };
        db.LotSales.Add(sale);
        AddMovement(db, lot.WarehouseId, lot.Grade, StockMovementKind.Sale, -input.WeightKg, null, lot.Id, sale.Id, actor.UserId, now);
        lot.RemainingWeightKg -= input.WeightKg;
        lot.Status = lot.RemainingWeightKg == 0 ? LotStatus.Sold : LotStatus.InStock;
        lot.UpdatedAt = now;
        await TraceChain.AppendAsync(db, lot.CooperativeId, TraceEventKind.LotSold, new Dictionary<string, string>
        {
            ["sale"] = sale.Id.ToString("D"),
            ["buyer"] = buyer,
            ["weightKg"] = TraceChain.Figure(sale.WeightKg),
            ["pricePerKg"] = TraceChain.Figure(price.Amount),
            ["amount"] = TraceChain.Figure(sale.Amount.Amount),
            ["currency"] = currency.ToString(),
            ["remainingKg"] = TraceChain.Figure(lot.RemainingWeightKg),
        }, null, lot.Id, actor.UserId, now, cancellationToken);
        return DeliveryOutcome<LotSale>.Done(sale);
    }

    /// <summary>Locks the delivery's row (FOR NO KEY UPDATE) and loads it, tracked and fresh; null when there is none or the actor
    /// does not manage its cooperative (the row rule: the delivery is then not found).</summary>
    public static async Task<Delivery?> LockManagedDeliveryAsync(GraphDbContext db, DeliveryActor actor, Guid deliveryId, CancellationToken cancellationToken)
    {
        if (await LockDeliveryAsync(db, deliveryId, cancellationToken) is not { } delivery)
        {
            return null;
        }
        return await actor.MayManageAsync(db, delivery.CooperativeId, cancellationToken) ? delivery : null;
    }

    /// <summary>Locks the delivery's row (FOR NO KEY UPDATE) and loads it, tracked and fresh; null when there is none.</summary>
    /// <remarks>Two statements: EF Core cannot compose FromSql over an entity with a complex property (Money).</remarks>
    public static async Task<Delivery?> LockDeliveryAsync(GraphDbContext db, Guid deliveryId, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM deliveries WHERE id = {deliveryId} FOR NO KEY UPDATE").ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return null;
        }
        var delivery = await db.Deliveries.SingleAsync(d => d.Id == deliveryId, cancellationToken);
        await db.Entry(delivery).ReloadAsync(cancellationToken);
        return delivery;
    }

    /// <summary>The kilograms a delivery holds in stock: the sum of its movements.</summary>
    public static Task<decimal> HoldingOfDeliveryAsync(GraphDbContext db, Guid deliveryId, CancellationToken cancellationToken) =>
        db.StockMovements.Where(m => m.DeliveryId == deliveryId).SumAsync(m => m.QuantityKg, cancellationToken);

    /// <summary>The kilograms a lot holds in stock: the sum of its movements.</summary>
    public static Task<decimal> HoldingOfLotAsync(GraphDbContext db, Guid lotId, CancellationToken cancellationToken) =>
        db.StockMovements.Where(m => m.LotId == lotId).SumAsync(m => m.QuantityKg, cancellationToken);

    /// <summary>The kilograms in a warehouse: the sum of its movements.</summary>
    public static Task<decimal> StockOfWarehouseAsync(GraphDbContext db, Guid warehouseId, CancellationToken cancellationToken) =>
        db.StockMovements.Where(m => m.WarehouseId == warehouseId).SumAsync(m => m.QuantityKg, cancellationToken);

    private static async Task<Lot?> LockManagedLotAsync(GraphDbContext db, DeliveryActor actor, Guid lotId, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM lots WHERE id = {lotId} FOR NO KEY UPDATE").ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return null;
        }
        var lot = await db.Lots.SingleAsync(l => l.Id == lotId, cancellationToken);
        await db.Entry(lot).ReloadAsync(cancellationToken);
        return await actor.MayManageAsync(db, lot.CooperativeId, cancellationToken) ? lot : null;
    }

    private static async Task<Cooperative> LockCooperativeAsync(GraphDbContext db, Guid cooperativeId, CancellationToken cancellationToken)
    {
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM cooperatives WHERE id = {cooperativeId} FOR NO KEY UPDATE").ToListAsync(cancellationToken);
        return await db.Cooperatives.AsNoTracking().SingleAsync(c => c.Id == cooperativeId, cancellationToken);
    }

    private static Task<List<Guid>> LockWarehousesAsync(GraphDbContext db, Guid[] ids, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM warehouses WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE").ToListAsync(cancellationToken);

    /// <summary>Under the warehouse's row lock (taken here unless <paramref name="locked"/>), the error of adding
    /// <paramref name="addedKg"/> beyond its capacity, or null when they fit.</summary>
    private static async Task<IError?> RefuseBeyondCapacityAsync(GraphDbContext db, Guid warehouseId, decimal addedKg, CancellationToken cancellationToken, bool locked = false)
    {
        if (!locked)
        {
            await LockWarehousesAsync(db, [warehouseId], cancellationToken);
        }
        var capacity = await db.Warehouses.Where(w => w.Id == warehouseId).Select(w => w.CapacityKg).SingleAsync(cancellationToken);
        var stock = await StockOfWarehouseAsync(db, warehouseId, cancellationToken);
        return stock + addedKg > capacity ? new WarehouseCapacityExceededError(warehouseId, capacity, stock, addedKg) : null;
    }

    /// <summary>Why a VALIDATED delivery's figures or status may not change now: it is in a lot, or a payment of it is under
    /// way; null when they may (and for a RECORDED delivery).</summary>
    private static async Task<IError?> RefuseChangeOfValidatedAsync(GraphDbContext db, Delivery delivery, CancellationToken cancellationToken)
    {
        if (await db.LotDeliveries.AsNoTracking().Where(e => e.DeliveryId == delivery.Id).Select(e => (Guid?)e.LotId).SingleOrDefaultAsync(cancellationToken) is { } lotId)
        {
            return new DeliveryInLotError(delivery.Id, lotId);
        }
        if (await DeliveryPayments.OpenPaymentAsync(db, delivery.Id, cancellationToken) is { } paymentId)
        {
            return new DeliveryPaymentInProgressError(delivery.Id, paymentId);
        }
        return null;
    }

    private static void AddMovement(GraphDbContext db, Guid warehouseId, CocoaGrade grade, StockMovementKind kind, decimal quantityKg, Guid? deliveryId, Guid? lotId, Guid? saleId, Guid actorId, DateTime now) =>
        db.StockMovements.Add(new StockMovement
        {
            Id = Guid.CreateVersion7(now),
            WarehouseId = warehouseId,
            Grade = grade,
            Kind = kind,
            QuantityKg = quantityKg,
            DeliveryId = deliveryId,
            LotId = lotId,
            SaleId = saleId,
            ActorId = actorId,
            At = now,
        });

    private static Dictionary<string, string> Figures(Delivery delivery) => new(StringComparer.Ordinal)
    {
        ["grossWeightKg"] = TraceChain.Figure(delivery.GrossWeightKg),
        ["tareKg"] = TraceChain.Figure(delivery.TareKg),
        ["netWeightKg"] = TraceChain.Figure(delivery.NetWeightKg),
        ["moisturePercent"] = TraceChain.Figure(delivery.MoisturePercent),
        ["payableWeightKg"] = TraceChain.Figure(delivery.PayableWeightKg),
        ["grade"] = EnumNames<CocoaGrade>.ToName(delivery.Grade),
        ["pricePerKg"] = TraceChain.Figure(delivery.PricePerKg.Amount),
        ["amount"] = TraceChain.Figure(delivery.Amount.Amount),
        ["currency"] = delivery.Amount.Currency.ToString(),
    };

    private static IError? CheckReason(string reason)
    {
        var text = reason.Trim();
        return text.Length < MinReasonLength || text.Length > DeliveryConfiguration.MaxReasonLength || text.Any(c => char.IsControl(c) && c is not '\n')
            ? new InvalidDeliveryInputError("reason", $"The reason has {MinReasonLength} to {DeliveryConfiguration.MaxReasonLength} characters, without control characters other than line breaks.")
            : null;
    }

    internal static Money? ToMoney(MoneyInput input)
    {
        try
        {
            return new Money(input.Amount, input.Currency);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static DeliveryRefused Invalid(string field, string message) => new(new InvalidDeliveryInputError(field, message));

    private static DeliveryRefused Failed(IError error) => new(error);
}
