using System.Net.Http.Headers;
using System.Threading.Channels;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Payments.Providers;

/// <summary>
/// Makes the simulators call the platform back as a real provider would (Development, when a simulator's
/// <see cref="PaymentsOptions.ProviderOptions.SendCallbacks"/> is on): a simulator that starts a transaction schedules it
/// here, and once the simulated customer has answered (<see cref="PaymentSimulator.FinalAt"/>) the signed callback of the
/// final state is POSTed to <c>{CallbackBaseUrl}/payments/callback/{provider}</c>, through the same endpoint and checks as a
/// provider's. An answer other than 2xx, or none, is retried (up to <see cref="MaxAttempts"/> times, waiting 1, 2, 4, 8 s...);
/// each attempt is signed anew, at the time it is sent, under the same event ID, so that the platform applies it once.
/// </summary>
/// <remarks>Flows the simulator never calls back for (a silent success, an unknown wallet, an unreachable provider) are
/// left to the reconciliation job, as with the real providers. Scheduled callbacks live in memory: a restart forgets them,
/// and the reconciliation job settles those payments.</remarks>
public sealed class SimulatorCallbackSender(
    IHttpClientFactory http,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<SimulatorCallbackSender> logger) : BackgroundService
{
    /// <summary>The name of the HTTP client callbacks are sent with.</summary>
    public const string HttpClientName = "payment-simulator-callbacks";

    /// <summary>How many times one callback is sent before the simulator gives up.</summary>
    public const int MaxAttempts = 6;

    private readonly Channel<(PaymentSimulator Simulator, ProviderPaymentRequest Request)> _scheduled =
        Channel.CreateUnbounded<(PaymentSimulator, ProviderPaymentRequest)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Schedules the callback of a transaction <paramref name="simulator"/> has just started.</summary>
    public void Schedule(PaymentSimulator simulator, ProviderPaymentRequest request) => _scheduled.Writer.TryWrite((simulator, request));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliveries = new List<Task>();
        try
        {
            await foreach (var (simulator, request) in _scheduled.Reader.ReadAllAsync(stoppingToken))
            {
                deliveries.RemoveAll(d => d.IsCompleted);
                deliveries.Add(DeliverAsync(simulator, request, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(deliveries);
    }

    /// <summary>Waits for the customer's answer, then sends the callback until the platform acknowledges it. Never throws.</summary>
    private async Task DeliverAsync(PaymentSimulator simulator, ProviderPaymentRequest request, CancellationToken stoppingToken)
    {
        var provider = EnumNames<PaymentMethod>.ToName(simulator.Method);
        try
        {
            var (final, callsBack) = simulator.FinalState(request);
            if (!callsBack)
            {
                return;
            }
            var baseUrl = options.Value.Payments.CallbackBaseUrl;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
            {
                logger.LogWarning("The {Provider} simulator cannot call back payment {PaymentId}: Graph:Payments:CallbackBaseUrl is not an absolute address.",
                    provider, request.PaymentId);
                return;
            }
            var url = new Uri(PaymentCallbackEndpoint.UrlFor(baseUrl, simulator.Method));
            var wait = simulator.FinalAt(request) - clock.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            var eventId = $"sim-{request.PaymentId:N}-{GatewayCallbacks.StatusName(final.State).ToLowerInvariant()}";
            var client = http.CreateClient(HttpClientName);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var (body, headers) = simulator.CreateCallback(request, final, eventId, clock.GetUtcNow());
                using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.TryAddWithoutValidation(CallbackSignature.Header, headers[CallbackSignature.Header]);
                string failure;
                try
                {
                    using var response = await client.SendAsync(message, stoppingToken);
                    if (response.IsSuccessStatusCode)
                    {
                        logger.LogInformation("The {Provider} simulator called back payment {PaymentId} ({Status}).", provider, request.PaymentId,
                            GatewayCallbacks.StatusName(final.State));
                        return;
                    }
                    failure = $"the platform answered {(int)response.StatusCode}";
                }
                catch (HttpRequestException ex)
                {
                    failure = $"the platform could not be reached ({ex.Message})";
                }
                catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    failure = "the platform did not answer in time";
                }
                if (attempt == MaxAttempts)
                {
                    logger.LogError("The {Provider} simulator gave up calling back payment {PaymentId} after {Attempts} attempts: {Failure}.",
                        provider, request.PaymentId, attempt, failure);
                    return;
                }
                var backoff = TimeSpan.FromSeconds(1 << (attempt - 1));
                logger.LogWarning("The {Provider} simulator could not call back payment {PaymentId} (attempt {Attempt}): {Failure}; it tries again in {Backoff}.",
                    provider, request.PaymentId, attempt, failure, backoff);
                await Task.Delay(backoff, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The {Provider} simulator failed to call back payment {PaymentId}.", provider, request.PaymentId);
        }
    }
}
