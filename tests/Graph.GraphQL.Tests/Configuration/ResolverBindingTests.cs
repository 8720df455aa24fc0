using System.Runtime.CompilerServices;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

public class ResolverBindingTests
{
    public sealed class Clock
    {
        public string Now() => "noon";
    }

    public interface IGreeter
    {
        string Greet(string name);
    }

    public sealed class Greeter : IGreeter
    {
        public string Greet(string name) => "hello " + name;
    }

    public sealed class Counter
    {
        public int Calls { get; set; }
    }

    public sealed class Book
    {
        public string Title { get; init; } = "";

        public string Shout() => Title.ToUpperInvariant();

        public string Compare(Book book, [Parent] Book same) => ReferenceEquals(book, same) ? "same" : "different";
    }

    public sealed class Query
    {
        private readonly Counter _counter = new();

        public string Context(IResolverContext context, ISchema schema, IServiceProvider services) =>
            $"{context.Field.Coordinate}:{schema.QueryType.Name}:{services is not null}";

        public bool Cancelled(CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested;

        public string Time([Service] Clock clock) => clock.Now();

        public string Greeting(IGreeter greeter, string name = "you") => greeter.Greet(name);

        public int Calls() => ++_counter.Calls;

        public Book Book => new() { Title = "Dune" };

        public ValueTask<int> Answer() => ValueTask.FromResult(42);

        public static string Version => "1.0";
    }

    private static ISchema Build() => SchemaBuilder.New()
        .AddQueryType<Query>()
        .AddServiceDetection(type => type == typeof(IGreeter))
        .Create();

    [Fact]
    public void Services_and_context_parameters_are_not_arguments()
    {
        var schema = Build();

        Assert.Equal("""
            type Query {
              context: String!
              cancelled: Boolean!
              time: String!
              greeting(name: String! = "you"): String!
              calls: Int!
              book: Book!
              answer: Int!
              version: String!
            }
            """, SchemaPrinter.PrintType(schema.QueryType));
        Assert.Equal("""
            type Book {
              title: String!
              shout: String!
              compare: String!
            }
            """, SchemaPrinter.PrintType(schema.GetType<ObjectType>("Book")));
    }

    [Fact]
    public async Task Parameters_bind_context_services_cancellation_arguments_and_parents()
    {
        var schema = Build();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal("Query.context:Query:True", await TestResolverContext.For(schema, "Query", "context", null).Resolve());
        Assert.Equal(true, await new TestResolverContext(schema, schema.QueryType, schema.QueryType.Fields["cancelled"], null) { RequestAborted = cancelled.Token }.Resolve());
        Assert.Equal("noon", await TestResolverContext.For(schema, "Query", "time", null).WithService(new Clock()).Resolve());
        Assert.Equal("hello you", await TestResolverContext.For(schema, "Query", "greeting", null).WithService<IGreeter>(new Greeter()).Resolve());
        Assert.Equal("hello Ada", await TestResolverContext.For(schema, "Query", "greeting", null, new Dictionary<string, object?> { ["name"] = "Ada" }).WithService<IGreeter>(new Greeter()).Resolve());
        Assert.Equal(42, await TestResolverContext.For(schema, "Query", "answer", null).Resolve());
        Assert.Equal("1.0", await TestResolverContext.For(schema, "Query", "version", null).Resolve());

        var book = new Book { Title = "Emma" };
        Assert.Equal("EMMA", await TestResolverContext.For(schema, "Book", "shout", book).Resolve());
        Assert.Equal("same", await TestResolverContext.For(schema, "Book", "compare", book).Resolve());
    }

    [Fact]
    public async Task Root_classes_run_on_the_registered_service_else_on_one_shared_instance()
    {
        var schema = Build();
        var service = new Query();

        Assert.Equal(1, await TestResolverContext.For(schema, "Query", "calls", null).WithService(service).Resolve());
        Assert.Equal(2, await TestResolverContext.For(schema, "Query", "calls", null).WithService(service).Resolve());
        var first = await TestResolverContext.For(schema, "Query", "calls", null).Resolve();
        var second = await TestResolverContext.For(schema, "Query", "calls", null).Resolve();
        Assert.Equal((int)first! + 1, second);
    }

    [Fact]
    public void Properties_compile_to_pure_resolvers_and_methods_to_async_ones()
    {
        var schema = Build();
        var book = schema.GetType<ObjectType>("Book");

        Assert.NotNull(book.Fields["title"].PureResolver);
        Assert.NotNull(schema.QueryType.Fields["version"].PureResolver);
        Assert.Null(book.Fields["shout"].PureResolver);
        Assert.Equal(typeof(Book).GetProperty(nameof(Book.Title)), book.Fields["title"].Member);
        Assert.Equal("Dune", book.Fields["title"].PureResolver!(TestResolverContext.For(schema, "Book", "title", new Book { Title = "Dune" })));
    }

    public sealed record Message(string Text);

    public sealed class Subscription
    {
        public async IAsyncEnumerable<Message> Messages(string room, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < 2; i++)
            {
                await Task.Yield();
                yield return new Message($"{room} {i}");
            }
        }

        public Task<IAsyncEnumerable<int>> Ticks(int count) => Task.FromResult(Range(count));

        [Subscribe(With = nameof(SubscribeToBooks))]
        [Topic("books")]
        public string BookAdded([EventMessage] Message message) => "added " + message.Text;

        public IAsyncEnumerable<Message> SubscribeToBooks() => Range(1).Select(i => new Message("book " + i));

        [Subscribe(MessageType = typeof(Message))]
        public string Review([Topic] string bookId, [Parent] Message message) => bookId + ": " + message.Text;

        private static async IAsyncEnumerable<int> Range(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
    }

    [Fact]
    public async Task Subscription_streams_become_subscribe_resolvers()
    {
        var schema = SchemaBuilder.New().AddQueryType<Query>().AddSubscriptionType<Subscription>().RegisterService<IGreeter>().Create();
        var subscription = schema.SubscriptionType!;

        Assert.Equal("""
            type Subscription {
              messages(room: String!): Message!
              ticks(count: Int!): Int!
              bookAdded: String!
              review(bookId: String!): String!
            }
            """, SchemaPrinter.PrintType(subscription));

        var messages = await subscription.Fields["messages"].SubscribeResolver!(TestResolverContext.For(schema, "Subscription", "messages", null, new Dictionary<string, object?> { ["room"] = "lobby" }));
        var texts = new List<string>();
        await foreach (var message in messages)
        {
            texts.Add(((Message)message!).Text);
        }
        Assert.Equal(["lobby 0", "lobby 1"], texts);

        var ticks = await subscription.Fields["ticks"].SubscribeResolver!(TestResolverContext.For(schema, "Subscription", "ticks", null, new Dictionary<string, object?> { ["count"] = 3 }));
        var count = 0;
        await foreach (var _ in ticks)
        {
            count++;
        }
        Assert.Equal(3, count);

        var added = subscription.Fields["bookAdded"];
        var events = await added.SubscribeResolver!(TestResolverContext.For(schema, "Subscription", "bookAdded", null));
        await foreach (var message in events)
        {
            Assert.Equal("added book 0", await TestResolverContext.For(schema, "Subscription", "bookAdded", message).Resolve());
        }
    }

    [Fact]
    public void Subscribe_and_topic_attributes_are_recorded_in_the_field_context_data()
    {
        var schema = SchemaBuilder.New().AddQueryType<Query>().AddSubscriptionType<Subscription>().RegisterService<IGreeter>().Create();
        var subscription = schema.SubscriptionType!;

        Assert.Equal(
            new SubscriptionFieldInfo("books", null, nameof(Subscription.SubscribeToBooks), typeof(Message)),
            subscription.Fields["bookAdded"].ContextData[SubscriptionFieldInfo.ContextDataKey]);
        Assert.Equal(
            new SubscriptionFieldInfo("review", "bookId", null, typeof(Message)),
            subscription.Fields["review"].ContextData[SubscriptionFieldInfo.ContextDataKey]);
        Assert.False(subscription.Fields["messages"].ContextData.ContainsKey(SubscriptionFieldInfo.ContextDataKey));
        // Without a stream of its own, a [Subscribe] field subscribes to its topic through the ITopicEventReceiver.
        Assert.NotNull(subscription.Fields["review"].SubscribeResolver);
    }
}
