using Graph.Api.Data;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// Tontines' part in settlements (<see cref="IPaymentSettlementHandler"/>): a settled contribution payment is received (the
/// contribution's <c>received</c>, its fine paid, and PAID once whole); a settled payout pays its passage (PAID); a refunded
/// contribution payment is taken back from its contribution. In the settlement's transaction, under the rows' locks.
/// </summary>
public sealed class TontineSettlementHandler(ILogger<TontineSettlementHandler> logger) : IPaymentSettlementHandler
{
    /// <inheritdoc />
    public async Task OnSucceededAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        switch (payment.Purpose)
        {
            case PaymentPurpose.TontineContribution:
                await ReceiveAsync(db, payment, now, cancellationToken);
                break;
            case PaymentPurpose.TontinePayout:
                await PayPassageAsync(db, payment, now, cancellationToken);
                break;
        }
    }

    /// <inheritdoc />
    public async Task OnRefundedAsync(GraphDbContext db, Payment original, Payment refund, DateTime now, CancellationToken cancellationToken)
    {
        if (original.Purpose != PaymentPurpose.TontineContribution
            || await db.ContributionPayments.SingleOrDefaultAsync(c => c.PaymentId == original.Id, cancellationToken) is not { SettledAt: not null } part)
        {
            return;
        }
        var contribution = await TontineTreasury.LockContributionAsync(db, part.SessionId, part.UserId, cancellationToken)
            ?? throw new InvalidOperationException($"Contribution payment {part.Id} names no contribution.");
        part.SettledAt = null;
        contribution.Received -= part.Amount;
        contribution.PenaltyPaid -= part.Penalty;
        if (contribution.Received < contribution.Expected)
        {
            contribution.PaidAt = null;
        }
    }

    private async Task ReceiveAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        // A contribution paid with initiatePayment or recordCashPayment has no contribution payment: it fills the pot only.
        if (await db.ContributionPayments.SingleOrDefaultAsync(c => c.PaymentId == payment.Id, cancellationToken) is not { } part || part.SettledAt is not null)
        {
            return;
        }
        var contribution = await TontineTreasury.LockContributionAsync(db, part.SessionId, part.UserId, cancellationToken)
            ?? throw new InvalidOperationException($"Contribution payment {part.Id} names no contribution.");
        if (contribution.Received + part.Amount > contribution.Expected)
        {
            // One payment at a time per contribution makes this impossible; were it to happen, the money stays in the pot.
            logger.LogError("Payment {PaymentId} pays {Amount} of a contribution that lacks only {Missing}; it is kept in the pot, not received.",
                payment.Id, part.Amount, contribution.Expected - contribution.Received);
            return;
        }
        part.SettledAt = now;
        contribution.Received += part.Amount;
        contribution.PenaltyPaid += part.Penalty;
        if (contribution.Received == contribution.Expected)
        {
            contribution.PaidAt ??= now;
        }
    }

    private static async Task PayPassageAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM tontine_passages WHERE payment_id = {payment.Id} FOR UPDATE").ToListAsync(cancellationToken);
        if (ids is not [var passageId])
        {
            return;
        }
        var passage = await db.TontinePassages.SingleAsync(p => p.Id == passageId, cancellationToken);
        await db.Entry(passage).ReloadAsync(cancellationToken);
        if (passage.Status == PassageStatus.Started)
        {
            passage.Status = PassageStatus.Paid;
            passage.PaidAt = now;
        }
    }
}
