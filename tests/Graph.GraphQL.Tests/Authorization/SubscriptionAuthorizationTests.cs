using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Threading.Channels;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Tests.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Authorization;

/// <summary>
/// A protected subscription root field is checked when subscribing and again for every event (with the user the request
/// state holds then); the event whose check denies is delivered with its error and ends the stream. Operations that
/// select protected fields never share event results between subscribers.
/// </summary>
public sealed class SubscriptionAuthorizationTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private const string Sdl = """
        type Query { hello: String }
        type Subscription { paymentStatusChanged: Payment @authorize(roles: ["CASHIER"]) }
        type Payment { id: String! status: String! amount: Int @authorize(roles: ["TREASURER"]) }
        """;

    /// <summary>The engine's decisions, except for users whose session was revoked meanwhile.</summary>
    private sealed class RevocableHandler : IAuthorizationHandler
    {
        public ConcurrentDictionary<string, bool> Revoked { get; } = new();

        public int Checks;

        public ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Checks);
            return context.GetUser().Identity?.Name is { } name && Revoked.ContainsKey(name)
                ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated)
                : DefaultAuthorizationHandler.Instance.AuthorizeAsync(context, directive, cancellationToken);
        }

        public ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default) =>
            DefaultAuthorizationHandler.Instance.AuthorizeAsync(context, directives, cancellationToken);
    }

    private sealed class Feed
    {
        public Channel<object?> Events { get; } = Channel.CreateUnbounded<object?>();

        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Subscriptions;

        public void Publish(string id, string status) =>
            Events.Writer.TryWrite(new Dictionary<string, object?> { ["id"] = id, ["status"] = status, ["amount"] = 5000 });

        public async IAsyncEnumerable<object?> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                await foreach (var item in Events.Reader.ReadAllAsync(cancellationToken))
                {
                    yield return item;
                }
            }
            finally
            {
                Disposed.TrySetResult();
            }
        }
    }

    private readonly Feed _feed = new();
    private readonly RevocableHandler _handler = new();

    private IRequestExecutor Create() => TestServer.Create(Sdl, b =>
    {
        b.AddAuthorizationCore().AddSubscribeResolver("Subscription", "paymentStatusChanged", _ =>
        {
            Interlocked.Increment(ref _feed.Subscriptions);
            return ValueTask.FromResult(_feed.ReadAsync());
        });
        b.Services.AddSingleton<IAuthorizationHandler>(_handler);
    });

    private static async Task<string> NextAsync(IAsyncEnumerator<OperationResult> results)
    {
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The stream ended early.");
        using var result = results.Current;
        return result.ToJson();
    }

    [Fact]
    public async Task A_denied_subscription_is_a_request_error_and_subscribes_to_nothing()
    {
        var executor = Create();

        await using var result = await executor.ExecuteAsync(Users.Request(null, "subscription { paymentStatusChanged { id } }"));

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":16}],"path":["paymentStatusChanged"],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}]}
            """, result.ExpectOperationResult().ToJson());
        Assert.Equal(0, _feed.Subscriptions);
    }

    [Fact]
    public async Task Each_event_is_checked_again_and_the_first_denied_one_is_delivered_with_its_error_then_the_stream_completes()
    {
        var executor = Create();
        await using var stream = (await executor.ExecuteAsync(Users.Request(Users.Authenticated("kofi", "CASHIER"), "subscription { paymentStatusChanged { id status } }"))).ExpectResponseStream();
        await using var results = stream.GetAsyncEnumerator();

        _feed.Publish("p1", "PENDING");
        var first = await NextAsync(results);
        _handler.Revoked["kofi"] = true;
        _feed.Publish("p1", "CONFIRMED");
        var second = await NextAsync(results);
        _feed.Publish("p1", "REFUNDED");

        Assert.Equal("""{"data":{"paymentStatusChanged":{"id":"p1","status":"PENDING"}}}""", first);
        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":16}],"path":["paymentStatusChanged"],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}],
             "data":{"paymentStatusChanged":null}}
            """, second);
        Assert.False(await results.MoveNextAsync().AsTask().WaitAsync(HangGuard));
        await _feed.Disposed.Task.WaitAsync(HangGuard);
        // Subscribing, then each of the two events.
        Assert.Equal(3, _handler.Checks);
    }

    [Fact]
    public async Task The_user_in_the_request_state_when_the_event_comes_is_the_one_checked()
    {
        var executor = Create();
        var user = Users.Authenticated("kofi", "CASHIER");
        await using var stream = (await executor.ExecuteAsync(Users.Request(user, "subscription { paymentStatusChanged { id } }"))).ExpectResponseStream();
        await using var results = stream.GetAsyncEnumerator();

        _feed.Publish("p1", "PENDING");
        Assert.Equal("""{"data":{"paymentStatusChanged":{"id":"p1"}}}""", await NextAsync(results));
        // The cashier role is withdrawn from the signed-in user.
        var identity = (ClaimsIdentity)user.Identity!;
        identity.RemoveClaim(identity.FindFirst("role"));
        _feed.Publish("p2", "PENDING");

        Assert.Contains("\"code\":\"AUTH_NOT_AUTHORIZED\"", await NextAsync(results));
        Assert.False(await results.MoveNextAsync().AsTask().WaitAsync(HangGuard));
    }

    [Fact]
    public async Task A_denied_field_below_the_root_field_only_nulls_itself_and_the_stream_goes_on()
    {
        var executor = Create();
        await using var stream = (await executor.ExecuteAsync(Users.Request(Users.Authenticated("kofi", "CASHIER"), "subscription { paymentStatusChanged { id amount } }"))).ExpectResponseStream();
        await using var results = stream.GetAsyncEnumerator();

        _feed.Publish("p1", "PENDING");
        _feed.Publish("p2", "PENDING");

        const string Denied = """{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":42}],"path":["paymentStatusChanged","amount"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],"data":{"paymentStatusChanged":{"id":"ID","amount":null}}}""";
        Assert.Equal(Denied.Replace("ID", "p1", StringComparison.Ordinal), await NextAsync(results));
        Assert.Equal(Denied.Replace("ID", "p2", StringComparison.Ordinal), await NextAsync(results));
    }

    public sealed record Tick(long Seq);

    public sealed class TickQuery
    {
        public string Hello => "hi";
    }

    public sealed class TickSubscription
    {
        [Subscribe]
        [Topic("ticks")]
        public Tick Ticks([EventMessage] Tick tick) => tick;

        [Subscribe]
        [Topic("ticks")]
        [Authorize]
        public Tick PrivateTicks([EventMessage] Tick tick) => tick;
    }

    [ExtendObjectType<Tick>]
    public sealed class TickExtensions
    {
        public static int ViewerExecutions;

        public static int DoubleExecutions;

        /// <summary>Who receives the tick: differs per subscriber, so a shared result would show someone else's name.</summary>
        public string Viewer(ClaimsPrincipal user)
        {
            Interlocked.Increment(ref ViewerExecutions);
            return user.Identity?.Name ?? "anonymous";
        }

        public long Double([Parent] Tick tick)
        {
            Interlocked.Increment(ref DoubleExecutions);
            return tick.Seq * 2;
        }
    }

    [Fact]
    public async Task Shared_event_results_are_never_shared_between_subscribers_of_operations_that_depend_on_the_user()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer()
            .AddAuthorizationCore()
            .AddQueryType<TickQuery>()
            .AddSubscriptionType<TickSubscription>()
            .AddTypeExtension<TickExtensions>()
            .AddInMemorySubscriptions()
            .ModifyRequestOptions(o => o.ShareSubscriptionEventResults = true);
        await using var provider = services.BuildServiceProvider();
        var executor = await provider.GetRequestExecutorAsync();
        async Task<IAsyncEnumerator<OperationResult>> SubscribeAsync(ClaimsPrincipal user, string document) =>
            (await executor.ExecuteAsync(Users.Request(user, document))).ExpectResponseStream().GetAsyncEnumerator();
        var viewers = Volatile.Read(ref TickExtensions.ViewerExecutions);
        var doubles = Volatile.Read(ref TickExtensions.DoubleExecutions);

        // A protected root field: each subscriber's event executes apart (and a double field below it too).
        await using var ama = await SubscribeAsync(Users.Authenticated("ama"), "subscription { privateTicks { seq double } }");
        await using var kofi = await SubscribeAsync(Users.Authenticated("kofi"), "subscription { privateTicks { seq double } }");
        // An unprotected field whose resolver reads the user: apart too.
        await using var awa = await SubscribeAsync(Users.Authenticated("awa"), "subscription { ticks { seq viewer } }");
        await using var yao = await SubscribeAsync(Users.Authenticated("yao"), "subscription { ticks { seq viewer } }");
        // Neither: one execution for both.
        await using var first = await SubscribeAsync(Users.Authenticated("ama"), "subscription { ticks { seq double } }");
        await using var second = await SubscribeAsync(Users.Authenticated("kofi"), "subscription { ticks { seq double } }");
        await provider.GetRequiredService<ITopicEventSender>().SendAsync("ticks", new Tick(1));

        Assert.Equal("""{"data":{"privateTicks":{"seq":1,"double":2}}}""", await NextAsync(ama));
        Assert.Equal("""{"data":{"privateTicks":{"seq":1,"double":2}}}""", await NextAsync(kofi));
        Assert.Equal("""{"data":{"ticks":{"seq":1,"viewer":"awa"}}}""", await NextAsync(awa));
        Assert.Equal("""{"data":{"ticks":{"seq":1,"viewer":"yao"}}}""", await NextAsync(yao));
        Assert.Equal("""{"data":{"ticks":{"seq":1,"double":2}}}""", await NextAsync(first));
        Assert.Equal("""{"data":{"ticks":{"seq":1,"double":2}}}""", await NextAsync(second));
        Assert.Equal(viewers + 2, Volatile.Read(ref TickExtensions.ViewerExecutions));
        Assert.Equal(doubles + 3, Volatile.Read(ref TickExtensions.DoubleExecutions));
    }
}
