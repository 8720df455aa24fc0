using System.Net;
using System.Net.WebSockets;
using Graph.GraphQL.AspNetCore.WebSockets;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>Every close code of <see cref="SocketCloseCodes"/>, with its reason, as <c>graphql-transport-ws</c> clients see it.</summary>
public sealed class SocketCloseCodeTests : IAsyncLifetime
{
    private const string Protocol = "graphql-transport-ws";

    private StreamingHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamingHost.StartAsync(o => o.Sockets.MaxMessageSize = 4096);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Code, string? Reason)> CloseAfterAsync(bool initialize, params string[] messages)
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, Protocol);
        if (initialize)
        {
            await socket.InitializeAsync();
        }
        foreach (var message in messages)
        {
            await socket.SendTextAsync(message);
        }
        var (received, code, reason) = await socket.ReceiveCloseAsync();
        Assert.Empty(received);
        return (code, reason);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("""{"id":"1"}""", "'type' is missing")]
    [InlineData("""{"type":7}""", "'type' must be a string")]
    [InlineData("""{"type":"hello"}""", "Invalid message type 'hello'")]
    [InlineData("""{"type":"next","id":"1","payload":{}}""", "Invalid message type 'next'")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ hello }"}}""", "needs a non-empty 'id'")]
    [InlineData("""{"type":"subscribe","id":"","payload":{"query":"{ hello }"}}""", "needs a non-empty 'id'")]
    [InlineData("""{"type":"subscribe","id":5,"payload":{"query":"{ hello }"}}""", "'id' must be a string")]
    [InlineData("""{"type":"subscribe","id":"1"}""", "needs a payload")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"variables":{}}}""", "no \"query\"")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":"{ hello }","variables":[1]}}""", "\"variables\"")]
    [InlineData("""{"type":"complete"}""", "needs a non-empty 'id'")]
    [InlineData("""{"type":"ping","payload":"x"}""", "payload must be an object")]
    public async Task An_invalid_message_closes_with_4400_and_says_why(string message, string reason)
    {
        var (code, text) = await CloseAfterAsync(initialize: true, message);

        Assert.Equal(SocketCloseCodes.BadRequest, code);
        Assert.Contains(reason, text);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_4400()
    {
        var (code, reason) = await CloseAfterAsync(initialize: true,
            "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ hello }\",\"extensions\":{\"pad\":\"" + new string('x', 8000) + "\"}}}");

        Assert.Equal(SocketCloseCodes.BadRequest, code);
        Assert.Equal("Message too large: the limit is 4096 bytes.", reason);
    }

    [Fact]
    public async Task A_binary_message_closes_with_4400()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, Protocol);
        await socket.SendBinaryAsync("""{"type":"connection_init"}"""u8.ToArray());

        var (_, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(SocketCloseCodes.BadRequest, code);
        Assert.Contains("binary", reason);
    }

    [Fact]
    public async Task Subscribing_before_the_acknowledgement_closes_with_4401()
    {
        var (code, reason) = await CloseAfterAsync(initialize: false, """{"type":"subscribe","id":"1","payload":{"query":"{ hello }"}}""");

        Assert.Equal(SocketCloseCodes.Unauthorized, code);
        Assert.Equal("Unauthorized", reason);
    }

    [Fact]
    public async Task No_connection_init_in_time_closes_with_4408()
    {
        await using var host = await StreamingHost.StartAsync(o => o.Sockets.ConnectionInitializationTimeout = TimeSpan.FromMilliseconds(100));
        await using var socket = await TestSocket.ConnectAsync(host.WebSocketUri, Protocol);

        var (received, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Empty(received);
        Assert.Equal(SocketCloseCodes.ConnectionInitialisationTimeout, code);
        Assert.Equal("Connection initialisation timeout", reason);
    }

    [Fact]
    public async Task A_connection_init_in_time_stops_the_timeout()
    {
        // Long enough for a loaded machine to connect and initialise in time (100 ms was not, now and then).
        await using var host = await StreamingHost.StartAsync(o => o.Sockets.ConnectionInitializationTimeout = TimeSpan.FromSeconds(1));
        await using var socket = await TestSocket.ConnectAsync(host.WebSocketUri, Protocol);
        await socket.InitializeAsync();
        var feedTask = host.Bus.NextFeedAsync();

        // The subscription outlives the timeout: only a missing init closes the socket.
        await socket.SubscribeAsync("s1", "subscription { messageAdded(room: \"r\") { text } }");
        var feed = await feedTask;
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        feed.Publish("alive");

        await socket.ReceiveAsync("next", "s1");
    }

    [Fact]
    public async Task A_subscribe_with_the_id_of_a_running_operation_closes_with_4409_and_disposes_it()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, Protocol);
        await socket.InitializeAsync();
        await socket.SubscribeAsync("dup", "subscription { messageAdded(room: \"r\") { text } }");
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("first");
        await socket.ReceiveAsync("next", "dup");

        await socket.SubscribeAsync("dup", "{ hello }");
        var (_, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(SocketCloseCodes.SubscriberAlreadyExists, code);
        Assert.Equal("Subscriber for dup already exists", reason);
        await feed.WaitDisposedAsync();
    }

    [Fact]
    public async Task A_long_id_is_cut_from_the_close_reason_to_fit_a_close_frame()
    {
        var id = new string('é', 300);
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, Protocol);
        await socket.InitializeAsync();
        await socket.SubscribeAsync(id, "subscription { messageAdded(room: \"r\") { text } }");
        await _host.Bus.NextFeedAsync();

        await socket.SubscribeAsync(id, "{ hello }");
        var (_, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(SocketCloseCodes.SubscriberAlreadyExists, code);
        Assert.StartsWith("Subscriber for éé", reason);
        Assert.EndsWith("...", reason);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(reason!) <= 123);
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        var (code, reason) = await CloseAfterAsync(initialize: true, """{"type":"connection_init"}""");

        Assert.Equal(SocketCloseCodes.TooManyInitialisationRequests, code);
        Assert.Equal("Too many initialisation requests", reason);
    }

    [Fact]
    public async Task A_client_asking_for_no_served_subprotocol_is_closed_with_4406()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri);

        var (received, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Null(socket.SubProtocol);
        Assert.Empty(received);
        Assert.Equal(SocketCloseCodes.SubprotocolNotAcceptable, code);
        Assert.Contains("graphql-transport-ws", reason);
    }

    [Fact]
    public async Task Stopping_the_server_closes_its_sockets_with_1001_and_disposes_their_subscriptions()
    {
        await using var host = await StreamingHost.StartAsync();
        await using var socket = await TestSocket.ConnectAsync(host.WebSocketUri, Protocol);
        await socket.InitializeAsync();
        await socket.SubscribeAsync("s", "subscription { messageAdded(room: \"r\") { text } }");
        var feed = await host.Bus.NextFeedAsync();

        var stopping = host.StopAsync();
        var (_, code, reason) = await socket.ReceiveCloseAsync();
        await stopping;

        Assert.Equal(SocketCloseCodes.GoingAway, code);
        Assert.Equal("The server is shutting down.", reason);
        await feed.WaitDisposedAsync();
    }

    [Fact]
    public async Task With_WebSockets_off_an_upgrade_gets_400()
    {
        await using var host = await StreamingHost.StartAsync(o => o.EnableWebSockets = false);

        await AssertUpgradeRefusedAsync(host);
    }

    [Fact]
    public async Task Without_UseWebSockets_an_upgrade_gets_400()
    {
        await using var host = await StreamingHost.StartAsync(useWebSockets: false);

        await AssertUpgradeRefusedAsync(host);
    }

    private static async Task AssertUpgradeRefusedAsync(StreamingHost host)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(Protocol);
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(host.WebSocketUri, timeout.Token));

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }
}
