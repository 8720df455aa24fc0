using System.Collections.Concurrent;
using System.Net;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Payments;

/// <summary>A simulator with <c>SendCallbacks</c> on calls the platform back by itself, like a real provider, and retries.</summary>
public sealed class SimulatorCallbackSenderTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_simulator_calls_back_once_the_customer_answered_retries_a_refusal_and_the_payment_settles()
    {
        var watch = new CallbackWatch(refuseFirst: true);
        PaymentsHost? started = null;
        await using var host = started = PaymentsHost.Start(database, new Dictionary<string, string?>
        {
            ["Graph:Payments:CallbackBaseUrl"] = "http://localhost",
            ["Graph:Payments:Providers:Wave:SendCallbacks"] = "true",
            // Timers run on real time: the simulated customer answers almost at once.
            ["Graph:Payments:Providers:Wave:CustomerDelay"] = "00:00:00.200",
        }, services => services.AddHttpClient(SimulatorCallbackSender.HttpClientName)
            // The callback reaches the test server in memory, through the handler the test watches.
            .ConfigurePrimaryHttpMessageHandler(() => started!.Factory.Server.CreateHandler())
            .AddHttpMessageHandler(() => watch));
        var payer = await host.AddUserAsync();

        var created = await host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id, PaymentMethod.Wave), payer.Id, default);
        Assert.Equal(PaymentStatus.Pending, created.Payment!.Status);
        var delivered = await watch.Delivered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, delivered);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], watch.Answers);
        Assert.All(watch.Paths, p => Assert.Equal("/payments/callback/wave", p));
        var (payment, history, postings) = await host.LoadAsync(created.Payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal((PaymentEventSource.Callback, $"sim-{payment.Id:N}-successful"), (history[^1].Source, history[^1].ProviderEventId));
        Assert.Single(postings);
        Assert.Equal(CallbackOutcome.Applied, Assert.Single(await host.StoredAsync(payment.Id)).Outcome);
    }

    /// <summary>Sees the simulator's callbacks go out: refuses the first one (503) when asked, and signals the first 2xx.</summary>
    private sealed class CallbackWatch(bool refuseFirst) : DelegatingHandler
    {
        private int _sent;

        public TaskCompletionSource<HttpStatusCode> Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<HttpStatusCode> AnswersQueue { get; } = new();

        public ConcurrentQueue<string> PathsQueue { get; } = new();

        public HttpStatusCode[] Answers => [.. AnswersQueue];

        public string[] Paths => [.. PathsQueue];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            PathsQueue.Enqueue(request.RequestUri!.AbsolutePath);
            if (refuseFirst && Interlocked.Increment(ref _sent) == 1)
            {
                AnswersQueue.Enqueue(HttpStatusCode.ServiceUnavailable);
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }
            var response = await base.SendAsync(request, cancellationToken);
            AnswersQueue.Enqueue(response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                Delivered.TrySetResult(response.StatusCode);
            }
            return response;
        }
    }
}
