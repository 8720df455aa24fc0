using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Data;

namespace Graph.Api.Payments.Providers.Http;

/// <summary>A provider's answer: its status and its body (at most <see cref="HttpPaymentProvider.MaxAnswerBytes"/> read).</summary>
public sealed record ProviderAnswer(HttpStatusCode Status, byte[] Body)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Whether the answer says nothing of the transaction (408, 425, 429, 5xx): it may or may not exist.</summary>
    public bool IsTransient => Status is HttpStatusCode.RequestTimeout or (HttpStatusCode)425 or HttpStatusCode.TooManyRequests || (int)Status >= 500;

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public JsonElement? Json => ProviderJson.Object(Body);
}

/// <summary>
/// What every provider's HTTP client shares: one HTTP client from the factory per call (its handlers rotate), the provider's
/// base address, the error mapping the payments' core expects, cached access tokens, and callbacks verified with
/// <see cref="CallbackSignature"/> (<c>X-Graph-Signature</c> over the raw body, with the provider's callback secrets)
/// before the provider's own body is read.
/// </summary>
/// <remarks>
/// Errors: a provider that does not answer in time raises <see cref="TimeoutException"/>; one that cannot be reached, or
/// answers 408, 425, 429 or 5xx, raises <see cref="HttpRequestException"/>: whether the transaction exists is then unknown,
/// the payment stays as it is and the reconciliation job asks again. Any other 4xx to an initiation or a refund means the
/// provider refused it, so no money moved: the answer is FAILED with the provider's words. Nothing secret (keys, tokens,
/// bodies) is logged.
/// </remarks>
public abstract class HttpPaymentProvider : IPaymentProvider
{
    /// <summary>The largest answer read, in bytes.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private readonly Func<HttpClient> _clients;

    protected HttpPaymentProvider(PaymentMethod method, Func<HttpClient> clients, PaymentsOptions.ProviderOptions settings, PaymentsOptions payments,
        TimeProvider clock, ILogger logger)
    {
        Method = method;
        _clients = clients;
        Settings = settings;
        Payments = payments;
        Clock = clock;
        Logger = logger;
        BaseUrl = new Uri(settings.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
        Tokens = new AccessTokenCache(clock);
    }

    /// <inheritdoc />
    public PaymentMethod Method { get; }

    /// <summary>The provider's settings.</summary>
    protected PaymentsOptions.ProviderOptions Settings { get; }

    /// <summary>The payments' settings (callback and return addresses).</summary>
    protected PaymentsOptions Payments { get; }

    protected TimeProvider Clock { get; }

    protected ILogger Logger { get; }

    /// <summary>The provider's API address, ending with a slash so that relative paths extend it.</summary>
    protected Uri BaseUrl { get; }

    /// <summary>The access token of providers that issue one (OAuth client credentials).</summary>
    protected AccessTokenCache Tokens { get; }

    /// <summary>The provider's name, for messages.</summary>
    protected string Name => EnumNames<PaymentMethod>.ToName(Method);

    /// <summary>Where the provider calls back for this method.</summary>
    protected string CallbackUrl => PaymentCallbackEndpoint.UrlFor(Payments.CallbackBaseUrl, Method);

    /// <summary>Where a checkout page sends the customer back: <see cref="PaymentsOptions.ReturnUrl"/> with the payment and
    /// the result (success or cancel) added to its query.</summary>
    protected string ReturnUrl(Guid paymentId, string result)
    {
        var baseUrl = Payments.ReturnUrl;
        var separator = baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{baseUrl}{separator}payment={paymentId:D}&result={result}";
    }

    /// <inheritdoc />
    public abstract Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken);

    /// <inheritdoc />
    public CallbackVerification VerifyCallback(ProviderCallbackRequest request)
    {
        if (CallbackSignature.Refusal(request, Settings) is { } refused)
        {
            return refused;
        }
        if (ProviderJson.Object(request.Body.ToArray()) is not { } body)
        {
            return CallbackVerification.Refused(CallbackRejection.Malformed, "The body is not a JSON object.");
        }
        return ReadCallback(body);
    }

    /// <summary>Reads a callback's JSON body, its signature verified.</summary>
    protected abstract CallbackVerification ReadCallback(JsonElement body);

    /// <summary>A request to <paramref name="path"/> (relative to the base address) with a JSON body, if any.</summary>
    protected HttpRequestMessage Request(HttpMethod method, string path, object? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUrl, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(json, ProviderJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return request;
    }

    /// <summary>Sends <paramref name="request"/> and reads the answer; a timeout becomes <see cref="TimeoutException"/>.</summary>
    protected async Task<ProviderAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var client = _clients();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new ProviderAnswer(response.StatusCode, await ReadAsync(response, cancellationToken));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {client.Timeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>
    /// Sends a request that needs the provider's access token (built by <paramref name="build"/> for a token); when the
    /// provider answers 401, the token is dropped and the request sent once more with a new one.
    /// </summary>
    protected async Task<ProviderAnswer> SendAuthorizedAsync(Func<string, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var token = await Tokens.GetAsync(FetchTokenAsync, cancellationToken);
        using (var request = build(token))
        {
            var answer = await SendAsync(request, cancellationToken);
            if (answer.Status != HttpStatusCode.Unauthorized)
            {
                return answer;
            }
        }
        Tokens.Invalidate(token);
        token = await Tokens.GetAsync(FetchTokenAsync, cancellationToken);
        using var again = build(token);
        return await SendAsync(again, cancellationToken);
    }

    /// <summary>Asks the provider for an access token and its lifetime (providers with OAuth only).</summary>
    protected virtual Task<(string Token, TimeSpan Lifetime)> FetchTokenAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Name} issues no access tokens.");

    /// <summary>Reads a token endpoint's answer (<c>access_token</c>, <c>expires_in</c> seconds); throws
    /// <see cref="HttpRequestException"/> when the provider refuses the platform's credentials or answers nonsense.</summary>
    protected (string Token, TimeSpan Lifetime) ReadToken(ProviderAnswer answer)
    {
        if (!answer.IsSuccess)
        {
            Logger.LogError("{Provider} refused the platform's credentials for an access token ({Status}).", Name, (int)answer.Status);
            throw new HttpRequestException($"{Name} answered {(int)answer.Status} to the access token request.", null, answer.Status);
        }
        if (answer.Json is not { } json || ProviderJson.String(json, "access_token") is not { Length: > 0 } token)
        {
            throw new HttpRequestException($"{Name} answered the access token request without a token.");
        }
        var seconds = ProviderJson.String(json, "expires_in") is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, 1, 30L * 24 * 3600)
            : 300;
        return (token, TimeSpan.FromSeconds(seconds));
    }

    /// <summary>The Basic authorization of <paramref name="user"/> and <paramref name="password"/>.</summary>
    protected static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>The exception for an answer that says nothing of the transaction (see <see cref="ProviderAnswer.IsTransient"/>).</summary>
    protected HttpRequestException Unanswered(ProviderAnswer answer, string what) =>
        new($"{Name} answered {(int)answer.Status} to {what}.", null, answer.Status);

    /// <summary>FAILED: the provider refused a request (a 4xx), with its words and, when they tell it, the reason.</summary>
    protected ProviderUpdate Refused(ProviderAnswer answer, string? reference = null, PaymentFailureReason reason = PaymentFailureReason.ProviderError, string? words = null)
    {
        Logger.LogWarning("{Provider} refused a request ({Status}).", Name, (int)answer.Status);
        return new ProviderUpdate(ProviderState.Failed, reference, reason, $"{Name} refused the request ({(int)answer.Status}){(words is null ? "" : ": " + words)}.");
    }

    /// <summary>FAILED at once for what this provider's API does not offer: no request is sent, no money moves.</summary>
    protected ProviderUpdate NotOffered(string what) =>
        new(ProviderState.Failed, null, PaymentFailureReason.ProviderError, $"{Name} does not offer {what} through this client.");

    /// <summary>A wallet number in E.164 without its plus sign (MSISDN), as several providers want it.</summary>
    protected static string Msisdn(string walletNumber) => walletNumber.TrimStart('+');

    /// <summary>An amount as a decimal string with the currency's decimals (2500, 12.50).</summary>
    protected static string AmountText(Money amount) => amount.Amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="length"/> characters of <paramref name="text"/>.</summary>
    protected static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                throw new HttpRequestException($"The answer is larger than {MaxAnswerBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>Reading providers' JSON without trusting its shape.</summary>
public static class ProviderJson
{
    /// <summary>The settings requests are written with (names as given, nulls left out).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON object <paramref name="body"/> holds, or null.</summary>
    public static JsonElement? Object(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The property <paramref name="name"/> of an object, or null.</summary>
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string or number property as text, or null.</summary>
    public static string? String(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };
}
