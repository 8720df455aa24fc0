using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>Reconciliation for FINANCE on Query: the mismatches found between the platform and the providers, and the
/// report that checks the payments against the ledger.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class PaymentReconciliationQueries
{
    /// <summary>The longest period one report covers.</summary>
    public static readonly TimeSpan MaxReportPeriod = TimeSpan.FromDays(366);

    /// <summary>The <c>extensions.code</c> of a report asked for a period that is empty, reversed or too long.</summary>
    public const string InvalidPeriodCode = "INVALID_REPORT_PERIOD";

    /// <summary>
    /// The mismatches between the platform and the providers (FINANCE, ADMIN): open ones first, then the most recently
    /// resolved, each group newest first, unless ordered otherwise. With <c>resolved</c>, only the resolved (true) or the
    /// open (false) ones.
    /// </summary>
    /// <param name="db">The request's context.</param>
    /// <param name="resolved">True for the resolved mismatches only, false for the open ones only (the same as
    /// <c>where: { resolvedAt: { neq: null } }</c> and <c>{ eq: null }</c>).</param>
    [UsePaging, UseProjection, UseFiltering(typeof(PaymentMismatchFilterInputType)), UseSorting(typeof(PaymentMismatchSortInputType))]
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public IQueryable<PaymentMismatch> GetPaymentMismatches(GraphDbContext db, bool? resolved = null)
    {
        var mismatches = db.PaymentMismatches.AsNoTracking();
        if (resolved is { } wanted)
        {
            mismatches = wanted ? mismatches.Where(m => m.ResolvedAt != null) : mismatches.Where(m => m.ResolvedAt == null);
        }
        // PostgreSQL sorts NULL first in descending order: the open ones (resolved_at NULL) come first.
        return mismatches.OrderByDescending(m => m.ResolvedAt).ThenByDescending(m => m.DetectedAt).ThenByDescending(m => m.Id);
    }

    /// <summary>
    /// Checks the payments of a period against the ledger (FINANCE, ADMIN): how many payments stand in each status per
    /// method, and the figures that must be zero on a sound ledger. The period runs from <paramref name="from"/> included
    /// to <paramref name="to"/> excluded, at most 366 days.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<PaymentReconciliationReport> GetPaymentReconciliationReportAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            throw new GraphQLException("The report's period must end after it starts (to after from).", InvalidPeriodCode);
        }
        if (to - from > MaxReportPeriod)
        {
            throw new GraphQLException($"A report covers at most {MaxReportPeriod.TotalDays:0} days; ask for several periods.", InvalidPeriodCode);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PaymentReconciliationReport.BuildAsync(db, from.UtcDateTime, to.UtcDateTime, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}

/// <summary>Fields of PaymentMismatch that need more than its row.</summary>
[ExtendObjectType<PaymentMismatch>]
public sealed class PaymentMismatchFields
{
    /// <summary>Resolves a PaymentMismatch's global ID for node and nodes: for FINANCE and ADMIN only; anyone else gets
    /// null, as for an ID that names no mismatch.</summary>
    [NodeResolver]
    public static async Task<PaymentMismatch?> GetPaymentMismatchByIdAsync(Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!PaymentAccess.SeesAll(user))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PaymentMismatches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>The payment concerned, or null when the provider reported a transaction no payment has.</summary>
    public async Task<Payment?> GetPaymentAsync([Parent] PaymentMismatch mismatch, MismatchPaymentDataLoader payments, CancellationToken cancellationToken) =>
        mismatch.PaymentId is { } id ? await payments.LoadAsync(id, cancellationToken) : null;

    /// <summary>Who marked the mismatch resolved, while their account exists; null while it is open.</summary>
    public async Task<User?> GetResolvedByAsync([Parent] PaymentMismatch mismatch, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        mismatch.ResolvedByUserId is { } id ? await users.LoadAsync(id, cancellationToken) : null;
}

/// <summary>The payments that mismatches name, several in one query (mismatches are for FINANCE and ADMIN, who see every
/// payment).</summary>
public sealed class MismatchPaymentDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Payment?>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, Payment?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Payments.AsNoTracking().Where(p => keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (Payment?)p, cancellationToken);
    }
}

/// <summary>The fields <c>paymentMismatches(where:)</c> filters on.</summary>
public sealed class PaymentMismatchFilterInputType : FilterInputType<PaymentMismatch>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<PaymentMismatch> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(m => m.Kind)
        .Field(m => m.Provider)
        .Field(m => m.ProviderReference)
        .Field(m => m.OurStatus)
        .Field(m => m.DetectedAt)
        .Field(m => m.ResolvedAt);
}

/// <summary>The fields <c>paymentMismatches(order:)</c> sorts by.</summary>
public sealed class PaymentMismatchSortInputType : SortInputType<PaymentMismatch>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<PaymentMismatch> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(m => m.DetectedAt);
        descriptor.Field(m => m.ResolvedAt);
        descriptor.Field(m => m.Kind);
        descriptor.Field(m => m.Provider);
    }
}

/// <summary>How many payments of the period stand in one status with one method.</summary>
/// <param name="Status">The status.</param>
/// <param name="Method">The method.</param>
/// <param name="Count">How many payments.</param>
public sealed record PaymentStatusMethodCount(PaymentStatus Status, PaymentMethod Method, int Count);

/// <summary>The sum of the ledger entries of one currency over the period: zero on a sound ledger.</summary>
/// <param name="Currency">The currency.</param>
/// <param name="Total">The sum of its entries (debits positive, credits negative).</param>
public sealed record LedgerCurrencyTotal(Currency Currency, decimal Total);

/// <summary>
/// The payments of a period checked against the ledger. Payments count by when they were created, postings by when they
/// were posted, mismatches by when they were found. <see cref="SettledWithoutPosting"/>,
/// <see cref="PostingsOfUnsettledPayments"/> and every <see cref="LedgerTotals"/> must be zero (<see cref="Consistent"/>).
/// </summary>
public sealed class PaymentReconciliationReport
{
    /// <summary>The period's start, included.</summary>
    public DateTime From { get; init; }

    /// <summary>The period's end, excluded.</summary>
    public DateTime To { get; init; }

    /// <summary>When the report was made (payments open past their expiry are counted at this moment).</summary>
    public DateTime GeneratedAt { get; init; }

    /// <summary>How many payments created in the period stand in each status, per method (pairs with none are left out),
    /// by status then method.</summary>
    public required IReadOnlyList<PaymentStatusMethodCount> Counts { get; init; }

    /// <summary>Mismatches found in the period and not resolved yet.</summary>
    public int OpenMismatches { get; init; }

    /// <summary>Payments created in the period that are SUCCEEDED or REFUNDED but have no posting: must be 0.</summary>
    public int SettledWithoutPosting { get; init; }

    /// <summary>Postings of the period whose payment is neither SUCCEEDED nor REFUNDED: must be 0.</summary>
    public int PostingsOfUnsettledPayments { get; init; }

    /// <summary>The sum of the ledger entries posted in the period, per currency (every currency, zeros included): each
    /// must be 0.</summary>
    public required IReadOnlyList<LedgerCurrencyTotal> LedgerTotals { get; init; }

    /// <summary>Mobile money payments created in the period still INITIATED or PENDING past their expiry: the
    /// reconciliation job's backlog (their provider cannot be reached, or the job is not running).</summary>
    public int OpenPastExpiry { get; init; }

    /// <summary>Cash payments created in the period still waiting for their checker.</summary>
    public int CashAwaitingValidation { get; init; }

    /// <summary>Whether the figures that must be zero are.</summary>
    public bool Consistent => SettledWithoutPosting == 0 && PostingsOfUnsettledPayments == 0 && LedgerTotals.All(t => t.Total == 0);

    /// <summary>Computes the report of [<paramref name="from"/>, <paramref name="to"/>) at <paramref name="now"/>, one
    /// aggregate statement per figure.</summary>
    public static async Task<PaymentReconciliationReport> BuildAsync(GraphDbContext db, DateTime from, DateTime to, DateTime now, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsNoTracking().Where(p => p.CreatedAt >= from && p.CreatedAt < to);
        var postings = db.LedgerPostings.AsNoTracking().Where(p => p.PostedAt >= from && p.PostedAt < to);

        var counts = await payments.GroupBy(p => new { p.Status, p.Method })
            .Select(g => new { g.Key.Status, g.Key.Method, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var openMismatches = await db.PaymentMismatches.AsNoTracking()
            .CountAsync(m => m.DetectedAt >= from && m.DetectedAt < to && m.ResolvedAt == null, cancellationToken);
        // A payment's own posting: its settlement, or for a REFUND the reversal it posts.
        var settledWithoutPosting = await payments
            .Where(p => p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Refunded)
            .CountAsync(p => !db.LedgerPostings.Any(l => l.PaymentId == p.Id), cancellationToken);
        var postingsOfUnsettled = await postings
            .CountAsync(l => db.Payments.Any(p => p.Id == l.PaymentId && p.Status != PaymentStatus.Succeeded && p.Status != PaymentStatus.Refunded), cancellationToken);
        var totals = await db.LedgerEntries.AsNoTracking()
            .Where(e => postings.Any(l => l.Id == e.PostingId))
            .GroupBy(e => e.Currency)
            .Select(g => new { Currency = g.Key, Total = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        var openPastExpiry = await payments
            .CountAsync(p => (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending) && p.Method != PaymentMethod.Cash && p.ExpiresAt <= now, cancellationToken);
        var cashAwaiting = await payments
            .CountAsync(p => (p.Status == PaymentStatus.Initiated || p.Status == PaymentStatus.Pending) && p.Method == PaymentMethod.Cash, cancellationToken);

        return new PaymentReconciliationReport
        {
            From = from,
            To = to,
            GeneratedAt = now,
            Counts = [.. counts.OrderBy(c => c.Status).ThenBy(c => c.Method).Select(c => new PaymentStatusMethodCount(c.Status, c.Method, c.Count))],
            OpenMismatches = openMismatches,
            SettledWithoutPosting = settledWithoutPosting,
            PostingsOfUnsettledPayments = postingsOfUnsettled,
            LedgerTotals = [.. Enum.GetValues<Currency>().Select(c => new LedgerCurrencyTotal(c, totals.SingleOrDefault(t => t.Currency == c)?.Total ?? 0m))],
            OpenPastExpiry = openPastExpiry,
            CashAwaitingValidation = cashAwaiting,
        };
    }
}
