using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Billing;

/// <summary>The domain errors of buyBook.</summary>
[UnionType("BuyBookError")]
public interface IBuyBookError;

/// <summary>The domain errors of subscribeToPlan.</summary>
[UnionType("SubscribeToPlanError")]
public interface ISubscribeToPlanError;

/// <summary>The domain errors of cancelSubscription.</summary>
[UnionType("CancelSubscriptionError")]
public interface ICancelSubscriptionError;

/// <summary>The caller already owns this book: it is in their library, there is nothing to buy.</summary>
public sealed class BookAlreadyOwnedError(Guid bookId) : IError, IBuyBookError
{
    /// <inheritdoc />
    public string Message => "You already own this book; it is in your library.";

    /// <inheritdoc />
    public string Code => "BOOK_ALREADY_OWNED";

    [ID<Book>]
    public Guid BookId { get; } = bookId;
}

/// <summary>No active plan has this ID.</summary>
public sealed class SubscriptionPlanNotFoundError(Guid planId) : IError, ISubscribeToPlanError
{
    /// <inheritdoc />
    public string Message => "There is no plan open to subscriptions with this ID.";

    /// <inheritdoc />
    public string Code => "SUBSCRIPTION_PLAN_NOT_FOUND";

    [ID<SubscriptionPlan>]
    public Guid PlanId { get; } = planId;
}

/// <summary>The caller already has a subscription that is waiting for its payment or still gives access.</summary>
public sealed class AlreadySubscribedError(Guid subscriptionId, string message) : IError, ISubscribeToPlanError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "ALREADY_SUBSCRIBED";

    /// <summary>The subscription in the way.</summary>
    [ID<ReaderSubscription>]
    public Guid SubscriptionId { get; } = subscriptionId;
}

/// <summary>No subscription of the caller has this ID.</summary>
public sealed class SubscriptionNotFoundError(Guid subscriptionId) : IError, ICancelSubscriptionError
{
    /// <inheritdoc />
    public string Message => "You have no subscription with this ID.";

    /// <inheritdoc />
    public string Code => "SUBSCRIPTION_NOT_FOUND";

    [ID<ReaderSubscription>]
    public Guid SubscriptionId { get; } = subscriptionId;
}

/// <summary>The subscription's status does not allow the change.</summary>
public sealed class SubscriptionStatusConflictError(Guid subscriptionId, SubscriptionStatus status, string message) : IError, ICancelSubscriptionError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "SUBSCRIPTION_STATUS_CONFLICT";

    [ID<ReaderSubscription>]
    public Guid SubscriptionId { get; } = subscriptionId;

    /// <summary>Where the subscription stands.</summary>
    public SubscriptionStatus Status { get; } = status;
}
