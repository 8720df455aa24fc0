using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>What payDelivery made: the payment, the delivery as it stands and what the provider asked of the payer.</summary>
/// <param name="Payment">The payment.</param>
/// <param name="Delivery">The delivery.</param>
/// <param name="CustomerAction">What the payer must do, when the provider said.</param>
public sealed record DeliveryPaid(Payment Payment, Delivery Delivery, string? CustomerAction);

/// <summary>
/// Paying planters for their VALIDATED deliveries, through Payments: by mobile money (<see cref="PaymentService.InitiateAsync(PaymentRequest, Guid, Func{GraphDbContext, Payment, CancellationToken, Task}?, CancellationToken)"/>,
/// purpose PLANTER_PAYMENT, paid by the acting manager to the planter's wallet) or in cash (<see cref="CashPaymentsService"/>:
/// PENDING until another manager validates it). The delivery's payment link is written in the payment's creation
/// transaction, under the delivery's row lock, so a delivery has one open payment at a time; it becomes PAID when the
/// payment succeeds (<see cref="DeliverySettlementHandler"/>).
/// </summary>
public sealed class DeliveryPayments(IDbContextFactory<GraphDbContext> contexts, PaymentService payments, CashPaymentsService cash)
{
    /// <summary>The open (INITIATED or PENDING) payment of the delivery, or null.</summary>
    public static Task<Guid?> OpenPaymentAsync(GraphDbContext db, Guid deliveryId, CancellationToken cancellationToken) =>
        (from link in db.DeliveryPayments
         join payment in db.Payments on link.PaymentId equals payment.Id
         where link.DeliveryId == deliveryId && (payment.Status == PaymentStatus.Initiated || payment.Status == PaymentStatus.Pending)
         select (Guid?)payment.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Pays the planter for a VALIDATED delivery the actor manages; a retry under the same key returns the same payment.</summary>
    public async Task<DeliveryOutcome<DeliveryPaid>> PayAsync(DeliveryActor actor, PayDeliveryInput input, CancellationToken cancellationToken)
    {
        Delivery delivery;
        Planter planter;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == input.DeliveryId, cancellationToken);
            if (found is null || !await actor.MayManageAsync(db, found.CooperativeId, cancellationToken))
            {
                return DeliveryOutcome<DeliveryPaid>.Failed(new DeliveryNotFoundError(input.DeliveryId));
            }
            delivery = found;
            planter = await db.Planters.AsNoTracking().SingleAsync(p => p.Id == delivery.PlanterId, cancellationToken);
            // A retry of a payment already made returns it, whatever the delivery became since.
            if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.InitiatedByUserId == actor.UserId && p.IdempotencyKey == input.IdempotencyKey, cancellationToken) is { } earlier)
            {
                return await db.DeliveryPayments.AnyAsync(l => l.PaymentId == earlier.Id && l.DeliveryId == delivery.Id, cancellationToken)
                    ? DeliveryOutcome<DeliveryPaid>.Done(new DeliveryPaid(earlier, delivery, await payments.CustomerActionAsync(earlier, cancellationToken)))
                    : DeliveryOutcome<DeliveryPaid>.Failed(new IdempotencyKeyReusedError(input.IdempotencyKey));
            }
            if (await RefuseAsync(db, delivery, cancellationToken) is { } refused)
            {
                return DeliveryOutcome<DeliveryPaid>.Failed(refused);
            }
        }
        var description = Describe($"Cacao, livraison du {delivery.DeliveredOn:dd/MM/yyyy}, {planter.FullName}");
        Payment payment;
        string? action = null;
        try
        {
            if (input.Method == PaymentMethod.Cash)
            {
                if (input.WalletNumber is not null)
                {
                    return DeliveryOutcome<DeliveryPaid>.Failed(new InvalidDeliveryInputError("walletNumber", "Cash has no wallet."));
                }
                var recorded = await cash.RecordAsync(new RecordCashPaymentInput
                {
                    Purpose = PaymentPurpose.PlanterPayment,
                    Amount = new MoneyInput { Amount = delivery.Amount.Amount, Currency = delivery.Amount.Currency },
                    PayerId = actor.UserId,
                    PayeeId = planter.UserId,
                    Description = description,
                    IdempotencyKey = input.IdempotencyKey,
                    Proof = new CashProofInput { Reference = input.CashReference ?? "" },
                }, actor.UserId, (db, created, ct) => LinkAsync(db, created, delivery.Id, ct), cancellationToken);
                if (recorded.Error is { } error)
                {
                    return DeliveryOutcome<DeliveryPaid>.Failed(error);
                }
                payment = recorded.Payment!;
            }
            else
            {
                if (input.CashReference is not null)
                {
                    return DeliveryOutcome<DeliveryPaid>.Failed(new InvalidDeliveryInputError("cashReference", "Only cash has a receipt reference."));
                }
                if (!PhoneNumbers.TryNormalize(input.WalletNumber ?? planter.Phone, out var wallet, out var problem))
                {
                    return DeliveryOutcome<DeliveryPaid>.Failed(new InvalidPaymentInputError("walletNumber",
                        input.WalletNumber is null ? "The planter has no valid phone number: give the wallet to pay." : problem));
                }
                var created = await payments.InitiateAsync(new PaymentRequest
                {
                    Purpose = PaymentPurpose.PlanterPayment,
                    Method = input.Method,
                    Amount = delivery.Amount,
                    WalletNumber = wallet,
                    PayerUserId = actor.UserId,
                    PayeeUserId = planter.UserId,
                    Description = description,
                    IdempotencyKey = input.IdempotencyKey,
                }, actor.UserId, (db, made, ct) => LinkAsync(db, made, delivery.Id, ct), cancellationToken);
                if (created.Refusal is { } refusal)
                {
                    return DeliveryOutcome<DeliveryPaid>.Failed(refusal.Code switch
                    {
                        "IDEMPOTENCY_KEY_REUSED" => new IdempotencyKeyReusedError(input.IdempotencyKey),
                        "PAYMENT_METHOD_UNAVAILABLE" => new PaymentMethodUnavailableError(input.Method),
                        "INSUFFICIENT_FUNDS" => new InsufficientFundsError(refusal.Message),
                        _ => new InvalidPaymentInputError(refusal.Field ?? "input", refusal.Message),
                    });
                }
                payment = created.Payment!;
                action = await payments.CustomerActionAsync(payment, cancellationToken);
            }
        }
        catch (Refusal refusal)
        {
            return DeliveryOutcome<DeliveryPaid>.Failed(refusal.Error);
        }
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return DeliveryOutcome<DeliveryPaid>.Done(new DeliveryPaid(payment, await read.Deliveries.AsNoTracking().SingleAsync(d => d.Id == delivery.Id, cancellationToken), action));
    }

    /// <summary>In the payment's creation transaction: under the delivery's row lock, checks it may be paid still and links
    /// the payment to it; throws a <see cref="Refusal"/> to abandon the creation.</summary>
    private static async Task LinkAsync(GraphDbContext db, Payment payment, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await DeliveryOperations.LockDeliveryAsync(db, deliveryId, cancellationToken)
            ?? throw new Refusal(new DeliveryNotFoundError(deliveryId));
        if (await RefuseAsync(db, delivery, cancellationToken) is { } refused)
        {
            throw new Refusal(refused);
        }
        if (payment.Amount != delivery.Amount)
        {
            throw new Refusal(new DeliveryStatusConflictError(delivery.Id, delivery.Status, "The delivery's amount changed meanwhile; pay again."));
        }
        db.DeliveryPayments.Add(new DeliveryPayment { PaymentId = payment.Id, DeliveryId = delivery.Id, CreatedAt = payment.CreatedAt });
    }

    private static async Task<IError?> RefuseAsync(GraphDbContext db, Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Status != DeliveryStatus.Validated)
        {
            return new DeliveryStatusConflictError(delivery.Id, delivery.Status, "Only a VALIDATED delivery is paid.");
        }
        return await OpenPaymentAsync(db, delivery.Id, cancellationToken) is { } open ? new DeliveryPaymentInProgressError(delivery.Id, open) : null;
    }

    private static string Describe(string text) => text.Length <= Payment.MaxDescriptionLength ? text : text[..(Payment.MaxDescriptionLength - 1)] + "…";

    /// <summary>Thrown inside a payment's creation to abandon it with a typed error (nothing is written).</summary>
    private sealed class Refusal(IError error) : Exception(error.Message)
    {
        public IError Error { get; } = error;
    }
}

/// <summary>
/// Deliveries' part in settlements (<see cref="IPaymentSettlementHandler"/>): a planter's payment that succeeds makes its
/// delivery PAID (with DELIVERY_PAID on the chain); a refunded one puts the delivery back to VALIDATED (with
/// DELIVERY_UNPAID). In the settlement's transaction, under the delivery's row lock.
/// </summary>
public sealed class DeliverySettlementHandler(ILogger<DeliverySettlementHandler> logger) : IPaymentSettlementHandler
{
    /// <inheritdoc />
    public async Task OnSucceededAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        if (payment.Purpose != PaymentPurpose.PlanterPayment || await DeliveryOf(db, payment, cancellationToken) is not { } deliveryId)
        {
            return;
        }
        var delivery = await DeliveryOperations.LockDeliveryAsync(db, deliveryId, cancellationToken)
            ?? throw new InvalidOperationException($"Payment {payment.Id} pays delivery {deliveryId}, which does not exist.");
        if (delivery.Status != DeliveryStatus.Validated)
        {
            // One open payment at a time, and none once rejected, make this impossible; the money is then owed back.
            logger.LogError("Payment {PaymentId} succeeded for delivery {DeliveryId}, which is {Status}: it was not marked paid.", payment.Id, delivery.Id, delivery.Status);
            return;
        }
        delivery.Status = DeliveryStatus.Paid;
        delivery.PaidAt = now;
        delivery.UpdatedAt = now;
        await TraceChain.AppendAsync(db, delivery.CooperativeId, TraceEventKind.DeliveryPaid, new Dictionary<string, string>
        {
            ["payment"] = payment.Id.ToString("D"),
            ["method"] = EnumNames<PaymentMethod>.ToName(payment.Method),
            ["amount"] = TraceChain.Figure(payment.Amount.Amount),
            ["currency"] = payment.Amount.Currency.ToString(),
        }, delivery.Id, null, payment.InitiatedByUserId, now, cancellationToken);
    }

    /// <inheritdoc />
    public async Task OnRefundedAsync(GraphDbContext db, Payment original, Payment refund, DateTime now, CancellationToken cancellationToken)
    {
        if (original.Purpose != PaymentPurpose.PlanterPayment || await DeliveryOf(db, original, cancellationToken) is not { } deliveryId)
        {
            return;
        }
        var delivery = await DeliveryOperations.LockDeliveryAsync(db, deliveryId, cancellationToken)
            ?? throw new InvalidOperationException($"Payment {original.Id} pays delivery {deliveryId}, which does not exist.");
        if (delivery.Status != DeliveryStatus.Paid)
        {
            return;
        }
        delivery.Status = DeliveryStatus.Validated;
        delivery.PaidAt = null;
        delivery.UpdatedAt = now;
        await TraceChain.AppendAsync(db, delivery.CooperativeId, TraceEventKind.DeliveryUnpaid, new Dictionary<string, string>
        {
            ["payment"] = original.Id.ToString("D"),
            ["refund"] = refund.Id.ToString("D"),
            ["amount"] = TraceChain.Figure(refund.Amount.Amount),
            ["currency"] = refund.Amount.Currency.ToString(),
        }, delivery.Id, null, refund.InitiatedByUserId, now, cancellationToken);
    }

    private static Task<Guid?> DeliveryOf(GraphDbContext db, Payment payment, CancellationToken cancellationToken) =>
        db.DeliveryPayments.Where(l => l.PaymentId == payment.Id).Select(l => (Guid?)l.DeliveryId).SingleOrDefaultAsync(cancellationToken);
}
