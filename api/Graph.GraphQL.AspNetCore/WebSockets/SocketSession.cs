using System.Collections.Concurrent;
using System.Net.WebSockets;
using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.AspNetCore.WebSockets.Protocols;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// One GraphQL WebSocket, whatever its subprotocol: reads the client's messages one at a time and hands them to the
/// protocol; keeps the connection state (initialised, acknowledged), the running operations, the initialisation
/// timeout and the keep-alive; sends through one <see cref="SocketSendPump"/>; closes with a code of
/// <see cref="SocketCloseCodes"/>. <see cref="RunAsync"/> returns once the socket is closed, every operation has
/// stopped and released its stream, and the interceptor has seen the close.
/// </summary>
internal sealed class SocketSession : ISocketSession
{
    /// <summary>How long the client has to answer the server's close frame before the socket is aborted.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private static long s_lastId;

    private readonly WebSocket _socket;
    private readonly SocketTransport _transport;
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _aborted = new();
    private ConcurrentDictionary<string, object?>? _items;
    private int _initReceived;
    private int _acknowledged;
    private Task _keepAlive = Task.CompletedTask;

    public SocketSession(HttpContext context, WebSocket socket, SocketProtocol protocol, IRequestExecutor executor, SocketTransport transport)
    {
        HttpContext = context;
        _socket = socket;
        _transport = transport;
        Protocol = protocol;
        Executor = executor;
        Pump = new SocketSendPump(socket);
        Operations = new SocketOperations(transport.Options.MaxOperationsPerConnection);
        Id = "ws-" + Interlocked.Increment(ref s_lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Id { get; }

    string ISocketSession.Protocol => Protocol.Name;

    public HttpContext HttpContext { get; }

    public IReadOnlyDictionary<string, object?>? ConnectionInitPayload { get; private set; }

    /// <summary>Created when first used: most sessions never use it, and 10,000 sockets would each hold one.</summary>
    public IDictionary<string, object?> Items =>
        Volatile.Read(ref _items) ?? Interlocked.CompareExchange(ref _items, new(StringComparer.Ordinal), null) ?? _items!;

    public bool IsAcknowledged => Volatile.Read(ref _acknowledged) == 1;

    internal SocketProtocol Protocol { get; }

    internal IRequestExecutor Executor { get; }

    internal SocketSendPump Pump { get; }

    internal SocketOperations Operations { get; }

    internal ISocketSessionInterceptor Interceptor => _transport.Interceptor;

    internal ILogger Logger => _transport.Logger;

    /// <summary>Signalled when the session starts closing (or the client goes away): stops operations and timers.</summary>
    internal CancellationToken Closed => _closed.Token;

    internal bool SendsKeepAlive => _transport.Options.KeepAliveInterval is not null;

    public async Task RunAsync(CancellationToken requestAborted, CancellationToken applicationStopping)
    {
        using var clientGone = requestAborted.Register(static state => ((SocketSession)state!).Abort(), this);
        using var stopping = applicationStopping.Register(static state => ((SocketSession)state!).Close(SocketCloseCodes.GoingAway, "The server is shutting down."), this);
        var pump = Pump.RunAsync(_aborted.Token);
        var watchdog = WatchInitialisationAsync();
        try
        {
            await ReceiveAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away, or did not answer the close frame in time.
        }
        catch (Exception e)
        {
            Logger.LogError(e, "The GraphQL socket {SessionId} failed unexpectedly.", Id);
            Close(SocketCloseCodes.InternalServerError, "Internal server error");
        }
        finally
        {
            await EndAsync(pump, watchdog).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Queues the close frame after what is queued, stops every operation and the timers, and gives the client
    /// <see cref="CloseHandshakeTimeout"/> to answer. Later calls do nothing: the first code wins.
    /// </summary>
    public void Close(int code, string reason)
    {
        if (!Pump.Close(code, reason))
        {
            return;
        }
        Logger.LogDebug("Closing the GraphQL socket {SessionId} with {Code} {Reason}.", Id, code, reason);
        Cancel(_closed);
        try
        {
            _aborted.CancelAfter(CloseHandshakeTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The session has ended.
        }
    }

    /// <summary>Queues a message; false when the session is closing (the message is dropped).</summary>
    internal async ValueTask<bool> SendAsync(OutgoingMessage message)
    {
        try
        {
            return await Pump.SendAsync(message, Closed).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Handles <c>connection_init</c>: asks the interceptor, then acknowledges or rejects; 4429 for a second one.</summary>
    internal async ValueTask InitializeAsync(IReadOnlyDictionary<string, object?>? payload)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            Close(SocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        ConnectionInitPayload = payload;
        ConnectionStatus status;
        try
        {
            status = await Interceptor.OnConnectAsync(this, payload, Closed).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Closed.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Logger.LogError(e, "The socket session interceptor failed on connection_init of the GraphQL socket {SessionId}.", Id);
            Close(SocketCloseCodes.InternalServerError, "Internal server error");
            return;
        }
        if (!status.IsAccepted)
        {
            await Protocol.RejectAsync(this, status.Message).ConfigureAwait(false);
            return;
        }
        if (!await SendAsync(Protocol.Acknowledge(status.AcknowledgementPayload)).ConfigureAwait(false))
        {
            return;
        }
        Volatile.Write(ref _acknowledged, 1);
        await Protocol.OnAcknowledgedAsync(this).ConfigureAwait(false);
        if (_transport.Options.KeepAliveInterval is { } interval)
        {
            _keepAlive = KeepAliveAsync(interval);
        }
    }

    /// <summary>
    /// Starts an operation. A running one with the same id is replaced when <paramref name="replaceRunning"/>, else the
    /// socket closes with 4409; past the operation limit the client gets request errors (the socket stays open).
    /// </summary>
    internal async ValueTask StartOperationAsync(string id, GraphQLHttpRequest request, bool replaceRunning)
    {
        if (replaceRunning)
        {
            StopOperation(id);
        }
        var operation = new SocketOperation(this, id, request);
        switch (Operations.TryAdd(operation))
        {
            case AddOperationResult.Added:
                operation.Start();
                return;
            case AddOperationResult.Duplicate:
                operation.Discard();
                Close(SocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
                return;
            default:
                operation.Discard();
                var error = new GraphQLError(
                    $"This connection already runs {_transport.Options.MaxOperationsPerConnection} operations, the most it may: complete one first.")
                    .WithCode(SocketErrorCodes.TooManyOperations);
                await SendAsync(Protocol.RequestErrors(id, [error])).ConfigureAwait(false);
                if (Protocol.CompletesAfterRequestErrors)
                {
                    await SendAsync(Protocol.Complete(id)).ConfigureAwait(false);
                }
                return;
        }
    }

    /// <summary>Stops the operation <paramref name="id"/>; false when none runs (it ended, or never existed).</summary>
    internal bool StopOperation(string id)
    {
        var operation = Operations.Remove(id);
        operation?.Stop();
        return operation is not null;
    }

    /// <summary>The error of an unexpected failure, with details only when the endpoint or the executor allows them.</summary>
    internal GraphQLError UnexpectedError(Exception exception) =>
        TransportErrors.Unexpected(exception, TransportErrors.IncludeDetails(_transport.ServerOptions, Executor, _transport.IsDevelopment));

    private async Task ReceiveAsync()
    {
        using var reader = new SocketMessageReader(_socket, _transport.Options.MaxMessageSize);
        while (true)
        {
            var received = await reader.ReceiveAsync(_aborted.Token).ConfigureAwait(false);
            if (received == ReceivedKind.Close)
            {
                Close(SocketCloseCodes.NormalClosure, string.Empty);
                return;
            }
            if (Pump.CloseCode is not null)
            {
                // Closing: what the client still sends is read (to reach its close frame) and ignored.
                continue;
            }
            switch (received)
            {
                case ReceivedKind.TooLarge:
                    await RejectMessageAsync($"Message too large: the limit is {_transport.Options.MaxMessageSize} bytes.").ConfigureAwait(false);
                    break;
                case ReceivedKind.Binary:
                    await RejectMessageAsync("Invalid message: binary frames are not supported, send JSON text.").ConfigureAwait(false);
                    break;
                default:
                    await HandleAsync(reader.Text).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async ValueTask HandleAsync(ReadOnlyMemory<byte> text)
    {
        if (!SocketMessage.TryParse(text, out var message, out var error))
        {
            await RejectMessageAsync(error).ConfigureAwait(false);
            return;
        }
        try
        {
            await Protocol.HandleAsync(this, message).ConfigureAwait(false);
        }
        catch (InvalidSocketMessageException e)
        {
            await RejectMessageAsync(e.Message).ConfigureAwait(false);
        }
    }

    private async ValueTask RejectMessageAsync(string reason)
    {
        await Protocol.OnInvalidMessageAsync(this, reason).ConfigureAwait(false);
        Close(SocketCloseCodes.BadRequest, reason);
    }

    private async Task WatchInitialisationAsync()
    {
        try
        {
            await Task.Delay(_transport.Options.ConnectionInitializationTimeout, Closed).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (Volatile.Read(ref _initReceived) == 0)
        {
            Close(SocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
    }

    private async Task KeepAliveAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(Closed).ConfigureAwait(false) && await SendAsync(Protocol.KeepAlive).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The session is closing.
        }
    }

    /// <summary>The client went away: nothing can be sent any more.</summary>
    private void Abort()
    {
        Cancel(_closed);
        Cancel(_aborted);
    }

    private async Task EndAsync(Task pump, Task watchdog)
    {
        Close(SocketCloseCodes.NormalClosure, string.Empty);
        var operations = Operations.RemoveAll();
        foreach (var operation in operations)
        {
            operation.Stop();
        }
        await Task.WhenAll(operations.Select(o => o.Completion)).ConfigureAwait(false);
        await Task.WhenAll(pump, watchdog, _keepAlive).ConfigureAwait(false);
        try
        {
            await Interceptor.OnCloseAsync(this, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "The socket session interceptor failed when the GraphQL socket {SessionId} closed.", Id);
        }
        _closed.Dispose();
        _aborted.Dispose();
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session has ended.
        }
    }
}
