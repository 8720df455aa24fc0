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
