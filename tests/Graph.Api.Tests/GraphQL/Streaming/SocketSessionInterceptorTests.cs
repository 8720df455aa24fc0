using Graph.GraphQL;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>The <see cref="ISocketSessionInterceptor"/> seam: accepting or rejecting from the connection_init payload, enriching requests, closing.</summary>
public sealed class SocketSessionInterceptorTests : IAsyncLifetime
{
    private StreamingHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await StreamingHost.StartAsync(
            o => o.Sockets.KeepAliveInterval = null,
            (_, graphql) => graphql.AddSocketSessionInterceptor<TokenInterceptor>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private TokenInterceptor Interceptor =>
        (TokenInterceptor)_host.Services.GetRequiredKeyedService<ISocketSessionInterceptor>(RequestExecutorResolver.DefaultSchemaName);

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task The_init_payload_decides_the_acknowledgement_and_its_payload_and_reaches_each_request(string protocol)
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, protocol);

        var ack = await socket.InitializeAsync(new { token = "secret-of-ama" });
        await socket.SendAsync(protocol == "graphql-ws"
            ? new { id = "1", type = "start", payload = new { query = "{ whoami }" } }
            : new { id = "1", type = "subscribe", payload = new { query = "{ whoami }" } });
        var result = await socket.ReceiveAsync(protocol == "graphql-ws" ? "data" : "next", "1");

        Assert.Equal("graph", ack.GetProperty("payload").GetProperty("server").GetString());
        Assert.Equal("""{"data":{"whoami":"ama"}}""", result.GetProperty("payload").GetRawText());
        var session = Assert.Single(Interceptor.Connected);
        Assert.Equal(protocol, session.Protocol);
        Assert.Equal("secret-of-ama", session.ConnectionInitPayload!["token"]);
        Assert.True(session.IsAcknowledged);
    }

    [Fact]
    public async Task A_rejected_connection_is_closed_with_4403_and_the_interceptors_reason()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { token = "forged" } });

        var (received, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Empty(received);
        Assert.Equal(SocketCloseCodes.Forbidden, code);
        Assert.Equal("Invalid access token.", reason);
    }

    [Fact]
    public async Task An_interceptor_that_throws_on_connect_closes_with_4500_without_details()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { token = "explode" } });

        var (_, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(SocketCloseCodes.InternalServerError, code);
        Assert.Equal("Internal server error", reason);
    }

    [Fact]
    public async Task A_request_the_interceptor_refuses_gets_its_errors_and_the_socket_stays_open()
    {
        await using var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, "graphql-transport-ws");
        await socket.InitializeAsync(new { token = "secret-of-ama" });

        await socket.SubscribeAsync("refused", "{ hello }");
        var error = await socket.ReceiveAsync("error", "refused");
        await socket.SubscribeAsync("crash", "{ hello }");
        var crash = await socket.ReceiveAsync("error", "crash");
        await socket.SubscribeAsync("ok", "{ hello }");
        await socket.ReceiveAsync("next", "ok");

        Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("INTERNAL_SERVER_ERROR", crash.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("secret", crash.GetRawText());
    }

    [Fact]
    public async Task The_interceptor_learns_of_the_close_after_the_operations_stopped()
    {
        var socket = await TestSocket.ConnectAsync(_host.WebSocketUri, "graphql-transport-ws");
        await socket.InitializeAsync(new { token = "secret-of-ama" });
        await socket.SubscribeAsync("s", "subscription { messageAdded(room: \"r\") { text } }");
        var feed = await _host.Bus.NextFeedAsync();

        await socket.CloseAsync();
        var closed = await Interceptor.Closed.Task.WaitAsync(StreamingHost.Patience);

        Assert.True(feed.Disposed.Task.IsCompleted, "The source was not disposed before OnCloseAsync.");
        Assert.Same(Assert.Single(Interceptor.Connected), closed);
        await socket.DisposeAsync();
    }

    [Fact]
    public void AddSocketSessionInterceptor_replaces_the_one_registered_before()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddSocketSessionInterceptor<TokenInterceptor>().AddSocketSessionInterceptor(_ => new OtherInterceptor());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<OtherInterceptor>(provider.GetRequiredKeyedService<ISocketSessionInterceptor>(RequestExecutorResolver.DefaultSchemaName));
    }

    private sealed class OtherInterceptor : DefaultSocketSessionInterceptor;

    /// <summary>Accepts the token <c>secret-of-ama</c> as the user "ama", the way an identity interceptor would.</summary>
    private sealed class TokenInterceptor : DefaultSocketSessionInterceptor
    {
        public List<ISocketSession> Connected { get; } = [];

        public TaskCompletionSource<ISocketSession> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<ConnectionStatus> OnConnectAsync(
            ISocketSession session,
            IReadOnlyDictionary<string, object?>? connectionInitPayload,
            CancellationToken cancellationToken)
        {
            lock (Connected)
            {
                Connected.Add(session);
            }
            switch (connectionInitPayload?.GetValueOrDefault("token"))
            {
                case "secret-of-ama":
                    session.Items["user"] = "ama";
                    return ValueTask.FromResult(ConnectionStatus.Accept(new Dictionary<string, object?> { ["server"] = "graph" }));
                case "explode":
                    throw new InvalidOperationException("a secret detail");
                default:
                    return ValueTask.FromResult(ConnectionStatus.Reject("Invalid access token."));
            }
        }

        public override ValueTask OnRequestAsync(ISocketSession session, string operationId, OperationRequestBuilder requestBuilder, CancellationToken cancellationToken)
        {
            if (operationId == "refused")
            {
                throw new GraphQLException("Not for you.", "FORBIDDEN");
            }
            if (operationId == "crash")
            {
                throw new InvalidOperationException("a secret detail");
            }
            requestBuilder.SetGlobalState("user", session.Items["user"]);
            return ValueTask.CompletedTask;
        }

        public override ValueTask OnCloseAsync(ISocketSession session, CancellationToken cancellationToken)
        {
            Closed.TrySetResult(session);
            return ValueTask.CompletedTask;
        }
    }
}
