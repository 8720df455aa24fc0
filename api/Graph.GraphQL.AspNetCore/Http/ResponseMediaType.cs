namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>The media type a GraphQL response is written in.</summary>
internal enum ResponseMediaType
{
    /// <summary><c>application/graphql-response+json</c>: 4xx/5xx when the response has no <c>data</c>.</summary>
    GraphQLResponseJson,

    /// <summary><c>application/json</c>: 200 for every well-formed request (legacy clients).</summary>
    Json,
}

internal static class ResponseMediaTypeExtensions
{
    /// <summary>The Content-Type header value, with the charset.</summary>
    public static string ToContentType(this ResponseMediaType mediaType) => mediaType == ResponseMediaType.GraphQLResponseJson
        ? GraphQLMediaTypes.GraphQLResponseJson + "; charset=utf-8"
        : GraphQLMediaTypes.Json + "; charset=utf-8";
}
