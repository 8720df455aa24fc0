using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Graph.GraphQL;
using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.AspNetCore.Authorization;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>
/// The user of each transport reaches resolvers and <c>@authorize</c>: HTTP and Server-Sent Events carry
/// <c>HttpContext.User</c> (through the <see cref="IHttpRequestInterceptor"/>), WebSocket operations the upgrade
/// request's user unless the socket interceptor sets one.
/// </summary>
public sealed class TransportUserTests : IAsyncLifetime
{
    private const string Extension = """
        extend type Query {
          me: String
          path: String
          tenant: String
          secret: String @authorize(roles: ["TREASURER"])
        }

        extend type Subscription {
          guarded(room: String!): Message @authorize(roles: ["CASHIER"])
        }
        """;

    private StreamingHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await StreamingHost.StartAsync(
            o => o.Sockets.KeepAliveInterval = null,
            (services, graphql) =>
            {
                graphql
                    .AddDocumentFromString(Extension)
                    .AddAuthorization()
                    .AddResolver("Query", "me", ctx => ctx.GetUser().Identity?.Name ?? "anonymous")
                    .AddResolver("Query", "path", ctx => ctx.GetHttpContext()?.Request.Path.Value)
                    .AddResolver("Query", "tenant", ctx => ctx.ContextData.TryGetValue("tenant", out var tenant) ? tenant : null)
                    .AddResolver("Query", "secret", _ => "42")
                    .AddSubscribeResolver("Subscription", "guarded", ctx =>
                        ValueTask.FromResult(ctx.Services.GetRequiredService<MessageBus>().Subscribe(ctx.ArgumentValue<string>("room"))))
                    .AddHttpRequestInterceptor<TenantInterceptor>()
                    .AddSocketSessionInterceptor<TokenInterceptor>();
                // The application's rule on top of the policies: revoked users are signed out.
                services.AddSingleton<RevokedUsers>();
                services.AddSingleton<IAuthorizationHandler>(sp => new RevokingHandler(
                    sp.GetRequiredService<AspNetCoreAuthorizationHandler>(), sp.GetRequiredService<RevokedUsers>()));
            },
            app => app.Use(SignInFromHeaders));
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>Authentication as the application's middleware would do it: the user named by <c>X-User</c>, with the roles of <c>X-Roles</c>.</summary>
    private static Task SignInFromHeaders(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.TryGetValue("X-User", out var name))
        {
            context.User = User(name.ToString(), context.Request.Headers["X-Roles"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        return next(context);
    }

    private static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim("name", name), .. roles.Select(role => new Claim("role", role))], "Bearer", "name", "role"));

    private sealed class RevokedUsers
    {
        public HashSet<string> Names { get; } = [];
    }

    /// <summary>Signs out the users whose name is revoked, whatever the policies say.</summary>
    private sealed class RevokingHandler(IAuthorizationHandler inner, RevokedUsers revoked) : IAuthorizationHandler
    {
        public ValueTask<AuthorizeResult> AuthorizeAsync(Graph.GraphQL.Resolvers.IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default) =>
            IsRevoked(context.GetUser()) ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated) : inner.AuthorizeAsync(context, directive, cancellationToken);

        public ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default) =>
            IsRevoked(context.User) ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated) : inner.AuthorizeAsync(context, directives, cancellationToken);

        private bool IsRevoked(ClaimsPrincipal user)
        {
            lock (revoked.Names)
            {
                return user.Identity?.Name is { } name && revoked.Names.Contains(name);
            }
        }
    }

    /// <summary>Adds the tenant of the <c>X-Tenant</c> header to the request state, keeping what the default interceptor sets.</summary>
    private sealed class TenantInterceptor : DefaultHttpRequestInterceptor
    {
        public override ValueTask OnCreateAsync(HttpContext context, IRequestExecutor requestExecutor, OperationRequestBuilder requestBuilder, CancellationToken cancellationToken)
        {
            if (context.Request.Headers["X-Tenant"].ToString() is "closed")
            {
                throw new GraphQLException("This tenant is closed.", "TENANT_CLOSED");
            }
            requestBuilder.SetGlobalState("tenant", context.Request.Headers["X-Tenant"].ToString());
            return base.OnCreateAsync(context, requestExecutor, requestBuilder, cancellationToken);
        }
    }

    /// <summary>Makes the holder of the token <c>token-of-awa</c> the user "awa", a treasurer; other sockets keep their upgrade's user.</summary>
    private sealed class TokenInterceptor : DefaultSocketSessionInterceptor
    {
        public override ValueTask OnRequestAsync(ISocketSession session, string operationId, OperationRequestBuilder requestBuilder, CancellationToken cancellationToken)
        {
            if (session.ConnectionInitPayload?.GetValueOrDefault("token") is "token-of-awa")
            {
                requestBuilder.SetGlobalState(AuthorizationContextData.User, User("awa", "TREASURER"));
            }
            return ValueTask.CompletedTask;
        }
    }

    private async Task<string> PostAsync(string query, string? user = null, string? roles = null, string? tenant = null, string accept = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        AddHeaders(request.Headers, user, roles, tenant);
        using var response = await _client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static void AddHeaders(HttpRequestHeaders headers, string? user, string? roles, string? tenant)
    {
        if (user is not null)
        {
            headers.Add("X-User", user);
        }
        if (roles is not null)
        {
            headers.Add("X-Roles", roles);
        }
        if (tenant is not null)
        {
            headers.Add("X-Tenant", tenant);
        }
    }

    private async Task<TestSocket> ConnectAsync(string? user = null, string? roles = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        if (user is not null)
        {
            socket.Options.SetRequestHeader("X-User", user);
        }
        if (roles is not null)
        {
            socket.Options.SetRequestHeader("X-Roles", roles);
        }
        using var timeout = new CancellationTokenSource(StreamingHost.Patience);
        await socket.ConnectAsync(_host.WebSocketUri, timeout.Token);
        return TestSocket.Wrap(socket);
    }

    [Fact]
    public async Task Over_HTTP_the_requests_user_and_HttpContext_reach_the_resolvers()
    {
        var signedIn = await PostAsync("{ me path }", user: "ama");
        var anonymous = await PostAsync("{ me }");

        Assert.Equal("""{"data":{"me":"ama","path":"/graphql"}}""", signedIn);
        Assert.Equal("""{"data":{"me":"anonymous"}}""", anonymous);
    }

    [Fact]
    public async Task Over_HTTP_a_protected_field_is_decided_for_the_requests_user()
    {
        var treasurer = await PostAsync("{ secret }", user: "awa", roles: "TREASURER");
        var cashier = await PostAsync("{ secret }", user: "kofi", roles: "CASHIER");
        var anonymous = await PostAsync("{ secret }");

        Assert.Equal("""{"data":{"secret":"42"}}""", treasurer);
        Assert.Equal("""{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"path":["secret"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],"data":{"secret":null}}""", cashier);
        Assert.Contains("\"code\":\"AUTH_NOT_AUTHENTICATED\"", anonymous);
    }

    [Fact]
    public async Task A_GET_carries_the_user_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ me secret }"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        AddHeaders(request.Headers, "awa", "TREASURER", null);

        using var response = await _client.SendAsync(request);

        Assert.Equal("""{"data":{"me":"awa","secret":"42"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Server_sent_events_carry_the_user()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "{ me secret }" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        AddHeaders(request.Headers, "awa", "TREASURER", null);

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var next = await events.ReadEventAsync("next");

        Assert.Equal("""{"data":{"me":"awa","secret":"42"}}""", next.Data);
    }

    [Fact]
    public async Task An_HTTP_request_interceptor_adds_request_state_and_may_refuse_the_request()
    {
        var json = await PostAsync("{ me tenant }", user: "ama", tenant: "kobiri");
        var refused = await PostAsync("{ me }", user: "ama", tenant: "closed", accept: "application/graphql-response+json");

        Assert.Equal("""{"data":{"me":"ama","tenant":"kobiri"}}""", json);
        Assert.Equal("""{"errors":[{"message":"This tenant is closed.","extensions":{"code":"TENANT_CLOSED"}}]}""", refused);
    }

    [Fact]
    public async Task A_WebSocket_operation_runs_as_the_upgrade_requests_user_by_default()
    {
        await using var socket = await ConnectAsync(user: "kofi", roles: "CASHIER");
        await socket.InitializeAsync();

        await socket.SubscribeAsync("1", "{ me path secret }");
        var result = await socket.ReceiveAsync("next", "1");

        Assert.Equal("""{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":11}],"path":["secret"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],"data":{"me":"kofi","path":"/graphql","secret":null}}""",
            result.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task A_user_the_socket_interceptor_sets_wins_over_the_upgrade_requests()
    {
        await using var socket = await ConnectAsync(user: "kofi", roles: "CASHIER");
        await socket.InitializeAsync(new { token = "token-of-awa" });

        await socket.SubscribeAsync("1", "{ me secret }");
        var result = await socket.ReceiveAsync("next", "1");

        Assert.Equal("""{"data":{"me":"awa","secret":"42"}}""", result.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task Over_a_WebSocket_a_subscription_whose_user_is_revoked_gets_the_denied_event_then_complete()
    {
        await using var socket = await ConnectAsync(user: "kofi", roles: "CASHIER");
        await socket.InitializeAsync();
        await socket.SubscribeAsync("s", "subscription { guarded(room: \"till\") { text } }");
        var feed = await _host.Bus.NextFeedAsync();

        feed.Publish("paid");
        var first = await socket.ReceiveAsync("next", "s");
        lock (_host.Services.GetRequiredService<RevokedUsers>().Names)
        {
            _host.Services.GetRequiredService<RevokedUsers>().Names.Add("kofi");
        }
        feed.Publish("refunded");
        var second = await socket.ReceiveAsync("next", "s");
        await socket.ReceiveAsync("complete", "s");

        Assert.Equal("""{"data":{"guarded":{"text":"paid"}}}""", first.GetProperty("payload").GetRawText());
        Assert.Equal("""{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":16}],"path":["guarded"],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}],"data":{"guarded":null}}""",
            second.GetProperty("payload").GetRawText());
        await feed.WaitDisposedAsync();
    }

    [Fact]
    public async Task Over_a_WebSocket_a_subscription_denied_when_subscribing_gets_an_error_message()
    {
        await using var socket = await ConnectAsync(user: "awa", roles: "TREASURER");
        await socket.InitializeAsync();

        await socket.SubscribeAsync("s", "subscription { guarded(room: \"till\") { text } }");
        var error = await socket.ReceiveAsync("error", "s");

        Assert.Equal("""[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":16}],"path":["guarded"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}]""",
            error.GetProperty("payload").GetRawText());
    }
}
