using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Graph.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>Subscribe: the source event stream and one response per event.</summary>
public class SubscriptionTests
{
    private const string Sdl = """
        type Query { hello: String }
        type Subscription { messageAdded(room: String!): Message! failing: String broken: String }
        type Message { text: String! room: String! upper: String! }
        """;

    private sealed class MessageBus
    {
        public Channel<object?> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<object?>();

        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Room { get; set; }

        public async IAsyncEnumerable<object?> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                await foreach (var item in Channel.Reader.ReadAllAsync(cancellationToken))
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

    private static (IRequestExecutor Executor, MessageBus Bus) Create()
    {
        var bus = new MessageBus();
        var executor = TestServer.Create(Sdl, b => b
            .AddSubscribeResolver("Subscription", "messageAdded", ctx =>
            {
                bus.Room = ctx.ArgumentValue<string>("room");
                return ValueTask.FromResult(bus.ReadAsync());
            })
            .AddResolver("Message", "upper", ctx => ctx.Parent<IReadOnlyDictionary<string, object?>>()["text"] is string text
                ? text == "boom" ? throw new InvalidOperationException() : text.ToUpperInvariant()
                : null)
            .AddSubscribeResolver("Subscription", "failing", _ => throw new GraphQLException("Not subscribed.", "DENIED"))
            .AddResolver("Subscription", "broken", _ => "never"));
        return (executor, bus);
    }

    private static Dictionary<string, object?> Message(string text) => new() { ["text"] = text, ["room"] = "lobby" };

    [Fact]
    public async Task Executes_the_selection_set_for_each_event()
    {
        var (executor, bus) = Create();
        await using var result = await executor.ExecuteAsync("subscription { messageAdded(room: \"lobby\") { text upper } }");
        var stream = result.ExpectResponseStream();

        await bus.Channel.Writer.WriteAsync(Message("hi"));
        await bus.Channel.Writer.WriteAsync(Message("boom"));
        await bus.Channel.Writer.WriteAsync(Message("bye"));
        bus.Channel.Writer.Complete();

        var payloads = new List<string>();
        await foreach (var response in stream)
        {
            payloads.Add(response.ToJson());
            response.Dispose();
        }

        Assert.Equal("lobby", bus.Room);
        Assert.Equal(3, payloads.Count);
        JsonAssert.Equal("""{"data":{"messageAdded":{"text":"hi","upper":"HI"}}}""", payloads[0]);
        JsonAssert.Equal("""
            {"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":51}],"path":["messageAdded","upper"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}
            """, payloads[1]);
        JsonAssert.Equal("""{"data":{"messageAdded":{"text":"bye","upper":"BYE"}}}""", payloads[2]);
        await bus.Disposed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Disposing_the_response_stream_disposes_the_source()
    {
        var (executor, bus) = Create();
        var stream = (await executor.ExecuteAsync("subscription { messageAdded(room: \"x\") { text } }")).ExpectResponseStream();
        await using var enumerator = stream.GetAsyncEnumerator();

        await bus.Channel.Writer.WriteAsync(Message("one"));
        Assert.True(await enumerator.MoveNextAsync());
        JsonAssert.Equal("""{"data":{"messageAdded":{"text":"one"}}}""", enumerator.Current.ToJson());

        var next = enumerator.MoveNextAsync();
        await stream.DisposeAsync();

        Assert.False(await next);
        await bus.Disposed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Errors_creating_the_source_stream_are_request_errors()
    {
        var (executor, _) = Create();

        var failing = await executor.RunAsync("subscription { failing }");
        var broken = await executor.RunAsync("subscription { broken }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Not subscribed.","locations":[{"line":1,"column":16}],"path":["failing"],"extensions":{"code":"DENIED"}}]}
            """, failing);
        JsonAssert.Equal("""
            {"errors":[{"message":"Subscription field must return Async Iterable. Received: null.","locations":[{"line":1,"column":16}],"path":["broken"]}]}
            """, broken);
    }

    [Fact]
    public async Task A_failing_source_stream_ends_with_an_error_result()
    {
        var executor = TestServer.Create(Sdl, b => b.AddSubscribeResolver("Subscription", "failing", _ => ValueTask.FromResult(Failing())));
        await using var result = await executor.ExecuteAsync("subscription { failing }");

        var payloads = new List<string>();
        await foreach (var response in result.ExpectResponseStream())
        {
            payloads.Add(response.ToJson());
        }

        Assert.Equal(2, payloads.Count);
        JsonAssert.Equal("""{"data":{"failing":"first"}}""", payloads[0]);
        JsonAssert.Equal("""{"errors":[{"message":"Unexpected Execution Error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}""", payloads[1]);

        static async IAsyncEnumerable<object?> Failing()
        {
            await Task.Yield();
            yield return "first";
            throw new InvalidOperationException("source broke");
        }
    }

    [Fact]
    public async Task The_subscribe_resolver_token_lives_as_long_as_the_stream_not_the_request_timeout()
    {
        var bus = new MessageBus();
        CancellationToken subscribeToken = default;
        var executor = TestServer.Create(Sdl, b => b
            .ModifyRequestOptions(o => o.ExecutionTimeout = TimeSpan.FromMilliseconds(50))
            .AddSubscribeResolver("Subscription", "messageAdded", ctx =>
            {
                subscribeToken = ctx.RequestAborted;
                return ValueTask.FromResult(bus.ReadAsync(ctx.RequestAborted));
            }));
        var stream = (await executor.ExecuteAsync("subscription { messageAdded(room: \"x\") { text } }")).ExpectResponseStream();
        await using var events = stream.GetAsyncEnumerator();

        await Task.Delay(200);
        await bus.Channel.Writer.WriteAsync(Message("late"));

        Assert.True(await events.MoveNextAsync());
        JsonAssert.Equal("""{"data":{"messageAdded":{"text":"late"}}}""", events.Current.ToJson());
        Assert.False(subscribeToken.IsCancellationRequested);
        await stream.DisposeAsync();
        Assert.True(subscribeToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_source_stream_may_use_its_resolver_context_while_it_runs()
    {
        var executor = TestServer.Create(Sdl, b => b
            .AddSubscribeResolver("Subscription", "messageAdded", ctx => ValueTask.FromResult(Rooms(ctx))));
        await using var result = await executor.ExecuteAsync(
            "subscription($room: String!) { messageAdded(room: $room) { room text } }",
            TestServer.Vars(("room", "kitchen")));
        await executor.RunAsync("query($x: String) { hello }", TestServer.Vars(("x", "other request")));

        var payloads = new List<string>();
        await foreach (var response in result.ExpectResponseStream())
        {
            payloads.Add(response.ToJson());
        }

        JsonAssert.Equal("""{"data":{"messageAdded":{"room":"kitchen","text":"/messageAdded"}}}""", Assert.Single(payloads));

        static async IAsyncEnumerable<object?> Rooms(Graph.GraphQL.Resolvers.IResolverContext context)
        {
            await Task.Yield();
            yield return new Dictionary<string, object?> { ["room"] = context.ArgumentValue<string>("room"), ["text"] = context.Path.ToString() };
        }
    }

    [Fact]
    public async Task A_response_stream_is_read_once()
    {
        var (executor, _) = Create();
        await using var result = await executor.ExecuteAsync("subscription { messageAdded(room: \"x\") { text } }");
        var stream = result.ExpectResponseStream();

        _ = stream.ReadResultsAsync();

        Assert.Throws<InvalidOperationException>(() => stream.ReadResultsAsync());
    }

    private sealed class EventScope
    {
        public string Id { get; } = Guid.NewGuid().ToString("N");
    }

    [Fact]
    public async Task Each_event_runs_in_a_service_scope_of_its_own()
    {
        var bus = new MessageBus();
        var executor = TestServer.Create("type Query { a: String } type Subscription { tick: Tick! } type Tick { scope: String! }", b =>
        {
            b.Services.AddScoped<EventScope>();
            b.AddSubscribeResolver("Subscription", "tick", _ => ValueTask.FromResult(bus.ReadAsync()))
                .AddResolver("Tick", "scope", ctx => ctx.Services.GetRequiredService<EventScope>().Id);
        });

        await using var stream = (await executor.ExecuteAsync("subscription { tick { scope } }")).ExpectResponseStream();
        await using var results = stream.ReadResultsAsync().GetAsyncEnumerator();
        var scopes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await bus.Channel.Writer.WriteAsync(new Dictionary<string, object?>());
            Assert.True(await results.MoveNextAsync());
            scopes.Add(results.Current.ToJson());
        }

        Assert.NotEqual(scopes[0], scopes[1]);
        Assert.All(scopes, json => Assert.StartsWith("{\"data\":{\"tick\":{\"scope\":\"", json, StringComparison.Ordinal));
    }
}
