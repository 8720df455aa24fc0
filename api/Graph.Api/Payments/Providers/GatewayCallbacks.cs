using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Graph.Api.Common;
using Graph.Api.Data;

namespace Graph.Api.Payments.Providers;

/// <summary>
/// The platform's own callback contract, spoken by the simulators and by the gateways that follow the platform's contract
/// (<see cref="Http.GatewayProvider"/>): a JSON body
/// <c>{"eventId", "paymentId", "reference", "status", "reason", "amount", "currency", "occurredAt"}</c> signed with
/// <see cref="CallbackSignature"/> (header <c>X-Graph-Signature</c>). <c>status</c> is PENDING, SUCCESSFUL, FAILED, EXPIRED or
/// CANCELLED; <c>reason</c>, for FAILED, one of the platform's failure reasons (INSUFFICIENT_FUNDS, REJECTED...); the amount
/// is a decimal string, so that no float ever carries money.
/// </summary>
public static class GatewayCallbacks
{
    /// <summary>The JSON settings of the contract: camelCase names, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The body of a callback telling <paramref name="update"/> of payment <paramref name="paymentId"/>.</summary>
    public static byte[] Serialize(Guid paymentId, string reference, string eventId, ProviderUpdate update, Money amount, DateTimeOffset occurredAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new Body
        {
            EventId = eventId,
            PaymentId = paymentId,
            Reference = reference,
            Status = StatusName(update.State),
            Reason = update.FailureReason is { } reason ? EnumNames<PaymentFailureReason>.ToName(reason) : null,
            Amount = amount.Amount.ToString(CultureInfo.InvariantCulture),
            Currency = amount.Currency.ToString(),
            OccurredAt = occurredAt.UtcDateTime,
        }, Json);

    /// <summary>Verifies the signature of a callback (<see cref="CallbackSignature.Refusal"/>), then reads its body.</summary>
    public static CallbackVerification Verify(ProviderCallbackRequest request, PaymentsOptions.ProviderOptions options) =>
        CallbackSignature.Refusal(request, options) ?? Read(request.Body.Span);

    /// <summary>Reads a callback body of this contract (its signature already verified).</summary>
    public static CallbackVerification Read(ReadOnlySpan<byte> json)
    {
        Body? body;
        try
        {
            body = JsonSerializer.Deserialize<Body>(json, Json);
        }
        catch (JsonException ex)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, $"The body is not a callback: {ex.Message}");
        }
        if (body?.Status is null || (body.PaymentId is null && body.Reference is null))
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The body names no transaction or no status.");
        }
        if (StateOf(body.Status) is not { } state)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, $"Unknown status '{body.Status}'.");
        }
        Money? amount = null;
        if (body.Amount is not null || body.Currency is not null)
        {
            if (ReadMoney(body.Amount, body.Currency) is not { } read)
            {
                return CallbackVerification.Refused(CallbackRejection.Malformed, "The amount or the currency is not readable.");
            }
            amount = read;
        }
        PaymentFailureReason? reason = null;
        if (state == ProviderState.Failed)
        {
            reason = ReasonOf(body.Reason) ?? PaymentFailureReason.ProviderError;
        }
        return CallbackVerification.Valid(new ProviderCallback(body.PaymentId, body.Reference, body.EventId, body.Status,
            new ProviderUpdate(state, body.Reference, reason, null, amount)));
    }

    /// <summary>The contract's name of a state.</summary>
    public static string StatusName(ProviderState state) => state switch
    {
        ProviderState.Pending => "PENDING",
        ProviderState.Succeeded => "SUCCESSFUL",
        ProviderState.Failed => "FAILED",
        ProviderState.Expired => "EXPIRED",
        ProviderState.Cancelled => "CANCELLED",
        _ => "UNKNOWN",
    };

    /// <summary>The state a status of the contract names, or null for a status it does not know.</summary>
    public static ProviderState? StateOf(string? status) => status switch
    {
        "PENDING" => ProviderState.Pending,
        "SUCCESSFUL" => ProviderState.Succeeded,
        "FAILED" => ProviderState.Failed,
        "EXPIRED" => ProviderState.Expired,
        "CANCELLED" => ProviderState.Cancelled,
        _ => null,
    };

    /// <summary>The failure reason a name of the contract gives, or null for a name it does not know.</summary>
    public static PaymentFailureReason? ReasonOf(string? name) =>
        name is not null && EnumNames<PaymentFailureReason>.All.Any(r => EnumNames<PaymentFailureReason>.ToName(r) == name)
            ? EnumNames<PaymentFailureReason>.Parse(name)
            : null;

    /// <summary>An amount given as a decimal string and a currency code, or null when either is missing or unreadable, or
    /// when the amount has more decimals than the currency.</summary>
    public static Money? ReadMoney(string? amount, string? currency)
    {
        if (amount is null || currency is null
            || !decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !Enum.TryParse<Currency>(currency, ignoreCase: false, out var code) || !Enum.IsDefined(code) || !currency.All(char.IsAsciiLetterUpper))
        {
            return null;
        }
        try
        {
            return new Money(value, code);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private sealed class Body
    {
        public string? EventId { get; init; }

        public Guid? PaymentId { get; init; }

        public string? Reference { get; init; }

        public string? Status { get; init; }

        public string? Reason { get; init; }

        public string? Amount { get; init; }

        public string? Currency { get; init; }

        public DateTime? OccurredAt { get; init; }
    }
}
