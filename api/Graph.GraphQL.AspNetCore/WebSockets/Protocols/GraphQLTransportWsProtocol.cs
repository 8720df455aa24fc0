using System.Text.Json;
using Graph.GraphQL.Execution;

namespace Graph.GraphQL.AspNetCore.WebSockets.Protocols;

/// <summary>
/// The <c>graphql-transport-ws</c> subprotocol (the GraphQL over WebSocket protocol of the <c>graphql-ws</c> library):
/// <c>connection_init</c> → <c>connection_ack</c>; <c>ping</c>/<c>pong</c> both ways; <c>subscribe</c> →
/// <c>next</c>… <c>complete</c>, or <c>error</c> for a request that did not execute; the client's <c>complete</c>
/// stops an operation. A message the protocol does not allow closes the socket with 4400.
/// </summary>
internal sealed class GraphQLTransportWsProtocol : SocketProtocol
{
    public const string ProtocolName = "graphql-transport-ws";

    public static readonly GraphQLTransportWsProtocol Instance = new();

    private static readonly OutgoingMessage PingMessage = SocketMessageWriter.Constant(MessageTypes.Ping);
    private static readonly OutgoingMessage PongMessage = SocketMessageWriter.Constant(MessageTypes.Pong);

    private GraphQLTransportWsProtocol()
    {
    }

    public override string Name => ProtocolName;

    public override OutgoingMessage KeepAlive => PingMessage;

    public override bool CompletesAfterRequestErrors => false;

    public override async ValueTask HandleAsync(SocketSession session, SocketMessage message)
    {
        switch (message.Type)
        {
            case MessageTypes.ConnectionInit:
                await session.InitializeAsync(message.ReadMapPayload()).ConfigureAwait(false);
                break;
            case MessageTypes.Ping:
                // Answered at any time, before the acknowledgement too, with the ping's payload.
                await session.SendAsync(message.HasNoPayload ? PongMessage : SocketMessageWriter.Raw(MessageTypes.Pong, ObjectPayload(message)))
                    .ConfigureAwait(false);
                break;
            case MessageTypes.Pong:
                // The answer to a keep-alive: nothing to do once it is well-formed.
                ObjectPayload(message);
                break;
            case MessageTypes.Subscribe:
                var id = RequireId(message);
                var request = message.ReadRequestPayload();
                if (!session.IsAcknowledged)
                {
                    session.Close(SocketCloseCodes.Unauthorized, "Unauthorized");
                    return;
                }
                await session.StartOperationAsync(id, request, replaceRunning: false).ConfigureAwait(false);
                break;
            case MessageTypes.Complete:
                session.StopOperation(RequireId(message));
                break;
            default:
                throw new InvalidSocketMessageException($"Invalid message type '{message.Type}'.");
        }
    }

    public override ValueTask RejectAsync(SocketSession session, string? message)
    {
        session.Close(SocketCloseCodes.Forbidden, string.IsNullOrEmpty(message) ? "Forbidden" : message);
        return ValueTask.CompletedTask;
    }

    public override OutgoingMessage Next(string id, OperationResult result) => SocketMessageWriter.Result(MessageTypes.Next, id, result);

    public override OutgoingMessage RequestErrors(string id, IReadOnlyList<GraphQLError> errors) =>
        SocketMessageWriter.Errors(MessageTypes.Error, id, errors);

    /// <summary>The payload of a ping or pong: absent, null or an object.</summary>
    private static ReadOnlyMemory<byte> ObjectPayload(SocketMessage message) =>
        message.HasNoPayload || message.PayloadKind == JsonTokenType.StartObject
            ? message.Payload
            : throw new InvalidSocketMessageException($"Invalid message: the '{message.Type}' payload must be an object.");

    /// <summary>The message types of the protocol.</summary>
    private static class MessageTypes
    {
        public const string ConnectionInit = "connection_init";
        public const string Ping = "ping";
        public const string Pong = "pong";
        public const string Subscribe = "subscribe";
        public const string Next = "next";
        public const string Error = "error";
        public const string Complete = "complete";
    }
}
