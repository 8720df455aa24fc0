using System.Text;
using Graph.Api.Common;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>What the HTTP clients' tests share: the platform's settings, a payment to start, signed callbacks.</summary>
internal static class ProviderTesting
{
    public const string Secret = "provider-callback-secret-of-at-least-32-characters";

    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The payments' settings: where providers call back and send the customer back to.</summary>
    public static PaymentsOptions PlatformSettings() => new() { CallbackBaseUrl = "https://api.graph.test", ReturnUrl = "https://app.graph.test/paid" };

    /// <summary>A collection of 2500 XOF from +221771234567 (or a disbursement to it).</summary>
    public static ProviderPaymentRequest Request(bool collection = true, decimal amount = 2500m, Currency currency = Currency.XOF) =>
        new(Guid.CreateVersion7(Now), collection, new Money(amount, currency), "+221771234567", "Abonnement Coko, 1 mois", Now.UtcDateTime);

    /// <summary>A callback with <paramref name="json"/> as its body, signed at <paramref name="signedAt"/> (now) with
    /// <paramref name="secret"/>, received now.</summary>
    public static ProviderCallbackRequest Signed(string json, DateTimeOffset? signedAt = null, string secret = Secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [CallbackSignature.Header] = CallbackSignature.Sign(body, signedAt ?? Now, secret),
        };
        return new ProviderCallbackRequest(headers, body, Now);
    }

    /// <summary>The same callback with its body changed after signing.</summary>
    public static ProviderCallbackRequest Tampered(ProviderCallbackRequest request, string from, string to) =>
        request with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.Body.Span).Replace(from, to, StringComparison.Ordinal)) };
}
