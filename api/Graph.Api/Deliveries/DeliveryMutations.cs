using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Deliveries on Mutation: recorded, validated into stock, rejected, corrected and paid, by ADMIN or a manager of
/// the delivery's cooperative (a delivery of another cooperative is not found). Each is one transaction of
/// <see cref="DeliveryOperations"/>.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class DeliveryMutations
{
    /// <summary>Records a weighed delivery (RECORDED): the planter, one of their plots, a warehouse of their cooperative, the
    /// day (not in the future), the weights, moisture, grade and price per kilogram in the cooperative's currency. The net
    /// weight, the payable weight and the amount are computed; DELIVERY_RECORDED is appended to the cooperative's chain.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<RecordDeliveryPayload> RecordDeliveryAsync(RecordDeliveryInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await DeliveryTransactions.RunAsync(contexts, (db, now, ct) => DeliveryOperations.RecordAsync(db, DeliveryActor.Of(user), input, now, ct), clock, cancellationToken);
        return new RecordDeliveryPayload(outcome.Value, outcome.Error is null ? null : [(IRecordDeliveryError)outcome.Error]);
    }

    /// <summary>Validates a RECORDED delivery: its net weight enters the warehouse's stock, refused when the warehouse would
    /// hold more than its capacity (WAREHOUSE_CAPACITY_EXCEEDED).</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<ValidateDeliveryPayload> ValidateDeliveryAsync(ValidateDeliveryInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await DeliveryTransactions.RunAsync(contexts, (db, now, ct) => DeliveryOperations.ValidateAsync(db, DeliveryActor.Of(user), input.DeliveryId, now, ct), clock, cancellationToken);
        return new ValidateDeliveryPayload(outcome.Value, outcome.Error is null ? null : [(IValidateDeliveryError)outcome.Error]);
    }

    /// <summary>Rejects a delivery with a reason: a RECORDED one, or a VALIDATED one that is neither in a lot nor being paid
    /// (its beans then leave the stock).</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<RejectDeliveryPayload> RejectDeliveryAsync(RejectDeliveryInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await DeliveryTransactions.RunAsync(contexts, (db, now, ct) => DeliveryOperations.RejectAsync(db, DeliveryActor.Of(user), input.DeliveryId, input.Reason, now, ct), clock, cancellationToken);
        return new RejectDeliveryPayload(outcome.Value, outcome.Error is null ? null : [(IRejectDeliveryError)outcome.Error]);
    }

    /// <summary>Corrects a RECORDED or VALIDATED delivery that is not in a lot and has no payment under way: new weights,
    /// moisture, grade and price with a reason. A validated delivery's stock follows (within the warehouse's capacity); the
    /// DELIVERY_CORRECTED event keeps the old and the new figures.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<CorrectDeliveryPayload> CorrectDeliveryAsync(CorrectDeliveryInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await DeliveryTransactions.RunAsync(contexts, (db, now, ct) => DeliveryOperations.CorrectAsync(db, DeliveryActor.Of(user), input, now, ct), clock, cancellationToken);
        return new CorrectDeliveryPayload(outcome.Value, outcome.Error is null ? null : [(ICorrectDeliveryError)outcome.Error]);
    }

    /// <summary>
    /// Pays the planter for a VALIDATED delivery: by mobile money (PLANTER_PAYMENT from the caller to the planter's wallet,
    /// the planter's phone unless another wallet is given) or in cash with the receipt's reference (PENDING until another
    /// manager validates it with validateCashPayment). One payment at a time per delivery; the delivery is PAID when the
    /// payment succeeds. Retrying with the same idempotency key returns the same payment.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<PayDeliveryPayload> PayDeliveryAsync(PayDeliveryInput input, ClaimsPrincipal user, DeliveryPayments payments, CancellationToken cancellationToken)
    {
        var outcome = await payments.PayAsync(DeliveryActor.Of(user), input, cancellationToken);
        return outcome.Value is { } paid
            ? new PayDeliveryPayload(paid.Payment, paid.Delivery, paid.CustomerAction, null)
            : new PayDeliveryPayload(null, null, null, [(IPayDeliveryError)outcome.Error!]);
    }
}

/// <summary>Lots on Mutation: formed from deliveries, moved between warehouses, sold, by ADMIN or a manager of the lot's
/// cooperative.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class LotMutations
{
    /// <summary>Forms a lot from VALIDATED or PAID deliveries of one cooperative, warehouse and grade, none already in a lot.
    /// Its code is the cooperative's next <c>CODE-YEAR-NNNN</c>; the deliveries' beans pass into it, in the same warehouse.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<CreateLotPayload> CreateLotAsync(CreateLotInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await DeliveryTransactions.RunAsync(contexts, (db, now, ct) => DeliveryOperations.CreateLotAsync(db, DeliveryActor.Of(user), input.DeliveryIds, now, ct), clock, cancellationToken);
        return new CreateLotPayload(outcome.Value, outcome.Error is null ? null : [(ICreateLotError)outcome.Error]);
    }

    /// <summary>Moves what remains of a lot to another warehouse of its cooperative, refused when it would not fit there.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<MoveLotPayload> MoveLotAsync(MoveLotInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await DeliveryTransactions.RunAsync(contexts, (db, now, ct) => DeliveryOperations.MoveLotAsync(db, DeliveryActor.Of(user), input.LotId, input.WarehouseId, now, ct), clock, cancellationToken);
        return new MoveLotPayload(outcome.Value, outcome.Error is null ? null : [(IMoveLotError)outcome.Error]);
    }

    /// <summary>Sells part or all of a lot (at most what remains) to a buyer at a price per kilogram; the lot is SOLD once
    /// nothing remains.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<SellLotPayload> SellLotAsync(SellLotInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        Lot? lot = null;
        var outcome = await DeliveryTransactions.RunAsync(contexts, async (db, now, ct) =>
        {
            var sold = await DeliveryOperations.SellLotAsync(db, DeliveryActor.Of(user), input, now, ct);
            lot = db.Lots.Local.SingleOrDefault(l => l.Id == input.LotId);
            return sold;
        }, clock, cancellationToken);
        return outcome.Value is { } sale ? new SellLotPayload(sale, lot, null) : new SellLotPayload(null, null, [(ISellLotError)outcome.Error!]);
    }
}

/// <summary>Runs one of <see cref="DeliveryOperations"/> in its own transaction: saved and committed when it succeeds,
/// rolled back when it is refused.</summary>
public static class DeliveryTransactions
{
    /// <summary>Runs <paramref name="operation"/> in a new context and transaction, at the clock's time.</summary>
    public static async Task<DeliveryOutcome<T>> RunAsync<T>(IDbContextFactory<GraphDbContext> contexts,
        Func<GraphDbContext, DateTime, CancellationToken, Task<DeliveryOutcome<T>>> operation, TimeProvider clock, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await operation(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (outcome.Error is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcome;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }
}
