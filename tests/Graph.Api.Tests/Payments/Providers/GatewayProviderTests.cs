using System.Net;
using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Payments.Providers.Http;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Graph.Api.Tests.Payments.Providers.ProviderTesting;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>The gateway client of Moov Money and Free Money (the platform's own contract) against a gateway in memory.</summary>
public sealed class GatewayProviderTests
{
    private readonly FakeProviderServer _gateway = new();

    private GatewayProvider Provider(PaymentMethod method, TimeSpan? timeout = null) => new(method, () => _gateway.Client(timeout), new PaymentsOptions.ProviderOptions
    {
        Kind = ProviderKind.Http,
        BaseUrl = "https://gateway.example.test/api",
        ApiKey = "gateway-api-key",
        MerchantId = "merchant-42",
        CallbackSecrets = [Secret],
    }, PlatformSettings(), new ManualClock(Now), NullLogger.Instance);

    public static TheoryData<PaymentMethod> Methods() => [PaymentMethod.MoovMoney, PaymentMethod.FreeMoney];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_transaction_is_posted_under_our_reference_and_idempotency_key(PaymentMethod method)
    {
        var request = Request(collection: false);
        _gateway.On(HttpMethod.Post, "/api/v1/transactions", HttpStatusCode.Created,
            $$"""{"reference":"{{request.PaymentId:D}}","transactionId":"MV0000000042","status":"PENDING","customerAction":"Confirm with your PIN."}""");

        var update = await Provider(method).InitiateAsync(request, default);

        Assert.Equal((ProviderState.Pending, "MV0000000042", "Confirm with your PIN."), (update.State, update.ProviderReference, update.CustomerAction));
        var sent = Assert.Single(_gateway.Requests);
        Assert.Equal(("Bearer gateway-api-key", request.PaymentId.ToString("D")), (sent.Header("Authorization"), sent.Header("Idempotency-Key")));
        var body = sent.Json;
        Assert.Equal(request.PaymentId.ToString("D"), body.GetProperty("reference").GetString());
        Assert.Equal("DISBURSEMENT", body.GetProperty("type").GetString());
        Assert.Equal(("2500", "XOF", "+221771234567"), (body.GetProperty("amount").GetString(), body.GetProperty("currency").GetString(), body.GetProperty("msisdn").GetString()));
        Assert.Equal("merchant-42", body.GetProperty("merchantId").GetString());
        Assert.Equal($"https://api.graph.test/payments/callback/{PaymentProviders.SlugOf(method)}", body.GetProperty("callbackUrl").GetString());
    }

    [Theory]
    [InlineData("""{"status":"SUCCESSFUL","transactionId":"MV1","amount":"2500","currency":"XOF"}""", ProviderState.Succeeded, null)]
    [InlineData("""{"status":"FAILED","transactionId":"MV1","reason":"INSUFFICIENT_FUNDS"}""", ProviderState.Failed, PaymentFailureReason.InsufficientFunds)]
    [InlineData("""{"status":"FAILED","transactionId":"MV1","reason":"SOMETHING_NEW"}""", ProviderState.Failed, PaymentFailureReason.ProviderError)]
    [InlineData("""{"status":"EXPIRED","transactionId":"MV1"}""", ProviderState.Expired, null)]
    [InlineData("""{"status":"CANCELLED","transactionId":"MV1"}""", ProviderState.Cancelled, null)]
    public async Task Statuses_map_to_the_platform_s(string json, ProviderState state, PaymentFailureReason? reason)
    {
        var request = Request();
        _gateway.On(HttpMethod.Get, $"/api/v1/transactions/{request.PaymentId:D}", HttpStatusCode.OK, json);

        var update = await Provider(PaymentMethod.MoovMoney).CheckStatusAsync(request, "MV1", default);

        Assert.Equal((state, reason, "MV1"), (update.State, update.FailureReason, update.ProviderReference));
    }

    [Fact]
    public async Task Unknown_refused_unanswered_and_unreadable_answers_are_told_apart()
    {
        var request = Request();
        var provider = Provider(PaymentMethod.FreeMoney);

        var unknown = await provider.CheckStatusAsync(request, null, default);
        _gateway.On(HttpMethod.Post, "/api/v1/transactions", HttpStatusCode.UnprocessableEntity, """{"code":"INVALID_ACCOUNT","message":"No wallet."}""");
        var refused = await provider.InitiateAsync(request, default);
        _gateway.On(HttpMethod.Post, "/api/v1/transactions", HttpStatusCode.InternalServerError, null);
        var unanswered = await Assert.ThrowsAsync<HttpRequestException>(() => provider.InitiateAsync(request, default));
        _gateway.On(HttpMethod.Post, "/api/v1/transactions", HttpStatusCode.OK, "not json");
        var unreadable = await Assert.ThrowsAsync<HttpRequestException>(() => provider.InitiateAsync(request, default));
        _gateway.Hang(HttpMethod.Post, "/api/v1/transactions");

        Assert.Equal(ProviderState.Unknown, unknown.State);
        Assert.Equal((ProviderState.Failed, PaymentFailureReason.InvalidAccount), (refused.State, refused.FailureReason));
        Assert.Equal(HttpStatusCode.InternalServerError, unanswered.StatusCode);
        Assert.Null(unreadable.StatusCode);
        await Assert.ThrowsAsync<TimeoutException>(() => Provider(PaymentMethod.FreeMoney, TimeSpan.FromMilliseconds(200)).InitiateAsync(request, default));
    }

    [Fact]
    public async Task A_refund_posts_under_the_refund_s_idempotency_key()
    {
        var original = Request();
        var refundId = Guid.NewGuid();
        _gateway.On(HttpMethod.Post, $"/api/v1/transactions/{original.PaymentId:D}/refunds", HttpStatusCode.OK, """{"status":"SUCCESSFUL","transactionId":"MVR1"}""");

        var update = await Provider(PaymentMethod.MoovMoney).RefundAsync(original, "MV1", refundId, default);

        Assert.Equal((ProviderState.Succeeded, "MVR1"), (update.State, update.ProviderReference));
        var sent = Assert.Single(_gateway.Requests);
        Assert.Equal(refundId.ToString("D"), sent.Header("Idempotency-Key"));
        Assert.Equal(refundId.ToString("D"), sent.Json.GetProperty("refundReference").GetString());
    }

    [Fact]
    public void Callbacks_follow_the_platform_s_contract()
    {
        var request = Request();
        var update = new ProviderUpdate(ProviderState.Failed, "MV1", PaymentFailureReason.Rejected);
        var body = System.Text.Encoding.UTF8.GetString(GatewayCallbacks.Serialize(request.PaymentId, "MV1", "evt-9", update, new Money(2500m, Currency.XOF), Now));

        var read = Provider(PaymentMethod.MoovMoney).VerifyCallback(Signed(body));
        var refused = Provider(PaymentMethod.MoovMoney).VerifyCallback(Signed(body, secret: "another-secret-entirely-32-characters"));

        Assert.Equal((request.PaymentId, "MV1", "evt-9", ProviderState.Failed, PaymentFailureReason.Rejected),
            (read.Callback!.PaymentId, read.Callback.ProviderReference, read.Callback.EventId, read.Callback.Update.State, read.Callback.Update.FailureReason));
        Assert.Equal(CallbackRejection.BadSignature, refused.Rejection);
    }
}
