using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Payments;

/// <summary>A field of the input breaks a rule of payments.</summary>
public sealed class InvalidPaymentInputError(string field, string message)
    : IError, IInitiatePaymentError, IRefundPaymentError, IRecordCashPaymentError, IValidateCashPaymentError, IRejectCashPaymentError, IResolvePaymentMismatchError,
      Billing.IBuyBookError, Billing.ISubscribeToPlanError, Tontines.IPayContributionError, Tontines.IRecordCashContributionError, Tontines.IPayPassageError, Deliveries.IPayDeliveryError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_PAYMENT_INPUT";

    /// <summary>The offending input field, e.g. <c>walletNumber</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>No payment the caller may see has the given ID.</summary>
public sealed class PaymentNotFoundError(Guid paymentId)
    : IError, IRefundPaymentError, ICancelPaymentError, IValidateCashPaymentError, IRejectCashPaymentError
{
    /// <inheritdoc />
    public string Message => "There is no payment with this ID.";

    /// <inheritdoc />
    public string Code => "PAYMENT_NOT_FOUND";

    /// <summary>The payment ID that matched no payment, as it was given.</summary>
    [ID<Payment>]
    public Guid PaymentId { get; } = paymentId;
}

/// <summary>The idempotency key was already used by the caller for a payment with another payload.</summary>
public sealed class IdempotencyKeyReusedError(string idempotencyKey)
    : IError, IInitiatePaymentError, IRefundPaymentError, IRecordCashPaymentError, Billing.IBuyBookError, Billing.ISubscribeToPlanError, Tontines.IPayContributionError, Tontines.IRecordCashContributionError, Tontines.IPayPassageError, Deliveries.IPayDeliveryError
{
    /// <inheritdoc />
    public string Message => "This idempotency key was already used for a different payment; use a new key for a new payment.";

    /// <inheritdoc />
    public string Code => "IDEMPOTENCY_KEY_REUSED";

    /// <summary>The key.</summary>
    public string IdempotencyKey { get; } = idempotencyKey;
}

/// <summary>The payment method is not offered here (its provider is not configured).</summary>
public sealed class PaymentMethodUnavailableError(PaymentMethod method) : IError, IInitiatePaymentError, IRefundPaymentError, Billing.IBuyBookError, Billing.ISubscribeToPlanError, Tontines.IPayContributionError, Tontines.IPayPassageError, Deliveries.IPayDeliveryError
{
    /// <inheritdoc />
    public string Message => $"{Data.EnumNames<PaymentMethod>.ToName(Method)} is not offered here.";

    /// <inheritdoc />
    public string Code => "PAYMENT_METHOD_UNAVAILABLE";

    /// <summary>The method asked for.</summary>
    public PaymentMethod Method { get; } = method;
}

/// <summary>No exchange rate converts the payment's currency into the settlement currency on the payment's date.</summary>
public sealed class FxRateMissingError(Currency from, Currency to, string message) : IError, IInitiatePaymentError, Billing.IBuyBookError, Billing.ISubscribeToPlanError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "FX_RATE_MISSING";

    public Currency From { get; } = from;

    public Currency To { get; } = to;
}

/// <summary>The payment's status does not allow what was asked (validating a payment already settled, refunding a failed one).</summary>
public sealed class PaymentStatusConflictError(Guid paymentId, PaymentStatus status, string message)
    : IError, IRefundPaymentError, ICancelPaymentError, IValidateCashPaymentError, IRejectCashPaymentError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "PAYMENT_STATUS_CONFLICT";

    [ID<Payment>]
    public Guid PaymentId { get; } = paymentId;

    /// <summary>The payment's status now.</summary>
    public PaymentStatus Status { get; } = status;
}

/// <summary>The book, tontine or payee the payment names does not exist, or the caller has no part in it.</summary>
public sealed class PaymentSubjectNotFoundError(string field, string message) : IError, IInitiatePaymentError, IRecordCashPaymentError, Billing.IBuyBookError, Tontines.IRecordCashContributionError, Tontines.IPayPassageError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "PAYMENT_SUBJECT_NOT_FOUND";

    /// <summary>The input field naming it: <c>bookId</c>, <c>tontineId</c> or <c>payeeId</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>The money to pay out is not there (a tontine's pot holds less than the payout, once other open payouts are set aside).</summary>
public sealed class InsufficientFundsError(string message) : IError, IInitiatePaymentError, IRecordCashPaymentError, Tontines.IPayPassageError, Deliveries.IPayDeliveryError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INSUFFICIENT_FUNDS";
}
