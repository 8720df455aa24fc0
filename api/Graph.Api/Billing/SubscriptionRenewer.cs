using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Billing;

/// <summary>What one run of <see cref="SubscriptionRenewer"/> did.</summary>
public sealed record RenewalRun(int RenewalsAsked, int Expired, int Errors);

/// <summary>
/// Keeps subscriptions going: asks for the renewal payment of each ACTIVE, auto-renewing subscription whose period ends
/// within <see cref="BillingOptions.RenewalOptions.RenewBefore"/> (at most once a day while none succeeded: each attempt's
/// idempotency key names the period and the day), and expires subscriptions whose period ended (unpaid, or cancelled).
/// The period is extended when the renewal payment settles (<see cref="BillingSettlementHandler"/>). Safe to run on every
/// instance at once: the keys make one payment per subscription, period and day, and each write locks its subscription.
/// </summary>
public sealed class SubscriptionRenewer(
    IDbContextFactory<GraphDbContext> contexts,
    PaymentService payments,
    BillingService billing,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionRenewer> logger)
{
    /// <summary>Thrown inside a renewal payment's creation when its subscription changed meanwhile: nothing is written.</summary>
    private sealed class SubscriptionMovedException : Exception;

    /// <summary>One run: renewals first (a period about to end), then expiries (a period that ended).</summary>
    public async Task<RenewalRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Billing.Renewal;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var asked = 0;
        var errors = 0;
        List<ReaderSubscription> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var horizon = now + settings.RenewBefore;
            due = await db.ReaderSubscriptions.AsNoTracking()
                .Where(s => s.Status == SubscriptionStatus.Active && s.AutoRenew && s.CurrentPeriodEnd > now && s.CurrentPeriodEnd <= horizon
                            && (s.RenewalPaymentId == null || db.Payments.Any(p => p.Id == s.RenewalPaymentId
                                && (p.Status == PaymentStatus.Failed || p.Status == PaymentStatus.Expired || p.Status == PaymentStatus.Cancelled))))
                .OrderBy(s => s.CurrentPeriodEnd).Take(settings.BatchSize).ToListAsync(cancellationToken);
        }
        foreach (var subscription in due)
        {
            try
            {
                if (await RenewAsync(subscription, today, cancellationToken))
                {
                    asked++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                errors++;
                logger.LogError(ex, "The renewal of subscription {SubscriptionId} failed; the next run tries again.", subscription.Id);
            }
        }

        int expired;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            expired = await db.ReaderSubscriptions
                .Where(s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Cancelled) && s.CurrentPeriodEnd <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Expired).SetProperty(s => s.ExpiredAt, now), cancellationToken);
        }
        return new RenewalRun(asked, expired, errors);
    }

    /// <summary>Asks for the renewal payment of one subscription, linking it to the subscription in the payment's creation
    /// (so that a settlement arriving at once finds it); false when there is nothing to ask (the plan closed, a payment of
    /// today already asked, the subscription moved).</summary>
    private async Task<bool> RenewAsync(ReaderSubscription seen, DateOnly today, CancellationToken cancellationToken)
    {
        PaymentRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var plan = await db.SubscriptionPlans.AsNoTracking().SingleAsync(p => p.Id == seen.PlanId, cancellationToken);
            if (!plan.Active)
            {
                return false;
            }
            if (await billing.PriceInAsync(db, plan.Price, seen.PayCurrency, cancellationToken) is not { } amount)
            {
                logger.LogWarning("Subscription {SubscriptionId} pays in {Currency}, for which there is no rate today; it is not renewed now.", seen.Id, seen.PayCurrency);
                return false;
            }
            var key = $"renewal:{seen.Id:N}:{seen.PeriodsPaid + 1}:{today:yyyyMMdd}";
            request = billing.SubscriptionRequest(plan, seen.UserId, seen.Method, seen.WalletNumber, amount, key, "Renouvellement");
        }
        try
        {
            var created = await payments.InitiateAsync(request, seen.UserId, async (db, payment, ct) =>
            {
                var subscription = await SubscriptionLocks.LockAsync(db, seen.Id, ct);
                if (subscription.Status != SubscriptionStatus.Active || !subscription.AutoRenew || subscription.RenewalPaymentId != seen.RenewalPaymentId
                    || subscription.PeriodsPaid != seen.PeriodsPaid)
                {
                    throw new SubscriptionMovedException();
                }
                subscription.RenewalPaymentId = payment.Id;
            }, cancellationToken);
            if (created.Refusal is { } refusal)
            {
                logger.LogWarning("The renewal payment of subscription {SubscriptionId} was refused: {Code} {Message}", seen.Id, refusal.Code, refusal.Message);
                return false;
            }
            return !created.Replayed;
        }
        catch (SubscriptionMovedException)
        {
            return false;
        }
    }
}

/// <summary>
/// Runs <see cref="SubscriptionRenewer"/> on this instance while it lives: once at start, then every <c>Interval</c>
/// ("Graph:Billing:Renewal"); does nothing where <c>Enabled</c> is false. A failing run is logged; the next tick tries again.
/// </summary>
public sealed class SubscriptionRenewalService(SubscriptionRenewer renewer, IOptions<GraphOptions> options, TimeProvider clock, ILogger<SubscriptionRenewalService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Billing.Renewal;
        if (!settings.Enabled)
        {
            logger.LogInformation("Subscription renewal is switched off on this instance (Graph:Billing:Renewal:Enabled).");
            return;
        }
        await Task.Yield();
        using var timer = new PeriodicTimer(settings.Interval, clock);
        try
        {
            do
            {
                try
                {
                    var run = await renewer.RunOnceAsync(stoppingToken);
                    if (run.RenewalsAsked + run.Expired + run.Errors > 0)
                    {
                        logger.LogInformation("Subscription renewal: {Asked} renewal payment(s) asked, {Expired} subscription(s) expired, {Errors} error(s).",
                            run.RenewalsAsked, run.Expired, run.Errors);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "A subscription renewal run failed; the next one comes at the next tick.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
