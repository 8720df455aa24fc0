namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// The <c>extensions.code</c> values of errors the WebSocket transport reports for one operation (the socket stays
/// open). Part of the public contract: add new ones, never rename.
/// </summary>
public static class SocketErrorCodes
{
    /// <summary>The connection already runs <see cref="GraphQLSocketOptions.MaxOperationsPerConnection"/> operations.</summary>
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";

    /// <summary>A legacy <c>start</c> message whose payload is not a GraphQL request (no query, wrong types).</summary>
    public const string BadRequest = HttpErrorCodes.BadRequest;
}
