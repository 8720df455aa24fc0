using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>A client WebSocket that speaks JSON messages, for the GraphQL WebSocket tests. Every wait is bounded.</summary>
internal sealed class TestSocket : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private TestSocket(WebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Wraps a socket opened elsewhere (the in-memory test server's client, say).</summary>
    public static TestSocket Wrap(WebSocket socket) => new(socket);

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<TestSocket> ConnectAsync(Uri uri, params string[] subProtocols)
    {
        var socket = new ClientWebSocket();
        foreach (var protocol in subProtocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        await socket.ConnectAsync(uri, timeout.Token);
        return new TestSocket(socket);
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public async Task SendBinaryAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        await _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message; fails when the server closes instead.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var (text, closed) = await ReceiveTextAsync();
        Assert.False(closed, $"The server closed the socket ({(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}) instead of sending a message.");
        return JsonDocument.Parse(text!).RootElement.Clone();
    }

    /// <summary>The next message, which must be of <paramref name="type"/> (and for operation <paramref name="id"/> when given).</summary>
    public async Task<JsonElement> ReceiveAsync(string type, string? id = null)
    {
        var message = await ReceiveAsync();
        Assert.True(message.GetProperty("type").GetString() == type, $"Expected '{type}', got {message}");
        if (id is not null)
        {
            Assert.Equal(id, message.GetProperty("id").GetString());
        }
        return message;
    }

    /// <summary>Sends <c>connection_init</c> and returns the <c>connection_ack</c>.</summary>
    public async Task<JsonElement> InitializeAsync(object? payload = null)
    {
        await SendAsync(payload is null ? new { type = "connection_init" } : new { type = "connection_init", payload });
        return await ReceiveAsync("connection_ack");
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>Reads until the server's close frame (answering it) and returns the messages before it, the code and the reason.</summary>
    public async Task<(IReadOnlyList<JsonElement> Messages, int Code, string? Reason)> ReceiveCloseAsync()
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var (text, closed) = await ReceiveTextAsync();
            if (closed)
            {
                using var timeout = new CancellationTokenSource(StreamingHost.Patience);
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                return (messages, (int)_socket.CloseStatus!.Value, _socket.CloseStatusDescription);
            }
            messages.Add(JsonDocument.Parse(text!).RootElement.Clone());
        }
    }

    /// <summary>Closes normally and returns the code the server answered with.</summary>
    public async Task<int?> CloseAsync()
    {
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        return (int?)_socket.CloseStatus;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(string? Text, bool Closed)> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, true);
            }
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (Encoding.UTF8.GetString(text.ToArray()), false);
            }
        }
    }
}
