using Graph.Api.Payments;

namespace Graph.Api.Billing;

/// <summary>What buyBook did: the purchase's payment (usually PENDING: the customer confirms on their phone; the book is
/// in the library once it succeeds), or why none was made.</summary>
public sealed class BuyBookPayload(Payment? payment, string? customerAction, IReadOnlyList<IBuyBookError>? errors)
{
    public Payment? Payment { get; } = payment;

    /// <summary>What the customer must do now (dial a code, open a link), when the provider said.</summary>
    public string? CustomerAction { get; } = customerAction;

    public IReadOnlyList<IBuyBookError>? Errors { get; } = errors;

    public static BuyBookPayload Failed(IBuyBookError error) => new(null, null, [error]);
}

/// <summary>What subscribeToPlan did: the subscription (PENDING until its payment succeeds) and its payment, or why not.</summary>
public sealed class SubscribeToPlanPayload(ReaderSubscription? subscription, Payment? payment, string? customerAction, IReadOnlyList<ISubscribeToPlanError>? errors)
{
    public ReaderSubscription? Subscription { get; } = subscription;

    public Payment? Payment { get; } = payment;

    /// <summary>What the customer must do now, when the provider said.</summary>
    public string? CustomerAction { get; } = customerAction;

    public IReadOnlyList<ISubscribeToPlanError>? Errors { get; } = errors;

    public static SubscribeToPlanPayload Failed(ISubscribeToPlanError error) => new(null, null, null, [error]);
}

/// <summary>What cancelSubscription did: the subscription, CANCELLED (readable until its period ends), or why not.</summary>
public sealed class CancelSubscriptionPayload(ReaderSubscription? subscription, IReadOnlyList<ICancelSubscriptionError>? errors)
{
    public ReaderSubscription? Subscription { get; } = subscription;

    public IReadOnlyList<ICancelSubscriptionError>? Errors { get; } = errors;
}
