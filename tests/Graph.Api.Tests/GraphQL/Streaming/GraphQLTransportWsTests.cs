using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Graph.GraphQL.AspNetCore.WebSockets;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>The <c>graphql-transport-ws</c> protocol on /graphql, over a real socket.</summary>
public sealed class GraphQLTransportWsTests : IAsyncLifetime
{
    private const string Protocol = "graphql-transport-ws";
    private const string MessageAdded = "subscription($room: String!) { messageAdded(room: $room) { text room upper } }";

    private StreamingHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamingHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<TestSocket> ConnectAsync(StreamingHost? host = null) =>
        await TestSocket.ConnectAsync((host ?? _host).WebSocketUri, Protocol);

    private async Task<TestSocket> ConnectAndInitializeAsync()
    {
        var socket = await ConnectAsync();
        await socket.InitializeAsync();
        return socket;
    }

    [Fact]
    public async Task The_connection_is_acknowledged_and_pings_get_pongs_with_their_payload()
    {
        await using var socket = await ConnectAsync();
        Assert.Equal(Protocol, socket.SubProtocol);

        // A ping is answered before the connection is initialised too.
        await socket.SendAsync(new { type = "ping" });
        var early = await socket.ReceiveAsync("pong");
        var ack = await socket.InitializeAsync(new { token = "abc" });
        await socket.SendAsync(new { type = "ping", payload = new { at = 42, note = "é" } });
        var pong = await socket.ReceiveAsync("pong");

        Assert.False(early.TryGetProperty("payload", out _));
        Assert.False(ack.TryGetProperty("payload", out _));
        Assert.Equal(42, pong.GetProperty("payload").GetProperty("at").GetInt32());
        Assert.Equal("é", pong.GetProperty("payload").GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_subscription_sends_next_for_each_event_with_errors_of_the_event_and_complete_when_the_source_ends()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SubscribeAsync("s1", MessageAdded, new { room = "lobby" });
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("hi");
        var first = await socket.ReceiveAsync("next", "s1");
        feed.Publish("boom");
        var second = await socket.ReceiveAsync("next", "s1");
        feed.Complete();
        await socket.ReceiveAsync("complete", "s1");

        Assert.Equal("lobby", feed.Room);
        Assert.Equal("""{"data":{"messageAdded":{"text":"hi","room":"lobby","upper":"HI"}}}""", first.GetProperty("payload").GetRawText());
        var payload = second.GetProperty("payload");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("data").ValueKind);
        Assert.Equal("upper", payload.GetProperty("errors")[0].GetProperty("path")[1].GetString());
        Assert.DoesNotContain("secret", payload.GetRawText());
        await feed.WaitDisposedAsync();
    }

    [Fact]
    public async Task A_source_that_fails_ends_with_a_next_holding_the_masked_error_then_complete()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SubscribeAsync("s1", MessageAdded, new { room = "lobby" });
        var feed = await _host.Bus.NextFeedAsync();
        feed.Fail(new InvalidOperationException("a secret detail"));
        var next = await socket.ReceiveAsync("next", "s1");
        await socket.ReceiveAsync("complete", "s1");

        Assert.Equal("INTERNAL_SERVER_ERROR", next.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("secret", next.GetRawText());
    }

    [Fact]
    public async Task The_clients_complete_disposes_the_source_and_nothing_more_is_sent_for_it()
    {
        await using var socket = await ConnectAndInitializeAsync();
        await socket.SubscribeAsync("s1", MessageAdded, new { room = "lobby" });
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("hi");
        await socket.ReceiveAsync("next", "s1");

        await socket.SendAsync(new { id = "s1", type = "complete" });
        await feed.WaitDisposedAsync();
        feed.Publish("too late");
        await socket.SendAsync(new { type = "ping" });

        // The pong is the very next message: no next, no complete for s1.
        await socket.ReceiveAsync("pong");
    }

    [Fact]
    public async Task Queries_and_mutations_send_one_next_then_complete()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SubscribeAsync("q", "{ hello }");
        var query = await socket.ReceiveAsync("next", "q");
        await socket.ReceiveAsync("complete", "q");
        await socket.SubscribeAsync("m", "mutation { bump }");
        var mutation = await socket.ReceiveAsync("next", "m");
        await socket.ReceiveAsync("complete", "m");
        // An id can be used again once its operation is done.
        await socket.SubscribeAsync("q", "{ hello }");
        await socket.ReceiveAsync("next", "q");
        await socket.ReceiveAsync("complete", "q");

        Assert.Equal("""{"data":{"hello":"world"}}""", query.GetProperty("payload").GetRawText());
        Assert.Equal("""{"data":{"bump":1}}""", mutation.GetProperty("payload").GetRawText());
        Assert.Equal(1, _host.Counter.Value);
    }

    [Theory]
    [InlineData("subscription { nope }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("subscription {", "GRAPHQL_PARSE_FAILED")]
    [InlineData("", "GRAPHQL_PARSE_FAILED")]
    [InlineData("subscription { failing }", "DENIED")]
    public async Task Request_errors_are_an_error_message_with_the_GraphQL_errors_and_no_complete(string query, string code)
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SubscribeAsync("bad", query);
        var error = await socket.ReceiveAsync("error", "bad");
        await socket.SendAsync(new { type = "ping" });
        await socket.ReceiveAsync("pong");

        var errors = error.GetProperty("payload");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.Equal(code, errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(errors[0].GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Variables_that_do_not_coerce_are_request_errors()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SubscribeAsync("v", MessageAdded, new { room = 12 });
        var error = await socket.ReceiveAsync("error", "v");

        Assert.Equal("BAD_USER_INPUT", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_subscriptions_send_whole_messages_in_the_order_of_each_source()
    {
        const int events = 200;
        await using var socket = await ConnectAndInitializeAsync();
        await socket.SubscribeAsync("a", MessageAdded, new { room = "a" });
        var a = await _host.Bus.NextFeedAsync();
        await socket.SubscribeAsync("b", MessageAdded, new { room = "b" });
        var b = await _host.Bus.NextFeedAsync();

        await Task.WhenAll(
            Task.Run(() => Publish(a)),
            Task.Run(() => Publish(b)));
        var received = new Dictionary<string, List<string>> { ["a"] = [], ["b"] = [] };
        for (var i = 0; i < 2 * events; i++)
        {
            var next = await socket.ReceiveAsync("next");
            received[next.GetProperty("id").GetString()!].Add(next.GetProperty("payload").GetProperty("data").GetProperty("messageAdded").GetProperty("text").GetString()!);
        }

        var expected = Enumerable.Range(0, events).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, received["a"]);
        Assert.Equal(expected, received["b"]);

        static void Publish(Feed feed)
        {
            for (var i = 0; i < events; i++)
            {
                feed.Publish(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task The_server_sends_pings_on_the_keep_alive_interval_once_acknowledged()
    {
        await using var host = await StreamingHost.StartAsync(o => o.Sockets.KeepAliveInterval = TimeSpan.FromMilliseconds(50));
        await using var socket = await ConnectAsync(host);

        await socket.InitializeAsync();
        var ping = await socket.ReceiveAsync("ping");
        await socket.SendAsync(new { type = "pong" });
        await socket.SubscribeAsync("q", "{ hello }");

        Assert.False(ping.TryGetProperty("id", out _));
        // Pings may come between the results; the operation still completes.
        string type;
        do
        {
            type = (await socket.ReceiveAsync()).GetProperty("type").GetString()!;
            Assert.Contains(type, new[] { "ping", "next", "complete" });
        }
        while (type != "complete");
    }

    [Fact]
    public async Task Past_the_operation_limit_a_subscribe_gets_an_error_and_the_others_go_on()
    {
        await using var host = await StreamingHost.StartAsync(o => o.Sockets.MaxOperationsPerConnection = 1);
        await using var socket = await ConnectAsync(host);
        await socket.InitializeAsync();
        await socket.SubscribeAsync("s1", MessageAdded, new { room = "lobby" });
        var feed = await host.Bus.NextFeedAsync();

        await socket.SubscribeAsync("s2", "{ hello }");
        var error = await socket.ReceiveAsync("error", "s2");
        feed.Publish("still here");
        var next = await socket.ReceiveAsync("next", "s1");

        Assert.Equal(SocketErrorCodes.TooManyOperations, error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("still here", next.GetProperty("payload").GetProperty("data").GetProperty("messageAdded").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_client_that_closes_gets_a_normal_close_and_its_subscriptions_are_disposed()
    {
        await using var socket = await ConnectAndInitializeAsync();
        await socket.SubscribeAsync("s1", MessageAdded, new { room = "lobby" });
        var feed = await _host.Bus.NextFeedAsync();

        var code = await socket.CloseAsync();

        Assert.Equal(SocketCloseCodes.NormalClosure, code);
        await feed.WaitDisposedAsync();
    }

    [Fact]
    public async Task WebSockets_over_HTTP2_open_with_CONNECT()
    {
        await using var host = await StreamingHost.StartAsync(http2Only: true);
        using var client = new ClientWebSocket();
        client.Options.AddSubProtocol(Protocol);
        client.Options.HttpVersion = HttpVersion.Version20;
        client.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        await client.ConnectAsync(host.WebSocketUri, invoker, timeout.Token);
        await using var socket = TestSocket.Wrap(client);

        await socket.InitializeAsync();
        await socket.SubscribeAsync("q", "{ hello }");

        Assert.Equal("""{"data":{"hello":"world"}}""", (await socket.ReceiveAsync("next", "q")).GetProperty("payload").GetRawText());
    }
}
