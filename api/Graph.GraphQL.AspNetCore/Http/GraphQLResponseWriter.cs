using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// Writes GraphQL responses (results and the transport's own errors): serialized whole into a pooled buffer (the result is
/// in memory already), then sent with a <c>Content-Length</c> in one write, which costs the server less than a chunked
/// stream and lets slow clients see how much is coming.
/// </summary>
internal static class GraphQLResponseWriter
{
    /// <summary>Writes <paramref name="result"/> with <paramref name="statusCode"/> in <paramref name="mediaType"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, OperationResult result, int statusCode, ResponseMediaType mediaType, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = mediaType.ToContentType();
        // The representation depends on Accept: caches must key on it.
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        using var body = new PooledBufferWriter(16 * 1024);
        result.WriteTo(body);
        response.ContentLength = body.WrittenSpan.Length;
        await response.Body.WriteAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a request error of the transport: <c>{"errors":[{"message":...,"extensions":{"code":...}}]}</c>.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, GraphQLError error, int statusCode, ResponseMediaType mediaType, CancellationToken cancellationToken)
    {
        using var result = OperationResult.FromError(error);
        await WriteAsync(response, result, statusCode, mediaType, cancellationToken).ConfigureAwait(false);
    }
}
