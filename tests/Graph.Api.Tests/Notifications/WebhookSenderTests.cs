using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Notifications;

/// <summary>The webhook sender against a real HTTP endpoint: what it signs and sends, and how it reads the answers.</summary>
public sealed class WebhookSenderTests : IDisposable
{
    private const string Secret = "webhook-secret-for-the-tests-0123456789";
    private readonly HttpListener _listener = new();
    private readonly Uri _url;
    private readonly HttpClient _http = new();

    public WebhookSenderTests()
    {
        var port = FreePort();
        _url = new Uri($"http://127.0.0.1:{port}/sms/");
        _listener.Prefixes.Add(_url.ToString());
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Close();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static readonly OutgoingMessage Message = new(Guid.CreateVersion7(), NotificationChannel.Sms, NotificationPriority.Urgent,
        "+221771234567", "fr", NotificationTemplates.PasswordReset, "Réinitialisation", "Votre code : K7QM-4XR2-PD", 2);

    /// <summary>Sends <see cref="Message"/> while the endpoint answers with <paramref name="answer"/>; returns the result and what arrived.</summary>
    private async Task<(SendResult Result, HttpListenerRequest Request, byte[] Body)> SendAsync(Action<HttpListenerResponse> answer, ManualClock? clock = null)
    {
        var sender = new WebhookSender(NotificationChannel.Sms, _http, _url, Secret, clock ?? new ManualClock());
        var sending = sender.SendAsync(Message, CancellationToken.None);
        var context = await _listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        answer(context.Response);
        context.Response.Close();
        return (await sending, context.Request, body.ToArray());
    }

    [Fact]
    public async Task A_delivery_is_a_signed_json_post_and_keeps_the_providers_reference()
    {
        var clock = new ManualClock();
        var (result, request, body) = await SendAsync(r =>
        {
            r.StatusCode = 202;
            r.ContentType = "application/json";
            var json = Encoding.UTF8.GetBytes("""{"id":"SM-778899","status":"queued"}""");
            r.OutputStream.Write(json);
        }, clock);

        Assert.Equal((SendOutcome.Sent, "SM-778899"), (result.Outcome, result.ProviderMessageId));
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal(Message.Id.ToString(), request.Headers["Idempotency-Key"]);
        var timestamp = long.Parse(request.Headers["Graph-Timestamp"]!);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), timestamp);
        Assert.Equal(WebhookSender.Sign(Secret, timestamp, body), request.Headers["Graph-Signature"]);
        // A changed byte no longer matches the signature.
        var tampered = (byte[])body.Clone();
        tampered[^2] ^= 1;
        Assert.NotEqual(WebhookSender.Sign(Secret, timestamp, tampered), request.Headers["Graph-Signature"]);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(("SMS", "URGENT", "+221771234567", "fr", 2), (root.GetProperty("channel").GetString(), root.GetProperty("priority").GetString(),
            root.GetProperty("recipient").GetString(), root.GetProperty("language").GetString(), root.GetProperty("attempt").GetInt32()));
        Assert.Equal("Votre code : K7QM-4XR2-PD", root.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData(503, SendOutcome.Failed)]
    [InlineData(429, SendOutcome.Failed)]
    [InlineData(408, SendOutcome.Failed)]
    [InlineData(500, SendOutcome.Failed)]
    [InlineData(400, SendOutcome.Rejected)]
    [InlineData(404, SendOutcome.Rejected)]
    [InlineData(422, SendOutcome.Rejected)]
    public async Task Busy_gateways_are_retried_and_refusals_are_final(int status, SendOutcome expected)
    {
        var (result, _, _) = await SendAsync(r =>
        {
            r.StatusCode = status;
            r.Headers["Retry-After"] = "120";
        });
        Assert.Equal(expected, result.Outcome);
        Assert.StartsWith($"The gateway answered {status}", result.Error);
        Assert.Equal(expected == SendOutcome.Failed ? TimeSpan.FromSeconds(120) : null, result.RetryAfter);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_a_failure_to_retry()
    {
        _listener.Close();
        var sender = new WebhookSender(NotificationChannel.Sms, _http, _url, Secret, new ManualClock());
        var result = await sender.SendAsync(Message, CancellationToken.None);
        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.StartsWith("The gateway could not be reached", result.Error);
    }
}
