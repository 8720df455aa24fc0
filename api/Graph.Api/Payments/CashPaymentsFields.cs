using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>The cash proof on Payment.</summary>
[ExtendObjectType<Payment>]
public sealed class CashPaymentsFields
{
    /// <summary>The proof of a cash payment (its receipt, who recorded it and who checked it); null for mobile money.</summary>
    public async Task<CashProof?> GetCashProofAsync([Parent] Payment payment, CashProofByPaymentIdDataLoader proofs, CancellationToken cancellationToken) =>
        payment.Method == PaymentMethod.Cash ? await proofs.LoadAsync(payment.Id, cancellationToken) : null;
}

/// <summary>Fields of CashProof that need more than its columns.</summary>
[ExtendObjectType<CashProof>]
public sealed class CashProofFields
{
    /// <summary>The photo of the receipt, in base64 (its kind in <c>photoContentType</c>), or null.</summary>
    public string? GetPhoto([Parent] CashProof proof) => proof.Photo is { } photo ? Convert.ToBase64String(photo) : null;

    /// <summary>Who recorded the cash (the maker), while their account exists.</summary>
    public async Task<User?> GetRecordedByAsync([Parent] CashProof proof, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        await users.LoadAsync(proof.RecordedByUserId, cancellationToken);

    /// <summary>Who validated or rejected it (the checker), while their account exists; null until then.</summary>
    public async Task<User?> GetCheckedByAsync([Parent] CashProof proof, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        proof.CheckedByUserId is { } id ? await users.LoadAsync(id, cancellationToken) : null;
}

/// <summary>Cash proofs by their payment's ID, several payments in one query.</summary>
public sealed class CashProofByPaymentIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, CashProof?>(scheduler, options)
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<Guid, CashProof?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CashProofs.AsNoTracking().Where(p => keys.Contains(p.PaymentId)).ToDictionaryAsync(p => p.PaymentId, p => (CashProof?)p, cancellationToken);
    }
}
