using System.Globalization;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Billing;

/// <summary>
/// An author's royalties in one currency over one calendar month (UTC, which is also Africa/Abidjan's time and Dakar's):
/// what the platform owed them at the start, what their sales earned, what refunds took back, what was paid out, and what
/// it owes at the end. Every figure is a sum of the entries of ROYALTIES_PAYABLE:author in the ledger, so a statement
/// reconciles to the ledger by construction, and a month's opening balance is the previous month's closing balance.
/// </summary>
public sealed class RoyaltyStatement
{
    [ID<Author>]
    public required Guid AuthorId { get; init; }

    /// <summary>The month, as YYYY-MM.</summary>
    public required string Month { get; init; }

    /// <summary>The month's first instant (UTC).</summary>
    public required DateTime PeriodStart { get; init; }

    /// <summary>The next month's first instant (UTC): the period ends just before it.</summary>
    public required DateTime PeriodEnd { get; init; }

    public required Currency Currency { get; init; }

    /// <summary>What the platform owed the author when the month began.</summary>
    public required Money OpeningBalance { get; init; }

    /// <summary>The royalties the month's sales earned.</summary>
    public required Money RoyaltiesEarned { get; init; }

    /// <summary>The royalties taken back because sales were refunded in the month (the sales may be older).</summary>
    public required Money RefundsReversed { get; init; }

    /// <summary>The royalties paid out to the author in the month.</summary>
    public required Money Payouts { get; init; }

    /// <summary>What the platform owed the author when the month ended: opening + earned - refunds reversed - payouts.</summary>
    public required Money ClosingBalance { get; init; }

    /// <summary>The month's sales, per book.</summary>
    public required IReadOnlyList<RoyaltyStatementLine> Lines { get; init; }

    /// <summary>The month's refunds, per book (copies given back, their net sales and the royalties reversed).</summary>
    public required IReadOnlyList<RoyaltyStatementLine> RefundLines { get; init; }
}

/// <summary>One book's sales (or refunds) in a statement.</summary>
public sealed class RoyaltyStatementLine
{
    /// <summary>The book; null only for a movement the ledger holds without a book.</summary>
    [ID<Book>]
    public Guid? BookId { get; init; }

    /// <summary>How many copies were sold (or given back).</summary>
    public required int Copies { get; init; }

    /// <summary>Their sales net of tax: what the postings gave the author and the platform together.</summary>
    public required Money NetSales { get; init; }

    /// <summary>The author's royalties on them.</summary>
    public required Money Royalty { get; init; }
}

/// <summary>What the platform owes an author in one currency now.</summary>
public sealed class RoyaltyBalance
{
    [ID<Author>]
    public required Guid AuthorId { get; init; }

    public required Currency Currency { get; init; }

    /// <summary>The balance of ROYALTIES_PAYABLE:author in the ledger (negative when refunds took back more than was left).</summary>
    public required Money Owed { get; init; }

    /// <summary>The part promised to payouts still waiting for the provider.</summary>
    public required Money OpenPayouts { get; init; }

    /// <summary>What may be paid out now: owed less open payouts.</summary>
    public required Money Available { get; init; }
}

/// <summary>Monthly statements (UTC months) made from an author's ledger movements (<see cref="RoyaltyLedger.MovementsAsync"/>).</summary>
public static class RoyaltyStatements
{
    /// <summary>The statements of every (currency, month) with movements, by currency then month.</summary>
    public static List<RoyaltyStatement> All(Guid authorId, IReadOnlyList<RoyaltyMovement> movements) =>
        movements.Select(m => (m.Currency, m.Year, m.Month)).Distinct()
            .OrderBy(k => k.Currency).ThenBy(k => k.Year).ThenBy(k => k.Month)
            .Select(k => Of(authorId, k.Currency, k.Year, k.Month, movements))
            .ToList();

    /// <summary>The statement of one month and currency (zero movements when the month has none).</summary>
    public static RoyaltyStatement Of(Guid authorId, Currency currency, int year, int month, IReadOnlyList<RoyaltyMovement> movements)
    {
        var ofCurrency = movements.Where(m => m.Currency == currency).ToList();
        var opening = ofCurrency.Where(m => (m.Year, m.Month).CompareTo((year, month)) < 0).Sum(m => m.Owed);
        var inMonth = ofCurrency.Where(m => m.Year == year && m.Month == month).ToList();
        var sales = inMonth.Where(m => m.Kind == PostingKind.Settlement && m.Purpose != PaymentPurpose.RoyaltyPayout).ToList();
        var refunds = inMonth.Where(m => m.Kind == PostingKind.Refund).ToList();
        var payouts = inMonth.Where(m => m.Kind == PostingKind.Settlement && m.Purpose == PaymentPurpose.RoyaltyPayout).ToList();
        var earned = sales.Sum(m => m.Owed);
        var reversed = -refunds.Sum(m => m.Owed);
        var paid = -payouts.Sum(m => m.Owed);
        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        return new RoyaltyStatement
        {
            AuthorId = authorId,
            Month = start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            PeriodStart = start,
            PeriodEnd = start.AddMonths(1),
            Currency = currency,
            OpeningBalance = MoneyOf(opening, currency),
            RoyaltiesEarned = MoneyOf(earned, currency),
            RefundsReversed = MoneyOf(reversed, currency),
            Payouts = MoneyOf(paid, currency),
            ClosingBalance = MoneyOf(opening + inMonth.Sum(m => m.Owed), currency),
            Lines = LinesOf(sales, currency, 1),
            RefundLines = LinesOf(refunds, currency, -1),
        };
    }

    /// <summary>Parses a month written YYYY-MM (2026-11); null when it is not one.</summary>
    public static (int Year, int Month)? ParseMonth(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && text.Length == 7
            ? (parsed.Year, parsed.Month)
            : null;

    /// <summary>An amount of the ledger (numeric(19,4)) as money of <paramref name="currency"/>.</summary>
    public static Money MoneyOf(decimal amount, Currency currency) => new(decimal.Round(amount, Money.MinorUnits(currency)), currency);

    private static List<RoyaltyStatementLine> LinesOf(List<RoyaltyMovement> movements, Currency currency, int sign) =>
        movements.GroupBy(m => m.BookId)
            .Select(g => new RoyaltyStatementLine
            {
                BookId = g.Key,
                Copies = g.Sum(m => m.Postings),
                NetSales = MoneyOf(sign * g.Sum(m => m.NetSales), currency),
                Royalty = MoneyOf(sign * g.Sum(m => m.Owed), currency),
            })
            .OrderBy(l => l.BookId)
            .ToList();
}
