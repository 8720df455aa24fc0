using System.Net;
using System.Text;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Payments.Providers.Http;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Graph.Api.Tests.Payments.Providers.ProviderTesting;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>The MTN MoMo Collection client against MTN's API in memory: request shapes, statuses, errors, callbacks.</summary>
public sealed class MtnMomoProviderTests
{
    private const string Token = "/collection/token/";
    private const string RequestToPay = "/collection/v1_0/requesttopay";

    private readonly FakeProviderServer _mtn = new FakeProviderServer()
        .On(HttpMethod.Post, Token, HttpStatusCode.OK, """{"access_token":"token-1","token_type":"access_token","expires_in":3600}""")
        .On(HttpMethod.Post, RequestToPay, HttpStatusCode.Accepted);

    private MtnMomoProvider Provider(TimeSpan? timeout = null) => new(() => _mtn.Client(timeout), new PaymentsOptions.ProviderOptions
    {
        Kind = ProviderKind.Http,
        BaseUrl = "https://sandbox.momodeveloper.mtn.com",
        ApiKey = "0c2a3a54-0d6b-4f5e-9d55-1f0c8e9b7a11",
        ApiSecret = "mtn-api-key",
        MerchantId = "collection-subscription-key",
        TargetEnvironment = "sandbox",
        CallbackSecrets = [Secret],
    }, PlatformSettings(), new ManualClock(Now), NullLogger.Instance);

    [Fact]
    public async Task A_request_to_pay_carries_our_reference_the_token_and_MTN_headers()
    {
        var request = Request();

        var update = await Provider().InitiateAsync(request, default);

        Assert.Equal((ProviderState.Pending, request.PaymentId.ToString("D")), (update.State, update.ProviderReference));
        Assert.Equal(MtnMomoProvider.CustomerAction, update.CustomerAction);
        var token = Assert.Single(_mtn.RequestsTo(Token));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("0c2a3a54-0d6b-4f5e-9d55-1f0c8e9b7a11:mtn-api-key")), token.Header("Authorization"));
        Assert.Equal("collection-subscription-key", token.Header("Ocp-Apim-Subscription-Key"));
        var pay = Assert.Single(_mtn.RequestsTo(RequestToPay));
        Assert.Equal("https://sandbox.momodeveloper.mtn.com/collection/v1_0/requesttopay", pay.Uri.ToString());
        Assert.Equal("Bearer token-1", pay.Header("Authorization"));
        Assert.Equal(request.PaymentId.ToString("D"), pay.Header("X-Reference-Id"));
        Assert.Equal("sandbox", pay.Header("X-Target-Environment"));
        Assert.Equal("collection-subscription-key", pay.Header("Ocp-Apim-Subscription-Key"));
        Assert.Equal("https://api.graph.test/payments/callback/mtn-momo", pay.Header("X-Callback-Url"));
        var body = pay.Json;
        Assert.Equal("2500", body.GetProperty("amount").GetString());
        Assert.Equal("XOF", body.GetProperty("currency").GetString());
        Assert.Equal(request.PaymentId.ToString("D"), body.GetProperty("externalId").GetString());
        Assert.Equal("MSISDN", body.GetProperty("payer").GetProperty("partyIdType").GetString());
        Assert.Equal("221771234567", body.GetProperty("payer").GetProperty("partyId").GetString());
        Assert.Equal("Abonnement Coko, 1 mois", body.GetProperty("payerMessage").GetString());
    }

    [Fact]
    public async Task The_token_is_reused_and_fetched_anew_once_MTN_refuses_it()
    {
        var provider = Provider();
        await provider.InitiateAsync(Request(), default);
        await provider.InitiateAsync(Request(), default);
        Assert.Single(_mtn.RequestsTo(Token));

        var refusals = 0;
        _mtn.On(HttpMethod.Post, RequestToPay, (_, _) => Task.FromResult(FakeProviderServer.Answer(
            Interlocked.Increment(ref refusals) == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.Accepted, null)));
        var update = await provider.InitiateAsync(Request(), default);

        Assert.Equal(ProviderState.Pending, update.State);
        Assert.Equal(2, _mtn.RequestsTo(Token).Count);
        Assert.Equal(4, _mtn.RequestsTo(RequestToPay).Count);
    }

    [Theory]
    [InlineData("""{"status":"PENDING"}""", ProviderState.Pending, null)]
    [InlineData("""{"amount":"2500","currency":"XOF","financialTransactionId":"363440463","externalId":"x","status":"SUCCESSFUL"}""", ProviderState.Succeeded, null)]
    [InlineData("""{"status":"FAILED","reason":"NOT_ENOUGH_FUNDS"}""", ProviderState.Failed, PaymentFailureReason.InsufficientFunds)]
    [InlineData("""{"status":"FAILED","reason":{"code":"APPROVAL_REJECTED","message":"The payer declined."}}""", ProviderState.Failed, PaymentFailureReason.Rejected)]
    [InlineData("""{"status":"FAILED","reason":"PAYER_NOT_FOUND"}""", ProviderState.Failed, PaymentFailureReason.InvalidAccount)]
    [InlineData("""{"status":"FAILED","reason":"PAYER_LIMIT_REACHED"}""", ProviderState.Failed, PaymentFailureReason.LimitExceeded)]
    [InlineData("""{"status":"FAILED","reason":"INTERNAL_PROCESSING_ERROR"}""", ProviderState.Failed, PaymentFailureReason.ProviderError)]
    [InlineData("""{"status":"FAILED","reason":"EXPIRED"}""", ProviderState.Expired, null)]
    [InlineData("""{"status":"FAILED","reason":"TRANSACTION_CANCELED"}""", ProviderState.Cancelled, null)]
    public async Task Statuses_and_reasons_map_to_the_platform_s(string json, ProviderState state, PaymentFailureReason? reason)
    {
        var request = Request();
        _mtn.On(HttpMethod.Get, $"{RequestToPay}/{request.PaymentId:D}", HttpStatusCode.OK, json);

        var update = await Provider().CheckStatusAsync(request, request.PaymentId.ToString("D"), default);

        Assert.Equal((state, reason), (update.State, update.FailureReason));
        Assert.Equal(request.PaymentId.ToString("D"), update.ProviderReference);
        var get = Assert.Single(_mtn.RequestsTo($"{RequestToPay}/{request.PaymentId:D}"));
        Assert.Equal(("Bearer token-1", "sandbox"), (get.Header("Authorization"), get.Header("X-Target-Environment")));
        if (state == ProviderState.Succeeded)
        {
            Assert.Equal(request.Amount, update.Amount);
        }
    }

    [Fact]
    public async Task A_reference_MTN_does_not_know_is_unknown()
    {
        var request = Request();

        Assert.Equal(ProviderState.Unknown, (await Provider().CheckStatusAsync(request, null, default)).State);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task An_answer_that_says_nothing_of_the_transaction_raises_HttpRequestException(HttpStatusCode status)
    {
        _mtn.On(HttpMethod.Post, RequestToPay, status, """{"code":"INTERNAL_PROCESSING_ERROR"}""");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Provider().InitiateAsync(Request(), default));
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task A_refusal_fails_the_payment_with_MTN_s_reason_and_a_repeated_reference_is_the_same_transaction()
    {
        _mtn.On(HttpMethod.Post, RequestToPay, HttpStatusCode.BadRequest, """{"code":"PAYER_NOT_FOUND","message":"Payer not found"}""");
        var refused = await Provider().InitiateAsync(Request(), default);
        _mtn.On(HttpMethod.Post, RequestToPay, HttpStatusCode.Conflict, """{"code":"RESOURCE_ALREADY_EXIST","message":"Duplicated reference id."}""");
        var repeated = await Provider().InitiateAsync(Request(), default);

        Assert.Equal((ProviderState.Failed, PaymentFailureReason.InvalidAccount), (refused.State, refused.FailureReason));
        Assert.Contains("Payer not found", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderState.Pending, repeated.State);
    }

    [Fact]
    public async Task Credentials_MTN_refuses_raise_HttpRequestException_and_nothing_is_sent()
    {
        _mtn.On(HttpMethod.Post, Token, HttpStatusCode.Unauthorized, """{"error":"login_failed"}""");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Provider().InitiateAsync(Request(), default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(_mtn.RequestsTo(RequestToPay));
    }

    [Fact]
    public async Task MTN_not_answering_in_time_raises_TimeoutException()
    {
        _mtn.Hang(HttpMethod.Post, RequestToPay);

        await Assert.ThrowsAsync<TimeoutException>(() => Provider(TimeSpan.FromMilliseconds(200)).InitiateAsync(Request(), default));
    }

    [Fact]
    public async Task Payouts_and_refunds_are_refused_without_calling_MTN()
    {
        var payout = await Provider().InitiateAsync(Request(collection: false), default);
        var refund = await Provider().RefundAsync(Request(), "ref", Guid.NewGuid(), default);

        Assert.Equal((ProviderState.Failed, PaymentFailureReason.ProviderError), (payout.State, payout.FailureReason));
        Assert.Equal(ProviderState.Failed, refund.State);
        Assert.Empty(_mtn.Requests);
    }

    [Fact]
    public void A_signed_callback_is_read_and_a_tampered_or_unsigned_one_refused()
    {
        var request = Request();
        var callback = Signed($$"""{"financialTransactionId":"363440463","externalId":"{{request.PaymentId:D}}","amount":"2500","currency":"XOF","payer":{"partyIdType":"MSISDN","partyId":"221771234567"},"status":"SUCCESSFUL"}""");
        var provider = Provider();

        var valid = provider.VerifyCallback(callback);
        var tampered = provider.VerifyCallback(Tampered(callback, "\"2500\"", "\"25000\""));
        var unsigned = provider.VerifyCallback(callback with { Headers = new Dictionary<string, string>() });
        var stale = provider.VerifyCallback(Signed("""{"externalId":"x","status":"SUCCESSFUL"}""", Now.AddMinutes(-6)));
        var malformed = provider.VerifyCallback(Signed("""{"externalId":"not-ours","status":"SUCCESSFUL"}"""));

        Assert.Equal(request.PaymentId, valid.Callback!.PaymentId);
        Assert.Equal((ProviderState.Succeeded, "SUCCESSFUL"), (valid.Callback.Update.State, valid.Callback.ReportedStatus));
        Assert.Equal(request.Amount, valid.Callback.Update.Amount);
        Assert.Equal(CallbackRejection.BadSignature, tampered.Rejection);
        Assert.Equal(CallbackRejection.BadSignature, unsigned.Rejection);
        Assert.Equal(CallbackRejection.StaleTimestamp, stale.Rejection);
        Assert.Equal(CallbackRejection.Malformed, malformed.Rejection);
    }
}
