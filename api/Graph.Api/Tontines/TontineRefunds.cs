using Graph.Api.Data;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// When a contribution may be given back: the pot belongs to the members, so only while nothing was built on it yet. A
/// refund is refused once the tontine is not ACTIVE (suspended, completed: savings fixed), once the contribution's session
/// is closed or its pot is being paid out (the money has gone to its beneficiary), and when the pot, less the payouts still
/// open, holds less than the contribution.
/// </summary>
public static class TontineRefunds
{
    /// <summary>Why <paramref name="payment"/> (a SUCCEEDED TONTINE_CONTRIBUTION) may not be refunded, or null when it may.</summary>
    public static async Task<string?> RefusalAsync(GraphDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        if (payment.TontineId is not { } tontineId
            || await db.Tontines.AsNoTracking().Where(t => t.Id == tontineId).Select(t => (TontineStatus?)t.Status).SingleOrDefaultAsync(cancellationToken) is not { } status)
        {
            return null;
        }
        if (status != TontineStatus.Active)
        {
            return $"The tontine is {EnumNames<TontineStatus>.ToName(status)}: its contributions are no longer given back.";
        }
        var session = await db.ContributionPayments.Where(p => p.PaymentId == payment.Id)
            .Join(db.TontineSessions, p => p.SessionId, s => s.Id, (p, s) => new
            {
                s.Status,
                Passage = db.TontinePassages.Where(x => x.SessionId == s.Id).Select(x => (PassageStatus?)x.Status).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (session?.Status == TontineSessionStatus.Closed)
        {
            return "The contribution's session is closed: its contributions are no longer given back.";
        }
        if (session?.Passage is { } passage && passage != PassageStatus.Scheduled)
        {
            return "The contribution's session has been paid out (or is being paid): the money is with its beneficiary.";
        }
        if (await PaymentService.PotAvailableAsync(db, tontineId, payment.SettlementCurrency, cancellationToken) < LedgerPoster.Settled(payment))
        {
            return "The tontine's pot, less the payouts under way, holds less than this contribution.";
        }
        return null;
    }
}
