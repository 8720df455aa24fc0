using System.Net;
using System.Text;
using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Payments;

/// <summary>
/// POST /payments/callback/{provider} over HTTP on the test server: signatures checked on the raw body (tampering, stale
/// timestamps, rotated and unknown secrets), unknown payments recorded, duplicates and late news processed once.
/// </summary>
public sealed class PaymentCallbackTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        _host = PaymentsHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A payment initiated with the simulator (PENDING), the customer's answer due once the clock has moved.</summary>
    private static async Task<Payment> PendingAsync(PaymentsHost host, PaymentMethod method = PaymentMethod.OrangeMoney, string wallet = "+221771234567")
    {
        var payer = await host.AddUserAsync();
        var created = await host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id, method, wallet), payer.Id, default);
        Assert.Equal(PaymentStatus.Pending, created.Payment!.Status);
        return created.Payment;
    }

    private static ProviderUpdate Success(Payment payment) => new(ProviderState.Succeeded, payment.ProviderReference, Amount: payment.Amount);

    [Fact]
    public async Task A_valid_callback_settles_the_payment_with_one_posting_and_is_stored()
    {
        var payment = await PendingAsync(_host);
        _host.Clock.Advance(PaymentsHost.CustomerDelay);

        var (status, answer) = await _host.PostAsync(payment.Method, Callbacks.Final(_host, payment, "evt-ok"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("APPLIED", Callbacks.Outcome(answer));
        var (settled, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, settled.Status);
        var last = history[^1];
        Assert.Equal((PaymentStatus.Pending, PaymentStatus.Succeeded, PaymentEventSource.Callback, "evt-ok"), (last.From, last.To, last.Source, last.ProviderEventId));
        var posting = Assert.Single(postings);
        Assert.Equal(0m, posting.Entries.Sum(e => e.Amount));
        var stored = Assert.Single(await _host.StoredAsync(payment.Id));
        Assert.Equal((CallbackOutcome.Applied, "evt-ok", "SUCCESSFUL", PaymentMethod.OrangeMoney), (stored.Outcome, stored.EventId, stored.ReportedStatus, stored.Provider));
        Assert.Contains("\"status\":\"SUCCESSFUL\"", stored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_401_and_changes_nothing()
    {
        var payment = await PendingAsync(_host);
        var (body, headers) = Callbacks.Of(_host, payment, Success(payment), "evt-tampered");
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"amount\":\"2500\"", "\"amount\":\"250\"", StringComparison.Ordinal));
        Assert.NotEqual(body, tampered);

        var (status, answer) = await _host.PostAsync(payment.Method, (tampered, headers));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("BAD_SIGNATURE", Callbacks.ErrorCode(answer));
        var (unchanged, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Pending, unchanged.Status);
        Assert.Equal(2, history.Count);
        Assert.Empty(postings);
        Assert.Empty(await _host.StoredAsync(payment.Id));
        Assert.Empty(await _host.MismatchesAsync(payment.Id));
    }

    [Fact]
    public async Task A_missing_signature_is_refused_with_401()
    {
        var payment = await PendingAsync(_host);
        var (body, _) = Callbacks.Of(_host, payment, Success(payment), "evt-unsigned");

        var (status, answer) = await Callbacks.PostAsync(_host.Client, "orange-money", body, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("BAD_SIGNATURE", Callbacks.ErrorCode(answer));
        Assert.Equal(PaymentStatus.Pending, (await _host.LoadAsync(payment.Id)).Payment.Status);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task A_callback_signed_outside_the_tolerance_is_refused_with_401(int minutes)
    {
        var payment = await PendingAsync(_host);

        var (status, answer) = await _host.PostAsync(payment.Method,
            Callbacks.Of(_host, payment, Success(payment), "evt-stale", _host.Clock.GetUtcNow().AddMinutes(minutes)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("STALE_TIMESTAMP", Callbacks.ErrorCode(answer));
        Assert.Equal(PaymentStatus.Pending, (await _host.LoadAsync(payment.Id)).Payment.Status);
        Assert.Empty(await _host.StoredAsync(payment.Id));
    }

    [Fact]
    public async Task During_a_rotation_the_previous_secret_is_accepted_and_an_unknown_one_refused()
    {
        const string current = "wave-callback-secret-after-the-rotation-0001";
        await using var host = PaymentsHost.Start(database, new Dictionary<string, string?>
        {
            ["Graph:Payments:Providers:Wave:CallbackSecrets:0"] = current,
            ["Graph:Payments:Providers:Wave:CallbackSecrets:1"] = PaymentsHost.SecretOf(PaymentMethod.Wave),
        });
        var previous = await PendingAsync(host, PaymentMethod.Wave);
        var next = await PendingAsync(host, PaymentMethod.Wave);
        var unknown = await PendingAsync(host, PaymentMethod.Wave);

        var byPrevious = await host.PostAsync(PaymentMethod.Wave, Callbacks.Of(host, previous, Success(previous), "evt-old", null, PaymentsHost.SecretOf(PaymentMethod.Wave)));
        var byCurrent = await host.PostAsync(PaymentMethod.Wave, Callbacks.Of(host, next, Success(next), "evt-new", null, current));
        var byUnknown = await host.PostAsync(PaymentMethod.Wave, Callbacks.Of(host, unknown, Success(unknown), "evt-forged", null, "a-secret-nobody-configured-000000000000"));

        Assert.Equal((HttpStatusCode.OK, "APPLIED"), (byPrevious.Status, Callbacks.Outcome(byPrevious.Body)));
        Assert.Equal((HttpStatusCode.OK, "APPLIED"), (byCurrent.Status, Callbacks.Outcome(byCurrent.Body)));
        Assert.Equal((HttpStatusCode.Unauthorized, "BAD_SIGNATURE"), (byUnknown.Status, Callbacks.ErrorCode(byUnknown.Body)));
        Assert.Equal(PaymentStatus.Succeeded, (await host.LoadAsync(previous.Id)).Payment.Status);
        Assert.Equal(PaymentStatus.Succeeded, (await host.LoadAsync(next.Id)).Payment.Status);
        Assert.Equal(PaymentStatus.Pending, (await host.LoadAsync(unknown.Id)).Payment.Status);
        Assert.Empty(await host.StoredAsync(unknown.Id));
    }

    [Fact]
    public async Task A_callback_for_no_payment_is_answered_404_and_recorded_once_as_a_mismatch()
    {
        var stranger = new ProviderPaymentRequest(Guid.NewGuid(), true, new Money(1000m, Currency.XOF), "+221770000000", "?", _host.Now);
        var simulator = _host.Simulator(PaymentMethod.MtnMomo);
        var update = new ProviderUpdate(ProviderState.Succeeded, simulator.ReferenceOf(stranger.PaymentId), Amount: stranger.Amount);

        var first = await _host.PostAsync(PaymentMethod.MtnMomo, simulator.CreateCallback(stranger, update, "evt-stray", _host.Clock.GetUtcNow()));
        var retried = await _host.PostAsync(PaymentMethod.MtnMomo, simulator.CreateCallback(stranger, update, "evt-stray", _host.Clock.GetUtcNow()));

        Assert.Equal((HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND"), (first.Status, Callbacks.ErrorCode(first.Body)));
        Assert.Equal((HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND"), (retried.Status, Callbacks.ErrorCode(retried.Body)));
        await using var db = _host.TestContext();
        var reference = stranger.PaymentId.ToString("D");
        var stored = await db.PaymentCallbacks.AsNoTracking().Where(c => c.ProviderReference == reference).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, c => Assert.Equal((CallbackOutcome.UnknownPayment, (Guid?)null, PaymentMethod.MtnMomo), (c.Outcome, c.PaymentId, c.Provider)));
        var mismatch = Assert.Single(await db.PaymentMismatches.AsNoTracking().Where(m => m.ProviderReference == reference).ToListAsync());
        Assert.Equal((MismatchKind.UnknownPayment, PaymentMethod.MtnMomo, "SUCCESSFUL", (Guid?)null), (mismatch.Kind, mismatch.Provider, mismatch.ProviderStatus, mismatch.PaymentId));
        Assert.Contains(stranger.PaymentId.ToString(), mismatch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_naming_a_payment_of_another_provider_is_an_unknown_payment()
    {
        var payment = await PendingAsync(_host, PaymentMethod.OrangeMoney);
        var wave = _host.Simulator(PaymentMethod.Wave);
        var request = PaymentService.ProviderRequestOf(payment);

        var (status, answer) = await _host.PostAsync(PaymentMethod.Wave,
            wave.CreateCallback(request, new ProviderUpdate(ProviderState.Succeeded, "T_0000000001", Amount: payment.Amount), "evt-cross", _host.Clock.GetUtcNow()));

        Assert.Equal((HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND"), (status, Callbacks.ErrorCode(answer)));
        Assert.Equal(PaymentStatus.Pending, (await _host.LoadAsync(payment.Id)).Payment.Status);
    }

    [Fact]
    public async Task The_same_success_posted_a_hundred_times_at_once_moves_the_payment_once_and_posts_it_once()
    {
        var payment = await PendingAsync(_host, PaymentMethod.MtnMomo);
        _host.Clock.Advance(PaymentsHost.CustomerDelay);
        var callback = Callbacks.Final(_host, payment, "evt-burst");

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => _host.PostAsync(PaymentMethod.MtnMomo, callback))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(1, answers.Count(a => Callbacks.Outcome(a.Body) == "APPLIED"));
        Assert.Equal(99, answers.Count(a => Callbacks.Outcome(a.Body) == "DUPLICATE"));
        var (settled, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, settled.Status);
        Assert.Single(history, h => h.To == PaymentStatus.Succeeded);
        Assert.Single(postings);
        var stored = Assert.Single(await _host.StoredAsync(payment.Id));
        Assert.Equal(CallbackOutcome.Applied, stored.Outcome);
    }

    [Fact]
    public async Task Late_and_contradicting_callbacks_are_acknowledged_move_nothing_and_the_contradiction_is_a_mismatch()
    {
        var payment = await PendingAsync(_host);
        _host.Clock.Advance(PaymentsHost.CustomerDelay);
        Assert.Equal("APPLIED", Callbacks.Outcome((await _host.PostAsync(payment.Method, Callbacks.Of(_host, payment, Success(payment), "evt-1"))).Body));

        var failed = await _host.PostAsync(payment.Method,
            Callbacks.Of(_host, payment, new ProviderUpdate(ProviderState.Failed, payment.ProviderReference, PaymentFailureReason.Rejected), "evt-2"));
        var pending = await _host.PostAsync(payment.Method, Callbacks.Of(_host, payment, new ProviderUpdate(ProviderState.Pending, payment.ProviderReference), "evt-3"));
        var again = await _host.PostAsync(payment.Method, Callbacks.Of(_host, payment, Success(payment), "evt-4"));

        Assert.Equal((HttpStatusCode.OK, "CONFLICT"), (failed.Status, Callbacks.Outcome(failed.Body)));
        Assert.Equal((HttpStatusCode.OK, "OUT_OF_ORDER"), (pending.Status, Callbacks.Outcome(pending.Body)));
        Assert.Equal((HttpStatusCode.OK, "DUPLICATE"), (again.Status, Callbacks.Outcome(again.Body)));
        var (settled, history, postings) = await _host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, settled.Status);
        Assert.Null(settled.FailureReason);
        Assert.Equal([PaymentStatus.Initiated, PaymentStatus.Pending, PaymentStatus.Succeeded], history.Select(h => h.To));
        Assert.Single(postings);
        var mismatch = Assert.Single(await _host.MismatchesAsync(payment.Id));
        Assert.Equal((MismatchKind.StatusConflict, PaymentStatus.Succeeded, "FAILED"), (mismatch.Kind, mismatch.OurStatus, mismatch.ProviderStatus));
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Conflict, CallbackOutcome.OutOfOrder, CallbackOutcome.Duplicate],
            (await _host.StoredAsync(payment.Id)).Select(c => c.Outcome));
    }

    [Fact]
    public async Task A_signed_body_that_is_no_callback_is_answered_400_and_stored_nowhere()
    {
        var body = "{\"hello\":\"world\"}"u8.ToArray();
        var headers = new Dictionary<string, string>
        {
            [CallbackSignature.Header] = CallbackSignature.Sign(body, _host.Clock.GetUtcNow(), PaymentsHost.SecretOf(PaymentMethod.Wave)),
        };
        await using var db = _host.TestContext();
        var before = await db.PaymentCallbacks.CountAsync();

        var (status, answer) = await Callbacks.PostAsync(_host.Client, "wave", body, headers);

        Assert.Equal((HttpStatusCode.BadRequest, "MALFORMED_CALLBACK"), (status, Callbacks.ErrorCode(answer)));
        Assert.Equal(before, await db.PaymentCallbacks.CountAsync());
    }

    [Theory]
    [InlineData("paypal")]
    [InlineData("cash")]
    [InlineData("ORANGE-MONEY")]
    public async Task An_unknown_provider_is_answered_404(string slug)
    {
        var (status, answer) = await Callbacks.PostAsync(_host.Client, slug, "{}"u8.ToArray(), new Dictionary<string, string>());

        Assert.Equal((HttpStatusCode.NotFound, "UNKNOWN_PROVIDER"), (status, Callbacks.ErrorCode(answer)));
    }

    [Fact]
    public async Task A_provider_that_is_not_configured_is_answered_404()
    {
        await using var host = PaymentsHost.Start(database, new Dictionary<string, string?> { ["Graph:Payments:Providers:FreeMoney:Kind"] = "None" });
        var body = "{}"u8.ToArray();
        var headers = new Dictionary<string, string>
        {
            [CallbackSignature.Header] = CallbackSignature.Sign(body, host.Clock.GetUtcNow(), PaymentsHost.SecretOf(PaymentMethod.FreeMoney)),
        };

        var (status, answer) = await Callbacks.PostAsync(host.Client, "free-money", body, headers);

        Assert.Equal((HttpStatusCode.NotFound, "UNKNOWN_PROVIDER"), (status, Callbacks.ErrorCode(answer)));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_answered_413()
    {
        var body = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', PaymentCallback.MaxBodyBytes) + "\"}");

        var (status, answer) = await Callbacks.PostAsync(_host.Client, "wave", body, new Dictionary<string, string>());

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "CALLBACK_TOO_LARGE"), (status, Callbacks.ErrorCode(answer)));
    }

    [Fact]
    public async Task An_unexpected_failure_is_answered_503_with_a_code_and_no_stack_trace()
    {
        await using var host = PaymentsHost.Start(database, new Dictionary<string, string?>
        {
            ["Graph:Payments:CallbackBaseUrl"] = "http://localhost",
            ["Graph:Payments:Providers:MoovMoney:Kind"] = "Http",
            ["Graph:Payments:Providers:MoovMoney:BaseUrl"] = "https://moov.example.test",
            ["Graph:Payments:Providers:MoovMoney:ApiKey"] = "key",
            ["Graph:Payments:Providers:MoovMoney:CallbackSecrets:0"] = "moov-callback-secret-of-at-least-32-characters",
        }, services => services.AddSingleton<IPaymentProviderFactory>(new BrokenProviderFactory()));

        var (status, answer) = await Callbacks.PostAsync(host.Client, "moov-money", "{}"u8.ToArray(), new Dictionary<string, string>());

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "CALLBACK_UNAVAILABLE"), (status, Callbacks.ErrorCode(answer)));
        Assert.DoesNotContain("at Graph.", answer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("broken on purpose", answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callbacks_are_not_held_to_the_anonymous_GraphQL_budget()
    {
        await using var host = PaymentsHost.Start(database, new Dictionary<string, string?>
        {
            ["Graph:RateLimits:Enabled"] = "true",
            ["Graph:RateLimits:PerAnonymousPerHour"] = "1",
        });
        var payment = await PendingAsync(host);
        host.Clock.Advance(PaymentsHost.CustomerDelay);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add((await host.PostAsync(payment.Method, Callbacks.Final(host, payment, "evt-retried"))).Status);
        }
        var first = await host.Client.SendGraphQLAsync(GraphQLHttp.Post("""{"query":"{ __typename }"}"""));
        var second = await host.Client.SendGraphQLAsync(GraphQLHttp.Post("""{"query":"{ __typename }"}"""));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
    }

    /// <summary>A provider whose callback verification fails unexpectedly.</summary>
    private sealed class BrokenProviderFactory : IPaymentProviderFactory
    {
        public PaymentMethod Method => PaymentMethod.MoovMoney;

        public IPaymentProvider Create(PaymentsOptions.ProviderOptions settings) => new BrokenProvider();
    }

    private sealed class BrokenProvider : IPaymentProvider
    {
        public PaymentMethod Method => PaymentMethod.MoovMoney;

        public Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public CallbackVerification VerifyCallback(ProviderCallbackRequest request) => throw new InvalidOperationException("broken on purpose");

        public Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
