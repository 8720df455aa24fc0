using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>One GraphQL WebSocket connection, as a <see cref="ISocketSessionInterceptor"/> sees it.</summary>
public interface ISocketSession
{
    /// <summary>An id for logs, unique within the process.</summary>
    string Id { get; }

    /// <summary>The subprotocol in use: <c>graphql-transport-ws</c> or <c>graphql-ws</c>.</summary>
    string Protocol { get; }

    /// <summary>
    /// The HTTP request that opened the socket: its headers, connection, <c>User</c> and <c>RequestServices</c> (a service
    /// scope that lives as long as the socket; each operation gets its own scope).
    /// </summary>
    HttpContext HttpContext { get; }

    /// <summary>The payload of <c>connection_init</c> (an access token, say), or null before it arrives or when it had none.</summary>
    IReadOnlyDictionary<string, object?>? ConnectionInitPayload { get; }

    /// <summary>State the interceptor keeps for the connection (the user it authenticated, say), from one callback to the next.</summary>
    IDictionary<string, object?> Items { get; }

    /// <summary>Whether the server has acknowledged the connection (operations may run).</summary>
    bool IsAcknowledged { get; }
}
