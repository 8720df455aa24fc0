namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>The answer of <see cref="ISocketSessionInterceptor.OnConnectAsync"/> to a <c>connection_init</c>.</summary>
public sealed class ConnectionStatus
{
    private static readonly ConnectionStatus Accepted = new(true, null, null);

    private ConnectionStatus(bool isAccepted, string? message, IReadOnlyDictionary<string, object?>? acknowledgementPayload)
    {
        IsAccepted = isAccepted;
        Message = message;
        AcknowledgementPayload = acknowledgementPayload;
    }

    /// <summary>Whether the connection is accepted (the server sends <c>connection_ack</c>).</summary>
    public bool IsAccepted { get; }

    /// <summary>Why the connection is rejected: the close reason (cut to 123 bytes), or the legacy <c>connection_error</c> message.</summary>
    public string? Message { get; }

    /// <summary>The payload of <c>connection_ack</c> (plain values: strings, numbers, booleans, lists, maps), or null for none.</summary>
    public IReadOnlyDictionary<string, object?>? AcknowledgementPayload { get; }

    /// <summary>Accepts the connection, with an optional <c>connection_ack</c> payload.</summary>
    public static ConnectionStatus Accept(IReadOnlyDictionary<string, object?>? acknowledgementPayload = null) =>
        acknowledgementPayload is null ? Accepted : new ConnectionStatus(true, null, acknowledgementPayload);

    /// <summary>Rejects the connection: the socket is closed with 4403 (<see cref="SocketCloseCodes.Forbidden"/>).</summary>
    public static ConnectionStatus Reject(string? message = null) => new(false, message, null);
}
