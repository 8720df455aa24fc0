using Graph.Api.Audit;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;

namespace Graph.Api.Payments;

/// <summary>
/// The proof of a cash payment (a receipt number, a note, a photo of the receipt), recorded by a treasurer or a manager.
/// The payment counts only once a second person, the checker, has validated it (maker-checker).
/// </summary>
public sealed class CashProof
{
    /// <summary>The longest reference, in characters.</summary>
    public const int MaxReferenceLength = 100;

    /// <summary>The longest note, in characters.</summary>
    public const int MaxNoteLength = 1000;

    /// <summary>The largest photo, in bytes (a phone photo of a receipt, compressed). Sent in base64 (4 characters per 3
    /// bytes), it still fits the default request body of 1 MiB (Graph:GraphQL:MaxRequestBodySize) with the rest of the
    /// request.</summary>
    public const int MaxPhotoBytes = 512 * 1024;

    [GraphQLIgnore]
    public Guid PaymentId { get; init; }

    /// <summary>The receipt's number, or the reference written on it.</summary>
    public required string Reference { get; init; }

    /// <summary>What the maker adds (who brought the money, in which notes).</summary>
    public string? Note { get; init; }

    /// <summary>A photo of the receipt.</summary>
    [GraphQLIgnore]
    [AuditRedacted]
    public byte[]? Photo { get; init; }

    /// <summary>The photo's media type: image/jpeg, image/png or image/webp.</summary>
    public string? PhotoContentType { get; init; }

    /// <summary>Who recorded the cash (the maker).</summary>
    [GraphQLIgnore]
    public Guid RecordedByUserId { get; init; }

    public DateTime RecordedAt { get; init; }

    /// <summary>Who validated or rejected it (the checker), never the maker.</summary>
    [GraphQLIgnore]
    public Guid? CheckedByUserId { get; set; }

    public DateTime? CheckedAt { get; set; }
}

/// <summary>What happened to a provider's callback.</summary>
public enum CallbackOutcome
{
    /// <summary>It moved the payment.</summary>
    Applied,

    /// <summary>The payment was already where the callback said: nothing to do.</summary>
    Duplicate,

    /// <summary>It told of an earlier step than the payment's (it came late): nothing to do.</summary>
    OutOfOrder,

    /// <summary>No payment has its reference (answered 404).</summary>
    UnknownPayment,

    /// <summary>It contradicts the payment (a success for an expired payment, another amount): a mismatch to look at.</summary>
    Conflict,
}

/// <summary>A provider's callback with a valid signature, as received, and what it did. Callbacks with a bad signature are
/// not stored (only logged): storing them would let anyone fill the table.</summary>
[NotAudited]
public sealed class PaymentCallback
{
    /// <summary>The largest body kept, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public long Id { get; init; }

    public PaymentMethod Provider { get; init; }

    /// <summary>The provider's ID for the event, when it gives one.</summary>
    public string? EventId { get; init; }

    /// <summary>The payment the callback names (by our ID or the provider's reference), when there is one.</summary>
    public Guid? PaymentId { get; init; }

    /// <summary>The provider's reference for the transaction, as the callback gives it.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>The status the provider reported, in its own words.</summary>
    public required string ReportedStatus { get; init; }

    public CallbackOutcome Outcome { get; set; }

    /// <summary>The raw body, as signed.</summary>
    public required string Body { get; init; }

    public DateTime ReceivedAt { get; init; }
}

/// <summary>What a mismatch between the platform and a provider is.</summary>
public enum MismatchKind
{
    /// <summary>A provider reported a transaction no payment has.</summary>
    UnknownPayment,

    /// <summary>The provider's status contradicts ours (money taken for a payment we hold EXPIRED or FAILED).</summary>
    StatusConflict,

    /// <summary>The provider reported another amount or currency than the payment's.</summary>
    AmountMismatch,

    /// <summary>The payment stayed PENDING past its expiry and the provider could not say what became of it.</summary>
    Unresolved,
}

/// <summary>
/// A difference between what a provider says and what the platform holds, found by a callback or the reconciliation job:
/// never settled automatically, listed for FINANCE to resolve.
/// </summary>
[Graph.GraphQL.Types.Relay.Node]
public sealed class PaymentMismatch
{
    /// <summary>The longest detail, in characters.</summary>
    public const int MaxDetailLength = 1000;

    public Guid Id { get; init; }

    public MismatchKind Kind { get; init; }

    /// <summary>The payment concerned, when there is one.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? PaymentId { get; init; }

    public PaymentMethod Provider { get; init; }

    /// <summary>The provider's reference, as it gave it.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>Our status when the mismatch was found.</summary>
    public PaymentStatus? OurStatus { get; init; }

    /// <summary>The provider's status, in its words.</summary>
    public required string ProviderStatus { get; init; }

    /// <summary>What differs, in words.</summary>
    public required string Detail { get; init; }

    public DateTime DetectedAt { get; init; }

    /// <summary>When FINANCE marked it resolved, or null while open.</summary>
    public DateTime? ResolvedAt { get; set; }

    /// <summary>Who resolved it.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? ResolvedByUserId { get; set; }

    /// <summary>What was done about it.</summary>
    public string? Resolution { get; set; }
}
