using System.Net;
using System.Text.Json;
using Graph.Api.Common;

namespace Graph.Api.Payments.Providers.Http;

/// <summary>
/// MTN Mobile Money through its Collection API (MoMo Open API): a request to pay pushes a prompt to the customer's phone,
/// under our payment ID as its reference (<c>X-Reference-Id</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Settings: <c>BaseUrl</c> (https://sandbox.momodeveloper.mtn.com, or the production address MTN gives), <c>ApiKey</c>
/// the API user (a UUID), <c>ApiSecret</c> its API key, <c>MerchantId</c> the Collection product's subscription key
/// (<c>Ocp-Apim-Subscription-Key</c>), <c>TargetEnvironment</c> (<c>X-Target-Environment</c>: sandbox, mtnivorycoast...).</item>
/// <item>Token: <c>POST /collection/token/</c>, Basic API user and key, answered with a bearer token and its lifetime.</item>
/// <item>Initiation: <c>POST /collection/v1_0/requesttopay</c> (202 Accepted; 409 when the reference was already sent,
/// which is the same transaction), with <c>X-Callback-Url</c> when a callback address is configured.</item>
/// <item>Status: <c>GET /collection/v1_0/requesttopay/{referenceId}</c>: PENDING, SUCCESSFUL or FAILED with a reason
/// (PAYER_NOT_FOUND, NOT_ENOUGH_FUNDS, APPROVAL_REJECTED, EXPIRED, TRANSACTION_CANCELED, PAYER_LIMIT_REACHED...).</item>
/// <item>Callback: the same body as the status (<c>externalId</c> is our payment ID), signed with <c>X-Graph-Signature</c>.</item>
/// <item>Payouts and refunds go through MTN's Disbursement product, which has its own API user and subscription key; this
/// client serves Collection only and answers them FAILED without calling MTN.</item>
/// </list>
/// </remarks>
public sealed class MtnMomoProvider(Func<HttpClient> clients, PaymentsOptions.ProviderOptions settings, PaymentsOptions payments, TimeProvider clock, ILogger logger)
    : HttpPaymentProvider(PaymentMethod.MtnMomo, clients, settings, payments, clock, logger)
{
    /// <summary>What the customer does.</summary>
    public const string CustomerAction = "Approve the payment prompt on your phone with your MoMo PIN.";

    /// <summary>The longest payer message and payee note MTN takes, in characters.</summary>
    private const int MaxNoteLength = 160;

    /// <inheritdoc />
    public override async Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        if (!request.Collection)
        {
            return NotOffered("payouts (MTN's Disbursement product)");
        }
        var reference = request.PaymentId.ToString("D");
        var body = new
        {
            amount = AmountText(request.Amount),
            currency = request.Amount.Currency.ToString(),
            externalId = reference,
            payer = new { partyIdType = "MSISDN", partyId = Msisdn(request.WalletNumber) },
            payerMessage = Cut(request.Description, MaxNoteLength),
            payeeNote = Cut(request.Description, MaxNoteLength),
        };
        var answer = await SendAuthorizedAsync(token =>
        {
            var message = Collection(HttpMethod.Post, "collection/v1_0/requesttopay", token, body);
            message.Headers.Add("X-Reference-Id", reference);
            if (!string.IsNullOrEmpty(Payments.CallbackBaseUrl))
            {
                message.Headers.Add("X-Callback-Url", CallbackUrl);
            }
            return message;
        }, cancellationToken);
        if (answer.IsSuccess || answer.Status == HttpStatusCode.Conflict)
        {
            // 409: this reference was sent before (a retry); the transaction it started goes on.
            return new ProviderUpdate(ProviderState.Pending, reference, CustomerAction: CustomerAction);
        }
        if (answer.IsTransient)
        {
            throw Unanswered(answer, "the request to pay");
        }
        var (reason, words) = ErrorOf(answer.Json);
        return Refused(answer, reference, reason, words);
    }

    /// <inheritdoc />
    public override async Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken)
    {
        var reference = providerReference ?? request.PaymentId.ToString("D");
        var answer = await SendAuthorizedAsync(token => Collection(HttpMethod.Get, $"collection/v1_0/requesttopay/{Uri.EscapeDataString(reference)}", token), cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return new ProviderUpdate(ProviderState.Unknown, Message: "MTN MoMo has no request to pay under this reference.");
        }
        if (!answer.IsSuccess)
        {
            throw Unanswered(answer, "the status request");
        }
        if (answer.Json is not { } json || UpdateOf(json, reference) is not { } update)
        {
            throw new HttpRequestException("MTN MoMo answered the status request with a body it cannot read.");
        }
        return update;
    }

    /// <inheritdoc />
    public override Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken) =>
        Task.FromResult(NotOffered("refunds (MTN's Disbursement product)"));

    /// <inheritdoc />
    protected override CallbackVerification ReadCallback(JsonElement body)
    {
        var externalId = ProviderJson.String(body, "externalId");
        if (externalId is null || !Guid.TryParse(externalId, out var paymentId))
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The callback has no externalId naming a payment.");
        }
        var reference = paymentId.ToString("D");
        if (UpdateOf(body, reference) is not { } update)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The callback's status or amount is not readable.");
        }
        return CallbackVerification.Valid(new ProviderCallback(paymentId, reference, null, ProviderJson.String(body, "status")!, update));
    }

    /// <inheritdoc />
    protected override async Task<(string Token, TimeSpan Lifetime)> FetchTokenAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "collection/token/");
        request.Headers.Authorization = Basic(Settings.ApiKey, Settings.ApiSecret);
        request.Headers.Add("Ocp-Apim-Subscription-Key", Settings.MerchantId);
        request.Content = new ByteArrayContent([]);
        var answer = await SendAsync(request, cancellationToken);
        if (answer.IsTransient)
        {
            throw Unanswered(answer, "the access token request");
        }
        return ReadToken(answer);
    }

    /// <summary>The platform's view of a request to pay as MTN describes it (status, reason, amount), or null when unreadable.</summary>
    public static ProviderUpdate? UpdateOf(JsonElement json, string reference)
    {
        Money? amount = null;
        if (ProviderJson.String(json, "amount") is not null || ProviderJson.String(json, "currency") is not null)
        {
            amount = GatewayCallbacks.ReadMoney(ProviderJson.String(json, "amount"), ProviderJson.String(json, "currency"));
            if (amount is null)
            {
                return null;
            }
        }
        var (code, words) = ReasonOf(json);
        return ProviderJson.String(json, "status") switch
        {
            "PENDING" or "CREATED" or "ONGOING" => new ProviderUpdate(ProviderState.Pending, reference, Amount: amount),
            "SUCCESSFUL" => new ProviderUpdate(ProviderState.Succeeded, reference, Message: ProviderJson.String(json, "financialTransactionId"), Amount: amount),
            "FAILED" or "REJECTED" or "TIMEOUT" => code switch
            {
                "EXPIRED" => new ProviderUpdate(ProviderState.Expired, reference, Message: words, Amount: amount),
                "TRANSACTION_CANCELED" => new ProviderUpdate(ProviderState.Cancelled, reference, Message: words, Amount: amount),
                _ when ProviderJson.String(json, "status") == "TIMEOUT" => new ProviderUpdate(ProviderState.Expired, reference, Message: words, Amount: amount),
                _ => new ProviderUpdate(ProviderState.Failed, reference, FailureOf(code), words ?? code, amount),
            },
            _ => null,
        };
    }

    /// <summary>The failure reason an MTN reason code gives.</summary>
    public static PaymentFailureReason FailureOf(string? code) => code switch
    {
        "PAYER_NOT_FOUND" or "PAYEE_NOT_FOUND" => PaymentFailureReason.InvalidAccount,
        "NOT_ENOUGH_FUNDS" => PaymentFailureReason.InsufficientFunds,
        "APPROVAL_REJECTED" => PaymentFailureReason.Rejected,
        "PAYER_LIMIT_REACHED" or "PAYEE_LIMIT_REACHED" => PaymentFailureReason.LimitExceeded,
        _ => PaymentFailureReason.ProviderError,
    };

    /// <summary>The reason of a request to pay: MTN gives it as a code, or as an object with a code and a message.</summary>
    private static (string? Code, string? Words) ReasonOf(JsonElement json) => ProviderJson.Property(json, "reason") switch
    {
        { ValueKind: JsonValueKind.String } text => (text.GetString(), null),
        { ValueKind: JsonValueKind.Object } reason => (ProviderJson.String(reason, "code"), ProviderJson.String(reason, "message")),
        _ => (null, null),
    };

    /// <summary>The reason and words of an error answer (<c>{"code", "message"}</c>).</summary>
    private static (PaymentFailureReason Reason, string? Words) ErrorOf(JsonElement? json) => json is { } error
        ? (FailureOf(ProviderJson.String(error, "code")), ProviderJson.String(error, "message") ?? ProviderJson.String(error, "code"))
        : (PaymentFailureReason.ProviderError, null);

    private HttpRequestMessage Collection(HttpMethod method, string path, string token, object? body = null)
    {
        var request = Request(method, path, body);
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("X-Target-Environment", Settings.TargetEnvironment);
        request.Headers.Add("Ocp-Apim-Subscription-Key", Settings.MerchantId);
        return request;
    }
}
