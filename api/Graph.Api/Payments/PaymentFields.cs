using System.Security.Claims;
using Graph.Api.Data;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>Fields of Payment that need more than its row.</summary>
[ExtendObjectType<Payment>]
public sealed class PaymentFields
{
    /// <summary>Resolves a Payment's global ID for node and nodes, for those who may see it (<see cref="PaymentAccess"/>);
    /// anyone else gets null, as for an ID that names no payment.</summary>
    [NodeResolver]
    public static async Task<Payment?> GetPaymentByIdAsync(Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Payments.AsNoTracking().VisibleTo(user, db).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>Who pays, when it is an account of the platform.</summary>
    public async Task<Identity.User?> GetPayerAsync([Parent] Payment payment, Identity.UserByIdDataLoader users, CancellationToken cancellationToken) =>
        payment.PayerUserId is { } id ? await users.LoadAsync(id, cancellationToken) : null;

    /// <summary>Who is paid, when it is an account of the platform.</summary>
    public async Task<Identity.User?> GetPayeeAsync([Parent] Payment payment, Identity.UserByIdDataLoader users, CancellationToken cancellationToken) =>
        payment.PayeeUserId is { } id ? await users.LoadAsync(id, cancellationToken) : null;

    /// <summary>For a REFUND, the payment it gives back.</summary>
    public async Task<Payment?> GetRefundOfAsync([Parent] Payment payment, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        payment.RefundOfPaymentId is { } id ? await GetPaymentByIdAsync(id, user, contexts, cancellationToken) : null;

    /// <summary>The ledger postings of the payment (its settlement, and for a refund the reversal), FINANCE and ADMIN only.</summary>
    /// <remarks>Nullable, so that a caller who may see the payment but not its postings loses only this field.</remarks>
    [Graph.GraphQL.Authorization.Authorize(Roles = [Identity.PlatformRoles.FinanceName, Identity.PlatformRoles.AdminName])]
    public async Task<IReadOnlyList<LedgerPosting>?> GetLedgerPostingsAsync([Parent] Payment payment, LedgerPostingsByPaymentDataLoader postings, CancellationToken cancellationToken) =>
        await postings.LoadAsync(payment.Id, cancellationToken);

    /// <summary>Every move of the payment's status, oldest first.</summary>
    public async Task<IReadOnlyList<PaymentStatusChange>> GetHistoryAsync([Parent] Payment payment, PaymentHistoryDataLoader history, CancellationToken cancellationToken) =>
        await history.LoadAsync(payment.Id, cancellationToken);
}

/// <summary>Payments' histories, several payments in one query.</summary>
public sealed class PaymentHistoryDataLoader(IDbContextFactory<GraphDbContext> contexts, Graph.GraphQL.Execution.DataLoader.IBatchScheduler scheduler, Graph.GraphQL.Execution.DataLoader.DataLoaderOptions? options = null)
    : Graph.GraphQL.Execution.DataLoader.BatchDataLoader<Guid, IReadOnlyList<PaymentStatusChange>>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, IReadOnlyList<PaymentStatusChange>>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = await db.PaymentStatusChanges.AsNoTracking().Where(c => keys.Contains(c.PaymentId)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var byPayment = changes.ToLookup(c => c.PaymentId);
        return keys.ToDictionary(k => k, k => (IReadOnlyList<PaymentStatusChange>)[.. byPayment[k]]);
    }
}

/// <summary>Payments' ledger postings with their entries, several payments in one query, oldest posting first.</summary>
public sealed class LedgerPostingsByPaymentDataLoader(IDbContextFactory<GraphDbContext> contexts, Graph.GraphQL.Execution.DataLoader.IBatchScheduler scheduler, Graph.GraphQL.Execution.DataLoader.DataLoaderOptions? options = null)
    : Graph.GraphQL.Execution.DataLoader.BatchDataLoader<Guid, IReadOnlyList<LedgerPosting>>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, IReadOnlyList<LedgerPosting>>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var postings = await db.LedgerPostings.AsNoTracking().Include(p => p.Entries).Where(p => keys.Contains(p.PaymentId)).OrderBy(p => p.PostedAt).ToListAsync(cancellationToken);
        var byPayment = postings.ToLookup(p => p.PaymentId);
        return keys.ToDictionary(k => k, k => (IReadOnlyList<LedgerPosting>)[.. byPayment[k]]);
    }
}

/// <summary>Fields of LedgerPosting.</summary>
[ExtendObjectType<LedgerPosting>]
public sealed class LedgerPostingFields
{
    /// <summary>The posting's entries: debits positive, credits negative; in each currency they sum to zero.</summary>
    public IReadOnlyList<LedgerEntry> GetEntries([Parent] LedgerPosting posting) => posting.Entries;
}
