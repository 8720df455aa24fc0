using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// One client of the fan-out benchmark: a <see cref="ClientWebSocket"/> speaking graphql-transport-ws
/// (<c>connection_init</c> → <c>connection_ack</c>, <c>subscribe</c> → <c>next</c>…), answering the server's pings, and
/// recording each tick's latency (receive time minus <see cref="Tick.SentAt"/>) into its slice of the run's shared,
/// preallocated array (<see cref="Begin"/>). One receive loop per socket, into a buffer of its own: no allocation per
/// message.
/// </summary>
internal sealed class Subscriber
{
    private static readonly byte[] InitMessage = """{"type":"connection_init"}"""u8.ToArray();
    private static readonly byte[] PongMessage = """{"type":"pong"}"""u8.ToArray();
    private static readonly byte[] SubscribeMessage = Encoding.UTF8.GetBytes(
        """{"id":"1","type":"subscribe","payload":{"query":""" + System.Text.Json.JsonSerializer.Serialize(FanoutSchema.Subscription) + "}}");

    private readonly ClientWebSocket _socket = new();
    private int[] _latencies = [];
    private int _offset;
    private int _events;
    private int _warmup;
    private byte[] _buffer = new byte[512];
    private long _next;

    public Subscriber()
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        // The server sends keep-alives; the client needs none of its own.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Events received once, in any order.</summary>
    public int Received { get; private set; }

    /// <summary>Warm-up events received (numbered below 0; their latency is not recorded).</summary>
    public int WarmupReceived { get; private set; }

    /// <summary>Events received again.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Events received after a later one.</summary>
    public int OutOfOrder { get; private set; }

    /// <summary>Messages that were neither a tick, a ping nor a pong (an <c>error</c>, a <c>complete</c>, a tick out of range).</summary>
    public int Unexpected { get; private set; }

    /// <summary>The first unexpected message, or why the socket ended early.</summary>
    public string? Problem { get; private set; }

    /// <summary>The receive loop, once subscribed; ends when the socket closes.</summary>
    public Task Receiving { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Starts a run, between runs (no tick in flight): its ticks' latencies go to this subscriber's slice of
    /// <paramref name="latencies"/>, <c>[index * events, (index + 1) * events)</c>, in microseconds (-1 until received),
    /// and the counts start again from zero.
    /// </summary>
    /// <param name="events">How many events will be published and measured.</param>
    /// <param name="warmup">How many warm-up events come before them, numbered -warmup to -1: counted, not measured.</param>
    public void Begin(int[] latencies, int index, int events, int warmup)
    {
        _latencies = latencies;
        _offset = index * events;
        _events = events;
        _warmup = warmup;
        _next = 0;
        Received = 0;
        WarmupReceived = 0;
        Duplicates = 0;
        OutOfOrder = 0;
        Unexpected = 0;
    }

    /// <summary>Connects, initialises, subscribes and starts receiving.</summary>
    public async Task StartAsync(Uri uri, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(uri, invoker, cancellationToken).ConfigureAwait(false);
        if (_socket.SubProtocol != "graphql-transport-ws")
        {
            throw new InvalidOperationException($"The server chose the subprotocol '{_socket.SubProtocol}'.");
        }
        await _socket.SendAsync(InitMessage, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        var ack = await ReceiveMessageAsync(cancellationToken).ConfigureAwait(false);
        if (ack.IsEmpty || ack.Span.IndexOf("\"connection_ack\""u8) < 0)
        {
            throw new InvalidOperationException("Expected connection_ack, got: " + Encoding.UTF8.GetString(ack.Span));
        }
        await _socket.SendAsync(SubscribeMessage, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        Receiving = ReceiveAsync();
    }

    /// <summary>Drops the connection without a close handshake (the end of the run).</summary>
    public void Abort()
    {
        _socket.Abort();
        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var message = await ReceiveMessageAsync(CancellationToken.None).ConfigureAwait(false);
                if (message.IsEmpty)
                {
                    if (_socket.State != WebSocketState.Aborted)
                    {
                        Problem ??= $"The server closed the socket: {_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    }
                    return;
                }
                await HandleAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (_socket.State != WebSocketState.Aborted)
            {
                Problem ??= "The socket failed: " + e.Message;
            }
        }
    }

    private ValueTask HandleAsync(ReadOnlyMemory<byte> message)
    {
        var now = Clock.Now;
        var text = message.Span;
        if (text.IndexOf("\"type\":\"next\""u8) >= 0 && TryRead(text, "\"seq\":"u8, out var seq) && TryRead(text, "\"sentAt\":"u8, out var sentAt))
        {
            Record(seq, now - sentAt);
            return ValueTask.CompletedTask;
        }
        if (text.IndexOf("\"type\":\"ping\""u8) >= 0)
        {
            return _socket.SendAsync(PongMessage.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        if (text.IndexOf("\"type\":\"pong\""u8) < 0)
        {
            Unexpected++;
            Problem ??= "Unexpected message: " + Encoding.UTF8.GetString(text);
        }
        return ValueTask.CompletedTask;
    }

    private void Record(long seq, long latency)
    {
        if (seq < 0 && seq >= -_warmup)
        {
            WarmupReceived++;
            return;
        }
        if (seq < 0 || seq >= _events)
        {
            Unexpected++;
            Problem ??= $"A tick out of range: {seq}";
            return;
        }
        ref var slot = ref _latencies[_offset + (int)seq];
        if (slot >= 0)
        {
            Duplicates++;
            return;
        }
        slot = Clock.ToMicroseconds(Math.Max(latency, 0));
        if (seq < _next)
        {
            OutOfOrder++;
        }
        else
        {
            _next = seq + 1;
        }
        Received++;
    }

    /// <summary>One whole message into <see cref="_buffer"/> (grown as needed); empty when the socket closed.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ReadOnlyMemory<byte>.Empty;
            }
            length += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsMemory(0, length);
            }
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name, out long value)
    {
        var at = text.IndexOf(name);
        value = 0;
        return at >= 0 && Utf8Parser.TryParse(text[(at + name.Length)..], out value, out _);
    }
}
