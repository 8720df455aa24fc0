using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Payments;

/// <summary>The payments' core on the real server and database: creation under an idempotency key, and moves applied once
/// with their posting however often and however concurrently the news arrives.</summary>
public sealed class PaymentServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        _host = PaymentsHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Initiating_starts_the_provider_flow_and_leaves_the_payment_pending_with_its_reference()
    {
        var payer = await _host.AddUserAsync();

        var created = await _host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id), payer.Id, default);

        Assert.Null(created.Refusal);
        var (payment, history, postings) = await _host.LoadAsync(created.Payment!.Id);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.StartsWith("MP", payment.ProviderReference, StringComparison.Ordinal);
        Assert.Equal([(null, PaymentStatus.Initiated), (PaymentStatus.Initiated, PaymentStatus.Pending)], history.Select(h => (h.From, h.To)));
        Assert.Empty(postings);
    }

    [Fact]
    public async Task The_same_key_and_payload_return_the_same_payment_and_another_payload_is_refused()
    {
        var payer = await _host.AddUserAsync();
        var request = PaymentsHost.Subscription(payer.Id);

        var first = await _host.Payments.InitiateAsync(request, payer.Id, default);
        var again = await _host.Payments.InitiateAsync(request, payer.Id, default);
        var other = await _host.Payments.InitiateAsync(request with { Amount = new Graph.Api.Common.Money(2600m, Graph.Api.Common.Currency.XOF) }, payer.Id, default);

        Assert.Equal(first.Payment!.Id, again.Payment!.Id);
        Assert.True(again.Replayed);
        Assert.Null(other.Payment);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", other.Refusal!.Code);
    }

    [Fact]
    public async Task Concurrent_requests_under_one_key_create_one_payment()
    {
        var payer = await _host.AddUserAsync();
        var request = PaymentsHost.Subscription(payer.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _host.Payments.CreateAsync(request, payer.Id, default))));

        Assert.Single(results.Select(r => r.Payment!.Id).Distinct());
        Assert.Equal(19, results.Count(r => r.Replayed));
    }

    [Fact]
    public async Task A_success_applied_a_hundred_times_at_once_moves_the_payment_once_and_posts_it_once()
    {
        var payer = await _host.AddUserAsync();
        var created = await _host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id), payer.Id, default);
        var success = new ProviderUpdate(ProviderState.Succeeded, created.Payment!.ProviderReference, Amount: created.Payment.Amount);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            _host.Payments.ApplyAsync(created.Payment.Id, success, new TransitionOrigin(PaymentEventSource.Callback, EventId: "evt-1"), default))));

        Assert.Equal(1, outcomes.Count(o => o == TransitionOutcome.Applied));
        Assert.Equal(99, outcomes.Count(o => o == TransitionOutcome.Duplicate));
        var (payment, history, postings) = await _host.LoadAsync(created.Payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Single(history, h => h.To == PaymentStatus.Succeeded);
        var posting = Assert.Single(postings);
        Assert.Equal(2, posting.Entries.Count);
        Assert.Equal(0m, posting.Entries.Sum(e => e.Amount));
        Assert.Equal(2500m, posting.Entries.Single(e => e.AccountType == LedgerAccountType.ProviderClearing).Amount);
        Assert.Equal(-2500m, posting.Entries.Single(e => e.AccountType == LedgerAccountType.PlatformRevenue).Amount);
    }
}
