using Graph.GraphQL.Execution;

namespace Graph.GraphQL.AspNetCore.WebSockets.Protocols;

/// <summary>
/// The legacy <c>graphql-ws</c> subprotocol of Apollo's <c>subscriptions-transport-ws</c>, for older clients:
/// <c>connection_init</c> → <c>connection_ack</c> then <c>ka</c> keep-alives (or <c>connection_error</c> when
/// rejected); <c>start</c> → <c>data</c>… <c>complete</c>; <c>stop</c> → <c>complete</c>;
/// <c>connection_terminate</c> closes. Request errors come as <c>data</c> with <c>errors</c>, then <c>complete</c>; a
/// <c>start</c> without a usable payload gets <c>error</c>. A <c>start</c> reusing a running id replaces that
/// operation, as Apollo's server did. A message the protocol does not allow gets <c>connection_error</c> and closes
/// the socket with 4400.
/// </summary>
internal sealed class GraphQLWsLegacyProtocol : SocketProtocol
{
    public const string ProtocolName = "graphql-ws";

    public static readonly GraphQLWsLegacyProtocol Instance = new();

    private static readonly OutgoingMessage KeepAliveMessage = SocketMessageWriter.Constant(MessageTypes.KeepAlive);

    private GraphQLWsLegacyProtocol()
    {
    }

    public override string Name => ProtocolName;

    public override OutgoingMessage KeepAlive => KeepAliveMessage;

    public override bool CompletesAfterRequestErrors => true;

    public override ValueTask OnInvalidMessageAsync(SocketSession session, string reason) => SendConnectionErrorAsync(session, reason);

    public override async ValueTask RejectAsync(SocketSession session, string? message)
    {
        var reason = string.IsNullOrEmpty(message) ? "Forbidden" : message;
        await SendConnectionErrorAsync(session, reason).ConfigureAwait(false);
        session.Close(SocketCloseCodes.Forbidden, reason);
    }

    public override async ValueTask OnAcknowledgedAsync(SocketSession session)
    {
        // Apollo's clients time a connection out when no keep-alive comes: the first one follows the acknowledgement.
        if (session.SendsKeepAlive)
        {
            await session.SendAsync(KeepAliveMessage).ConfigureAwait(false);
        }
    }

    public override OutgoingMessage Next(string id, OperationResult result) => SocketMessageWriter.Result(MessageTypes.Data, id, result);

    public override OutgoingMessage RequestErrors(string id, IReadOnlyList<GraphQLError> errors)
    {
        using var result = OperationResult.FromErrors(errors);
        return SocketMessageWriter.Result(MessageTypes.Data, id, result);
    }

    public override async ValueTask HandleAsync(SocketSession session, SocketMessage message)
    {
        switch (message.Type)
        {
            case MessageTypes.ConnectionInit:
                await session.InitializeAsync(message.ReadMapPayload()).ConfigureAwait(false);
                break;
            case MessageTypes.Start:
                await StartAsync(session, message).ConfigureAwait(false);
                break;
            case MessageTypes.Stop:
                var id = RequireId(message);
                if (session.StopOperation(id))
                {
                    await session.SendAsync(Complete(id)).ConfigureAwait(false);
                }
                break;
            case MessageTypes.ConnectionTerminate:
                session.Close(SocketCloseCodes.NormalClosure, string.Empty);
                break;
            default:
                throw new InvalidSocketMessageException($"Invalid message type '{message.Type}'.");
        }
    }

    private async ValueTask StartAsync(SocketSession session, SocketMessage message)
    {
        var id = RequireId(message);
        if (!session.IsAcknowledged)
        {
            session.Close(SocketCloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        Http.GraphQLHttpRequest request;
        try
        {
            request = message.ReadRequestPayload();
        }
        catch (InvalidSocketMessageException e)
        {
            // An operation-level failure in this protocol: the socket stays open.
            await session.SendAsync(SocketMessageWriter.Error(MessageTypes.Error, id, new GraphQLError(e.Message).WithCode(SocketErrorCodes.BadRequest)))
                .ConfigureAwait(false);
            return;
        }
        await session.StartOperationAsync(id, request, replaceRunning: true).ConfigureAwait(false);
    }

    private static async ValueTask SendConnectionErrorAsync(SocketSession session, string message) =>
        await session.SendAsync(SocketMessageWriter.Error(MessageTypes.ConnectionError, null, new GraphQLError(message))).ConfigureAwait(false);

    /// <summary>The message types of the protocol.</summary>
    private static class MessageTypes
    {
        public const string ConnectionInit = "connection_init";
        public const string ConnectionError = "connection_error";
        public const string KeepAlive = "ka";
        public const string ConnectionTerminate = "connection_terminate";
        public const string Start = "start";
        public const string Data = "data";
        public const string Error = "error";
        public const string Stop = "stop";
    }
}
