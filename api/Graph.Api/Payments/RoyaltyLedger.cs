using Graph.Api.Common;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>One group of movements of an author's ROYALTIES_PAYABLE account: the entries of one month (UTC), currency,
/// kind of posting, purpose of the payment and book.</summary>
/// <param name="Currency">The entries' currency.</param>
/// <param name="Year">The year the postings were written in (UTC).</param>
/// <param name="Month">The month (1 to 12) the postings were written in (UTC).</param>
/// <param name="Kind">A settlement, or a refund reversing one.</param>
/// <param name="Purpose">The purpose of the payment posted: for a refund, of the payment it gives back.</param>
/// <param name="BookId">The book sold (for a refund: the book of the sale given back); null for payouts.</param>
/// <param name="Postings">How many postings (each writes one entry to the account: one copy sold or given back, one
/// payout).</param>
/// <param name="Owed">How much the entries change what the platform owes the author: positive for a credit (a royalty
/// earned), negative for a debit (a payout, a royalty reversed by a refund).</param>
/// <param name="NetSales">The same postings' credits (negative: debits) to the author and the platform together, in the
/// entries' currency: the sale net of whatever else the posting moved (tax, conversion).</param>
public sealed record RoyaltyMovement(Currency Currency, int Year, int Month, PostingKind Kind, PaymentPurpose Purpose, Guid? BookId, int Postings, decimal Owed, decimal NetSales);

/// <summary>What an author is owed in one currency: the ledger's balance, and the part already promised to payouts still
/// open.</summary>
/// <param name="Currency">The currency.</param>
/// <param name="Owed">The credit balance of ROYALTIES_PAYABLE:author (negative when refunds took back more than is left).</param>
/// <param name="Reserved">The amounts of the author's ROYALTY_PAYOUT payments still INITIATED or PENDING.</param>
public sealed record RoyaltyPayable(Currency Currency, decimal Owed, decimal Reserved);

/// <summary>
/// What the ledger and the payments tell other domains about royalties (Billing's rules and statements ask here; they
/// never read the ledger's tables themselves): copies of a book sold, an author's movements and what they are owed.
/// </summary>
public static class RoyaltyLedger
{
    /// <summary>How many copies of the book are sold: its BOOK_PURCHASE payments SUCCEEDED (a refunded sale is REFUNDED,
    /// so it no longer counts).</summary>
    public static Task<int> CountSoldCopiesAsync(GraphDbContext db, Guid bookId, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking()
            .CountAsync(p => p.Purpose == PaymentPurpose.BookPurchase && p.BookId == bookId && p.Status == PaymentStatus.Succeeded, cancellationToken);

    /// <summary>The movements of ROYALTIES_PAYABLE:<paramref name="authorId"/> posted before <paramref name="before"/>
    /// (all when null), grouped by month (UTC), currency, kind, purpose and book, in one query.</summary>
    public static async Task<List<RoyaltyMovement>> MovementsAsync(GraphDbContext db, Guid authorId, DateTime? before, CancellationToken cancellationToken)
    {
        var key = LedgerAccount.RoyaltiesPayable(authorId).Key;
        var entries =
            from e in db.LedgerEntries
            where e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == key
            join posting in db.LedgerPostings on e.PostingId equals posting.Id
            where before == null || posting.PostedAt < before
            join payment in db.Payments on posting.PaymentId equals payment.Id
            join original in db.Payments on payment.RefundOfPaymentId equals (Guid?)original.Id into originals
            from original in originals.DefaultIfEmpty()
            select new
            {
                e.Currency,
                posting.PostedAt.Year,
                posting.PostedAt.Month,
                posting.Kind,
                Purpose = original == null ? payment.Purpose : original.Purpose,
                BookId = original == null ? payment.BookId : original.BookId,
                Owed = -e.Amount,
                NetSales = -db.LedgerEntries
                    .Where(x => x.PostingId == e.PostingId && x.Currency == e.Currency
                                && (x.AccountType == LedgerAccountType.RoyaltiesPayable || x.AccountType == LedgerAccountType.PlatformRevenue))
                    .Sum(x => x.Amount),
            };
        var groups = await entries
            .GroupBy(m => new { m.Currency, m.Year, m.Month, m.Kind, m.Purpose, m.BookId })
            .Select(g => new { g.Key, Postings = g.Count(), Owed = g.Sum(m => m.Owed), NetSales = g.Sum(m => m.NetSales) })
            .ToListAsync(cancellationToken);
        return groups
            .Select(g => new RoyaltyMovement(g.Key.Currency, g.Key.Year, g.Key.Month, g.Key.Kind, g.Key.Purpose, g.Key.BookId, g.Postings, g.Owed, g.NetSales))
            .ToList();
    }

    /// <summary>What the platform owes the author in <paramref name="currency"/>, and how much of it open payouts hold.</summary>
    public static async Task<(decimal Owed, decimal Reserved)> PayableAsync(GraphDbContext db, Guid authorId, Currency currency, CancellationToken cancellationToken)
    {
        var key = LedgerAccount.RoyaltiesPayable(authorId).Key;
        var owed = -await db.LedgerEntries.AsNoTracking()
            .Where(e => e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == key && e.Currency == currency)
            .SumAsync(e => e.Amount, cancellationToken);
        var reserved = await OpenPayouts(db, authorId).Where(p => p.Amount.Currency == currency).SumAsync(p => p.Amount.Amount, cancellationToken);
        return (owed, reserved);
    }

    /// <summary>What the platform owes the author in each currency the author has movements or open payouts in, by currency.</summary>
    public static async Task<List<RoyaltyPayable>> PayablesAsync(GraphDbContext db, Guid authorId, CancellationToken cancellationToken)
    {
        var key = LedgerAccount.RoyaltiesPayable(authorId).Key;
        var owed = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == key)
            .GroupBy(e => e.Currency)
            .Select(g => new { Currency = g.Key, Owed = -g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        var reserved = await OpenPayouts(db, authorId)
            .GroupBy(p => p.Amount.Currency)
            .Select(g => new { Currency = g.Key, Reserved = g.Sum(p => p.Amount.Amount) })
            .ToListAsync(cancellationToken);
        return owed.Select(o => o.Currency).Union(reserved.Select(r => r.Currency)).Order()
            .Select(c => new RoyaltyPayable(c,
                owed.SingleOrDefault(o => o.Currency == c)?.Owed ?? 0m,
                reserved.SingleOrDefault(r => r.Currency == c)?.Reserved ?? 0m))
            .ToList();
    }

    private static IQueryable<Payment> OpenPayouts(GraphDbContext db, Guid authorId) =>
        db.Payments.AsNoTracking().Where(p => p.Purpose == PaymentPurpose.RoyaltyPayout && p.RoyaltyAuthorId == authorId
                                              && (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending));
}
