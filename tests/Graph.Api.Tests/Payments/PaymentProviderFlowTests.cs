using System.Net;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Payments;

/// <summary>
/// Every provider's flow with the simulator, end to end: initiated through <see cref="PaymentService.InitiateAsync"/>, the
/// clock moved until the simulated customer has answered, the provider's callback (when it sends one) delivered over HTTP,
/// then the payment's final status, failure reason, history and postings checked.
/// </summary>
public sealed class PaymentProviderFlowTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        _host = PaymentsHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly PaymentMethod[] Providers =
        [PaymentMethod.OrangeMoney, PaymentMethod.MtnMomo, PaymentMethod.MoovMoney, PaymentMethod.Wave, PaymentMethod.FreeMoney];

    /// <summary>Every provider with every ending of the wallet number the simulator knows, and a success.</summary>
    public static TheoryData<PaymentMethod, string> Flows()
    {
        var flows = new TheoryData<PaymentMethod, string>();
        foreach (var method in Providers)
        {
            foreach (var ending in new[] { "67", "01", "02", "03", "04", "05", "06" })
            {
                flows.Add(method, ending);
            }
        }
        return flows;
    }

    /// <summary>What each flow ends in: the status, the failure reason, whether the provider calls back, the statuses of the
    /// history and the number of postings.</summary>
    private static (PaymentStatus Status, PaymentFailureReason? Reason, bool CallsBack, PaymentStatus[] History, int Postings) Expected(string ending) => ending switch
    {
        "01" => (PaymentStatus.Failed, PaymentFailureReason.InsufficientFunds, true, [PaymentStatus.Initiated, PaymentStatus.Pending, PaymentStatus.Failed], 0),
        "02" => (PaymentStatus.Failed, PaymentFailureReason.Rejected, true, [PaymentStatus.Initiated, PaymentStatus.Pending, PaymentStatus.Failed], 0),
        "03" => (PaymentStatus.Expired, null, true, [PaymentStatus.Initiated, PaymentStatus.Pending, PaymentStatus.Expired], 0),
        // The provider never calls back: the payment waits for the reconciliation job.
        "04" => (PaymentStatus.Pending, null, false, [PaymentStatus.Initiated, PaymentStatus.Pending], 0),
        "05" => (PaymentStatus.Failed, PaymentFailureReason.InvalidAccount, false, [PaymentStatus.Initiated, PaymentStatus.Failed], 0),
        "06" => (PaymentStatus.Initiated, null, false, [PaymentStatus.Initiated], 0),
        _ => (PaymentStatus.Succeeded, null, true, [PaymentStatus.Initiated, PaymentStatus.Pending, PaymentStatus.Succeeded], 1),
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Each_provider_flow_ends_as_the_simulated_customer_decides(PaymentMethod method, string ending)
    {
        var expected = Expected(ending);
        var payer = await _host.AddUserAsync();
        var wallet = "+2217712345" + ending;

        var created = await _host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id, method, wallet), payer.Id, default);
        Assert.Null(created.Refusal);
        var payment = created.Payment!;
        var simulator = _host.Simulator(method);
        var request = PaymentService.ProviderRequestOf(payment);

        // Until the customer answers, nothing but the initiation has happened.
        Assert.Equal(expected.History.Length == 1 ? PaymentStatus.Initiated : expected.History[1], payment.Status);
        var (final, callsBack) = simulator.FinalState(request);
        Assert.Equal(expected.CallsBack, callsBack);
        _host.Clock.Advance(simulator.FinalAt(request) - _host.Now);

        if (callsBack)
        {
            var (status, answer) = await _host.PostAsync(method, Callbacks.Of(_host, payment, final, $"evt-{payment.Id:N}"));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("APPLIED", Callbacks.Outcome(answer));
        }

        var (settled, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(expected.Status, settled.Status);
        Assert.Equal(expected.Reason, settled.FailureReason);
        Assert.Equal(expected.History, history.Select(h => h.To));
        Assert.Equal(expected.Postings, postings.Count);
        Assert.All(postings, p => Assert.Equal(0m, p.Entries.Sum(e => e.Amount)));
        if (callsBack)
        {
            Assert.Equal((PaymentEventSource.Callback, $"evt-{payment.Id:N}"), (history[^1].Source, history[^1].ProviderEventId));
            Assert.Equal(CallbackOutcome.Applied, Assert.Single(await _host.StoredAsync(payment.Id)).Outcome);
        }
        else
        {
            Assert.Empty(await _host.StoredAsync(payment.Id));
        }
        if (ending == "04")
        {
            // The money was taken; only asking the provider tells it.
            Assert.Equal(ProviderState.Succeeded, (await simulator.CheckStatusAsync(request, settled.ProviderReference, default)).State);
        }
        if (ending != "06")
        {
            Assert.Equal(simulator.ReferenceOf(payment.Id), settled.ProviderReference);
        }
    }
}
