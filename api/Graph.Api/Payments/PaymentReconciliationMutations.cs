using System.Security.Claims;
using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>Reconciliation for FINANCE on Mutation: marking mismatches resolved, and running the reconciliation now.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class PaymentReconciliationMutations
{
    /// <summary>
    /// Marks a mismatch resolved with what was done about it (FINANCE, ADMIN): a refund made by hand, a payment confirmed
    /// with the provider's support. It changes no payment: the payments only move through their providers and checkers.
    /// Refused for a mismatch already resolved. Recorded in the audit log.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<ResolvePaymentMismatchPayload> ResolvePaymentMismatchAsync(
        ResolvePaymentMismatchInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        IAuditLog audit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var resolution = input.Resolution.Trim();
        if (resolution.Length == 0 || resolution.Length > PaymentMismatch.MaxDetailLength || resolution.Any(c => char.IsControl(c) && c is not '\n'))
        {
            return ResolvePaymentMismatchPayload.Failed(new InvalidPaymentInputError("resolution",
                $"The resolution must have 1 to {PaymentMismatch.MaxDetailLength} characters, without control characters other than line breaks."));
        }
        var userId = Accounts.RequireUserId(user);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so that two people resolving it at once do not both succeed.
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM payment_mismatches WHERE id = {input.MismatchId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        var mismatch = locked.Count == 0 ? null : await db.PaymentMismatches.SingleAsync(m => m.Id == input.MismatchId, cancellationToken);
        if (mismatch is null)
        {
            return ResolvePaymentMismatchPayload.Failed(new PaymentMismatchNotFoundError(input.MismatchId));
        }
        if (mismatch.ResolvedAt is { } resolvedAt)
        {
            return ResolvePaymentMismatchPayload.Failed(new PaymentMismatchAlreadyResolvedError(mismatch.Id, resolvedAt));
        }

        mismatch.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        mismatch.ResolvedByUserId = userId;
        mismatch.Resolution = resolution;
        audit.Add(db, AuditActions.PaymentMismatchResolved, nameof(PaymentMismatch), mismatch.Id.ToString(),
            new { Kind = EnumNames<MismatchKind>.ToName(mismatch.Kind), mismatch.PaymentId, Resolution = resolution });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ResolvePaymentMismatchPayload.Resolved(mismatch);
    }

    /// <summary>
    /// Runs one reconciliation now on this instance (FINANCE, ADMIN), as the background job does every interval: the open
    /// payments not moved for a while are asked about at their providers and settled. Payments another run holds are left
    /// to it. Recorded in the audit log with what it did.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<ReconcilePaymentsPayload> ReconcilePaymentsAsync(
        PaymentReconciler reconciler,
        IDbContextFactory<GraphDbContext> contexts,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var summary = await reconciler.RunOnceAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        audit.Add(db, AuditActions.PaymentsReconciled, "PaymentReconciliation", null, summary);
        await db.SaveChangesAsync(cancellationToken);
        return new ReconcilePaymentsPayload(summary);
    }
}

/// <summary>The mismatch to mark resolved, and how it was.</summary>
public sealed class ResolvePaymentMismatchInput
{
    /// <summary>The mismatch's ID.</summary>
    [ID<PaymentMismatch>]
    public required Guid MismatchId { get; init; }

    /// <summary>What was done about it, for the record (1 to 1000 characters).</summary>
    public required string Resolution { get; init; }
}

/// <summary>What resolvePaymentMismatch did: the mismatch, resolved, or why not (and then nothing changed).</summary>
public sealed class ResolvePaymentMismatchPayload
{
    private ResolvePaymentMismatchPayload(PaymentMismatch? mismatch, IReadOnlyList<IResolvePaymentMismatchError>? errors)
    {
        Mismatch = mismatch;
        Errors = errors;
    }

    /// <summary>The mismatch as it now stands, or null when there are errors.</summary>
    public PaymentMismatch? Mismatch { get; }

    /// <summary>Why the mismatch was not resolved, or null.</summary>
    public IReadOnlyList<IResolvePaymentMismatchError>? Errors { get; }

    /// <summary>The payload of a mismatch just resolved.</summary>
    public static ResolvePaymentMismatchPayload Resolved(PaymentMismatch mismatch) => new(mismatch, null);

    /// <summary>The payload of a refusal, nothing changed.</summary>
    public static ResolvePaymentMismatchPayload Failed(IResolvePaymentMismatchError error) => new(null, [error]);
}

/// <summary>What reconcilePayments did.</summary>
public sealed class ReconcilePaymentsPayload(PaymentReconciliationSummary summary)
{
    /// <summary>What the run did, payment by payment.</summary>
    public PaymentReconciliationSummary Summary { get; } = summary;
}

/// <summary>The domain errors of resolvePaymentMismatch.</summary>
[UnionType("ResolvePaymentMismatchError")]
public interface IResolvePaymentMismatchError;

/// <summary>No mismatch has this ID.</summary>
public sealed class PaymentMismatchNotFoundError(Guid mismatchId) : IError, IResolvePaymentMismatchError
{
    /// <inheritdoc />
    public string Message => "There is no payment mismatch with this ID.";

    /// <inheritdoc />
    public string Code => "PAYMENT_MISMATCH_NOT_FOUND";

    /// <summary>The ID that matched no mismatch, as it was given.</summary>
    [ID<PaymentMismatch>]
    public Guid MismatchId { get; } = mismatchId;
}

/// <summary>The mismatch was already resolved (by someone else, or by an earlier request).</summary>
public sealed class PaymentMismatchAlreadyResolvedError(Guid mismatchId, DateTime resolvedAt) : IError, IResolvePaymentMismatchError
{
    /// <inheritdoc />
    public string Message => "This mismatch is already resolved.";

    /// <inheritdoc />
    public string Code => "PAYMENT_MISMATCH_ALREADY_RESOLVED";

    /// <summary>The mismatch.</summary>
    [ID<PaymentMismatch>]
    public Guid MismatchId { get; } = mismatchId;

    /// <summary>When it was resolved.</summary>
    public DateTime ResolvedAt { get; } = resolvedAt;
}
