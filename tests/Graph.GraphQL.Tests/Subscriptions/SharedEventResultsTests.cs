using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Tests.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Subscriptions;

/// <summary>
/// <see cref="RequestExecutorOptions.ShareSubscriptionEventResults"/>: an event is executed once per distinct operation
/// (document, operation, variables) and its result shared by that operation's subscribers; off, once per subscriber.
/// </summary>
public sealed class SharedEventResultsTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    public sealed record Tick(long Seq, string Label);

    public sealed class Query
    {
        public string Hello => "hi";
    }

    /// <summary>Counts how often <c>tick.label</c> and <c>tick.upper</c> are resolved.</summary>
    public sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }

    public sealed class Subscription
    {
        [Subscribe]
        [Topic("ticks")]
        public Tick Ticks([EventMessage] Tick tick) => tick;
    }

    [ExtendObjectType<Tick>]
    public sealed class TickExtensions
    {
        public string Upper([Parent] Tick tick, [Service] Counter counter, string? suffix = null)
        {
            counter.Increment();
            return tick.Label.ToUpperInvariant() + suffix;
        }
    }

    private static async Task<(ServiceProvider Services, IRequestExecutor Executor)> CreateAsync(bool share)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Counter>();
        services.AddGraphQLServer()
            .AddQueryType<Query>()
            .AddSubscriptionType<Subscription>()
            .AddTypeExtension<TickExtensions>()
            .AddInMemorySubscriptions()
            .ModifyRequestOptions(o => o.ShareSubscriptionEventResults = share);
        var provider = services.BuildServiceProvider();
        return (provider, await provider.GetRequestExecutorAsync());
    }

    private static async Task<IAsyncEnumerator<OperationResult>> SubscribeAsync(IRequestExecutor executor, string document, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var request = OperationRequestBuilder.New().SetDocument(document);
        if (variables is not null)
        {
            request.SetVariableValues(variables);
        }
        var stream = (await executor.ExecuteAsync(request.Build())).ExpectResponseStream();
        return stream.GetAsyncEnumerator();
    }

    private static async Task<string> NextAsync(IAsyncEnumerator<OperationResult> results)
    {
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The stream ended early.");
        using var result = results.Current;
        return result.ToJson();
    }

    [Fact]
    public async Task Subscribers_of_the_same_operation_share_one_execution_per_event()
    {
        var (services, executor) = await CreateAsync(share: true);
        await using var _ = services;
        const string Document = "subscription { ticks { seq upper } }";
        var subscribers = new List<IAsyncEnumerator<OperationResult>>();
        for (var i = 0; i < 5; i++)
        {
            subscribers.Add(await SubscribeAsync(executor, Document));
        }
        var sender = services.GetRequiredService<ITopicEventSender>();

        await sender.SendAsync("ticks", new Tick(1, "one"));
        await sender.SendAsync("ticks", new Tick(2, "two"));

        foreach (var results in subscribers)
        {
            JsonAssert.Equal("""{"data":{"ticks":{"seq":1,"upper":"ONE"}}}""", await NextAsync(results));
            JsonAssert.Equal("""{"data":{"ticks":{"seq":2,"upper":"TWO"}}}""", await NextAsync(results));
            await results.DisposeAsync();
        }
        Assert.Equal(2, services.GetRequiredService<Counter>().Count);
    }

    [Fact]
    public async Task Different_variables_or_documents_are_executed_apart()
    {
        var (services, executor) = await CreateAsync(share: true);
        await using var _ = services;
        const string WithSuffix = "subscription($s: String) { ticks { upper(suffix: $s) } }";
        await using var bang = await SubscribeAsync(executor, WithSuffix, TestServer.Vars(("s", "!")));
        await using var bangToo = await SubscribeAsync(executor, WithSuffix, TestServer.Vars(("s", "!")));
        await using var question = await SubscribeAsync(executor, WithSuffix, TestServer.Vars(("s", "?")));
        await using var other = await SubscribeAsync(executor, "subscription { ticks { seq upper } }");

        await services.GetRequiredService<ITopicEventSender>().SendAsync("ticks", new Tick(7, "seven"));

        JsonAssert.Equal("""{"data":{"ticks":{"upper":"SEVEN!"}}}""", await NextAsync(bang));
        JsonAssert.Equal("""{"data":{"ticks":{"upper":"SEVEN!"}}}""", await NextAsync(bangToo));
        JsonAssert.Equal("""{"data":{"ticks":{"upper":"SEVEN?"}}}""", await NextAsync(question));
        JsonAssert.Equal("""{"data":{"ticks":{"seq":7,"upper":"SEVEN"}}}""", await NextAsync(other));
        Assert.Equal(3, services.GetRequiredService<Counter>().Count);
    }

    [Fact]
    public async Task Off_by_default_every_subscriber_executes_every_event()
    {
        var (services, executor) = await CreateAsync(share: false);
        await using var _ = services;
        await using var first = await SubscribeAsync(executor, "subscription { ticks { upper } }");
        await using var second = await SubscribeAsync(executor, "subscription { ticks { upper } }");

        await services.GetRequiredService<ITopicEventSender>().SendAsync("ticks", new Tick(1, "one"));

        JsonAssert.Equal("""{"data":{"ticks":{"upper":"ONE"}}}""", await NextAsync(first));
        JsonAssert.Equal("""{"data":{"ticks":{"upper":"ONE"}}}""", await NextAsync(second));
        Assert.Equal(2, services.GetRequiredService<Counter>().Count);
    }
}
