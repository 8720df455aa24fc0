using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Identity;

/// <summary>GraphQL over WebSocket: the access token of connection_init (or of the upgrade request) is the user of every operation.</summary>
public sealed class SocketAuthenticationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Password = "mafe-a-l-arachide";

    private IdentityHost _host = null!;
    private string _accessToken = null!;
    private string _userId = null!;

    public async Task InitializeAsync()
    {
        _host = IdentityHost.Start(database, services: s => s.AddGraphQLServer().AddTypeExtension<PrincipalQueries>());
        var login = await _host.EnsureAccountAsync(email: "djeneba@example.ml", password: Password, displayName: "Djénéba Traoré");
        _accessToken = IdentityHost.AccessToken(login);
        _userId = IdentityHost.Claims(_accessToken).GetProperty("sub").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<TestSocket> ConnectAsync(string? authorization = null)
    {
        var client = _host.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        if (authorization is not null)
        {
            client.ConfigureRequest = request => request.Headers.Authorization = authorization;
        }
        return TestSocket.Wrap(await client.ConnectAsync(new Uri(_host.Factory.Server.BaseAddress, "graphql"), CancellationToken.None));
    }

    private static async Task<string?> WhoAmIAsync(TestSocket socket, string id = "who")
    {
        await socket.SubscribeAsync(id, "{ whoAmI }");
        var next = await socket.ReceiveAsync("next", id);
        await socket.ReceiveAsync("complete", id);
        return next.GetProperty("payload").GetProperty("data").GetProperty("whoAmI").GetString();
    }

    public static TheoryData<string, bool> PayloadKeys => new()
    {
        { "Authorization", true },
        { "authorization", true },
        { "authToken", true },
        { "authToken", false },
    };

    [Theory]
    [MemberData(nameof(PayloadKeys))]
    public async Task A_valid_token_in_connection_init_is_the_user_of_each_operation(string key, bool withScheme)
    {
        await using var socket = await ConnectAsync();

        await socket.InitializeAsync(new Dictionary<string, object?> { [key] = withScheme ? "Bearer " + _accessToken : _accessToken });

        Assert.Equal(_userId, await WhoAmIAsync(socket, "first"));
        Assert.Equal(_userId, await WhoAmIAsync(socket, "second"));
    }

    [Fact]
    public async Task Without_a_token_the_connection_is_anonymous()
    {
        await using var socket = await ConnectAsync();

        await socket.InitializeAsync();

        Assert.Equal("anonymous", await WhoAmIAsync(socket));
    }

    [Fact]
    public async Task The_upgrade_requests_own_token_holds_when_connection_init_has_none()
    {
        await using var socket = await ConnectAsync("Bearer " + _accessToken);

        await socket.InitializeAsync(new { something = "else" });

        Assert.Equal(_userId, await WhoAmIAsync(socket));
    }

    [Fact]
    public async Task An_upgrade_request_with_an_invalid_token_is_refused_before_the_socket_opens()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("Bearer not-a-token"));

        Assert.Contains("401", error.Message);
    }

    private async Task AssertRejectedAsync(object payload, string code)
    {
        await using var socket = await ConnectAsync();
        await socket.SendAsync(new { type = "connection_init", payload });

        var (received, closeCode, reason) = await socket.ReceiveCloseAsync();

        Assert.Empty(received);
        Assert.Equal(SocketCloseCodes.Forbidden, closeCode);
        Assert.StartsWith(code + ": ", reason);
    }

    [Fact]
    public async Task An_invalid_token_closes_the_socket_with_4403()
    {
        await AssertRejectedAsync(new { Authorization = "Bearer not-a-token" }, "AUTH_TOKEN_INVALID");
        await AssertRejectedAsync(new { Authorization = "Bearer " + _accessToken[..^4] + "AAAA" }, "AUTH_TOKEN_INVALID");
        await AssertRejectedAsync(new { Authorization = 42 }, "AUTH_TOKEN_INVALID");
        await AssertRejectedAsync(new { authToken = "" }, "AUTH_TOKEN_INVALID");
    }

    [Fact]
    public async Task An_expired_token_closes_the_socket_with_4403()
    {
        var clock = new ManualClock();
        await using var host = IdentityHost.Start(database, clock: clock);
        var token = IdentityHost.AccessToken(await host.LoginAsync("djeneba@example.ml", Password));
        clock.Advance(TimeSpan.FromHours(2));
        var client = host.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        await using var socket = TestSocket.Wrap(await client.ConnectAsync(new Uri(host.Factory.Server.BaseAddress, "graphql"), CancellationToken.None));
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });

        var (_, code, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(SocketCloseCodes.Forbidden, code);
        Assert.StartsWith("AUTH_TOKEN_EXPIRED: ", reason);
    }

    [Fact]
    public async Task A_token_of_a_revoked_session_closes_the_socket_with_4403()
    {
        var login = await _host.LoginAsync("djeneba@example.ml", Password);
        await _host.LogoutAsync(IdentityHost.RefreshToken(login));

        await AssertRejectedAsync(new { Authorization = "Bearer " + IdentityHost.AccessToken(login) }, "AUTH_SESSION_REVOKED");
    }

    [Fact]
    public async Task Operations_started_after_the_session_was_revoked_are_refused_and_the_socket_stays_open()
    {
        var login = await _host.LoginAsync("djeneba@example.ml", Password);
        await using var socket = await ConnectAsync();
        await socket.InitializeAsync(new { Authorization = "Bearer " + IdentityHost.AccessToken(login) });
        Assert.Equal(_userId, await WhoAmIAsync(socket, "before"));

        await _host.LogoutAsync(IdentityHost.RefreshToken(login));
        await socket.SubscribeAsync("after", "{ whoAmI }");
        var error = await socket.ReceiveAsync("error", "after");

        Assert.Equal("AUTH_SESSION_REVOKED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        await socket.SendAsync(new { type = "ping" });
        await socket.ReceiveAsync("pong");
    }

    [Fact]
    public async Task Operations_started_after_the_token_expired_are_refused()
    {
        var clock = new ManualClock();
        await using var host = IdentityHost.Start(database, clock: clock, services: s => s.AddGraphQLServer().AddTypeExtension<PrincipalQueries>());
        var token = IdentityHost.AccessToken(await host.LoginAsync("djeneba@example.ml", Password));
        var client = host.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        await using var socket = TestSocket.Wrap(await client.ConnectAsync(new Uri(host.Factory.Server.BaseAddress, "graphql"), CancellationToken.None));
        await socket.InitializeAsync(new { Authorization = "Bearer " + token });

        clock.Advance(TimeSpan.FromHours(1));
        await socket.SubscribeAsync("late", "{ whoAmI }");
        var error = await socket.ReceiveAsync("error", "late");

        Assert.Equal("AUTH_TOKEN_EXPIRED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}

/// <summary>A test-only field: the subject of the request's user, as the socket interceptor put it in the global state.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class PrincipalQueries
{
    /// <summary>The user's ID, "anonymous", or null when the request carries no user at all.</summary>
    public string? WhoAmI(IResolverContext context) =>
        context.ContextData.TryGetValue(IdentitySocketInterceptor.PrincipalKey, out var value) && value is ClaimsPrincipal principal
            ? principal.FindFirst(IdentityClaims.Subject)?.Value ?? "anonymous"
            : null;
}
