using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Payments;

/// <summary>
/// Money asked of a payer (a collection: a book, a subscription, a contribution) or sent to a payee (a disbursement: a
/// tontine's pot, a planter's cocoa), by cash or mobile money. Its status only moves as <see cref="PaymentStateMachine"/>
/// allows, each move is kept in <see cref="History"/>, and a SUCCEEDED payment has exactly one ledger posting.
/// </summary>
[Node]
public sealed class Payment
{
    /// <summary>The longest idempotency key, in characters.</summary>
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>The longest description, in characters.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>The longest provider reference, in characters.</summary>
    public const int MaxProviderReferenceLength = 100;

    /// <summary>The longest failure message kept, in characters.</summary>
    public const int MaxFailureMessageLength = 500;

    public Guid Id { get; init; }

    /// <summary>What the payment is for.</summary>
    public PaymentPurpose Purpose { get; init; }

    /// <summary>How the money moves.</summary>
    public PaymentMethod Method { get; init; }

    /// <summary>Where the payment stands.</summary>
    [IsProjected(true)]
    public PaymentStatus Status { get; set; }

    /// <summary>The amount the payer pays (or the payee receives), in the currency the money moves in.</summary>
    public required Money Amount { get; init; }

    /// <summary>The currency the ledger account on the other side keeps (a EUR book paid in XOF settles in EUR), the
    /// amount's own currency when nothing is converted.</summary>
    public Currency SettlementCurrency { get; init; }

    /// <summary>When currencies differ: how much of the settlement currency one unit of the amount's currency is worth,
    /// as fixed when the payment was initiated.</summary>
    public decimal? FxRate { get; init; }

    /// <summary>The date of the FX rate used.</summary>
    public DateOnly? FxRateDate { get; init; }

    /// <summary>The account that pays, when it is a user of the platform.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? PayerUserId { get; init; }

    /// <summary>The account that is paid, when it is a user of the platform.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? PayeeUserId { get; init; }

    /// <summary>The mobile money number that pays (a collection) or receives (a disbursement), in E.164; null for cash.</summary>
    public string? WalletNumber { get; init; }

    /// <summary>The tontine, for contributions and payouts.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? TontineId { get; init; }

    /// <summary>The book, for a book purchase.</summary>
    [GraphQLIgnore]
    public Guid? BookId { get; init; }

    /// <summary>The author owed royalties on a book purchase, and their share of it (0 to 1).</summary>
    [GraphQLIgnore]
    public Guid? RoyaltyAuthorId { get; init; }

    /// <summary>The author's share of a book purchase, from 0 to 1.</summary>
    [GraphQLIgnore]
    public decimal? RoyaltyRate { get; init; }

    /// <summary>The tax included in <see cref="Amount"/> (VAT: prices are tax-inclusive), in the amount's currency; null
    /// when the payment carries no tax (tontines, planters, refunds).</summary>
    [GraphQLIgnore]
    public decimal? TaxAmount { get; init; }

    /// <summary>The tax rate <see cref="TaxAmount"/> was computed at (0.18 for 18 %), set with it.</summary>
    [GraphQLIgnore]
    public decimal? TaxRate { get; init; }

    /// <summary>For a REFUND: the payment it gives back.</summary>
    [GraphQLIgnore]
    public Guid? RefundOfPaymentId { get; init; }

    /// <summary>What the payer sees on their phone and their statement.</summary>
    public required string Description { get; init; }

    /// <summary>The provider's reference for the transaction, once it has one.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>Why the payment failed, when it did.</summary>
    public PaymentFailureReason? FailureReason { get; set; }

    /// <summary>The provider's or the checker's words on the failure.</summary>
    public string? FailureMessage { get; set; }

    /// <summary>The key the initiator gave: the same key and payload return this payment again.</summary>
    [GraphQLIgnore]
    public required string IdempotencyKey { get; init; }

    /// <summary>The SHA-256 of the initiating request's payload, to tell a retry from another request under the same key.</summary>
    [GraphQLIgnore]
    public required string RequestHash { get; init; }

    /// <summary>The user who initiated the payment (or recorded the cash).</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid InitiatedByUserId { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When a payment still waiting for the customer expires.</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>When the payment succeeded (and was posted to the ledger), or null.</summary>
    public DateTime? SettledAt { get; set; }

    /// <summary>The reconciliation job's claim: until then, the run that set it is the only one asking the provider about
    /// this payment; null when no run holds it. Written by the job's own statements, never through the entity.</summary>
    [GraphQLIgnore]
    public DateTime? ReconcileAfter { get; init; }

    /// <summary>Every move of the status, oldest first.</summary>
    [GraphQLIgnore]
    public List<PaymentStatusChange> History { get; init; } = [];
}

/// <summary>One move of a payment's status: from what, to what, why, and who or what moved it.</summary>
[NotAudited]
public sealed class PaymentStatusChange
{
    public long Id { get; init; }

    [GraphQLIgnore]
    public Guid PaymentId { get; init; }

    /// <summary>The status before, or null for the payment's creation.</summary>
    public PaymentStatus? From { get; init; }

    /// <summary>The status after.</summary>
    public PaymentStatus To { get; init; }

    /// <summary>Who or what moved it.</summary>
    public PaymentEventSource Source { get; init; }

    /// <summary>Why a payment failed, when this move is a failure.</summary>
    public PaymentFailureReason? Reason { get; init; }

    /// <summary>Words from the provider or the user, if any.</summary>
    public string? Note { get; init; }

    /// <summary>The user who moved it, when a user did.</summary>
    [GraphQLIgnore]
    public Guid? ActorUserId { get; init; }

    /// <summary>The provider's event ID, when a callback moved it.</summary>
    public string? ProviderEventId { get; init; }

    public DateTime At { get; init; }
}
