using Graph.GraphQL.Execution;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// The seam of the WebSocket transport (HotChocolate's <c>ISocketSessionInterceptor</c>): decides whether a connection
/// is accepted from its <c>connection_init</c> payload (where browsers put an access token, since they cannot set
/// headers on a WebSocket), adds what each operation needs (the user, say) to its request, and learns when the socket
/// closes. Register one per schema with <c>AddSocketSessionInterceptor&lt;T&gt;()</c>; the default,
/// <see cref="DefaultSocketSessionInterceptor"/>, accepts every connection. One instance serves every session (a
/// singleton): per-connection state goes in <see cref="ISocketSession.Items"/>, scoped services come from
/// <c>session.HttpContext.RequestServices</c>.
/// </summary>
/// <remarks>
/// An exception thrown by <see cref="OnConnectAsync"/> closes the socket with 4500; one thrown by
/// <see cref="OnRequestAsync"/> fails that operation only: a <see cref="GraphQLException"/> reports its errors as they
/// are, any other exception as an unexpected error without details.
/// </remarks>
public interface ISocketSessionInterceptor
{
    /// <summary>
    /// Called once per socket, on <c>connection_init</c>, before any operation runs. Return
    /// <see cref="ConnectionStatus.Accept"/> (optionally with a <c>connection_ack</c> payload) or
    /// <see cref="ConnectionStatus.Reject"/> (the socket closes with 4403).
    /// </summary>
    ValueTask<ConnectionStatus> OnConnectAsync(
        ISocketSession session,
        IReadOnlyDictionary<string, object?>? connectionInitPayload,
        CancellationToken cancellationToken);

    /// <summary>
    /// Called for each operation before it executes, with its request still being built: set request state
    /// (<see cref="OperationRequestBuilder.SetGlobalState"/>), services or the initial value. The request's services are,
    /// unless set here, a new scope of the application services per operation. The request's user is, unless set here
    /// under <see cref="Graph.GraphQL.Authorization.AuthorizationContextData.User"/> (the user a <c>connection_init</c> token names, say),
    /// the upgrade request's <c>HttpContext.User</c>.
    /// </summary>
    ValueTask OnRequestAsync(
        ISocketSession session,
        string operationId,
        OperationRequestBuilder requestBuilder,
        CancellationToken cancellationToken);

    /// <summary>Called once when the socket has closed, for whatever reason, after its operations have stopped.</summary>
    ValueTask OnCloseAsync(ISocketSession session, CancellationToken cancellationToken);
}

/// <summary>Accepts every connection, adds nothing to requests; derive from it to override only what you need.</summary>
public class DefaultSocketSessionInterceptor : ISocketSessionInterceptor
{
    /// <summary>The instance used when no interceptor is registered.</summary>
    public static DefaultSocketSessionInterceptor Instance { get; } = new();

    /// <inheritdoc />
    public virtual ValueTask<ConnectionStatus> OnConnectAsync(
        ISocketSession session,
        IReadOnlyDictionary<string, object?>? connectionInitPayload,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(ConnectionStatus.Accept());

    /// <inheritdoc />
    public virtual ValueTask OnRequestAsync(
        ISocketSession session,
        string operationId,
        OperationRequestBuilder requestBuilder,
        CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask OnCloseAsync(ISocketSession session, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
