using Graph.Api.Data;

namespace Graph.Api.Payments;

/// <summary>
/// A domain's part in a payment's settlement: what it writes when a payment it sold something for succeeds (grants an
/// ebook, activates a subscription, issues an invoice, credits a tontine's session) and when that payment is refunded.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="PaymentService"/> resolves every registered handler (<c>IEnumerable&lt;IPaymentSettlementHandler&gt;</c>, in
/// registration order) and calls them inside the transaction that moves the payment, with the payment's row locked and
/// after its ledger posting was added. A handler adds its rows to the given context and never saves nor commits: the
/// payment's owner does, once, so the domain's rows are written with the payment's move or not at all.
/// </para>
/// <para>
/// A handler is called for every payment that settles, of every purpose: it looks at <see cref="Payment.Purpose"/> (and
/// its own rows) and returns at once for payments that are not its own. It must be idempotent in spirit (a payment
/// succeeds once, but a handler must not assume its rows do not exist yet when a payment was created by other means).
/// A handler that throws rolls the whole move back: the payment stays where it was, nothing is posted, and the provider's
/// callback is answered 503 so that the provider sends it again. Throw only for what a retry may cure (the database).
/// </para>
/// </remarks>
public interface IPaymentSettlementHandler
{
    /// <summary>Called when <paramref name="payment"/> (not a REFUND) has just moved to SUCCEEDED.</summary>
    /// <param name="db">The context of the move's transaction; add rows to it, do not save.</param>
    /// <param name="payment">The payment, tracked and locked; its settlement posting is already added.</param>
    /// <param name="now">The time of the move (the server's clock).</param>
    /// <param name="cancellationToken">Cancels the move.</param>
    Task OnSucceededAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken);

    /// <summary>Called when <paramref name="refund"/> has just succeeded and <paramref name="original"/> became REFUNDED.</summary>
    /// <param name="db">The context of the move's transaction; add rows to it, do not save.</param>
    /// <param name="original">The payment given back, tracked and locked, now REFUNDED.</param>
    /// <param name="refund">The REFUND payment, now SUCCEEDED, whose posting reverses the original's.</param>
    /// <param name="now">The time of the move.</param>
    /// <param name="cancellationToken">Cancels the move.</param>
    Task OnRefundedAsync(GraphDbContext db, Payment original, Payment refund, DateTime now, CancellationToken cancellationToken);
}
