using System.Net;
using System.Text;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Payments.Providers.Http;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Graph.Api.Tests.Payments.Providers.ProviderTesting;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>The Orange Money WebPay client against Orange's API in memory: request shapes, statuses, errors, callbacks.</summary>
public sealed class OrangeMoneyProviderTests
{
    private const string Token = "/oauth/v3/token";
    private const string WebPayment = "/orange-money-webpay/dev/v1/webpayment";
    private const string TransactionStatus = "/orange-money-webpay/dev/v1/transactionstatus";

    private readonly FakeProviderServer _orange = new FakeProviderServer()
        .On(HttpMethod.Post, Token, HttpStatusCode.OK, """{"token_type":"Bearer","access_token":"orange-token","expires_in":"7776000"}""")
        .On(HttpMethod.Post, WebPayment, HttpStatusCode.Created,
            """{"status":201,"message":"OK","pay_token":"v1b2c3d4e5f6a7b8c9d0","payment_url":"https://webpayment-qualif.orange-money.com/payment/pay_token/v1b2c3d4e5f6a7b8c9d0","notif_token":"dd497bda3b250e536186fc0663f32f40"}""");

    private OrangeMoneyProvider Provider() => new(() => _orange.Client(), new PaymentsOptions.ProviderOptions
    {
        Kind = ProviderKind.Http,
        BaseUrl = "https://api.orange.com/orange-money-webpay/dev/v1",
        ApiKey = "orange-client-id",
        ApiSecret = "orange-client-secret",
        MerchantId = "merchant-key-1234",
        CallbackSecrets = [Secret],
    }, PlatformSettings(), new ManualClock(Now), NullLogger.Instance);

    [Fact]
    public async Task A_web_payment_is_opened_with_an_OAuth_token_and_its_pay_token_kept()
    {
        var request = Request();

        var update = await Provider().InitiateAsync(request, default);

        Assert.Equal((ProviderState.Pending, "v1b2c3d4e5f6a7b8c9d0"), (update.State, update.ProviderReference));
        Assert.Equal("https://webpayment-qualif.orange-money.com/payment/pay_token/v1b2c3d4e5f6a7b8c9d0", update.CustomerAction);
        var token = Assert.Single(_orange.RequestsTo(Token));
        Assert.Equal("https://api.orange.com/oauth/v3/token", token.Uri.ToString());
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("orange-client-id:orange-client-secret")), token.Header("Authorization"));
        Assert.Equal("grant_type=client_credentials", token.Body);
        var pay = Assert.Single(_orange.RequestsTo(WebPayment));
        Assert.Equal("Bearer orange-token", pay.Header("Authorization"));
        var body = pay.Json;
        Assert.Equal("merchant-key-1234", body.GetProperty("merchant_key").GetString());
        Assert.Equal("XOF", body.GetProperty("currency").GetString());
        Assert.Equal(request.PaymentId.ToString("N"), body.GetProperty("order_id").GetString());
        Assert.Equal(2500m, body.GetProperty("amount").GetDecimal());
        Assert.Equal("https://api.graph.test/payments/callback/orange-money", body.GetProperty("notif_url").GetString());
        Assert.Equal($"https://app.graph.test/paid?payment={request.PaymentId:D}&result=success", body.GetProperty("return_url").GetString());
        Assert.Equal($"https://app.graph.test/paid?payment={request.PaymentId:D}&result=cancel", body.GetProperty("cancel_url").GetString());
    }

    [Theory]
    [InlineData("INITIATED", ProviderState.Pending)]
    [InlineData("PENDING", ProviderState.Pending)]
    [InlineData("SUCCESS", ProviderState.Succeeded)]
    [InlineData("EXPIRED", ProviderState.Expired)]
    [InlineData("FAILED", ProviderState.Failed)]
    public async Task Transaction_statuses_map_to_the_platform_s(string status, ProviderState state)
    {
        var request = Request();
        _orange.On(HttpMethod.Post, TransactionStatus, HttpStatusCode.Created, $$"""{"status":"{{status}}","order_id":"{{request.PaymentId:N}}","txnid":"MP150709.1341.A00073"}""");

        var update = await Provider().CheckStatusAsync(request, "v1b2c3d4e5f6a7b8c9d0", default);

        Assert.Equal((state, "v1b2c3d4e5f6a7b8c9d0"), (update.State, update.ProviderReference));
        var asked = Assert.Single(_orange.RequestsTo(TransactionStatus)).Json;
        Assert.Equal((request.PaymentId.ToString("N"), "v1b2c3d4e5f6a7b8c9d0"), (asked.GetProperty("order_id").GetString(), asked.GetProperty("pay_token").GetString()));
        Assert.Equal(2500m, asked.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Errors_map_to_a_refusal_or_an_unanswered_request()
    {
        _orange.On(HttpMethod.Post, WebPayment, HttpStatusCode.BadRequest, """{"code":1,"message":"Invalid merchant key","description":"The merchant key is unknown."}""");
        var refused = await Provider().InitiateAsync(Request(), default);
        _orange.On(HttpMethod.Post, WebPayment, HttpStatusCode.ServiceUnavailable, null);

        Assert.Equal((ProviderState.Failed, PaymentFailureReason.ProviderError), (refused.State, refused.FailureReason));
        Assert.Contains("Invalid merchant key", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Assert.ThrowsAsync<HttpRequestException>(() => Provider().InitiateAsync(Request(), default))).StatusCode);
    }

    [Fact]
    public async Task Payouts_and_refunds_are_refused_without_calling_Orange()
    {
        Assert.Equal(ProviderState.Failed, (await Provider().InitiateAsync(Request(collection: false), default)).State);
        Assert.Equal(ProviderState.Failed, (await Provider().RefundAsync(Request(), "v1", Guid.NewGuid(), default)).State);
        Assert.Empty(_orange.Requests);
    }

    [Fact]
    public void A_signed_notification_is_read_by_its_order_id()
    {
        var request = Request();
        var provider = Provider();

        var success = provider.VerifyCallback(Signed($$"""{"status":"SUCCESS","notif_token":"dd497bda3b250e536186fc0663f32f40","txnid":"MP150709.1341.A00073","order_id":"{{request.PaymentId:N}}"}"""));
        var noOrder = provider.VerifyCallback(Signed("""{"status":"SUCCESS","notif_token":"dd497bda3b250e536186fc0663f32f40","txnid":"MP150709.1341.A00073"}"""));

        Assert.Equal((request.PaymentId, ProviderState.Succeeded, "SUCCESS"), (success.Callback!.PaymentId, success.Callback.Update.State, success.Callback.ReportedStatus));
        Assert.Equal(CallbackRejection.Malformed, noOrder.Rejection);
    }
}
