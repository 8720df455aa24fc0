using Graph.GraphQL.Execution;

namespace Graph.GraphQL.AspNetCore.WebSockets.Protocols;

/// <summary>
/// What differs between the GraphQL WebSocket subprotocols: how client messages are read and acted on (through the
/// session's shared machinery: initialisation, operations, closing) and how operation events are written. Everything
/// else (send pump, operation bookkeeping, timers, interceptor) lives in <see cref="SocketSession"/>.
/// </summary>
internal abstract class SocketProtocol
{
    /// <summary>The protocols served, in the server's order of preference.</summary>
    private static readonly SocketProtocol[] Served = [GraphQLTransportWsProtocol.Instance, GraphQLWsLegacyProtocol.Instance];

    /// <summary>The <c>Sec-WebSocket-Protocol</c> name.</summary>
    public abstract string Name { get; }

    /// <summary>The keep-alive message sent on <see cref="GraphQLSocketOptions.KeepAliveInterval"/> once acknowledged.</summary>
    public abstract OutgoingMessage KeepAlive { get; }

    /// <summary>Whether request errors are followed by <c>complete</c> (in <c>graphql-transport-ws</c> the <c>error</c> message ends the operation).</summary>
    public abstract bool CompletesAfterRequestErrors { get; }

    /// <summary>The first protocol the client asked for that is served, in the client's order; null when none is.</summary>
    public static SocketProtocol? Select(IList<string> requested)
    {
        foreach (var name in requested)
        {
            foreach (var protocol in Served)
            {
                if (string.Equals(name.Trim(), protocol.Name, StringComparison.Ordinal))
                {
                    return protocol;
                }
            }
        }
        return null;
    }

    /// <summary>Acts on one client message (the session reads them one at a time, in order).</summary>
    /// <exception cref="InvalidSocketMessageException">The message breaks the protocol: the session closes with 4400.</exception>
    public abstract ValueTask HandleAsync(SocketSession session, SocketMessage message);

    /// <summary>Called when a message breaks the protocol, before the session closes with 4400.</summary>
    public virtual ValueTask OnInvalidMessageAsync(SocketSession session, string reason) => ValueTask.CompletedTask;

    /// <summary>Ends a session whose connection the interceptor rejected.</summary>
    public abstract ValueTask RejectAsync(SocketSession session, string? message);

    /// <summary>Called once the acknowledgement is queued.</summary>
    public virtual ValueTask OnAcknowledgedAsync(SocketSession session) => ValueTask.CompletedTask;

    /// <summary><c>connection_ack</c>, with the interceptor's payload when it gave one.</summary>
    public OutgoingMessage Acknowledge(IReadOnlyDictionary<string, object?>? payload) =>
        SocketMessageWriter.Value("connection_ack", payload);

    /// <summary>One result of the operation <paramref name="id"/>.</summary>
    public abstract OutgoingMessage Next(string id, OperationResult result);

    /// <summary>The errors of a request that did not execute (syntax, validation, variables, refused by the interceptor).</summary>
    public abstract OutgoingMessage RequestErrors(string id, IReadOnlyList<GraphQLError> errors);

    /// <summary>The end of the operation <paramref name="id"/>.</summary>
    public OutgoingMessage Complete(string id) => SocketMessageWriter.Write("complete", id);

    /// <summary>The <c>id</c> of a message that needs one.</summary>
    /// <exception cref="InvalidSocketMessageException">None, or an empty one.</exception>
    protected static string RequireId(SocketMessage message) => string.IsNullOrEmpty(message.Id)
        ? throw new InvalidSocketMessageException($"Invalid message: '{message.Type}' needs a non-empty 'id'.")
        : message.Id;
}
