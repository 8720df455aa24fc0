using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Billing;

/// <summary>
/// A reader's subscription to a plan: PENDING until its first payment settles, then ACTIVE for paid periods, each renewed
/// by a payment asked for a few days before the period ends. Cancelled, it is not renewed but reads on until the period
/// ends; a period that ends unpaid makes it EXPIRED. Periods are counted from <see cref="AnchorAt"/> in calendar months, so
/// a subscription started on January 31 runs to February 28 (or 29), then to March 31.
/// </summary>
[Node]
public sealed class ReaderSubscription
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid UserId { get; init; }

    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid PlanId { get; init; }

    [IsProjected(true)]
    public SubscriptionStatus Status { get; set; }

    /// <summary>How the subscription is paid, and renewed.</summary>
    public PaymentMethod Method { get; set; }

    /// <summary>The wallet that pays, in E.164.</summary>
    public required string WalletNumber { get; set; }

    /// <summary>The currency the reader pays in (the plan's, or another converted at the day's rate).</summary>
    public Currency PayCurrency { get; set; }

    /// <summary>The payment that opened the subscription.</summary>
    [GraphQLIgnore]
    public Guid PaymentId { get; init; }

    /// <summary>The renewal payment under way, or null.</summary>
    [GraphQLIgnore]
    public Guid? RenewalPaymentId { get; set; }

    /// <summary>The payment that paid the current period.</summary>
    [GraphQLIgnore]
    public Guid? LatestPaymentId { get; set; }

    /// <summary>The start of the first paid period of the current run: periods end at whole periods from it.</summary>
    [GraphQLIgnore]
    public DateTime? AnchorAt { get; set; }

    /// <summary>How many periods have been paid since <see cref="AnchorAt"/>.</summary>
    [GraphQLIgnore]
    public int PeriodsPaid { get; set; }

    [IsProjected(true)]
    public DateTime? CurrentPeriodStart { get; set; }

    [IsProjected(true)]
    public DateTime? CurrentPeriodEnd { get; set; }

    /// <summary>Whether the subscription is renewed when the period ends.</summary>
    public bool AutoRenew { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the reader cancelled it, or null.</summary>
    public DateTime? CancelledAt { get; set; }

    /// <summary>When it expired, or null.</summary>
    public DateTime? ExpiredAt { get; set; }
}
