using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Payments;

/// <summary>Provider callbacks as a test sends them: signed by the simulator, POSTed over HTTP to the test server.</summary>
internal static class Callbacks
{
    /// <summary>POSTs <paramref name="body"/> with <paramref name="headers"/> to /payments/callback/{slug}; returns the status
    /// and the JSON answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        HttpClient client, string slug, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/payments/callback/{slug}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>POSTs a callback of <paramref name="method"/>.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        this PaymentsHost host, PaymentMethod method, (byte[] Body, Dictionary<string, string> Headers) callback) =>
        PostAsync(host.Client, PaymentProviders.SlugOf(method), callback.Body, callback.Headers);

    /// <summary>The callback the simulator sends for <paramref name="payment"/> reaching <paramref name="update"/>, signed now
    /// (or at <paramref name="signedAt"/>) with the simulator's secret (or <paramref name="secrets"/>).</summary>
    public static (byte[] Body, Dictionary<string, string> Headers) Of(
        PaymentsHost host, Payment payment, ProviderUpdate update, string eventId, DateTimeOffset? signedAt = null, params string[] secrets) =>
        host.Simulator(payment.Method).CreateCallback(PaymentService.ProviderRequestOf(payment), update, eventId, signedAt ?? host.Clock.GetUtcNow(), secrets);

    /// <summary>The callback of the final state the simulated customer leads <paramref name="payment"/> to.</summary>
    public static (byte[] Body, Dictionary<string, string> Headers) Final(PaymentsHost host, Payment payment, string eventId, DateTimeOffset? signedAt = null, params string[] secrets) =>
        Of(host, payment, host.Simulator(payment.Method).FinalState(PaymentService.ProviderRequestOf(payment)).Final, eventId, signedAt, secrets);

    /// <summary>The outcome in a 200 answer.</summary>
    public static string Outcome(JsonElement answer)
    {
        Assert.True(answer.GetProperty("received").GetBoolean(), answer.ToString());
        return answer.GetProperty("outcome").GetString()!;
    }

    /// <summary>The error code of a refusal.</summary>
    public static string ErrorCode(JsonElement answer)
    {
        var error = answer.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error.GetProperty("code").GetString()!;
    }

    /// <summary>The callbacks stored for <paramref name="paymentId"/>, oldest first.</summary>
    public static async Task<List<PaymentCallback>> StoredAsync(this PaymentsHost host, Guid paymentId)
    {
        await using var db = host.TestContext();
        return await db.PaymentCallbacks.AsNoTracking().Where(c => c.PaymentId == paymentId).OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>The mismatches recorded for <paramref name="paymentId"/>.</summary>
    public static async Task<List<PaymentMismatch>> MismatchesAsync(this PaymentsHost host, Guid paymentId)
    {
        await using var db = host.TestContext();
        return await db.PaymentMismatches.AsNoTracking().Where(m => m.PaymentId == paymentId).ToListAsync();
    }
}
