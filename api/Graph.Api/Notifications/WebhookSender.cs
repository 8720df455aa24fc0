using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Graph.Api.Data;

namespace Graph.Api.Notifications;

/// <summary>
/// Delivers a channel through an HTTP gateway (an SMS aggregator's bridge, a mail relay, a push relay): each message is a
/// JSON POST signed with HMAC-SHA256 over <c>{timestamp}.{body}</c> (headers <c>Graph-Timestamp</c>, <c>Graph-Signature:
/// v1={hex}</c>) and carrying the message ID as <c>Idempotency-Key</c>, so that a gateway can refuse forgeries, replays
/// and duplicates.
/// </summary>
/// <remarks>
/// A 2xx answer is a delivery (the JSON field <c>id</c>, if any, is kept as the provider's reference). 408, 425, 429 and
/// 5xx answers, timeouts and network errors are failures to retry (after <c>Retry-After</c> when given). Any other 4xx is
/// a refusal: the message is DEAD at once, since sending it again cannot work.
/// </remarks>
public sealed class WebhookSender(NotificationChannel channel, HttpClient http, Uri url, string secret, TimeProvider clock) : INotificationSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public NotificationChannel Channel { get; } = channel;

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = message.Id,
            channel = EnumNames<NotificationChannel>.ToName(message.Channel),
            priority = EnumNames<NotificationPriority>.ToName(message.Priority),
            recipient = message.Recipient,
            language = message.Language,
            template = message.Template,
            title = message.Title,
            body = message.Body,
            attempt = message.Attempt,
        }, Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Graph-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Graph-Signature", Sign(secret, timestamp, body));
        request.Headers.Add("Idempotency-Key", message.Id.ToString());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Sent(await ProviderIdAsync(response, cancellationToken).ConfigureAwait(false));
            }
            var status = (int)response.StatusCode;
            var error = $"The gateway answered {status} {response.ReasonPhrase}.";
            if (status is 408 or 425 or 429 || status >= 500)
            {
                return SendResult.Failed(error, RetryAfter(response));
            }
            return SendResult.Rejected(error);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Failed($"The gateway could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failed("The gateway did not answer in time.");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : null,
        _ => null,
    };

    private static async Task<string?> ProviderIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id)
                ? Truncate(id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Truncate(string? value) => value is { Length: > 200 } ? value[..200] : value;
}
