namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// The close codes this server ends a GraphQL WebSocket with, in one place. The 44xx codes are those of the
/// <c>graphql-transport-ws</c> protocol (its clients treat them as final and do not retry); the legacy
/// <c>graphql-ws</c> protocol defines none, so its sessions use the same ones. The close reason (at most 123 bytes of
/// UTF-8) says more. Part of the public contract: add new ones, never renumber.
/// </summary>
public static class SocketCloseCodes
{
    /// <summary>1000: the session ended normally (the client closed it, or sent <c>connection_terminate</c>).</summary>
    public const int NormalClosure = 1000;

    /// <summary>1001: the server is shutting down.</summary>
    public const int GoingAway = 1001;

    /// <summary>
    /// 4400: the client sent a message the protocol does not allow: not JSON, not an object, an unknown or missing
    /// <c>type</c>, a missing <c>id</c>, an invalid payload, a binary frame, or a message larger than
    /// <see cref="GraphQLSocketOptions.MaxMessageSize"/>. The reason names the problem.
    /// </summary>
    public const int BadRequest = 4400;

    /// <summary>4401: the client asked for an operation before the server acknowledged the connection.</summary>
    public const int Unauthorized = 4401;

    /// <summary>4403: the session interceptor rejected the connection (its <c>connection_init</c> payload).</summary>
    public const int Forbidden = 4403;

    /// <summary>4406: the client asked for none of the subprotocols served (<c>graphql-transport-ws</c>, <c>graphql-ws</c>).</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary>4408: no <c>connection_init</c> arrived within <see cref="GraphQLSocketOptions.ConnectionInitializationTimeout"/>.</summary>
    public const int ConnectionInitialisationTimeout = 4408;

    /// <summary>4409: <c>subscribe</c> with the id of an operation still running (reason <c>Subscriber for &lt;id&gt; already exists</c>).</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>4429: a second <c>connection_init</c> on the same socket.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>
    /// 4499: terminated. <c>graphql-transport-ws</c> clients report this code themselves when they give a socket up
    /// without a close handshake; this server never sends it. Listed so that logs and client code can name it.
    /// </summary>
    public const int Terminated = 4499;

    /// <summary>4500: the server failed unexpectedly (details are logged, never sent).</summary>
    public const int InternalServerError = 4500;
}
