using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Notifications;

/// <summary>
/// Runs <see cref="OutboxDispatcher"/> rounds on this instance while it lives: back to back while rounds come back full,
/// else after the next wake-up (a message committed here) or <c>PollInterval</c> (messages committed elsewhere, retries
/// coming due). A failing round (the database away) is logged and retried after the poll interval.
/// </summary>
public sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<GraphOptions> options, ILogger<OutboxDispatcherService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Notifications.Dispatcher;
        if (!settings.Enabled)
        {
            logger.LogInformation("The notification dispatcher is switched off on this instance (Graph:Notifications:Dispatcher:Enabled).");
            return;
        }
        // Let the host finish starting before the first round.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var round = await dispatcher.RunOnceAsync(stoppingToken);
                full = round.Claimed >= Math.Max(OutboxDispatcher.MinimumBatchSize, settings.BatchSize);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A round of the notification dispatcher failed; the next one starts in {PollInterval}.", settings.PollInterval);
            }
            if (full)
            {
                continue;
            }
            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
