using Graph.GraphQL.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>The legacy <c>graphql-ws</c> protocol (Apollo's subscriptions-transport-ws) on /graphql, over a real socket.</summary>
public sealed class GraphQLWsLegacyTests : IAsyncLifetime
{
    private const string Protocol = "graphql-ws";
    private const string MessageAdded = "subscription { messageAdded(room: \"lobby\") { text } }";

    private StreamingHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamingHost.StartAsync(o => o.Sockets.KeepAliveInterval = null);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<TestSocket> ConnectAndInitializeAsync()
    {
        var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, Protocol);
        await socket.InitializeAsync();
        return socket;
    }

    private static Task StartAsync(TestSocket socket, string id, string query) =>
        socket.SendAsync(new { id, type = "start", payload = new { query, variables = (object?)null } });

    [Fact]
    public async Task A_subscription_sends_data_until_stop_then_complete_and_the_source_is_disposed()
    {
        await using var socket = await ConnectAndInitializeAsync();
        Assert.Equal(Protocol, socket.SubProtocol);

        await StartAsync(socket, "1", MessageAdded);
        var feed = await _host.Bus.NextFeedAsync();
        feed.Publish("hi");
        var data = await socket.ReceiveAsync("data", "1");
        await socket.SendAsync(new { id = "1", type = "stop" });
        await socket.ReceiveAsync("complete", "1");

        Assert.Equal("""{"data":{"messageAdded":{"text":"hi"}}}""", data.GetProperty("payload").GetRawText());
        await feed.WaitDisposedAsync();
    }

    [Fact]
    public async Task A_source_that_ends_completes_the_operation()
    {
        await using var socket = await ConnectAndInitializeAsync();
        await StartAsync(socket, "1", MessageAdded);
        var feed = await _host.Bus.NextFeedAsync();

        feed.Complete();

        await socket.ReceiveAsync("complete", "1");
    }

    [Fact]
    public async Task A_query_sends_data_then_complete()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await StartAsync(socket, "q", "{ hello }");
        var data = await socket.ReceiveAsync("data", "q");
        await socket.ReceiveAsync("complete", "q");

        Assert.Equal("""{"data":{"hello":"world"}}""", data.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task Request_errors_come_as_data_with_errors_then_complete()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await StartAsync(socket, "bad", "subscription { nope }");
        var data = await socket.ReceiveAsync("data", "bad");
        await socket.ReceiveAsync("complete", "bad");

        var payload = data.GetProperty("payload");
        Assert.False(payload.TryGetProperty("data", out _));
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", payload.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_start_without_a_query_gets_an_error_and_the_socket_stays_open()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SendAsync(new { id = "x", type = "start", payload = new { variables = new { } } });
        var error = await socket.ReceiveAsync("error", "x");
        await StartAsync(socket, "q", "{ hello }");
        await socket.ReceiveAsync("data", "q");

        Assert.Equal(SocketErrorCodes.BadRequest, error.GetProperty("payload").GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_start_with_a_running_id_replaces_that_operation()
    {
        await using var socket = await ConnectAndInitializeAsync();
        await StartAsync(socket, "1", MessageAdded);
        var first = await _host.Bus.NextFeedAsync();

        await StartAsync(socket, "1", MessageAdded);
        var second = await _host.Bus.NextFeedAsync();
        await first.WaitDisposedAsync();
        second.Publish("from the second");
        var data = await socket.ReceiveAsync("data", "1");

        Assert.Equal("from the second", data.GetProperty("payload").GetProperty("data").GetProperty("messageAdded").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Keep_alives_follow_the_acknowledgement()
    {
        await using var host = await StreamingHost.StartAsync(o => o.Sockets.KeepAliveInterval = TimeSpan.FromMilliseconds(50));
        await using var socket = await TestSocket.ConnectAsync(host.WebSocketUri, Protocol);

        await socket.InitializeAsync();
        await socket.ReceiveAsync("ka");
        await socket.ReceiveAsync("ka");
    }

    [Fact]
    public async Task Connection_terminate_closes_normally()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SendAsync(new { type = "connection_terminate" });
        var (received, code, _) = await socket.ReceiveCloseAsync();

        Assert.Empty(received);
        Assert.Equal(SocketCloseCodes.NormalClosure, code);
    }

    [Fact]
    public async Task An_invalid_message_gets_connection_error_then_a_4400_close()
    {
        await using var socket = await ConnectAndInitializeAsync();

        await socket.SendTextAsync("""{"type":"subscribe","id":"1","payload":{"query":"{ hello }"}}""");
        var (received, code, reason) = await socket.ReceiveCloseAsync();

        var error = Assert.Single(received);
        Assert.Equal("connection_error", error.GetProperty("type").GetString());
        Assert.Equal("Invalid message type 'subscribe'.", error.GetProperty("payload").GetProperty("message").GetString());
        Assert.Equal(SocketCloseCodes.BadRequest, code);
        Assert.Equal("Invalid message type 'subscribe'.", reason);
    }

    [Fact]
    public async Task A_start_before_the_acknowledgement_closes_with_4401()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, Protocol);

        await StartAsync(socket, "1", "{ hello }");
        var (_, code, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(SocketCloseCodes.Unauthorized, code);
    }

    [Fact]
    public async Task A_rejected_connection_gets_connection_error_then_a_4403_close()
    {
        await using var host = await StreamingHost.StartAsync(services: (_, graphql) => graphql.AddSocketSessionInterceptor<RejectAll>());
        await using var socket = await TestSocket.ConnectAsync(host.WebSocketUri, Protocol);

        await socket.SendAsync(new { type = "connection_init" });
        var (received, code, reason) = await socket.ReceiveCloseAsync();

        var error = Assert.Single(received);
        Assert.Equal("connection_error", error.GetProperty("type").GetString());
        Assert.Equal("Go away.", error.GetProperty("payload").GetProperty("message").GetString());
        Assert.Equal(SocketCloseCodes.Forbidden, code);
        Assert.Equal("Go away.", reason);
        Assert.False(error.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task The_client_may_prefer_either_protocol()
    {
        await using var legacyFirst = await TestSocket.ConnectAsync(_host.WebSocketUri, "graphql-ws", "graphql-transport-ws");
        await using var modernFirst = await TestSocket.ConnectAsync(_host.WebSocketUri, "graphql-transport-ws", "graphql-ws");

        Assert.Equal("graphql-ws", legacyFirst.SubProtocol);
        Assert.Equal("graphql-transport-ws", modernFirst.SubProtocol);
    }

    private sealed class RejectAll : DefaultSocketSessionInterceptor
    {
        public override ValueTask<ConnectionStatus> OnConnectAsync(
            ISocketSession session,
            IReadOnlyDictionary<string, object?>? connectionInitPayload,
            CancellationToken cancellationToken) =>
            ValueTask.FromResult(ConnectionStatus.Reject("Go away."));
    }
}
