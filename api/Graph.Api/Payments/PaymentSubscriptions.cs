using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>What is announced when a payment moves: which payment. Subscribers read the payment as it is then.</summary>
/// <param name="PaymentId">The payment that moved.</param>
/// <param name="Status">The status it moved to.</param>
public sealed record PaymentMoved(Guid PaymentId, PaymentStatus Status);

/// <summary>Payments' events on Subscription.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class PaymentSubscriptions
{
    /// <summary>The payment each time its status changes (PENDING, SUCCEEDED, FAILED...), once the change is committed; for
    /// those who may see the payment. The stream ends after a final status.</summary>
    [Subscribe(With = nameof(SubscribeToPaymentStatusChangedAsync))]
    [Authorize]
    public Task<Payment?> PaymentStatusChangedAsync([EventMessage] PaymentMoved moved, [ID<Payment>] Guid paymentId, ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        PaymentFields.GetPaymentByIdAsync(moved.PaymentId, user, contexts, cancellationToken);

    /// <summary>Subscribes to one payment's moves, when the caller may see the payment; otherwise the request fails as for a
    /// payment that does not exist.</summary>
    public async Task<IAsyncEnumerable<PaymentMoved>> SubscribeToPaymentStatusChangedAsync(
        [ID<Payment>] Guid paymentId,
        ITopicEventReceiver receiver,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        CancellationToken cancellationToken)
    {
        if (await PaymentFields.GetPaymentByIdAsync(paymentId, user, contexts, cancellationToken) is null)
        {
            throw new GraphQLException("There is no payment with this ID.", "PAYMENT_NOT_FOUND");
        }
        return new Events(await receiver.SubscribeAsync<PaymentMoved>(PaymentTopics.StatusChanged(paymentId), cancellationToken));
    }

    /// <summary>Each of the caller's payments (paid, received or initiated) when its status changes, once committed.</summary>
    [Subscribe(With = nameof(SubscribeToMyPaymentUpdatesAsync))]
    [Authorize]
    public Task<Payment?> MyPaymentUpdatesAsync([EventMessage] PaymentMoved moved, ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken) =>
        PaymentFields.GetPaymentByIdAsync(moved.PaymentId, user, contexts, cancellationToken);

    /// <summary>Subscribes to the caller's own topic, named from the access token (never from an argument).</summary>
    public async Task<IAsyncEnumerable<PaymentMoved>> SubscribeToMyPaymentUpdatesAsync(ITopicEventReceiver receiver, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new GraphQLException("The access token names no user.", IdentityErrorCodes.TokenInvalid);
        return new Events(await receiver.SubscribeAsync<PaymentMoved>(PaymentTopics.UserUpdates(userId), cancellationToken));
    }

    /// <summary>The topic's events; disposing it unsubscribes, even when the events were never read.</summary>
    private sealed class Events(ISourceStream<PaymentMoved> stream) : IAsyncEnumerable<PaymentMoved>, IAsyncDisposable
    {
        public IAsyncEnumerator<PaymentMoved> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            stream.ReadEventsAsync().GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}

/// <summary>The subscription topics of payments.</summary>
public static class PaymentTopics
{
    /// <summary>The topic of one payment's moves.</summary>
    public static string StatusChanged(Guid paymentId) => $"paymentStatusChanged:{paymentId:N}";

    /// <summary>The topic of the moves of one user's payments.</summary>
    public static string UserUpdates(Guid userId) => $"paymentUpdates:{userId:N}";
}

/// <summary>
/// Once a change that moved payments is committed, announces each move on the payment's topic and on the topics of its
/// payer, payee and initiator. Nothing is announced for a change rolled back.
/// </summary>
public sealed class PaymentEventsInterceptor(IServiceProvider services, ILogger<PaymentEventsInterceptor> logger)
    : AfterCommitInterceptor<(PaymentMoved Moved, Guid[] Users)>
{
    private ITopicEventSender? _sender;
    private bool _resolved;

    /// <inheritdoc />
    protected override List<(PaymentMoved Moved, Guid[] Users)>? Collect(DbContext context)
    {
        List<(PaymentMoved, Guid[])>? items = null;
        foreach (var entry in context.ChangeTracker.Entries<PaymentStatusChange>())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }
            var change = entry.Entity;
            var payment = context.ChangeTracker.Entries<Payment>().FirstOrDefault(p => p.Entity.Id == change.PaymentId)?.Entity;
            Guid[] users = payment is null
                ? []
                : [.. new[] { payment.PayerUserId, payment.PayeeUserId, payment.InitiatedByUserId }.OfType<Guid>().Distinct()];
            (items ??= []).Add((new PaymentMoved(change.PaymentId, change.To), users));
        }
        return items;
    }

    /// <inheritdoc />
    protected override async Task CommittedAsync(IReadOnlyList<(PaymentMoved Moved, Guid[] Users)> items)
    {
        if (Sender() is not { } sender)
        {
            return;
        }
        foreach (var (moved, users) in items)
        {
            try
            {
                await sender.SendAsync(PaymentTopics.StatusChanged(moved.PaymentId), moved, CancellationToken.None).ConfigureAwait(false);
                foreach (var user in users)
                {
                    await sender.SendAsync(PaymentTopics.UserUpdates(user), moved, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Payment {PaymentId} moved to {Status}, but the event could not be sent.", moved.PaymentId, moved.Status);
            }
        }
    }

    private ITopicEventSender? Sender()
    {
        if (!Volatile.Read(ref _resolved))
        {
            _sender = services.GetService<ITopicEventSender>();
            Volatile.Write(ref _resolved, true);
        }
        return _sender;
    }
}
