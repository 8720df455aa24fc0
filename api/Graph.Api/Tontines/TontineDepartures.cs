using Graph.Api.Common;
using Graph.Api.Data;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// Whether a member may leave a tontine (or be removed), and the departure itself. Refused, in this order:
/// <list type="bullet">
/// <item>LAST_TONTINE_PRESIDENT: the member is its only president;</item>
/// <item>DUES_OUTSTANDING: a contribution of theirs is unpaid and its session's due date has passed (its fine, unless
/// waived, is paid with it: a contribution is paid in full at once);</item>
/// <item>TURNS_OWED: they took the pot (a PAID or CONFIRMED ROTATION passage) and still owe contributions of later sessions;</item>
/// <item>PASSAGE_PENDING: the tontine has started and one of their passages is not CONFIRMED: a turn still to come (its
/// session would be left without a beneficiary and its pot stranded), being paid, or paid and not yet confirmed by them;</item>
/// <item>CONTRIBUTIONS_NOT_RETURNED: the tontine is ACTIVE or SUSPENDED, they paid contributions and did not receive every
/// payout their type gives (their turn for ROTATING, their savings for CUMULATIVE, both for MIXED).</item>
/// </list>
/// In a DRAFT the membership is deleted and the payout order forgotten. Once started, the membership is deleted, and so are
/// what the member would still owe (their unpaid contributions, not yet due, without a payment under way: a member of a
/// CUMULATIVE tontine who has paid nothing yet). Their history (paid contributions, payments, passages) stays.
/// </summary>
public static class TontineDepartures
{
    /// <summary>Removes <paramref name="userId"/> from the locked <paramref name="tontine"/>, or returns why not (an error of
    /// the leaveTontine and removeTontineMember unions). The caller saves.</summary>
    public static async Task<IError?> RemoveAsync(GraphDbContext db, Tontine tontine, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var member = await db.TontineMembers.SingleOrDefaultAsync(m => m.TontineId == tontine.Id && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return new NotTontineMemberError(userId);
        }
        if (member.Role == TontineRole.President
            && !await db.TontineMembers.AnyAsync(m => m.TontineId == tontine.Id && m.UserId != userId && m.Role == TontineRole.President, cancellationToken))
        {
            return new LastPresidentError(userId);
        }
        if (tontine.Status == TontineStatus.Draft)
        {
            db.TontineMembers.Remove(member);
            await TontineStarter.ClearOrderAsync(db, tontine, now, cancellationToken);
            return null;
        }

        var today = DateOnly.FromDateTime(now);
        var contributions = await db.TontineContributions.Where(c => c.TontineId == tontine.Id && c.UserId == userId)
            .Join(db.TontineSessions, c => c.SessionId, s => s.Id, (c, s) => new { c.SessionId, c.PaidAt, c.Received, s.Number, s.DueDate })
            .ToListAsync(cancellationToken);
        var pastDue = contributions.Count(c => c.PaidAt is null && c.DueDate < today);
        if (pastDue > 0)
        {
            return new DuesOutstandingError(pastDue);
        }
        var passages = await db.TontinePassages.Where(p => p.TontineId == tontine.Id && p.UserId == userId)
            .Select(p => new { p.Id, p.Kind, p.Status, Number = db.TontineSessions.Where(s => s.Id == p.SessionId).Select(s => (int?)s.Number).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var received = passages.Where(p => p.Status is PassageStatus.Paid or PassageStatus.Confirmed).ToList();
        if (received.FirstOrDefault(p => p.Kind == PassageKind.Rotation) is { Number: { } turn })
        {
            var owed = contributions.Count(c => c.PaidAt is null && c.Number > turn);
            if (owed > 0)
            {
                return new TurnsOwedError(owed);
            }
        }
        if (passages.FirstOrDefault(p => p.Status != PassageStatus.Confirmed) is { } pending)
        {
            return new PassagePendingError(pending.Kind, pending.Status);
        }
        if (tontine.Status is TontineStatus.Active or TontineStatus.Suspended && contributions.Any(c => c.Received > 0))
        {
            PassageKind[] due = tontine.Type switch
            {
                TontineType.Rotating => [PassageKind.Rotation],
                TontineType.Cumulative => [PassageKind.Savings],
                _ => [PassageKind.Rotation, PassageKind.Savings],
            };
            if (!due.All(kind => received.Any(p => p.Kind == kind)))
            {
                return new ContributionsNotReturnedError();
            }
        }

        db.TontineMembers.Remove(member);
        var unpaid = contributions.Where(c => c.PaidAt is null).Select(c => c.SessionId).ToList();
        if (unpaid.Count > 0)
        {
            var inFlight = await db.ContributionPayments.Where(p => p.TontineId == tontine.Id && p.UserId == userId && unpaid.Contains(p.SessionId))
                .Select(p => p.SessionId).Distinct().ToListAsync(cancellationToken);
            var dropped = unpaid.Except(inFlight).ToList();
            await db.TontineReminders.Where(r => r.UserId == userId && dropped.Contains(r.SessionId)).ExecuteDeleteAsync(cancellationToken);
            await db.TontineContributions.Where(c => c.UserId == userId && dropped.Contains(c.SessionId)).ExecuteDeleteAsync(cancellationToken);
        }
        tontine.UpdatedAt = now;
        return null;
    }
}
