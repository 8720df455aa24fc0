using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Graph.Api.Billing;

/// <summary>What a purchase or a subscription asked of <see cref="BillingService"/> gave: a payment (with the customer's
/// next step), or the error.</summary>
public sealed record BillingResult<TError>(Payment? Payment, string? CustomerAction, TError? Error, ReaderSubscription? Subscription = null)
    where TError : class;

/// <summary>
/// Sales of the reading platform: ebooks bought one by one and subscriptions to plans. Every sale is a payment made through
/// <see cref="PaymentService"/> (tax-inclusive price, VAT and royalty on it); what it grants is written when it settles
/// (<see cref="BillingSettlementHandler"/>).
/// </summary>
public sealed class BillingService(
    IDbContextFactory<GraphDbContext> contexts,
    PaymentService payments,
    IOptions<GraphOptions> options,
    TimeProvider clock)
{
    /// <summary>The author's share of a book's net sale: the book's royalty rule in force (<see cref="RoyaltyRules"/>), else
    /// the platform's default rate.</summary>
    public Task<decimal> RoyaltyRateAsync(GraphDbContext db, BookForSale book, CancellationToken cancellationToken) =>
        RoyaltyRules.RateForSaleAsync(db, book.BookId, clock.GetUtcNow().UtcDateTime, options.Value.Payments.AuthorRoyaltyRate, cancellationToken);

    /// <summary>Starts the purchase of an ebook by <paramref name="userId"/>: refused when they own it already.</summary>
    public async Task<BillingResult<IBuyBookError>> BuyBookAsync(Guid userId, BuyBookInput input, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(input.WalletNumber, out var wallet, out var problem))
        {
            return new(null, null, new InvalidPaymentInputError("walletNumber", problem));
        }
        PaymentRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await BookSales.FindAsync(db, input.BookId, cancellationToken) is not { OnSale: true } book)
            {
                return new(null, null, new PaymentSubjectNotFoundError("bookId", "There is no book for sale with this ID."));
            }
            if (await db.BookOwnerships.AnyAsync(o => o.UserId == userId && o.BookId == book.BookId && o.RevokedAt == null, cancellationToken))
            {
                return new(null, null, new BookAlreadyOwnedError(book.BookId));
            }
            var amount = await PriceInAsync(db, book.Price, input.Currency ?? book.Price.Currency, cancellationToken);
            if (amount is null)
            {
                return new(null, null, new FxRateMissingError(input.Currency!.Value, book.Price.Currency, $"There is no {input.Currency}/{book.Price.Currency} exchange rate today."));
            }
            var vat = Vat.RateFor(options.Value.Billing, wallet);
            request = new PaymentRequest
            {
                Purpose = PaymentPurpose.BookPurchase,
                Method = input.Method,
                Amount = amount,
                SettlementCurrency = book.Price.Currency,
                WalletNumber = wallet,
                PayerUserId = userId,
                BookId = book.BookId,
                RoyaltyAuthorId = book.AuthorId,
                RoyaltyRate = await RoyaltyRateAsync(db, book, cancellationToken),
                TaxAmount = Vat.IncludedIn(amount, vat),
                TaxRate = vat,
                Description = Cut($"Ebook « {book.Title} »", Payment.MaxDescriptionLength),
                IdempotencyKey = input.IdempotencyKey,
            };
        }
        if (Refused(input.Method) is { } unavailable)
        {
            return new(null, null, unavailable);
        }
        var created = await payments.InitiateAsync(request, userId, cancellationToken);
        if (created.Refusal is { } refusal)
        {
            return new(null, null, (IBuyBookError)ToError(refusal, input.IdempotencyKey, input.Method, request));
        }
        return new(created.Payment, await payments.CustomerActionAsync(created.Payment!, cancellationToken), null);
    }

    /// <summary>Subscribes <paramref name="userId"/> to a plan: a PENDING subscription and its first payment, written
    /// together; the subscription opens when the payment settles. Refused while another subscription of theirs waits for
    /// its payment or still gives access.</summary>
    public async Task<BillingResult<ISubscribeToPlanError>> SubscribeAsync(Guid userId, SubscribeToPlanInput input, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(input.WalletNumber, out var wallet, out var problem))
        {
            return new(null, null, new InvalidPaymentInputError("walletNumber", problem));
        }
        if (input.Method == PaymentMethod.Cash)
        {
            return new(null, null, new InvalidPaymentInputError("method", "A subscription is paid and renewed by mobile money."));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        PaymentRequest request;
        SubscriptionPlan plan;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.SubscriptionPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == input.PlanId && p.Active, cancellationToken) is not { } found)
            {
                return new(null, null, new SubscriptionPlanNotFoundError(input.PlanId));
            }
            plan = found;
            // A retry under the same key returns the subscription it made.
            var replay = await db.Payments.AsNoTracking().Where(p => p.InitiatedByUserId == userId && p.IdempotencyKey == input.IdempotencyKey)
                .Select(p => p.Id).SingleOrDefaultAsync(cancellationToken);
            if (replay == Guid.Empty && await BlockingSubscriptionAsync(db, userId, now, cancellationToken) is { } blocking)
            {
                return new(null, null, blocking);
            }
            var amount = await PriceInAsync(db, plan.Price, input.Currency ?? plan.Price.Currency, cancellationToken);
            if (amount is null)
            {
                return new(null, null, new FxRateMissingError(input.Currency!.Value, plan.Price.Currency, $"There is no {input.Currency}/{plan.Price.Currency} exchange rate today."));
            }
            request = SubscriptionRequest(plan, userId, input.Method, wallet, amount, input.IdempotencyKey, "Abonnement");
        }
        if (Refused(input.Method) is { } unavailable)
        {
            return new(null, null, unavailable);
        }
        PaymentCreation created;
        try
        {
            created = await payments.InitiateAsync(request, userId, (db, payment, _) =>
            {
                db.ReaderSubscriptions.Add(new ReaderSubscription
                {
                    Id = Guid.CreateVersion7(now),
                    UserId = userId,
                    PlanId = plan.Id,
                    Status = SubscriptionStatus.Pending,
                    Method = input.Method,
                    WalletNumber = wallet,
                    PayCurrency = request.Amount.Currency,
                    PaymentId = payment.Id,
                    AutoRenew = true,
                    CreatedAt = now,
                });
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ReaderSubscriptionConfiguration.OneOpenIndex })
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return new(null, null, await BlockingSubscriptionAsync(db, userId, now, cancellationToken)
                ?? new AlreadySubscribedError(Guid.Empty, "Another subscription of yours was opened at the same moment."));
        }
        if (created.Refusal is { } refusal)
        {
            return new(null, null, (ISubscribeToPlanError)ToError(refusal, input.IdempotencyKey, input.Method, request));
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var subscription = await db.ReaderSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.PaymentId == created.Payment!.Id, cancellationToken);
            return new(created.Payment, await payments.CustomerActionAsync(created.Payment!, cancellationToken), null, subscription);
        }
    }

    /// <summary>Stops renewing an ACTIVE subscription of <paramref name="userId"/>: it becomes CANCELLED and reads on until
    /// its period ends.</summary>
    public async Task<(ReaderSubscription? Subscription, ICancelSubscriptionError? Error)> CancelAsync(Guid userId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.ReaderSubscriptions.AnyAsync(s => s.Id == subscriptionId && s.UserId == userId, cancellationToken))
        {
            return (null, new SubscriptionNotFoundError(subscriptionId));
        }
        var subscription = await SubscriptionLocks.LockAsync(db, subscriptionId, cancellationToken);
        if (subscription.Status != SubscriptionStatus.Active)
        {
            return (null, new SubscriptionStatusConflictError(subscription.Id, subscription.Status, subscription.Status == SubscriptionStatus.Pending
                ? "This subscription waits for its first payment: cancel the payment instead (cancelPayment)."
                : $"A {EnumNames<SubscriptionStatus>.ToName(subscription.Status)} subscription is not renewed anyway."));
        }
        subscription.Status = SubscriptionStatus.Cancelled;
        subscription.AutoRenew = false;
        subscription.CancelledAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (subscription, null);
    }

    /// <summary>The payment request of one period of <paramref name="plan"/>, VAT included at the buyer's rate.</summary>
    internal PaymentRequest SubscriptionRequest(SubscriptionPlan plan, Guid userId, PaymentMethod method, string wallet, Money amount, string key, string what)
    {
        var vat = Vat.RateFor(options.Value.Billing, wallet);
        return new PaymentRequest
        {
            Purpose = PaymentPurpose.Subscription,
            Method = method,
            Amount = amount,
            SettlementCurrency = plan.Price.Currency,
            WalletNumber = wallet,
            PayerUserId = userId,
            TaxAmount = Vat.IncludedIn(amount, vat),
            TaxRate = vat,
            Description = Cut($"{what} {plan.NameFr}", Payment.MaxDescriptionLength),
            IdempotencyKey = key,
        };
    }

    /// <summary><paramref name="price"/> in <paramref name="currency"/>: itself, or converted at today's rate and rounded up
    /// to the currency's unit (as initiatePayment expects); null when there is no rate.</summary>
    internal async Task<Money?> PriceInAsync(GraphDbContext db, Money price, Currency currency, CancellationToken cancellationToken)
    {
        if (currency == price.Currency)
        {
            return price;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (await PaymentService.FindRateAsync(db, currency, price.Currency, today, cancellationToken) is not { } rate)
        {
            return null;
        }
        var unit = Money.MinorUnits(currency) == 0 ? 1m : 100m;
        return new Money(Math.Ceiling(price.Amount / rate.Rate * unit) / unit, currency);
    }

    /// <summary>The subscription of <paramref name="userId"/> that keeps them from subscribing again (waiting for a payment
    /// still open, or giving access now), or null. One whose first payment ended without success is expired on the way.</summary>
    private static async Task<AlreadySubscribedError?> BlockingSubscriptionAsync(GraphDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.ReaderSubscriptions.Where(s => s.UserId == userId
                && (s.Status == SubscriptionStatus.Pending || s.Status == SubscriptionStatus.Active || (s.Status == SubscriptionStatus.Cancelled && s.CurrentPeriodEnd > now)))
            .ToListAsync(cancellationToken);
        foreach (var subscription in open)
        {
            if (subscription.Status == SubscriptionStatus.Pending)
            {
                var status = await db.Payments.Where(p => p.Id == subscription.PaymentId).Select(p => p.Status).SingleAsync(cancellationToken);
                if (status is PaymentStatus.Failed or PaymentStatus.Expired or PaymentStatus.Cancelled)
                {
                    await db.ReaderSubscriptions.Where(s => s.Id == subscription.Id && s.Status == SubscriptionStatus.Pending)
                        .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Expired).SetProperty(s => s.ExpiredAt, now), cancellationToken);
                    continue;
                }
                return new AlreadySubscribedError(subscription.Id, "A subscription of yours is waiting for its payment; confirm it on your phone or cancel it.");
            }
            return new AlreadySubscribedError(subscription.Id, $"You are subscribed until {subscription.CurrentPeriodEnd:yyyy-MM-dd}.");
        }
        return null;
    }

    private PaymentMethodUnavailableError? Refused(PaymentMethod method) =>
        method == PaymentMethod.Cash ? new PaymentMethodUnavailableError(method) : null;

    private static object ToError(PaymentRefusal refusal, string key, PaymentMethod method, PaymentRequest request) => refusal.Code switch
    {
        "IDEMPOTENCY_KEY_REUSED" => new IdempotencyKeyReusedError(key),
        "PAYMENT_METHOD_UNAVAILABLE" => new PaymentMethodUnavailableError(method),
        "FX_RATE_MISSING" => new FxRateMissingError(request.Amount.Currency, request.SettlementCurrency ?? request.Amount.Currency, refusal.Message),
        _ => new InvalidPaymentInputError(refusal.Field ?? "input", refusal.Message),
    };

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
