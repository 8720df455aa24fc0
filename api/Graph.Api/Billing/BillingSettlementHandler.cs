using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>
/// Billing's part in settlements (<see cref="IPaymentSettlementHandler"/>): a settled book purchase grants the ebook, a
/// settled subscription payment opens or extends its period, and either is invoiced to the payer, who is told; a refund
/// revokes what it paid for and is credited. All in the settlement's transaction.
/// </summary>
public sealed class BillingSettlementHandler(Notifier notifier, ILogger<BillingSettlementHandler> logger) : IPaymentSettlementHandler
{
    /// <inheritdoc />
    public async Task OnSucceededAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        if (payment.PayerUserId is not { } buyer)
        {
            return;
        }
        string? line = payment.Purpose switch
        {
            PaymentPurpose.BookPurchase when payment.BookId is { } bookId => await GrantBookAsync(db, payment, buyer, bookId, now, cancellationToken),
            PaymentPurpose.Subscription => await ExtendSubscriptionAsync(db, payment, now, cancellationToken),
            _ => null,
        };
        if (line is null)
        {
            return;
        }
        var invoice = await InvoiceIssuer.IssueAsync(db, payment, line, now, cancellationToken);
        await notifier.NotifyAsync(db, buyer, NotificationTemplates.InvoiceIssued,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["number"] = invoice.Number, ["total"] = invoice.Total.ToString() },
            data: new { invoiceId = invoice.Id, paymentId = payment.Id }, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task OnRefundedAsync(GraphDbContext db, Payment original, Payment refund, DateTime now, CancellationToken cancellationToken)
    {
        switch (original.Purpose)
        {
            case PaymentPurpose.BookPurchase:
                foreach (var ownership in await db.BookOwnerships.Where(o => o.PaymentId == original.Id && o.RevokedAt == null).ToListAsync(cancellationToken))
                {
                    ownership.RevokedAt = now;
                }
                break;
            case PaymentPurpose.Subscription:
                await EndRefundedPeriodAsync(db, original, now, cancellationToken);
                break;
            default:
                return;
        }
        if (await InvoiceIssuer.CreditAsync(db, original, refund, now, cancellationToken) is { } note && original.PayerUserId is { } buyer)
        {
            var invoiceNumber = await db.Invoices.Where(i => i.Id == note.CorrectsInvoiceId).Select(i => i.Number).SingleAsync(cancellationToken);
            await notifier.NotifyAsync(db, buyer, NotificationTemplates.CreditNoteIssued,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["number"] = note.Number, ["total"] = note.Total.ToString(), ["invoice"] = invoiceNumber },
                data: new { invoiceId = note.Id, paymentId = refund.Id }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Grants the ebook (unless the reader already holds it: a second purchase that settled anyway is still
    /// invoiced, and FINANCE may refund it); returns the invoice line's words.</summary>
    private async Task<string> GrantBookAsync(GraphDbContext db, Payment payment, Guid buyer, Guid bookId, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.BookOwnerships.AnyAsync(o => o.UserId == buyer && o.BookId == bookId && o.RevokedAt == null, cancellationToken))
        {
            logger.LogWarning("Payment {PaymentId} bought book {BookId}, which its payer {UserId} already owns; it is invoiced, ownership is unchanged.", payment.Id, bookId, buyer);
        }
        else
        {
            db.BookOwnerships.Add(new BookOwnership { Id = Guid.CreateVersion7(now), UserId = buyer, BookId = bookId, PaymentId = payment.Id, AcquiredAt = now });
        }
        var title = (await BookSales.FindAsync(db, bookId, cancellationToken))?.Title;
        return title is null ? payment.Description : $"Ebook « {title} »";
    }

    /// <summary>Opens (first payment) or extends (renewal) the subscription the payment pays for; returns the invoice
    /// line's words, or the payment's description when no subscription names it (a subscription paid with initiatePayment).</summary>
    private static async Task<string> ExtendSubscriptionAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        var ids = await db.ReaderSubscriptions.AsNoTracking().Where(s => s.PaymentId == payment.Id || s.RenewalPaymentId == payment.Id)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return payment.Description;
        }
        var subscription = await SubscriptionLocks.LockAsync(db, ids[0], cancellationToken);
        var plan = await db.SubscriptionPlans.AsNoTracking().SingleAsync(p => p.Id == subscription.PlanId, cancellationToken);
        var reopen = subscription.Status is SubscriptionStatus.Pending or SubscriptionStatus.Expired
                     || subscription.CurrentPeriodEnd is not { } end || end <= now;
        if (reopen && subscription.Status == SubscriptionStatus.Expired
            && await db.ReaderSubscriptions.AnyAsync(s => s.UserId == subscription.UserId && s.Id != subscription.Id
                                                          && (s.Status == SubscriptionStatus.Pending || s.Status == SubscriptionStatus.Active), cancellationToken))
        {
            // The reader subscribed anew meanwhile: this late renewal is invoiced, and FINANCE may refund it.
            return $"{plan.NameFr} ({payment.Description})";
        }
        if (reopen)
        {
            subscription.AnchorAt = now;
            subscription.PeriodsPaid = 1;
            subscription.CurrentPeriodStart = now;
        }
        else
        {
            subscription.PeriodsPaid++;
            subscription.CurrentPeriodStart = subscription.CurrentPeriodEnd;
        }
        subscription.CurrentPeriodEnd = SubscriptionPeriods.EndOf(subscription.AnchorAt!.Value, plan.Period, subscription.PeriodsPaid);
        if (subscription.Status != SubscriptionStatus.Cancelled)
        {
            subscription.Status = SubscriptionStatus.Active;
            subscription.ExpiredAt = null;
        }
        subscription.LatestPaymentId = payment.Id;
        if (subscription.RenewalPaymentId == payment.Id)
        {
            subscription.RenewalPaymentId = null;
        }
        return $"{plan.NameFr} : du {subscription.CurrentPeriodStart:yyyy-MM-dd} au {subscription.CurrentPeriodEnd:yyyy-MM-dd}";
    }

    /// <summary>A refunded subscription payment ends the period it paid for now, and the subscription is not renewed.</summary>
    private static async Task EndRefundedPeriodAsync(GraphDbContext db, Payment original, DateTime now, CancellationToken cancellationToken)
    {
        var id = await db.ReaderSubscriptions.AsNoTracking().Where(s => s.LatestPaymentId == original.Id).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return;
        }
        var subscription = await SubscriptionLocks.LockAsync(db, id.Value, cancellationToken);
        subscription.AutoRenew = false;
        subscription.Status = SubscriptionStatus.Expired;
        subscription.ExpiredAt = now;
        if (subscription.CurrentPeriodEnd > now && subscription.CurrentPeriodStart < now)
        {
            subscription.CurrentPeriodEnd = now;
        }
    }
}

/// <summary>Row locks on subscriptions, so that a settlement, the renewal job and the reader's cancellation never write one
/// subscription at once.</summary>
public static class SubscriptionLocks
{
    /// <summary>Locks the subscription's row until the transaction ends and loads it, tracked.</summary>
    public static async Task<ReaderSubscription> LockAsync(GraphDbContext db, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM reader_subscriptions WHERE id = {subscriptionId} FOR UPDATE").ToListAsync(cancellationToken);
        var tracked = db.ReaderSubscriptions.Local.FirstOrDefault(s => s.Id == subscriptionId);
        if (tracked is not null)
        {
            await db.Entry(tracked).ReloadAsync(cancellationToken);
            return tracked;
        }
        return await db.ReaderSubscriptions.SingleAsync(s => s.Id == subscriptionId, cancellationToken);
    }
}
