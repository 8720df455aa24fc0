using System.Net;
using System.Text.Json;
using Graph.Api.Common;

namespace Graph.Api.Payments.Providers.Http;

/// <summary>
/// Wave through its Checkout API (collections: the customer opens a link in the Wave app and confirms) and its Payout API
/// (disbursements), with the business wallet's API key as bearer token.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Settings: <c>BaseUrl</c> (https://api.wave.com), <c>ApiKey</c> (a key with the Checkout and Payout APIs enabled).
/// <see cref="PaymentsOptions.ReturnUrl"/> gives the success and error pages Wave sends the customer back to.</item>
/// <item>Collection: <c>POST /v1/checkout/sessions</c> (amount, currency, client_reference = our payment ID, success_url,
/// error_url, restrict_payer_mobile); the session's <c>id</c> is the reference, its <c>wave_launch_url</c> what the customer
/// opens. Status: <c>GET /v1/checkout/sessions/{id}</c>: checkout_status open | complete | expired, payment_status
/// processing | cancelled | succeeded, last_payment_error. Refund: <c>POST /v1/checkout/sessions/{id}/refund</c>.</item>
/// <item>Payout: <c>POST /v1/payout</c> (currency, receive_amount, mobile, client_reference, payment_reason) with our payment
/// ID as <c>Idempotency-Key</c>; status <c>GET /v1/payout/{id}</c>: processing | succeeded | failed | reversed.</item>
/// <item>Callback: Wave's event (<c>{"id", "type", "data": session}</c>), signed with <c>X-Graph-Signature</c>. A
/// <c>checkout.session.completed</c> event settles the payment; <c>checkout.session.payment_failed</c> leaves it PENDING while
/// the session is open (the customer may try again); an expired session with a failed attempt is FAILED, one without is
/// EXPIRED.</item>
/// </list>
/// </remarks>
public sealed class WaveProvider(Func<HttpClient> clients, PaymentsOptions.ProviderOptions settings, PaymentsOptions payments, TimeProvider clock, ILogger logger)
    : HttpPaymentProvider(PaymentMethod.Wave, clients, settings, payments, clock, logger)
{
    /// <summary>The longest payment reason Wave shows on a payout, in characters.</summary>
    private const int MaxPaymentReasonLength = 40;

    /// <inheritdoc />
    public override async Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        var reference = request.PaymentId.ToString("D");
        using var message = request.Collection
            ? Authorized(HttpMethod.Post, "v1/checkout/sessions", new
            {
                amount = AmountText(request.Amount),
                currency = request.Amount.Currency.ToString(),
                client_reference = reference,
                success_url = ReturnUrl(request.PaymentId, "success"),
                error_url = ReturnUrl(request.PaymentId, "cancel"),
                restrict_payer_mobile = request.WalletNumber,
            })
            : Authorized(HttpMethod.Post, "v1/payout", new
            {
                currency = request.Amount.Currency.ToString(),
                receive_amount = AmountText(request.Amount),
                mobile = request.WalletNumber,
                client_reference = reference,
                payment_reason = Cut(request.Description, MaxPaymentReasonLength),
            });
        if (!request.Collection)
        {
            message.Headers.Add("Idempotency-Key", reference);
        }
        var answer = await SendAsync(message, cancellationToken);
        if (answer.IsSuccess)
        {
            var update = answer.Json is { } json ? (request.Collection ? SessionUpdate(json) : PayoutUpdate(json)) : null;
            return update ?? throw new HttpRequestException("Wave answered the initiation with a body it cannot read.");
        }
        if (answer.IsTransient)
        {
            throw Unanswered(answer, request.Collection ? "the checkout session" : "the payout");
        }
        var code = answer.Json is { } error ? ProviderJson.String(error, "code") : null;
        return Refused(answer, null, FailureOf(code), answer.Json is { } words ? ProviderJson.String(words, "message") ?? code : null);
    }

    /// <inheritdoc />
    public override async Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken)
    {
        if (providerReference is null)
        {
            return new ProviderUpdate(ProviderState.Unknown, Message: "Wave never gave this payment a reference.");
        }
        var path = request.Collection ? "v1/checkout/sessions/" : "v1/payout/";
        using var message = Authorized(HttpMethod.Get, path + Uri.EscapeDataString(providerReference));
        var answer = await SendAsync(message, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return new ProviderUpdate(ProviderState.Unknown, Message: "Wave has no transaction under this reference.");
        }
        if (!answer.IsSuccess)
        {
            throw Unanswered(answer, "the status request");
        }
        var update = answer.Json is { } json ? (request.Collection ? SessionUpdate(json) : PayoutUpdate(json)) : null;
        return update ?? throw new HttpRequestException("Wave answered the status request with a body it cannot read.");
    }

    /// <inheritdoc />
    public override async Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken)
    {
        if (!original.Collection)
        {
            return NotOffered("refunds of payouts");
        }
        using var message = Authorized(HttpMethod.Post, $"v1/checkout/sessions/{Uri.EscapeDataString(providerReference)}/refund");
        message.Content = new ByteArrayContent([]);
        var answer = await SendAsync(message, cancellationToken);
        if (answer.IsSuccess)
        {
            return new ProviderUpdate(ProviderState.Succeeded, Amount: original.Amount);
        }
        if (answer.IsTransient)
        {
            throw Unanswered(answer, "the refund");
        }
        var code = answer.Json is { } error ? ProviderJson.String(error, "code") : null;
        return Refused(answer, null, PaymentFailureReason.ProviderError, answer.Json is { } words ? ProviderJson.String(words, "message") ?? code : null);
    }

    /// <inheritdoc />
    protected override CallbackVerification ReadCallback(JsonElement body)
    {
        var type = ProviderJson.String(body, "type");
        if (ProviderJson.Property(body, "data") is not { ValueKind: JsonValueKind.Object } session)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The event has no data.");
        }
        if (type is not ("checkout.session.completed" or "checkout.session.payment_failed"))
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, $"The event type '{type}' is not one the platform subscribes to.");
        }
        // A failed attempt on a session still open reads as PENDING (the customer may try again); its failure, if the
        // session expires so, comes with the session's status.
        if (SessionUpdate(session) is not { } update)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The session's status or amount is not readable.");
        }
        Guid? paymentId = Guid.TryParse(ProviderJson.String(session, "client_reference"), out var id) ? id : null;
        return CallbackVerification.Valid(new ProviderCallback(paymentId, ProviderJson.String(session, "id"), ProviderJson.String(body, "id"), type!, update));
    }

    /// <summary>The platform's view of a checkout session, or null when unreadable.</summary>
    public static ProviderUpdate? SessionUpdate(JsonElement session)
    {
        var reference = ProviderJson.String(session, "id");
        var amount = GatewayCallbacks.ReadMoney(ProviderJson.String(session, "amount"), ProviderJson.String(session, "currency"));
        if (reference is null || amount is null)
        {
            return null;
        }
        var error = ProviderJson.Property(session, "last_payment_error");
        var errorCode = error is { } e ? ProviderJson.String(e, "code") : null;
        var errorWords = error is { } w ? ProviderJson.String(w, "message") ?? errorCode : null;
        return (ProviderJson.String(session, "checkout_status"), ProviderJson.String(session, "payment_status")) switch
        {
            ("complete", "succeeded") => new ProviderUpdate(ProviderState.Succeeded, reference, Message: ProviderJson.String(session, "transaction_id"), Amount: amount),
            (_, "cancelled") => new ProviderUpdate(ProviderState.Cancelled, reference, Message: errorWords, Amount: amount),
            ("expired", _) when error is not null => new ProviderUpdate(ProviderState.Failed, reference, FailureOf(errorCode), errorWords, amount),
            ("expired", _) => new ProviderUpdate(ProviderState.Expired, reference, Message: "The checkout session expired.", Amount: amount),
            // An open session with a failed attempt still waits: the customer may try again until it expires.
            ("open" or "complete", "processing" or null) => new ProviderUpdate(ProviderState.Pending, reference, Message: errorWords, Amount: amount,
                CustomerAction: ProviderJson.String(session, "wave_launch_url")),
            _ => null,
        };
    }

    /// <summary>The platform's view of a payout, or null when unreadable.</summary>
    public static ProviderUpdate? PayoutUpdate(JsonElement payout)
    {
        var reference = ProviderJson.String(payout, "id");
        if (reference is null)
        {
            return null;
        }
        var amount = ProviderJson.String(payout, "receive_amount") is { } text ? GatewayCallbacks.ReadMoney(text, ProviderJson.String(payout, "currency")) : null;
        var error = ProviderJson.Property(payout, "payout_error");
        var errorCode = error is { } e ? ProviderJson.String(e, "error_code") ?? ProviderJson.String(e, "code") : null;
        var errorWords = error is { } w ? ProviderJson.String(w, "error_message") ?? ProviderJson.String(w, "message") ?? errorCode : null;
        return ProviderJson.String(payout, "status") switch
        {
            "processing" => new ProviderUpdate(ProviderState.Pending, reference, Amount: amount),
            "succeeded" => new ProviderUpdate(ProviderState.Succeeded, reference, Amount: amount),
            "failed" => new ProviderUpdate(ProviderState.Failed, reference, FailureOf(errorCode), errorWords, amount),
            "reversed" => new ProviderUpdate(ProviderState.Failed, reference, PaymentFailureReason.ProviderError, "Wave reversed the payout.", amount),
            _ => null,
        };
    }

    /// <summary>The failure reason a Wave error code gives (kebab-case codes such as insufficient-funds, blocked-account,
    /// payment-limit-exceeded, payer-mobile-mismatch).</summary>
    public static PaymentFailureReason FailureOf(string? code) => code switch
    {
        null => PaymentFailureReason.ProviderError,
        _ when code.Contains("insufficient", StringComparison.Ordinal) => PaymentFailureReason.InsufficientFunds,
        _ when code.Contains("limit", StringComparison.Ordinal) => PaymentFailureReason.LimitExceeded,
        _ when code.Contains("blocked", StringComparison.Ordinal) || code.Contains("not-found", StringComparison.Ordinal)
               || code.Contains("no-matching", StringComparison.Ordinal) => PaymentFailureReason.InvalidAccount,
        _ when code.Contains("mismatch", StringComparison.Ordinal) || code.Contains("declined", StringComparison.Ordinal) => PaymentFailureReason.Rejected,
        _ => PaymentFailureReason.ProviderError,
    };

    private HttpRequestMessage Authorized(HttpMethod method, string path, object? body = null)
    {
        var request = Request(method, path, body);
        request.Headers.Authorization = new("Bearer", Settings.ApiKey);
        return request;
    }
}
