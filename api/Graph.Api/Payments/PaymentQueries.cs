using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments.Providers;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>Payments' entry points on Query: each shows only what the caller may see (<see cref="PaymentAccess"/>).</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class PaymentQueries
{
    /// <summary>The payments the caller may see (every payment for FINANCE and ADMIN; the tontine's payments for its
    /// treasurers and presidents; one's own otherwise), newest first unless ordered otherwise.</summary>
    [Authorize]
    [UsePaging, UseProjection, UseFiltering(typeof(PaymentFilterInputType)), UseSorting(typeof(PaymentSortInputType))]
    public IQueryable<Payment> GetPayments(GraphDbContext db, ClaimsPrincipal user) =>
        db.Payments.AsNoTracking().VisibleTo(user, db).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

    /// <summary>The payments the caller pays, receives or initiated, newest first unless ordered otherwise.</summary>
    [Authorize]
    [UsePaging, UseProjection, UseFiltering(typeof(PaymentFilterInputType)), UseSorting(typeof(PaymentSortInputType))]
    public IQueryable<Payment> GetMyPayments(GraphDbContext db, ClaimsPrincipal user)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        return db.Payments.AsNoTracking()
            .Where(p => p.PayerUserId == userId || p.PayeeUserId == userId || p.InitiatedByUserId == userId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
    }

    /// <summary>A payment, or null when there is none with this ID or the caller may not see it.</summary>
    [Authorize]
    public Task<Payment?> GetPaymentAsync([ID<Payment>] Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        PaymentFields.GetPaymentByIdAsync(id, user, contexts, cancellationToken);

    /// <summary>The methods offered here: cash and each configured mobile money provider.</summary>
    public IReadOnlyList<PaymentMethod> GetPaymentMethods(PaymentProviders providers) => providers.Offered;

    /// <summary>The exchange rates recorded, newest first, optionally of one pair (either direction is returned as stored).</summary>
    [Authorize]
    public async Task<IReadOnlyList<FxRate>> GetFxRatesAsync(Currency? @base, Currency? quote, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rates = db.FxRates.AsNoTracking();
        if (@base is { } b)
        {
            rates = rates.Where(r => r.Base == b);
        }
        if (quote is { } q)
        {
            rates = rates.Where(r => r.Quote == q);
        }
        return await rates.OrderByDescending(r => r.Date).ThenBy(r => r.Base).ThenBy(r => r.Quote).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The balance of every ledger account (FINANCE, ADMIN), derived from the postings: debits positive, credits negative,
    /// so a tontine's pot holding money reads negative (the platform owes it) and a provider's clearing account positive
    /// (the provider holds money for the platform). Optionally of one currency or one kind of account.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<IReadOnlyList<LedgerBalance>> GetLedgerBalancesAsync(
        Currency? currency, LedgerAccountType? accountType, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.LedgerEntries.AsNoTracking();
        if (currency is { } c)
        {
            entries = entries.Where(e => e.Currency == c);
        }
        if (accountType is { } t)
        {
            entries = entries.Where(e => e.AccountType == t);
        }
        var rows = await entries
            .GroupBy(e => new { e.AccountType, e.AccountKey, e.Currency })
            .Select(g => new { g.Key.AccountType, g.Key.AccountKey, g.Key.Currency, Balance = g.Sum(e => e.Amount), Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(r => r.AccountType).ThenBy(r => r.AccountKey, StringComparer.Ordinal).ThenBy(r => r.Currency)
            .Select(r => new LedgerBalance(r.AccountType, r.AccountKey, new Money(decimal.Round(r.Balance, Money.MinorUnits(r.Currency)), r.Currency), r.Count))];
    }

    /// <summary>The sum of all ledger entries per currency (FINANCE, ADMIN): zero in every currency, or the ledger is broken.</summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<IReadOnlyList<Money>> GetLedgerTotalsAsync(IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var totals = await db.LedgerEntries.AsNoTracking().GroupBy(e => e.Currency).Select(g => new { Currency = g.Key, Total = g.Sum(e => e.Amount) }).ToListAsync(cancellationToken);
        return [.. EnumNames<Currency>.All.Select(c => new Money(decimal.Round(totals.SingleOrDefault(t => t.Currency == c)?.Total ?? 0m, Money.MinorUnits(c)), c))];
    }
}

/// <summary>The balance of one ledger account in one currency.</summary>
/// <param name="AccountType">The kind of account.</param>
/// <param name="AccountKey">The account's key (a method's name, a tontine's, a user's or an author's ID); empty for the
/// platform's single accounts.</param>
/// <param name="Balance">Debits minus credits.</param>
/// <param name="EntryCount">How many entries the account has in this currency.</param>
public sealed record LedgerBalance(LedgerAccountType AccountType, string AccountKey, Money Balance, long EntryCount);

/// <summary>The fields <c>payments(where:)</c> and <c>myPayments(where:)</c> filter on.</summary>
public sealed class PaymentFilterInputType : FilterInputType<Payment>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<Payment> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(p => p.Status)
        .Field(p => p.Purpose)
        .Field(p => p.Method)
        .Field(p => p.ProviderReference)
        .Field(p => p.FailureReason)
        .Field(p => p.CreatedAt)
        .Field(p => p.UpdatedAt)
        .Field(p => p.SettledAt);
}

/// <summary>The fields <c>payments(order:)</c> and <c>myPayments(order:)</c> sort by.</summary>
public sealed class PaymentSortInputType : SortInputType<Payment>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<Payment> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(p => p.CreatedAt);
        descriptor.Field(p => p.UpdatedAt);
        descriptor.Field(p => p.SettledAt);
        descriptor.Field(p => p.Status);
    }
}
