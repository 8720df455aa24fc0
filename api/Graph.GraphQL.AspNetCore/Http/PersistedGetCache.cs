using System.Security.Cryptography;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// HTTP caching of GET requests that name a persisted document: <c>Cache-Control</c> with a max-age, an <c>ETag</c> over the
/// response body, and 304 Not Modified when the client already holds that body (a mobile client on a slow network then
/// downloads nothing). Answers that depend on who asks are cacheable only privately.
/// </summary>
internal static class PersistedGetCache
{
    public static async Task WriteAsync(HttpContext context, OperationResult result, int statusCode, ResponseMediaType mediaType, TimeSpan maxAge)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        result.WriteTo(buffer);
        var body = buffer.WrittenMemory;
        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(body.Span), 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
        var response = context.Response;
        var scope = context.Request.Headers.ContainsKey(HeaderNames.Authorization) ? "private" : "public";
        response.Headers.CacheControl = $"{scope}, max-age={(long)maxAge.TotalSeconds}";
        response.Headers.ETag = etag;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Authorization);
        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = statusCode;
        response.ContentType = mediaType.ToContentType();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            foreach (var candidate in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var value = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (value == "*" || string.Equals(value, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
