using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.GraphQL.Types;

namespace Graph.Api.Billing;

/// <summary>An ebook to buy by mobile money, at its price (VAT included).</summary>
public sealed class BuyBookInput
{
    [ID<Book>]
    public required Guid BookId { get; init; }

    /// <summary>The mobile money provider.</summary>
    public required PaymentMethod Method { get; init; }

    /// <summary>The wallet that pays, with its country code.</summary>
    public required string WalletNumber { get; init; }

    /// <summary>The currency to pay in, when not the book's: the price converted at the day's rate, rounded up to the
    /// currency's unit.</summary>
    public Currency? Currency { get; init; }

    /// <summary>A key made once per purchase and sent again on every retry of it.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>A plan to subscribe to, paid by mobile money (and renewed from the same wallet).</summary>
public sealed class SubscribeToPlanInput
{
    [ID<SubscriptionPlan>]
    public required Guid PlanId { get; init; }

    public required PaymentMethod Method { get; init; }

    public required string WalletNumber { get; init; }

    /// <summary>The currency to pay in, when not the plan's (converted at the day's rate).</summary>
    public Currency? Currency { get; init; }

    /// <summary>A key made once per subscription and sent again on every retry of it.</summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>A subscription to stop renewing.</summary>
public sealed class CancelSubscriptionInput
{
    [ID<ReaderSubscription>]
    public required Guid SubscriptionId { get; init; }
}
