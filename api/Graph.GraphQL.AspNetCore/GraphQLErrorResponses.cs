using Graph.GraphQL.AspNetCore.Http;
using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore;

/// <summary>
/// Writes a request error the way the GraphQL endpoint writes its own (<c>{"errors":[{"message":...,"extensions":{"code":...}}]}</c>),
/// for middleware that refuses a request before it reaches the endpoint (authentication, say): the media type follows the
/// request's <c>Accept</c> header (<c>application/graphql-response+json</c> or <c>application/json</c>; JSON when the client
/// accepts neither), the status is the one given, and the response varies by <c>Accept</c>.
/// </summary>
public static class GraphQLErrorResponses
{
    /// <summary>Writes <paramref name="error"/> with <paramref name="statusCode"/> as the response of <paramref name="context"/>.</summary>
    /// <exception cref="InvalidOperationException">The response has already started.</exception>
    public static Task WriteAsync(HttpContext context, int statusCode, GraphQLError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        if (context.Response.HasStarted)
        {
            throw new InvalidOperationException("The response has already started; an error can no longer be written.");
        }
        var accept = AcceptNegotiation.Decide(context.Request.Headers.Accept);
        var mediaType = accept.AcceptsJson ? accept.MediaType : ResponseMediaType.Json;
        return GraphQLResponseWriter.WriteErrorAsync(context.Response, error, statusCode, mediaType, context.RequestAborted);
    }
}
