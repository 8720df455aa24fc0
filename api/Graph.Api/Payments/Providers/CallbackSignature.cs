using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Graph.Api.Payments.Providers;

/// <summary>
/// The signature of a provider's callback: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, where the HMAC, keyed
/// with a secret shared with the provider, covers <c>"&lt;t&gt;." + raw body</c>. Several <c>v1</c> values may be sent
/// (one per secret while a secret is being rotated), and several secrets are accepted (the new one and the one it replaces),
/// so a rotation loses no callback. A timestamp outside the tolerance is refused, so a captured callback cannot be replayed
/// later.
/// </summary>
public static class CallbackSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "X-Graph-Signature";

    /// <summary>The signature header's value for <paramref name="body"/> at <paramref name="timestamp"/>, one v1 per secret.</summary>
    public static string Sign(ReadOnlySpan<byte> body, DateTimeOffset timestamp, params string[] secrets)
    {
        ArgumentOutOfRangeException.ThrowIfZero(secrets.Length);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var value = new StringBuilder("t=").Append(seconds);
        foreach (var secret in secrets)
        {
            value.Append(",v1=").Append(Convert.ToHexStringLower(Compute(secret, seconds, body)));
        }
        return value.ToString();
    }

    /// <summary>
    /// Checks <paramref name="header"/> against <paramref name="body"/>: a timestamp within <paramref name="tolerance"/> of
    /// <paramref name="now"/>, and a v1 that one of <paramref name="secrets"/> produces (compared in constant time).
    /// </summary>
    /// <returns>Null when valid, else the rejection and why.</returns>
    public static (CallbackRejection Rejection, string Error)? Verify(
        string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (secrets.Count == 0)
        {
            return (CallbackRejection.BadSignature, "No callback secret is configured for this provider.");
        }
        if (string.IsNullOrEmpty(header))
        {
            return (CallbackRejection.BadSignature, $"The {Header} header is missing.");
        }
        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            var name = part[..equals];
            var value = part[(equals + 1)..];
            if (name == "t")
            {
                timestamp = value;
            }
            else if (name == "v1" && value.Length == 64 && TryHex(value, out var bytes))
            {
                signatures.Add(bytes);
            }
        }
        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (CallbackRejection.BadSignature, "The signature has no timestamp.");
        }
        if (signatures.Count == 0)
        {
            return (CallbackRejection.BadSignature, "The signature has no v1 value.");
        }
        var valid = false;
        foreach (var secret in secrets)
        {
            var expected = Compute(secret, timestamp, body);
            foreach (var signature in signatures)
            {
                // Every pair is compared, in constant time, so the time taken says nothing of which one matched.
                valid |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }
        if (!valid)
        {
            return (CallbackRejection.BadSignature, "The signature does not match the body.");
        }
        DateTimeOffset signedAt;
        try
        {
            signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            return (CallbackRejection.StaleTimestamp, "The signature's timestamp is not a time.");
        }
        if ((now - signedAt).Duration() > tolerance)
        {
            return (CallbackRejection.StaleTimestamp, $"The signature was made at {signedAt:O}, more than {tolerance} from now.");
        }
        return null;
    }

    /// <summary>
    /// Checks the <see cref="Header"/> of <paramref name="request"/> against its raw body with the provider's secrets and
    /// tolerance, at the time it was received.
    /// </summary>
    /// <returns>Null when the signature is valid, else the refusal to answer.</returns>
    public static CallbackVerification? Refusal(ProviderCallbackRequest request, PaymentsOptions.ProviderOptions options)
    {
        request.Headers.TryGetValue(Header, out var header);
        return Verify(header, request.Body.Span, options.CallbackSecrets, request.ReceivedAt, options.CallbackTolerance) is { } refused
            ? CallbackVerification.Refused(refused.Rejection, refused.Error)
            : null;
    }

    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    private static bool TryHex(string value, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
