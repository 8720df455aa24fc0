using System.Net;
using System.Text.Json;

namespace Graph.Api.Payments.Providers.Http;

/// <summary>
/// A provider reached through a payment gateway that follows the platform's own contract (Moov Money and Free Money, whose
/// merchant APIs are not public; aggregators that serve them can speak it). Bearer API key; our payment ID is the
/// transaction's reference throughout, and the gateway's ID is kept as the provider reference.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>POST /v1/transactions</c> with <c>Idempotency-Key</c> = our payment ID:
/// <c>{"reference", "type": "COLLECTION"|"DISBURSEMENT", "amount": "2500", "currency", "msisdn": "+221...", "description",
/// "merchantId", "callbackUrl"}</c> (409: the reference was sent before, the transaction goes on).</item>
/// <item><c>GET /v1/transactions/{reference}</c> (404: unknown).</item>
/// <item><c>POST /v1/transactions/{reference}/refunds</c> with <c>Idempotency-Key</c> = the refund's ID:
/// <c>{"refundReference", "amount", "currency"}</c>.</item>
/// <item>Every answer: <c>{"reference", "transactionId", "status": PENDING|SUCCESSFUL|FAILED|EXPIRED|CANCELLED, "reason"
/// (INSUFFICIENT_FUNDS, REJECTED, INVALID_ACCOUNT, LIMIT_EXCEEDED, PROVIDER_ERROR), "message", "amount", "currency",
/// "customerAction"}</c>; an error: <c>{"code", "message"}</c>.</item>
/// <item>Callbacks: <see cref="GatewayCallbacks"/>, signed with <c>X-Graph-Signature</c>.</item>
/// </list>
/// </remarks>
public sealed class GatewayProvider(PaymentMethod method, Func<HttpClient> clients, PaymentsOptions.ProviderOptions settings, PaymentsOptions payments, TimeProvider clock, ILogger logger)
    : HttpPaymentProvider(method, clients, settings, payments, clock, logger)
{
    /// <inheritdoc />
    public override async Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        var reference = request.PaymentId.ToString("D");
        using var message = Authorized(HttpMethod.Post, "v1/transactions", reference, new
        {
            reference,
            type = request.Collection ? "COLLECTION" : "DISBURSEMENT",
            amount = AmountText(request.Amount),
            currency = request.Amount.Currency.ToString(),
            msisdn = request.WalletNumber,
            description = request.Description,
            merchantId = string.IsNullOrEmpty(Settings.MerchantId) ? null : Settings.MerchantId,
            callbackUrl = string.IsNullOrEmpty(Payments.CallbackBaseUrl) ? null : CallbackUrl,
        });
        var answer = await SendAsync(message, cancellationToken);
        if (answer.Status == HttpStatusCode.Conflict)
        {
            return new ProviderUpdate(ProviderState.Pending, Message: $"{Name} already has a transaction under this reference.");
        }
        return Read(answer, "the transaction");
    }

    /// <inheritdoc />
    public override async Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken)
    {
        using var message = Authorized(HttpMethod.Get, $"v1/transactions/{request.PaymentId:D}");
        var answer = await SendAsync(message, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return new ProviderUpdate(ProviderState.Unknown, Message: $"{Name} has no transaction under this reference.");
        }
        if (!answer.IsSuccess)
        {
            throw Unanswered(answer, "the status request");
        }
        return Read(answer, "the status request");
    }

    /// <inheritdoc />
    public override async Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken)
    {
        using var message = Authorized(HttpMethod.Post, $"v1/transactions/{original.PaymentId:D}/refunds", refundId.ToString("D"), new
        {
            refundReference = refundId.ToString("D"),
            amount = AmountText(original.Amount),
            currency = original.Amount.Currency.ToString(),
        });
        return Read(await SendAsync(message, cancellationToken), "the refund");
    }

    /// <inheritdoc />
    protected override CallbackVerification ReadCallback(JsonElement body) => GatewayCallbacks.Read(JsonSerializer.SerializeToUtf8Bytes(body));

    /// <summary>The platform's view of a gateway's answer: a transaction (2xx), a refusal (4xx), or an exception when the
    /// answer says nothing of the transaction.</summary>
    private ProviderUpdate Read(ProviderAnswer answer, string what)
    {
        if (answer.IsTransient)
        {
            throw Unanswered(answer, what);
        }
        if (!answer.IsSuccess)
        {
            var code = answer.Json is { } error ? ProviderJson.String(error, "code") : null;
            return Refused(answer, null, GatewayCallbacks.ReasonOf(code) ?? PaymentFailureReason.ProviderError,
                answer.Json is { } words ? ProviderJson.String(words, "message") ?? code : null);
        }
        if (answer.Json is not { } json || UpdateOf(json) is not { } update)
        {
            throw new HttpRequestException($"{Name} answered {what} with a body it cannot read.");
        }
        return update;
    }

    /// <summary>The platform's view of a transaction as the gateway describes it, or null when unreadable.</summary>
    public static ProviderUpdate? UpdateOf(JsonElement json)
    {
        if (GatewayCallbacks.StateOf(ProviderJson.String(json, "status")) is not { } state)
        {
            return null;
        }
        var amountText = ProviderJson.String(json, "amount");
        var currency = ProviderJson.String(json, "currency");
        var amount = amountText is null && currency is null ? null : GatewayCallbacks.ReadMoney(amountText, currency);
        if (amount is null && (amountText is not null || currency is not null))
        {
            return null;
        }
        return new ProviderUpdate(
            state,
            ProviderJson.String(json, "transactionId"),
            state == ProviderState.Failed ? GatewayCallbacks.ReasonOf(ProviderJson.String(json, "reason")) ?? PaymentFailureReason.ProviderError : null,
            ProviderJson.String(json, "message"),
            amount,
            ProviderJson.String(json, "customerAction"));
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path, string? idempotencyKey = null, object? body = null)
    {
        var request = Request(method, path, body);
        request.Headers.Authorization = new("Bearer", Settings.ApiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return request;
    }
}
