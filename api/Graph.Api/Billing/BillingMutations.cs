using System.Security.Claims;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;

namespace Graph.Api.Billing;

/// <summary>Billing's changes on Mutation: buying an ebook, subscribing to a plan, cancelling a subscription.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class BillingMutations
{
    /// <summary>Buys an ebook by mobile money, at its price VAT included (or that price converted into another currency at
    /// the day's rate): the customer confirms on their phone, and the book joins their library, with its invoice, once the
    /// payment succeeds. Refused for a book the caller owns already. The same idempotency key returns the same payment.</summary>
    [Authorize]
    public async Task<BuyBookPayload> BuyBookAsync(BuyBookInput input, ClaimsPrincipal user, BillingService billing, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        var result = await billing.BuyBookAsync(userId, input, cancellationToken);
        return result.Error is { } error ? BuyBookPayload.Failed(error) : new BuyBookPayload(result.Payment, result.CustomerAction, null);
    }

    /// <summary>Subscribes the caller to a plan: the subscription is PENDING until its first payment succeeds, then ACTIVE
    /// for the paid period, renewed from the same wallet a few days before it ends. Refused while another subscription of
    /// the caller's waits for its payment or still gives access.</summary>
    [Authorize]
    public async Task<SubscribeToPlanPayload> SubscribeToPlanAsync(SubscribeToPlanInput input, ClaimsPrincipal user, BillingService billing, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        var result = await billing.SubscribeAsync(userId, input, cancellationToken);
        return result.Error is { } error
            ? SubscribeToPlanPayload.Failed(error)
            : new SubscribeToPlanPayload(result.Subscription, result.Payment, result.CustomerAction, null);
    }

    /// <summary>Stops renewing one of the caller's ACTIVE subscriptions: it becomes CANCELLED, and the caller reads on until
    /// the paid period ends.</summary>
    [Authorize]
    public async Task<CancelSubscriptionPayload> CancelSubscriptionAsync(CancelSubscriptionInput input, ClaimsPrincipal user, BillingService billing, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        var (subscription, error) = await billing.CancelAsync(userId, input.SubscriptionId, cancellationToken);
        return new CancelSubscriptionPayload(subscription, error is null ? null : [error]);
    }
}
