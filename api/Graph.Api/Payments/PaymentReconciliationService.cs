using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Payments;

/// <summary>
/// Runs <see cref="PaymentReconciler"/> on this instance while it lives: once at start, then every <c>Interval</c>
/// ("Graph:Payments:Reconciliation"). Every instance may run it: claims keep two runs from asking about the same payment.
/// A failing run (the database away) is logged and the next one comes at the next tick.
/// </summary>
public sealed class PaymentReconciliationService(PaymentReconciler reconciler, IOptions<GraphOptions> options, TimeProvider clock, ILogger<PaymentReconciliationService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Payments.Reconciliation;
        if (!settings.Enabled)
        {
            logger.LogInformation("Payment reconciliation is switched off on this instance (Graph:Payments:Reconciliation:Enabled).");
            return;
        }
        // Let the host finish starting before the first run.
        await Task.Yield();
        using var timer = new PeriodicTimer(settings.Interval, clock);
        try
        {
            do
            {
                try
                {
                    var run = await reconciler.RunOnceAsync(stoppingToken);
                    if (run.LookedAt > 0)
                    {
                        logger.LogInformation(
                            "Payment reconciliation looked at {LookedAt} payment(s): {Settled} settled, {Expired} expired, {Failed} failed, {Cancelled} cancelled, {StillPending} still pending, {Mismatches} mismatch(es), {Errors} error(s).",
                            run.LookedAt, run.Settled, run.Expired, run.Failed, run.Cancelled, run.StillPending, run.Mismatches, run.Errors);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "A payment reconciliation run failed; the next one starts in {Interval}.", settings.Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
