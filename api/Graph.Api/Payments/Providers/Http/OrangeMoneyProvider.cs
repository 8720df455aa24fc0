using System.Text.Json;

namespace Graph.Api.Payments.Providers.Http;

/// <summary>
/// Orange Money through its WebPay API (Orange Developer): the platform opens a web payment, the customer confirms it on
/// Orange's payment page (or with the code the page sends), and Orange notifies the platform.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Settings: <c>BaseUrl</c> the WebPay API of the country (https://api.orange.com/orange-money-webpay/{country}/v1,
/// "dev" for the sandbox), <c>ApiKey</c> and <c>ApiSecret</c> the application's client ID and secret, <c>MerchantId</c> the
/// merchant key. <see cref="PaymentsOptions.ReturnUrl"/> gives the return and cancel pages.</item>
/// <item>Token: <c>POST /oauth/v3/token</c> on the same host (client credentials, Basic client ID and secret).</item>
/// <item>Initiation: <c>POST {BaseUrl}/webpayment</c> (merchant_key, currency, order_id = our payment ID without dashes,
/// amount, return_url, cancel_url, notif_url, lang, reference), answered 201 with <c>pay_token</c> (the reference kept) and
/// <c>payment_url</c> (what the customer opens).</item>
/// <item>Status: <c>POST {BaseUrl}/transactionstatus</c> (order_id, amount, pay_token): INITIATED, PENDING, SUCCESS, EXPIRED
/// or FAILED; WebPay gives no failure reason.</item>
/// <item>Callback: Orange's notification (<c>{"status", "notif_token", "txnid"}</c>) with the <c>order_id</c> it was opened
/// under, signed with <c>X-Graph-Signature</c>.</item>
/// <item>WebPay takes payments only: payouts and refunds are answered FAILED without calling Orange.</item>
/// </list>
/// </remarks>
public sealed class OrangeMoneyProvider(Func<HttpClient> clients, PaymentsOptions.ProviderOptions settings, PaymentsOptions payments, TimeProvider clock, ILogger logger)
    : HttpPaymentProvider(PaymentMethod.OrangeMoney, clients, settings, payments, clock, logger)
{
    /// <summary>The longest merchant reference WebPay shows, in characters.</summary>
    private const int MaxReferenceLength = 30;

    /// <inheritdoc />
    public override async Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        if (!request.Collection)
        {
            return NotOffered("payouts (WebPay takes payments only)");
        }
        var body = new
        {
            merchant_key = Settings.MerchantId,
            currency = request.Amount.Currency.ToString(),
            order_id = request.PaymentId.ToString("N"),
            amount = request.Amount.Amount,
            return_url = ReturnUrl(request.PaymentId, "success"),
            cancel_url = ReturnUrl(request.PaymentId, "cancel"),
            notif_url = CallbackUrl,
            lang = "fr",
            reference = Cut(request.Description, MaxReferenceLength),
        };
        var answer = await SendAuthorizedAsync(token => Authorized(HttpMethod.Post, "webpayment", token, body), cancellationToken);
        if (answer.IsSuccess)
        {
            if (answer.Json is not { } json || ProviderJson.String(json, "pay_token") is not { Length: > 0 } payToken)
            {
                throw new HttpRequestException("Orange Money answered the web payment with a body it cannot read.");
            }
            return new ProviderUpdate(ProviderState.Pending, payToken, CustomerAction: ProviderJson.String(json, "payment_url"));
        }
        if (answer.IsTransient)
        {
            throw Unanswered(answer, "the web payment");
        }
        return Refused(answer, null, PaymentFailureReason.ProviderError, answer.Json is { } error ? ProviderJson.String(error, "message") ?? ProviderJson.String(error, "description") : null);
    }

    /// <inheritdoc />
    public override async Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken)
    {
        if (providerReference is null)
        {
            return new ProviderUpdate(ProviderState.Unknown, Message: "Orange Money never gave this payment a pay token.");
        }
        var body = new { order_id = request.PaymentId.ToString("N"), amount = request.Amount.Amount, pay_token = providerReference };
        var answer = await SendAuthorizedAsync(token => Authorized(HttpMethod.Post, "transactionstatus", token, body), cancellationToken);
        if (answer.Status == System.Net.HttpStatusCode.NotFound)
        {
            return new ProviderUpdate(ProviderState.Unknown, Message: "Orange Money has no web payment under this pay token.");
        }
        if (!answer.IsSuccess)
        {
            throw Unanswered(answer, "the status request");
        }
        if (answer.Json is not { } json || UpdateOf(ProviderJson.String(json, "status"), providerReference, ProviderJson.String(json, "txnid")) is not { } update)
        {
            throw new HttpRequestException("Orange Money answered the status request with a body it cannot read.");
        }
        return update;
    }

    /// <inheritdoc />
    public override Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken) =>
        Task.FromResult(NotOffered("refunds (WebPay takes payments only)"));

    /// <inheritdoc />
    protected override CallbackVerification ReadCallback(JsonElement body)
    {
        var orderId = ProviderJson.String(body, "order_id");
        if (orderId is null || !Guid.TryParseExact(orderId, "N", out var paymentId))
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The notification has no order_id naming a payment.");
        }
        var status = ProviderJson.String(body, "status");
        if (UpdateOf(status, null, ProviderJson.String(body, "txnid")) is not { } update)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, $"Unknown status '{status}'.");
        }
        return CallbackVerification.Valid(new ProviderCallback(paymentId, null, null, status!, update));
    }

    /// <inheritdoc />
    protected override async Task<(string Token, TimeSpan Lifetime)> FetchTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "/oauth/v3/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = Basic(Settings.ApiKey, Settings.ApiSecret);
        request.Headers.Accept.Add(new("application/json"));
        var answer = await SendAsync(request, cancellationToken);
        if (answer.IsTransient)
        {
            throw Unanswered(answer, "the access token request");
        }
        return ReadToken(answer);
    }

    /// <summary>The platform's view of a WebPay status, or null for a status WebPay does not send.</summary>
    public static ProviderUpdate? UpdateOf(string? status, string? reference, string? transactionId) => status switch
    {
        "INITIATED" or "PENDING" => new ProviderUpdate(ProviderState.Pending, reference),
        "SUCCESS" => new ProviderUpdate(ProviderState.Succeeded, reference, Message: transactionId),
        "EXPIRED" => new ProviderUpdate(ProviderState.Expired, reference, Message: "The web payment expired."),
        "FAILED" => new ProviderUpdate(ProviderState.Failed, reference, PaymentFailureReason.ProviderError, "Orange Money reports the payment failed."),
        _ => null,
    };

    private HttpRequestMessage Authorized(HttpMethod method, string path, string token, object body)
    {
        var request = Request(method, path, body);
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }
}
