using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>The media type of a POST body: <c>application/json</c>, UTF-8 (assumed when no charset is given).</summary>
internal static class RequestContentType
{
    /// <exception cref="GraphQLHttpException">415 when the Content-Type is missing, another type, or another charset.</exception>
    public static void EnsureJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw Unsupported("The request has no Content-Type: send the body as application/json.");
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"The Content-Type \"{contentType}\" is not supported: send the body as application/json.");
        }
        if (mediaType.Charset.HasValue && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"The charset \"{mediaType.Charset}\" is not supported: send the body in UTF-8.");
        }
    }

    private static GraphQLHttpException Unsupported(string message) =>
        new(StatusCodes.Status415UnsupportedMediaType, HttpErrorCodes.UnsupportedMediaType, message);
}
