using System.Net;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Payments.Providers.Http;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Graph.Api.Tests.Payments.Providers.ProviderTesting;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>The Wave client (Checkout and Payout) against Wave's API in memory: request shapes, statuses, errors, callbacks.</summary>
public sealed class WaveProviderTests
{
    private const string Sessions = "/v1/checkout/sessions";

    private readonly FakeProviderServer _wave = new();

    private WaveProvider Provider(TimeSpan? timeout = null) => new(() => _wave.Client(timeout), new PaymentsOptions.ProviderOptions
    {
        Kind = ProviderKind.Http,
        BaseUrl = "https://api.wave.com/",
        ApiKey = "wave_sn_prod_secret-api-key",
        CallbackSecrets = [Secret],
    }, PlatformSettings(), new ManualClock(Now), NullLogger.Instance);

    /// <summary>A checkout session as Wave describes it.</summary>
    public static string Session(Guid paymentId, string checkoutStatus = "open", string paymentStatus = "processing", string? error = null) => $$"""
        {"id":"cos-18qq25rgr100a","amount":"2500","checkout_status":"{{checkoutStatus}}","client_reference":"{{paymentId:D}}","currency":"XOF",
         "error_url":"https://app.graph.test/paid","last_payment_error":{{error ?? "null"}},"business_name":"Coko","payment_status":"{{paymentStatus}}",
         "success_url":"https://app.graph.test/paid","wave_launch_url":"https://pay.wave.com/c/cos-18qq25rgr100a","when_completed":null,
         "when_created":"2026-11-21T09:00:00Z","when_expires":"2026-11-22T09:00:00Z","transaction_id":null}
        """;

    [Fact]
    public async Task A_collection_opens_a_checkout_session_and_gives_the_customer_its_link()
    {
        var request = Request();
        _wave.On(HttpMethod.Post, Sessions, HttpStatusCode.OK, Session(request.PaymentId));

        var update = await Provider().InitiateAsync(request, default);

        Assert.Equal((ProviderState.Pending, "cos-18qq25rgr100a", "https://pay.wave.com/c/cos-18qq25rgr100a"), (update.State, update.ProviderReference, update.CustomerAction));
        var sent = Assert.Single(_wave.Requests);
        Assert.Equal("https://api.wave.com/v1/checkout/sessions", sent.Uri.ToString());
        Assert.Equal("Bearer wave_sn_prod_secret-api-key", sent.Header("Authorization"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        var body = sent.Json;
        Assert.Equal("2500", body.GetProperty("amount").GetString());
        Assert.Equal("XOF", body.GetProperty("currency").GetString());
        Assert.Equal(request.PaymentId.ToString("D"), body.GetProperty("client_reference").GetString());
        Assert.Equal($"https://app.graph.test/paid?payment={request.PaymentId:D}&result=success", body.GetProperty("success_url").GetString());
        Assert.Equal($"https://app.graph.test/paid?payment={request.PaymentId:D}&result=cancel", body.GetProperty("error_url").GetString());
        Assert.Equal("+221771234567", body.GetProperty("restrict_payer_mobile").GetString());
    }

    [Theory]
    [InlineData("complete", "succeeded", null, ProviderState.Succeeded, null)]
    [InlineData("open", "processing", null, ProviderState.Pending, null)]
    [InlineData("open", "processing", """{"code":"insufficient-funds","message":"Not enough money."}""", ProviderState.Pending, null)]
    [InlineData("expired", "processing", null, ProviderState.Expired, null)]
    [InlineData("expired", "processing", """{"code":"insufficient-funds","message":"Not enough money."}""", ProviderState.Failed, PaymentFailureReason.InsufficientFunds)]
    [InlineData("expired", "processing", """{"code":"payment-limit-exceeded","message":"Limit."}""", ProviderState.Failed, PaymentFailureReason.LimitExceeded)]
    [InlineData("expired", "processing", """{"code":"blocked-account","message":"Blocked."}""", ProviderState.Failed, PaymentFailureReason.InvalidAccount)]
    [InlineData("complete", "cancelled", null, ProviderState.Cancelled, null)]
    public async Task Session_statuses_map_to_the_platform_s(string checkout, string payment, string? error, ProviderState state, PaymentFailureReason? reason)
    {
        var request = Request();
        _wave.On(HttpMethod.Get, $"{Sessions}/cos-18qq25rgr100a", HttpStatusCode.OK, Session(request.PaymentId, checkout, payment, error));

        var update = await Provider().CheckStatusAsync(request, "cos-18qq25rgr100a", default);

        Assert.Equal((state, reason, "cos-18qq25rgr100a"), (update.State, update.FailureReason, update.ProviderReference));
        Assert.Equal(request.Amount, update.Amount);
        Assert.Equal("Bearer wave_sn_prod_secret-api-key", Assert.Single(_wave.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task A_session_Wave_does_not_know_or_never_created_is_unknown()
    {
        Assert.Equal(ProviderState.Unknown, (await Provider().CheckStatusAsync(Request(), "cos-unknown", default)).State);
        Assert.Equal(ProviderState.Unknown, (await Provider().CheckStatusAsync(Request(), null, default)).State);
    }

    [Fact]
    public async Task A_refund_posts_to_the_session_s_refund()
    {
        _wave.On(HttpMethod.Post, $"{Sessions}/cos-18qq25rgr100a/refund", HttpStatusCode.OK, "{}");

        var update = await Provider().RefundAsync(Request(), "cos-18qq25rgr100a", Guid.NewGuid(), default);

        Assert.Equal(ProviderState.Succeeded, update.State);
        Assert.Equal("Bearer wave_sn_prod_secret-api-key", Assert.Single(_wave.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task A_disbursement_is_a_payout_under_our_idempotency_key()
    {
        var request = Request(collection: false);
        _wave.On(HttpMethod.Post, "/v1/payout", HttpStatusCode.OK, """{"id":"pt-185sewgm8100t","currency":"XOF","receive_amount":"2500","fee":"25","mobile":"+221771234567","status":"processing"}""");
        _wave.On(HttpMethod.Get, "/v1/payout/pt-185sewgm8100t", HttpStatusCode.OK,
            """{"id":"pt-185sewgm8100t","currency":"XOF","receive_amount":"2500","status":"failed","payout_error":{"error_code":"recipient-limit-exceeded","error_message":"Limit reached."}}""");

        var started = await Provider().InitiateAsync(request, default);
        var failed = await Provider().CheckStatusAsync(request, started.ProviderReference, default);

        Assert.Equal((ProviderState.Pending, "pt-185sewgm8100t"), (started.State, started.ProviderReference));
        Assert.Equal((ProviderState.Failed, PaymentFailureReason.LimitExceeded), (failed.State, failed.FailureReason));
        var payout = _wave.RequestsTo("/v1/payout").Single();
        Assert.Equal(request.PaymentId.ToString("D"), payout.Header("Idempotency-Key"));
        Assert.Equal("2500", payout.Json.GetProperty("receive_amount").GetString());
        Assert.Equal("+221771234567", payout.Json.GetProperty("mobile").GetString());
        Assert.Equal(request.PaymentId.ToString("D"), payout.Json.GetProperty("client_reference").GetString());
    }

    [Fact]
    public async Task Errors_map_to_a_refusal_an_unanswered_request_or_a_timeout()
    {
        _wave.On(HttpMethod.Post, Sessions, HttpStatusCode.BadRequest, """{"code":"request-validation-error","message":"amount is invalid"}""");
        var refused = await Provider().InitiateAsync(Request(), default);
        _wave.On(HttpMethod.Post, Sessions, HttpStatusCode.BadGateway, "<html>bad gateway</html>");
        var unanswered = await Assert.ThrowsAsync<HttpRequestException>(() => Provider().InitiateAsync(Request(), default));
        _wave.Hang(HttpMethod.Post, Sessions);
        var timeout = Provider(TimeSpan.FromMilliseconds(200)).InitiateAsync(Request(), default);

        Assert.Equal((ProviderState.Failed, PaymentFailureReason.ProviderError), (refused.State, refused.FailureReason));
        Assert.Contains("amount is invalid", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, unanswered.StatusCode);
        await Assert.ThrowsAsync<TimeoutException>(() => timeout);
    }

    [Fact]
    public void Checkout_events_are_read_and_others_refused()
    {
        var request = Request();
        var provider = Provider();

        var completed = provider.VerifyCallback(Signed($$"""{"id":"AE_ijzo7oGgrlM","type":"checkout.session.completed","data":{{Session(request.PaymentId, "complete", "succeeded")}}}"""));
        var failedAttempt = provider.VerifyCallback(Signed(
            $$"""{"id":"AE_2","type":"checkout.session.payment_failed","data":{{Session(request.PaymentId, "open", "processing", """{"code":"insufficient-funds","message":"No."}""")}}}"""));
        var other = provider.VerifyCallback(Signed("""{"id":"AE_3","type":"merchant.payment_received","data":{"id":"x"}}"""));
        var forged = provider.VerifyCallback(Signed($$"""{"id":"AE_4","type":"checkout.session.completed","data":{{Session(request.PaymentId, "complete", "succeeded")}}}""",
            secret: "not-the-secret-wave-and-the-platform-share"));

        Assert.Equal((request.PaymentId, "cos-18qq25rgr100a", "AE_ijzo7oGgrlM", ProviderState.Succeeded),
            (completed.Callback!.PaymentId, completed.Callback.ProviderReference, completed.Callback.EventId, completed.Callback.Update.State));
        Assert.Equal(ProviderState.Pending, failedAttempt.Callback!.Update.State);
        Assert.Equal(CallbackRejection.Malformed, other.Rejection);
        Assert.Equal(CallbackRejection.BadSignature, forged.Rejection);
    }
}
