using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Tontines;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Payments;

/// <summary>Cash payments on Mutation, maker-checker: recorded with a proof by one person, validated or rejected by another.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class CashPaymentsMutations
{
    /// <summary>
    /// Records cash received (a contribution, a book paid at the counter) or handed out (a tontine's pot, a planter's
    /// cocoa), with its proof: the payment is PENDING until a second person validates it, and counts only then. For a
    /// tontine's payments, its treasurers and president may record; for a planter's payment, a cooperative manager;
    /// FINANCE and ADMIN for every purpose. The same idempotency key and payload return the same payment.
    /// </summary>
    [Authorize(Policy = CashPaymentPolicies.Maker)]
    public async Task<RecordCashPaymentPayload> RecordCashPaymentAsync(
        RecordCashPaymentInput input,
        ClaimsPrincipal user,
        CashPaymentsService cash,
        CancellationToken cancellationToken)
    {
        var result = await cash.RecordAsync(input, Accounts.RequireUserId(user), cancellationToken);
        return result.Error is null ? new RecordCashPaymentPayload(result.Payment, null) : new RecordCashPaymentPayload(null, [(IRecordCashPaymentError)result.Error]);
    }

    /// <summary>
    /// Validates a cash payment awaiting its checker: it becomes SUCCEEDED and is posted to the ledger (cash in hand,
    /// PROVIDER_CLEARING:CASH). Only someone who may record cash for its purpose (or FINANCE, ADMIN), and never the person
    /// who recorded it. Recorded in the audit log.
    /// </summary>
    [Authorize(Policy = CashPaymentPolicies.Checker)]
    public async Task<ValidateCashPaymentPayload> ValidateCashPaymentAsync(
        ValidateCashPaymentInput input,
        ClaimsPrincipal user,
        CashPaymentsService cash,
        CancellationToken cancellationToken)
    {
        var result = await cash.ValidateAsync(input.PaymentId, Accounts.RequireUserId(user), cancellationToken);
        return result.Error is null ? new ValidateCashPaymentPayload(result.Payment, null) : new ValidateCashPaymentPayload(null, [(IValidateCashPaymentError)result.Error]);
    }

    /// <summary>
    /// Rejects a cash payment awaiting its checker (the amount is wrong, the proof does not hold): it FAILS with
    /// CASH_REJECTED and the reason, and nothing is posted. The same people as for validateCashPayment. Recorded in the
    /// audit log.
    /// </summary>
    [Authorize(Policy = CashPaymentPolicies.Checker)]
    public async Task<RejectCashPaymentPayload> RejectCashPaymentAsync(
        RejectCashPaymentInput input,
        ClaimsPrincipal user,
        CashPaymentsService cash,
        CancellationToken cancellationToken)
    {
        var result = await cash.RejectAsync(input.PaymentId, Accounts.RequireUserId(user), input.Reason, cancellationToken);
        return result.Error is null ? new RejectCashPaymentPayload(result.Payment, null) : new RejectCashPaymentPayload(null, [(IRejectCashPaymentError)result.Error]);
    }
}

/// <summary>Cash to record, with its proof.</summary>
public sealed class RecordCashPaymentInput
{
    /// <summary>What the cash is for (not REFUND).</summary>
    public required PaymentPurpose Purpose { get; init; }

    /// <summary>How much cash.</summary>
    public required MoneyInput Amount { get; init; }

    /// <summary>The user who paid, when they have an account (a contribution's member, a planter payment's buyer).</summary>
    [ID<User>]
    public Guid? PayerId { get; init; }

    /// <summary>The user who was paid, when they have an account (a pot's winner, a planter).</summary>
    [ID<User>]
    public Guid? PayeeId { get; init; }

    /// <summary>The tontine, for its contributions and payouts.</summary>
    [ID<Tontine>]
    public Guid? TontineId { get; init; }

    /// <summary>What the payment is for, in words (1 to 200 characters).</summary>
    public required string Description { get; init; }

    /// <summary>The caller's key for this recording: sending it again (a lost answer) returns the same payment.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The proof of the cash.</summary>
    public required CashProofInput Proof { get; init; }
}

/// <summary>The proof of cash: the receipt's reference, a note, and optionally a photo of the receipt.</summary>
public sealed class CashProofInput
{
    /// <summary>The receipt's number, or the reference written on it (1 to 100 characters).</summary>
    public required string Reference { get; init; }

    /// <summary>What the maker adds (at most 1000 characters).</summary>
    public string? Note { get; init; }

    /// <summary>A photo of the receipt, in base64: a JPEG, PNG or WebP image of at most 512 KiB. Its kind is read from its
    /// bytes.</summary>
    public string? Photo { get; init; }

    /// <summary>The photo's media type, if the client states it (image/jpeg, image/png or image/webp); it must be what the
    /// photo's bytes say.</summary>
    public string? PhotoContentType { get; init; }
}

/// <summary>The cash payment to validate.</summary>
public sealed class ValidateCashPaymentInput
{
    /// <summary>The cash payment awaiting its checker.</summary>
    [ID<Payment>]
    public required Guid PaymentId { get; init; }
}

/// <summary>The cash payment to reject, and why.</summary>
public sealed class RejectCashPaymentInput
{
    /// <summary>The cash payment awaiting its checker.</summary>
    [ID<Payment>]
    public required Guid PaymentId { get; init; }

    /// <summary>Why the cash is refused (1 to 500 characters); the payer reads it.</summary>
    public required string Reason { get; init; }
}

/// <summary>What recordCashPayment did: the payment, PENDING until its checker acts, or why nothing was recorded.</summary>
public sealed class RecordCashPaymentPayload(Payment? payment, IReadOnlyList<IRecordCashPaymentError>? errors)
{
    /// <summary>The payment recorded (or recorded before under the same key), or null when there are errors.</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>Why nothing was recorded, or null.</summary>
    public IReadOnlyList<IRecordCashPaymentError>? Errors { get; } = errors;
}

/// <summary>What validateCashPayment did: the payment, SUCCEEDED, or why it did not change.</summary>
public sealed class ValidateCashPaymentPayload(Payment? payment, IReadOnlyList<IValidateCashPaymentError>? errors)
{
    /// <summary>The payment as it now stands, or null when there are errors.</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>Why the payment was not validated, or null.</summary>
    public IReadOnlyList<IValidateCashPaymentError>? Errors { get; } = errors;
}

/// <summary>What rejectCashPayment did: the payment, FAILED, or why it did not change.</summary>
public sealed class RejectCashPaymentPayload(Payment? payment, IReadOnlyList<IRejectCashPaymentError>? errors)
{
    /// <summary>The payment as it now stands, or null when there are errors.</summary>
    public Payment? Payment { get; } = payment;

    /// <summary>Why the payment was not rejected, or null.</summary>
    public IReadOnlyList<IRejectCashPaymentError>? Errors { get; } = errors;
}

/// <summary>The domain errors of recordCashPayment.</summary>
[UnionType("RecordCashPaymentError")]
public interface IRecordCashPaymentError;

/// <summary>The domain errors of validateCashPayment.</summary>
[UnionType("ValidateCashPaymentError")]
public interface IValidateCashPaymentError;

/// <summary>The domain errors of rejectCashPayment.</summary>
[UnionType("RejectCashPaymentError")]
public interface IRejectCashPaymentError;

/// <summary>The person who recorded a cash payment cannot also be its checker.</summary>
public sealed class MakerCannotCheckError(Guid paymentId) : IError, IValidateCashPaymentError, IRejectCashPaymentError
{
    /// <inheritdoc />
    public string Message => "You recorded this cash payment: another person who may record it (or FINANCE) must validate or reject it.";

    /// <inheritdoc />
    public string Code => "MAKER_CANNOT_CHECK";

    /// <summary>The payment.</summary>
    [ID<Payment>]
    public Guid PaymentId { get; } = paymentId;
}
