using Graph.Api.Data;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>The royalty rate a sale pays: the book's rule in force on the sale's day (UTC), at the copy the sale is.</summary>
public static class RoyaltyRules
{
    /// <summary>The book's rule in force on <paramref name="day"/> (UTC), or null when it has none.</summary>
    public static Task<RoyaltyRule?> InForceAsync(GraphDbContext db, Guid bookId, DateOnly day, CancellationToken cancellationToken) =>
        db.Set<RoyaltyRule>().AsNoTracking()
            .Where(r => r.BookId == bookId && r.ValidFrom <= day)
            .OrderByDescending(r => r.ValidFrom).ThenByDescending(r => r.Revision)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The author's share of the book's next sale, made at <paramref name="at"/> (UTC): the rate of the rule in force that
    /// day for the copy after those already sold (settled, not refunded: Payments counts them), or
    /// <paramref name="defaultRate"/> when the book has no rule in force.
    /// </summary>
    /// <remarks>A copy counts once its payment settles, so two sales initiated together at a tier's threshold both pay the
    /// rate of the copy after those settled before them.</remarks>
    public static async Task<decimal> RateForSaleAsync(GraphDbContext db, Guid bookId, DateTime at, decimal defaultRate, CancellationToken cancellationToken)
    {
        if (await InForceAsync(db, bookId, DateOnly.FromDateTime(at), cancellationToken) is not { } rule)
        {
            return defaultRate;
        }
        if (rule.TierFromCopy is null)
        {
            return rule.Rate;
        }
        var sold = await RoyaltyLedger.CountSoldCopiesAsync(db, bookId, cancellationToken);
        return rule.RateForCopy(sold + 1);
    }
}
