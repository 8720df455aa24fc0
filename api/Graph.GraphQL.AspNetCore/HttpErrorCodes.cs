namespace Graph.GraphQL.AspNetCore;

/// <summary>
/// The <c>extensions.code</c> values of errors the HTTP transport raises before the engine sees the request (the engine's
/// own are in <see cref="ErrorCodes"/>). Part of the public contract: add new ones, never rename.
/// </summary>
public static class HttpErrorCodes
{
    /// <summary>400: not a well-formed GraphQL-over-HTTP request (bad JSON, a parameter of the wrong type, no query).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>405: the method cannot carry this request (a mutation over GET, or GET when it is disabled).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>406: the client accepts none of the media types the response could be written in.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>406: a subscription was sent to a transport that answers with one result; it needs a streaming transport.</summary>
    public const string StreamingTransportRequired = "STREAMING_TRANSPORT_REQUIRED";

    /// <summary>413: the request body is larger than <see cref="GraphQLServerOptions.MaxRequestBodySize"/>.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>415: the POST body is not <c>application/json</c> (UTF-8), or has no Content-Type.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
}
