using Graph.GraphQL.Types;

namespace Graph.Api.Payments;

/// <summary>What a payment mutation did: the payment, or the reasons nothing changed.</summary>
public abstract class PaymentPayloadBase<TError>
{
    protected PaymentPayloadBase(Payment? payment, IReadOnlyList<TError>? errors)
    {
        Payment = payment;
        Errors = errors;
    }

    /// <summary>The payment, or null when there are errors.</summary>
    public Payment? Payment { get; }

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<TError>? Errors { get; }
}

/// <summary>What initiatePayment did: the payment (usually PENDING: the customer must confirm on their phone), or why none
/// was created.</summary>
public sealed class InitiatePaymentPayload : PaymentPayloadBase<IInitiatePaymentError>
{
    private InitiatePaymentPayload(Payment? payment, IReadOnlyList<IInitiatePaymentError>? errors, string? customerAction)
        : base(payment, errors) => CustomerAction = customerAction;

    /// <summary>What the customer must do now (dial a code, open a link), when the provider said.</summary>
    public string? CustomerAction { get; }

    public static InitiatePaymentPayload Done(Payment payment, string? customerAction) => new(payment, null, customerAction);

    public static InitiatePaymentPayload Failed(IInitiatePaymentError error) => new(null, [error], null);
}

/// <summary>What refundPayment did: the refund payment (the original becomes REFUNDED once it succeeds), or why not.</summary>
public sealed class RefundPaymentPayload : PaymentPayloadBase<IRefundPaymentError>
{
    private RefundPaymentPayload(Payment? payment, IReadOnlyList<IRefundPaymentError>? errors)
        : base(payment, errors)
    {
    }

    public static RefundPaymentPayload Done(Payment refund) => new(refund, null);

    public static RefundPaymentPayload Failed(IRefundPaymentError error) => new(null, [error]);
}

/// <summary>What cancelPayment did: the payment, CANCELLED, or why not.</summary>
public sealed class CancelPaymentPayload : PaymentPayloadBase<ICancelPaymentError>
{
    private CancelPaymentPayload(Payment? payment, IReadOnlyList<ICancelPaymentError>? errors)
        : base(payment, errors)
    {
    }

    public static CancelPaymentPayload Done(Payment payment) => new(payment, null);

    public static CancelPaymentPayload Failed(ICancelPaymentError error) => new(null, [error]);
}

/// <summary>What setFxRate did: the rate recorded, or why not.</summary>
public sealed class SetFxRatePayload
{
    private SetFxRatePayload(FxRate? rate, IReadOnlyList<InvalidPaymentInputError>? errors)
    {
        FxRate = rate;
        Errors = errors;
    }

    public FxRate? FxRate { get; }

    public IReadOnlyList<InvalidPaymentInputError>? Errors { get; }

    public static SetFxRatePayload Done(FxRate rate) => new(rate, null);

    public static SetFxRatePayload Failed(InvalidPaymentInputError error) => new(null, [error]);
}

/// <summary>The domain errors of initiatePayment.</summary>
[UnionType("InitiatePaymentError")]
public interface IInitiatePaymentError;

/// <summary>The domain errors of refundPayment.</summary>
[UnionType("RefundPaymentError")]
public interface IRefundPaymentError;

/// <summary>The domain errors of cancelPayment.</summary>
[UnionType("CancelPaymentError")]
public interface ICancelPaymentError;
