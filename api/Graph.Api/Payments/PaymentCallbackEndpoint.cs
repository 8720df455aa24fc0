using Graph.Api.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Graph.Api.Payments;

/// <summary>
/// <c>POST /payments/callback/{provider}</c> (orange-money, mtn-momo, moov-money, wave, free-money): where mobile money
/// providers tell the platform what became of a transaction. The raw body (at most <see cref="PaymentCallback.MaxBodyBytes"/>,
/// else 413) and the headers go to <see cref="PaymentCallbackProcessor"/>; the answer is JSON: <c>{"received":true,
/// "outcome":"APPLIED"}</c> (200, also for duplicates, late news and contradictions, which providers must not retry), or
/// <c>{"error":{"code","message"}}</c> with 400, 401, 404, 413 or 503.
/// </summary>
/// <remarks>
/// Anonymous: providers carry no user token; the signature authenticates them. No rate limit applies: the GraphQL budgets
/// (<see cref="Hosting.GraphRateLimits"/>) count users and addresses, and a provider retrying a burst of callbacks from a few
/// addresses must never be turned away (a refused callback is a payment left waiting). A forged callback costs an HMAC over at
/// most 64 KiB and writes nothing.
/// </remarks>
public static class PaymentCallbackEndpoint
{
    /// <summary>The route of the endpoint.</summary>
    public const string Route = "/payments/callback/{provider}";

    /// <summary>The address providers call back for <paramref name="method"/>: <paramref name="baseUrl"/> (the platform's
    /// public address, Graph:Payments:CallbackBaseUrl) followed by /payments/callback/{slug}.</summary>
    public static string UrlFor(string baseUrl, PaymentMethod method) =>
        $"{baseUrl.TrimEnd('/')}/payments/callback/{Providers.PaymentProviders.SlugOf(method)}";

    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapPaymentCallbacks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, HandleAsync)
            .AllowAnonymous()
            .DisableRateLimiting()
            .WithName("PaymentCallback");

    private static async Task<IResult> HandleAsync(string provider, HttpContext context, [FromServices] PaymentCallbackProcessor processor)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (request.ContentLength > PaymentCallback.MaxBodyBytes)
        {
            return TooLarge();
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Kestrel stops reading a larger body early; the loop below counts anyway (chunked bodies, other servers).
            limit.MaxRequestBodySize = PaymentCallback.MaxBodyBytes + 1;
        }
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > PaymentCallback.MaxBodyBytes)
                {
                    return TooLarge();
                }
                buffer.Write(chunk, 0, read);
            }
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : Error(ex.StatusCode, CallbackAnswer.MalformedCallback, "The request's body could not be read.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }
        var answer = await processor.ProcessAsync(provider, headers, body, cancellationToken);
        return answer.Outcome is { } outcome
            ? Results.Json(new { received = true, outcome = EnumNames<CallbackOutcome>.ToName(outcome) }, statusCode: answer.StatusCode)
            : Error(answer.StatusCode, answer.Code!, answer.Message!);
    }

    private static IResult TooLarge() => Error(StatusCodes.Status413PayloadTooLarge, CallbackAnswer.CallbackTooLarge,
        $"A callback's body may hold at most {PaymentCallback.MaxBodyBytes} bytes.");

    private static IResult Error(int statusCode, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: statusCode);
}
