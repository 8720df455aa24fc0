using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Payments;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>Royalties on Query: a book's rules, an author's monthly statements and balance. Each is seen by FINANCE,
/// ADMIN and the author's own linked account only; months are calendar months in UTC.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class RoyaltiesQueries
{
    /// <summary>The code of a month argument that is not YYYY-MM.</summary>
    public const string InvalidMonthCode = "INVALID_MONTH";

    /// <summary>Every royalty rule the book has had, the latest first (by validFrom, then revision); the first whose
    /// validFrom is not after today is in force. Empty for a book without rules (its sales pay the default rate).</summary>
    [Authorize]
    public async Task<IReadOnlyList<RoyaltyRule>> GetRoyaltyRulesAsync(
        [ID<Book>] Guid bookId, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var authorId = await db.Books.AsNoTracking().Where(b => b.Id == bookId).Select(b => (Guid?)b.AuthorId).SingleOrDefaultAsync(cancellationToken);
        if (authorId is null)
        {
            // Staff learn there is no such book (no rules); anyone else is refused as for a book not theirs.
            return RoyaltyAccess.SeesAll(user)
                ? []
                : throw new GraphQLException("Only the author's own account, FINANCE and ADMIN see a book's royalty rules.", ErrorCodes.AuthNotAuthorized);
        }
        await RoyaltyAccess.EnsureAuthorVisibleAsync(db, user, authorId.Value, cancellationToken);
        return await db.Set<RoyaltyRule>().AsNoTracking().Where(r => r.BookId == bookId)
            .OrderByDescending(r => r.ValidFrom).ThenByDescending(r => r.Revision).ToListAsync(cancellationToken);
    }

    /// <summary>The author's monthly statements (months in UTC), one per currency and month with movements, by currency
    /// then month; of one year when given. A month without movements has no statement: its balance is the previous one's
    /// closing balance.</summary>
    [Authorize]
    public async Task<IReadOnlyList<RoyaltyStatement>> GetRoyaltyStatementsAsync(
        [ID<Author>] Guid authorId, int? year, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 9998)
        {
            throw new GraphQLException("The year must be from 2000 to 9998.", InvalidMonthCode);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await RoyaltyAccess.EnsureAuthorVisibleAsync(db, user, authorId, cancellationToken))
        {
            return [];
        }
        DateTime? before = year is { } y ? new DateTime(y + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc) : null;
        var statements = RoyaltyStatements.All(authorId, await RoyaltyLedger.MovementsAsync(db, authorId, before, cancellationToken));
        return year is null ? statements : statements.Where(s => s.PeriodStart.Year == year).ToList();
    }

    /// <summary>The author's statement of one month (YYYY-MM, in UTC) and currency; with zero movements when the month
    /// had none. Null when there is no such author (for FINANCE and ADMIN).</summary>
    [Authorize]
    public async Task<RoyaltyStatement?> GetRoyaltyStatementAsync(
        [ID<Author>] Guid authorId, string month, Currency currency, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (RoyaltyStatements.ParseMonth(month) is not { } parsed || parsed.Year is < 2000 or > 9998)
        {
            throw new GraphQLException("The month must be written YYYY-MM, e.g. 2026-11 (from 2000 on).", InvalidMonthCode);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await RoyaltyAccess.EnsureAuthorVisibleAsync(db, user, authorId, cancellationToken))
        {
            return null;
        }
        var end = new DateTime(parsed.Year, parsed.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        var movements = await RoyaltyLedger.MovementsAsync(db, authorId, end, cancellationToken);
        return RoyaltyStatements.Of(authorId, currency, parsed.Year, parsed.Month, movements);
    }

    /// <summary>What the platform owes the author now, per currency they have royalties or open payouts in.</summary>
    [Authorize]
    public async Task<IReadOnlyList<RoyaltyBalance>> GetRoyaltyBalanceAsync(
        [ID<Author>] Guid authorId, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await RoyaltyAccess.EnsureAuthorVisibleAsync(db, user, authorId, cancellationToken))
        {
            return [];
        }
        return (await RoyaltyLedger.PayablesAsync(db, authorId, cancellationToken))
            .Select(p => new RoyaltyBalance
            {
                AuthorId = authorId,
                Currency = p.Currency,
                Owed = RoyaltyStatements.MoneyOf(p.Owed, p.Currency),
                OpenPayouts = RoyaltyStatements.MoneyOf(p.Reserved, p.Currency),
                Available = RoyaltyStatements.MoneyOf(p.Owed - p.Reserved, p.Currency),
            })
            .ToList();
    }
}

/// <summary>The objects royalties' types point to, loaded in batches.</summary>
[ExtendObjectType<RoyaltyRule>]
public sealed class RoyaltyRuleFields
{
    /// <summary>The book the rule is for.</summary>
    public Task<Book?> GetBookAsync([Parent] RoyaltyRule rule, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        books.LoadAsync(rule.BookId, cancellationToken);
}

/// <summary>The author of a statement.</summary>
[ExtendObjectType<RoyaltyStatement>]
public sealed class RoyaltyStatementFields
{
    /// <summary>The author the statement is for.</summary>
    public Task<Author?> GetAuthorAsync([Parent] RoyaltyStatement statement, AuthorByIdDataLoader authors, CancellationToken cancellationToken) =>
        authors.LoadAsync(statement.AuthorId, cancellationToken);
}

/// <summary>The book of a statement's line.</summary>
[ExtendObjectType<RoyaltyStatementLine>]
public sealed class RoyaltyStatementLineFields
{
    /// <summary>The book sold (or refunded).</summary>
    public async Task<Book?> GetBookAsync([Parent] RoyaltyStatementLine line, BookByIdDataLoader books, CancellationToken cancellationToken) =>
        line.BookId is { } bookId ? await books.LoadAsync(bookId, cancellationToken) : null;
}
