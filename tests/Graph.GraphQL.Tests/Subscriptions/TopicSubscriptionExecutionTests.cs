using Graph.GraphQL.Configuration;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Tests.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Subscriptions;

/// <summary><c>subscription { ... }</c> through the executor, on fields that subscribe to topics.</summary>
public sealed class TopicSubscriptionExecutionTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private ServiceProvider _services = null!;
    private IRequestExecutor _executor = null!;

    public sealed record Payment(string Id, string Status);

    public sealed class Query
    {
        public string Hello => "hi";
    }

    public sealed class Subscription
    {
        /// <summary>Topic: the field name.</summary>
        [Subscribe]
        public Payment PaymentAdded([EventMessage] Payment payment) => payment;

        [Subscribe]
        [Topic("paymentStatusChanged:{paymentId}")]
        public Payment PaymentStatusChanged(string paymentId, [EventMessage] Payment payment) => payment;

        /// <summary>The argument is the whole topic.</summary>
        [Subscribe]
        public string Room([Topic] string name, [EventMessage] string message) => name + ": " + message;

        [Subscribe]
        [Topic("orders:{region}:{minimum}")]
        public int Orders(string region, decimal minimum, [EventMessage] int order) => order;

        [Subscribe]
        [Topic("maybe:{id}")]
        public string Maybe(string? id, [EventMessage] string message) => message;

        [Topic("fixed")]
        public string Fixed([EventMessage] string message) => message.ToUpperInvariant();
    }

    public Task InitializeAsync()
    {
        _services = CreateServices(b => b.AddInMemorySubscriptions());
        _executor = _services.GetRequestExecutorAsync().AsTask().GetAwaiter().GetResult();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static ServiceProvider CreateServices(Action<Graph.GraphQL.Execution.Configuration.IRequestExecutorBuilder> configure)
    {
        var services = new ServiceCollection();
        var builder = services.AddGraphQLServer()
            .AddQueryType<Query>()
            .AddSubscriptionType<Subscription>()
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
        configure(builder);
        return services.BuildServiceProvider();
    }

    private ITopicEventSender Sender => _services.GetRequiredService<ITopicEventSender>();

    private TopicHub Hub => _services.GetRequiredService<InMemoryTopicEvents>().Hub;

    private async Task<ResponseStream> SubscribeAsync(string document, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var request = OperationRequestBuilder.New().SetDocument(document);
        if (variables is not null)
        {
            request.SetVariableValues(variables);
        }
        var result = await _executor.ExecuteAsync(request.Build());
        if (result is OperationResult single)
        {
            Assert.Fail("Expected a response stream, got " + single.ToJson());
        }
        return result.ExpectResponseStream();
    }

    private static async Task<List<string>> ReadAsync(IAsyncEnumerator<OperationResult> results, int count)
    {
        var payloads = new List<string>();
        for (var i = 0; i < count; i++)
        {
            Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The stream ended early.");
            payloads.Add(results.Current.ToJson());
            results.Current.Dispose();
        }
        return payloads;
    }

    private static async Task<List<string>> ReadToEndAsync(ResponseStream stream)
    {
        var payloads = new List<string>();
        await foreach (var result in stream.WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            payloads.Add(result.ToJson());
            result.Dispose();
        }
        return payloads;
    }

    [Fact]
    public async Task Each_event_sent_to_the_field_topic_is_a_result()
    {
        await using var stream = await SubscribeAsync("subscription { paymentAdded { id status } }");
        await using var results = stream.GetAsyncEnumerator();

        await Sender.SendAsync("paymentAdded", new Payment("p1", "PENDING"));
        await Sender.SendAsync("paymentAdded", new Payment("p2", "PAID"));

        var payloads = await ReadAsync(results, 2);
        JsonAssert.Equal("""{"data":{"paymentAdded":{"id":"p1","status":"PENDING"}}}""", payloads[0]);
        JsonAssert.Equal("""{"data":{"paymentAdded":{"id":"p2","status":"PAID"}}}""", payloads[1]);
    }

    [Fact]
    public async Task Argument_placeholders_pick_the_topic()
    {
        await using var first = await SubscribeAsync("subscription { paymentStatusChanged(paymentId: \"p1\") { id status } }");
        await using var second = await SubscribeAsync(
            "subscription($id: String!) { paymentStatusChanged(paymentId: $id) { id status } }",
            TestServer.Vars(("id", "p2")));
        await using var firstResults = first.GetAsyncEnumerator();
        await using var secondResults = second.GetAsyncEnumerator();

        await Sender.SendAsync("paymentStatusChanged:p1", new Payment("p1", "PAID"));
        await Sender.SendAsync("paymentStatusChanged:p2", new Payment("p2", "FAILED"));
        await Sender.SendAsync("paymentStatusChanged:{paymentId}", new Payment("x", "NOT A TOPIC ANYONE HAS"));

        JsonAssert.Equal("""{"data":{"paymentStatusChanged":{"id":"p1","status":"PAID"}}}""", Assert.Single(await ReadAsync(firstResults, 1)));
        JsonAssert.Equal("""{"data":{"paymentStatusChanged":{"id":"p2","status":"FAILED"}}}""", Assert.Single(await ReadAsync(secondResults, 1)));
        Assert.Equal(1, Hub.CountSubscribers("paymentStatusChanged:p1"));
        Assert.Equal(1, Hub.CountSubscribers("paymentStatusChanged:p2"));
    }

    [Fact]
    public async Task Placeholder_values_are_written_with_the_invariant_culture()
    {
        await using var stream = await SubscribeAsync("subscription { orders(region: \"dakar\", minimum: 2.50) }");
        await using var results = stream.GetAsyncEnumerator();

        Assert.Equal(1, Hub.CountSubscribers("orders:dakar:2.50"));
        await Sender.SendAsync("orders:dakar:2.50", 7);

        JsonAssert.Equal("""{"data":{"orders":7}}""", Assert.Single(await ReadAsync(results, 1)));
    }

    [Fact]
    public async Task A_topic_parameter_makes_the_argument_the_whole_topic()
    {
        await using var stream = await SubscribeAsync("subscription { room(name: \"lobby\") }");
        await using var results = stream.GetAsyncEnumerator();

        await Sender.SendAsync("room", "wrong topic");
        await Sender.SendAsync("lobby", "hello");

        JsonAssert.Equal("""{"data":{"room":"lobby: hello"}}""", Assert.Single(await ReadAsync(results, 1)));
    }

    [Fact]
    public async Task A_topic_attribute_alone_subscribes_too()
    {
        await using var stream = await SubscribeAsync("subscription { fixed }");
        await using var results = stream.GetAsyncEnumerator();

        await Sender.SendAsync("fixed", "calm");

        JsonAssert.Equal("""{"data":{"fixed":"CALM"}}""", Assert.Single(await ReadAsync(results, 1)));
    }

    [Fact]
    public async Task Completing_the_topic_ends_the_response_stream()
    {
        await using var stream = await SubscribeAsync("subscription { paymentAdded { id } }");

        await Sender.SendAsync("paymentAdded", new Payment("p1", "PAID"));
        await Sender.CompleteAsync("paymentAdded");

        JsonAssert.Equal("""{"data":{"paymentAdded":{"id":"p1"}}}""", Assert.Single(await ReadToEndAsync(stream)));
    }

    [Fact]
    public async Task Disposing_the_response_stream_unsubscribes_while_it_is_read()
    {
        var stream = await SubscribeAsync("subscription { paymentAdded { id } }");
        var results = stream.GetAsyncEnumerator();
        Assert.Equal(1, Hub.CountSubscribers("paymentAdded"));

        var next = results.MoveNextAsync();
        await stream.DisposeAsync();

        Assert.False(await next.AsTask().WaitAsync(HangGuard));
        await results.DisposeAsync();
        Assert.Equal(0, Hub.CountSubscribers("paymentAdded"));
    }

    [Fact]
    public async Task Disposing_an_unread_response_stream_unsubscribes()
    {
        var stream = await SubscribeAsync("subscription { paymentAdded { id } }");
        Assert.Equal(1, Hub.CountSubscribers("paymentAdded"));

        await stream.DisposeAsync();

        Assert.Equal(0, Hub.CountSubscribers("paymentAdded"));
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_under_Fail_gets_an_error_result_and_the_stream_stops()
    {
        await using var services = CreateServices(b => b.AddInMemorySubscriptions(o =>
        {
            o.BufferCapacity = 2;
            o.BufferFullMode = TopicBufferFullMode.Fail;
        }));
        var executor = await services.GetRequestExecutorAsync();
        await using var result = await executor.ExecuteAsync("subscription { paymentAdded { id } }");
        var stream = result.ExpectResponseStream();
        var sender = services.GetRequiredService<ITopicEventSender>();

        for (var i = 1; i <= 5; i++)
        {
            await sender.SendAsync("paymentAdded", new Payment("p" + i, "PAID"));
        }

        var payloads = await ReadToEndAsync(stream);
        Assert.Equal(3, payloads.Count);
        JsonAssert.Equal("""{"data":{"paymentAdded":{"id":"p1"}}}""", payloads[0]);
        JsonAssert.Equal("""{"data":{"paymentAdded":{"id":"p2"}}}""", payloads[1]);
        JsonAssert.Equal("""
            {"errors":[{"message":"The subscription fell behind: more than 2 events waited to be read, so it was ended.","extensions":{"code":"SUBSCRIPTION_BUFFER_FULL"}}]}
            """, payloads[2]);
        Assert.Equal(0, services.GetRequiredService<InMemoryTopicEvents>().Hub.CountSubscribers("paymentAdded"));
    }

    [Fact]
    public async Task Without_a_provider_the_subscription_fails_with_a_clear_code()
    {
        await using var services = CreateServices(_ => { });
        var executor = await services.GetRequestExecutorAsync();

        var json = await executor.RunAsync("subscription { paymentAdded { id } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Subscriptions are not configured on this server: no topic event provider is registered (AddInMemorySubscriptions or AddPostgresSubscriptions).","locations":[{"line":1,"column":16}],"path":["paymentAdded"],"extensions":{"code":"SUBSCRIPTIONS_NOT_CONFIGURED"}}]}
            """, json);
    }

    [Fact]
    public async Task A_null_topic_argument_is_bad_user_input()
    {
        var json = await _executor.RunAsync("subscription { maybe(id: null) }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The argument \"id\" needs a value: it names the events to subscribe to.","locations":[{"line":1,"column":16}],"path":["maybe"],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """, json);
    }

    [Fact]
    public async Task Queries_are_unaffected()
    {
        JsonAssert.Equal("""{"data":{"hello":"hi"}}""", await _executor.RunAsync("{ hello }"));
    }

    public sealed class BadTopics
    {
        [Subscribe]
        [Topic("payment:{paymentID}")]
        public string Misspelt(string paymentId, [EventMessage] string message) => message;

        [Subscribe]
        [Topic("payment:{paymentId")]
        public string Unclosed(string paymentId, [EventMessage] string message) => message;

        [Subscribe]
        [Topic("payment}")]
        public string Stray([EventMessage] string message) => message;
    }

    [Fact]
    public void Topic_placeholders_must_name_arguments()
    {
        var ex = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddQueryType<Query>().AddSubscriptionType<BadTopics>().Create());

        Assert.Equal(
            [
                "Cannot subscribe the field Subscription.misspelt to its topic: the topic \"payment:{paymentID}\" refers to {paymentID}, which is not an argument of the field.",
                "Cannot subscribe the field Subscription.unclosed to its topic: the topic \"payment:{paymentId\" has a '{' without '}'.",
                "Cannot subscribe the field Subscription.stray to its topic: the topic \"payment}\" has a '}' without '{'.",
            ],
            ex.Errors.Select(e => e.Message));
    }
}
