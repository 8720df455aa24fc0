using Graph.Api.Common;

namespace Graph.Api.Payments.Providers;

/// <summary>Where a transaction stands at the provider, in the platform's words.</summary>
public enum ProviderState
{
    /// <summary>Waiting for the customer (a USSD prompt, a checkout page) or for the provider.</summary>
    Pending,
    Succeeded,
    Failed,

    /// <summary>The customer did not confirm in time.</summary>
    Expired,

    /// <summary>The customer or the merchant cancelled it.</summary>
    Cancelled,

    /// <summary>The provider has no transaction under this reference.</summary>
    Unknown,
}

/// <summary>What a provider says of a transaction: its state, its reference, and for a failure why.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="ProviderReference">The provider's reference, when it gave one.</param>
/// <param name="FailureReason">Why it failed (for Failed).</param>
/// <param name="Message">The provider's words, for people.</param>
/// <param name="Amount">The amount the provider reports, when it reports one (checked against the payment's).</param>
/// <param name="CustomerAction">What the customer must do now (open a link, dial a code), when the flow needs it.</param>
public sealed record ProviderUpdate(
    ProviderState State,
    string? ProviderReference = null,
    PaymentFailureReason? FailureReason = null,
    string? Message = null,
    Money? Amount = null,
    string? CustomerAction = null);

/// <summary>A payment as a provider needs it to start a transaction.</summary>
/// <param name="PaymentId">Our ID, sent to the provider as its client reference (so the transaction can be found by it).</param>
/// <param name="Collection">True to take money from the wallet, false to send money to it.</param>
/// <param name="Amount">How much.</param>
/// <param name="WalletNumber">The customer's mobile money number, E.164.</param>
/// <param name="Description">What the customer sees.</param>
/// <param name="CreatedAt">When the payment was created (simulators derive their timeline from it).</param>
public sealed record ProviderPaymentRequest(Guid PaymentId, bool Collection, Money Amount, string WalletNumber, string Description, DateTime CreatedAt);

/// <summary>A provider's callback as received: the raw body (the signature covers these exact bytes) and the headers (names
/// compared without regard to case).</summary>
public sealed record ProviderCallbackRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt);

/// <summary>What a verified callback says.</summary>
/// <param name="PaymentId">Our payment ID, when the callback carries it.</param>
/// <param name="ProviderReference">The provider's reference.</param>
/// <param name="EventId">The provider's event ID, when it gives one.</param>
/// <param name="ReportedStatus">The status in the provider's words, for the record.</param>
/// <param name="Update">The status in the platform's words.</param>
public sealed record ProviderCallback(Guid? PaymentId, string? ProviderReference, string? EventId, string ReportedStatus, ProviderUpdate Update);

/// <summary>Why a callback was refused before anything was read from it.</summary>
public enum CallbackRejection
{
    /// <summary>No signature, or one that no current secret produces.</summary>
    BadSignature,

    /// <summary>The signature's timestamp is outside the tolerance (a replay, or a clock far off).</summary>
    StaleTimestamp,

    /// <summary>Signed, but not a body this provider sends.</summary>
    Malformed,
}

/// <summary>The outcome of verifying a callback: the callback, or why it was refused.</summary>
public sealed record CallbackVerification(ProviderCallback? Callback, CallbackRejection? Rejection, string? Error)
{
    public static CallbackVerification Valid(ProviderCallback callback) => new(callback, null, null);

    public static CallbackVerification Refused(CallbackRejection rejection, string error) => new(null, rejection, error);
}

/// <summary>
/// A mobile money provider (Orange Money, MTN MoMo, Moov Money, Wave, Free Money), as the payments module sees it: a real
/// HTTP client configured by keys, or the deterministic simulator used in Development and tests. Cash has none.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The method this provider serves.</summary>
    PaymentMethod Method { get; }

    /// <summary>Starts a transaction. Usually Pending (the customer must confirm); some failures are known at once.</summary>
    Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Asks where a transaction stands (for providers that never call back, and for reconciliation).</summary>
    Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken);

    /// <summary>Verifies a callback's signature on its raw body, then reads it. Never throws for a bad callback.</summary>
    CallbackVerification VerifyCallback(ProviderCallbackRequest request);

    /// <summary>Sends the money of a succeeded collection back to the customer's wallet.</summary>
    Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken);
}
