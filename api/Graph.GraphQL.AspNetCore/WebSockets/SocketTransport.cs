using System.Net.WebSockets;
using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.AspNetCore.WebSockets.Protocols;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// GraphQL over WebSocket at the endpoint's path: picks the subprotocol from <c>Sec-WebSocket-Protocol</c> (in the
/// client's order of preference), accepts the socket and runs a <see cref="SocketSession"/> on it. A client asking for
/// no subprotocol served is accepted and closed at once with 4406, so that it learns why.
/// </summary>
internal sealed class SocketTransport(
    IRequestExecutorResolver executors,
    string? schemaName,
    GraphQLServerOptions serverOptions,
    IServiceProvider services,
    bool isDevelopment,
    ILogger logger)
{
    private ISocketSessionInterceptor? _interceptor;

    public GraphQLServerOptions ServerOptions => serverOptions;

    public GraphQLSocketOptions Options => serverOptions.Sockets;

    public bool IsDevelopment => isDevelopment;

    public ILogger Logger => logger;

    /// <summary>The interceptor registered for the schema (<c>AddSocketSessionInterceptor</c>), else the default one.</summary>
    public ISocketSessionInterceptor Interceptor => _interceptor ??=
        services.GetKeyedService<ISocketSessionInterceptor>(schemaName ?? RequestExecutorResolver.DefaultSchemaName)
        ?? DefaultSocketSessionInterceptor.Instance;

    /// <summary>
    /// Whether the request asks for a WebSocket that is not opened (the transport is off, the request is not a valid
    /// handshake, or the application lacks <c>app.UseWebSockets()</c>, which makes it reach the endpoint as a plain GET).
    /// Such a request gets 400.
    /// </summary>
    public static bool IsUnservedUpgrade(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || context.Request.Headers[HeaderNames.Upgrade].ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the WebSocket middleware (<c>app.UseWebSockets()</c>) ran for this request.</summary>
    public static bool HasWebSocketMiddleware(HttpContext context) => context.Features.Get<IHttpWebSocketFeature>() is not null;

    public async Task HandleAsync(HttpContext context)
    {
        IRequestExecutor executor;
        try
        {
            executor = await executors.GetRequestExecutorAsync(schemaName, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Before the upgrade the answer can still be an HTTP error.
            logger.LogError(e, "The GraphQL socket at {Path} could not be opened: the schema is not available.", context.Request.Path);
            await GraphQLResponseWriter.WriteErrorAsync(context.Response, TransportErrors.Unexpected(e, TransportErrors.IncludeDetails(serverOptions, null, isDevelopment)),
                StatusCodes.Status500InternalServerError, ResponseMediaType.Json, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var protocol = SocketProtocol.Select(context.WebSockets.WebSocketRequestedProtocols);
        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = protocol?.Name })
                .ConfigureAwait(false);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested || e is IOException)
        {
            // The client went away during the handshake.
            return;
        }
        using (socket)
        {
            if (protocol is null)
            {
                await RefuseAsync(socket, context.RequestAborted).ConfigureAwait(false);
                return;
            }
            var session = new SocketSession(context, socket, protocol, executor, this);
            logger.LogDebug("GraphQL socket {SessionId} opened ({Protocol}).", session.Id, protocol.Name);
            var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            await session.RunAsync(context.RequestAborted, stopping).ConfigureAwait(false);
            logger.LogDebug("GraphQL socket {SessionId} closed.", session.Id);
        }
    }

    /// <summary>Closes a socket that asked for no subprotocol served with 4406, waiting a little for the client's answer.</summary>
    private static async Task RefuseAsync(WebSocket socket, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseAsync((WebSocketCloseStatus)SocketCloseCodes.SubprotocolNotAcceptable,
                $"Subprotocol not acceptable: use {GraphQLTransportWsProtocol.ProtocolName} or {GraphQLWsLegacyProtocol.ProtocolName}", timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away or did not answer: the socket is dropped.
        }
    }
}
