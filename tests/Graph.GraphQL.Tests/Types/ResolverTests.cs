using System.Runtime.CompilerServices;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

public class ResolverTests
{
    private const string Sdl = """
        type Query {
          dog(name: String!): Dog
          dogs(first: Int = 2, command: DogCommand): [Dog!]!
          pet: Pet
          count: Int
          echo(input: DogInput!): String
          greeting: String
        }

        type Subscription {
          ticks(count: Int!): Int
        }

        interface Pet {
          name: String!
        }

        type Dog implements Pet {
          name: String!
          barkVolume: Int
          nickname: String
          ownerName: String
        }

        type Cat implements Pet {
          name: String!
        }

        enum DogCommand {
          SIT
          ROLL_OVER
        }

        input DogInput {
          name: String!
          commands: [DogCommand!]
          friend: DogInput
        }
        """;

    public enum DogCommand
    {
        Sit,
        RollOver,
    }

    public sealed class Dog
    {
        public string Name { get; init; } = "";

        public int BarkVolume { get; init; }

        public string? Owner { get; init; }

        public string GetNickname() => Name + "y";
    }

    public sealed record DogInput(string Name, List<DogCommand>? Commands)
    {
        public DogInput? Friend { get; init; }
    }

    public sealed class Greeter
    {
        public string Greet() => "hello";
    }

    public sealed class QueryResolvers
    {
        public static IReadOnlyList<Dog> All { get; } = [new Dog { Name = "Rex", BarkVolume = 3 }, new Dog { Name = "Fido" }, new Dog { Name = "Odie" }];

        public Dog? GetDog(string name) => All.FirstOrDefault(d => d.Name == name);

        public async Task<IEnumerable<Dog>> GetDogsAsync(int first, DogCommand? command, CancellationToken cancellationToken)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            return command is null ? All.Take(first) : [];
        }

        public Dog Pet => All[0];

        public string Echo(DogInput input) =>
            $"{input.Name}:{string.Join(",", input.Commands ?? [])}:{input.Friend?.Name}";

        public string Greeting([Service] Greeter greeter) => greeter.Greet();
    }

    public sealed class SubscriptionResolvers
    {
        public async IAsyncEnumerable<int> Ticks(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
    }

    private static ISchema Build() => SchemaBuilder.New()
        .AddDocumentFromString(Sdl)
        .AddResolver<QueryResolvers>("Query")
        .AddResolver<SubscriptionResolvers>("Subscription")
        .BindRuntimeType<Dog>("Dog")
        .BindRuntimeType<DogCommand>("DogCommand")
        .BindRuntimeType<DogInput>("DogInput")
        .Create();

    [Fact]
    public async Task Class_resolvers_bind_methods_properties_and_arguments()
    {
        var schema = Build();

        var dog = await TestResolverContext.For(schema, "Query", "dog", null, new Dictionary<string, object?> { ["name"] = "Fido" }).Resolve();
        Assert.Equal("Fido", Assert.IsType<Dog>(dog).Name);

        var dogs = await TestResolverContext.For(schema, "Query", "dogs", null).Resolve();
        Assert.Equal(["Rex", "Fido"], Assert.IsAssignableFrom<IEnumerable<Dog>>(dogs).Select(d => d.Name));

        var none = await TestResolverContext.For(schema, "Query", "dogs", null, new Dictionary<string, object?> { ["first"] = 5, ["command"] = DogCommand.Sit }).Resolve();
        Assert.Empty(Assert.IsAssignableFrom<IEnumerable<Dog>>(none));

        Assert.Equal("Rex", Assert.IsType<Dog>(await TestResolverContext.For(schema, "Query", "pet", null).Resolve()).Name);
        Assert.Equal(typeof(QueryResolvers).GetMethod(nameof(QueryResolvers.GetDogsAsync)), schema.QueryType.Fields["dogs"].Member);
    }

    [Fact]
    public async Task Class_resolvers_get_services_and_cancellation()
    {
        var schema = Build();

        var greeting = await TestResolverContext.For(schema, "Query", "greeting", null).WithService(new Greeter()).Resolve();
        Assert.Equal("hello", greeting);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var context = new TestResolverContext(schema, schema.QueryType, schema.QueryType.Fields["dogs"], null) { RequestAborted = cancelled.Token };
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await context.Resolve());
    }

    [Fact]
    public async Task Input_objects_become_their_bound_clr_type_at_the_resolver()
    {
        var schema = Build();
        var input = InputCoercion.CoerceVariableValue(
            new Dictionary<string, object?>
            {
                ["name"] = "Rex",
                ["commands"] = new List<object?> { "SIT", "ROLL_OVER" },
                ["friend"] = new Dictionary<string, object?> { ["name"] = "Odie" },
            },
            schema.QueryType.Fields["echo"].Arguments["input"].Type);

        var inputType = schema.GetType<InputObjectType>("DogInput");
        var created = Assert.IsType<DogInput>(inputType.CreateInstance(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(input)));
        Assert.Equal([DogCommand.Sit, DogCommand.RollOver], created.Commands!);
        Assert.Equal("Odie", created.Friend?.Name);

        var echo = await TestResolverContext.For(schema, "Query", "echo", null, new Dictionary<string, object?> { ["input"] = input }).Resolve();
        Assert.Equal("Rex:Sit,RollOver:Odie", echo);
    }

    [Fact]
    public async Task Default_resolver_reads_properties_methods_and_dictionaries()
    {
        var schema = Build();
        var rex = new Dog { Name = "Rex", BarkVolume = 7 };

        Assert.Equal("Rex", await TestResolverContext.For(schema, "Dog", "name", rex).Resolve());
        Assert.Equal(7, await TestResolverContext.For(schema, "Dog", "barkVolume", rex).Resolve());
        Assert.Equal("Rexy", await TestResolverContext.For(schema, "Dog", "nickname", rex).Resolve());
        Assert.Null(await TestResolverContext.For(schema, "Dog", "ownerName", rex).Resolve());
        Assert.Equal("Map", await TestResolverContext.For(schema, "Dog", "name", new Dictionary<string, object?> { ["name"] = "Map" }).Resolve());

        var pure = schema.GetType<ObjectType>("Dog").Fields["barkVolume"].PureResolver;
        Assert.NotNull(pure);
        Assert.Equal(9, pure(TestResolverContext.For(schema, "Dog", "barkVolume", new { BarkVolume = 9 })));
    }

    [Fact]
    public async Task Delegate_resolvers_replace_the_default()
    {
        var schema = SchemaBuilder.New()
            .AddDocumentFromString("type Query { a: Int b: String c: Int }")
            .AddResolver("Query", "a", _ => 1)
            .AddResolver("Query", "b", async _ =>
            {
                await Task.Yield();
                return "async";
            })
            .AddPureResolver("Query", "c", _ => 3)
            .Create();

        Assert.Equal(1, await TestResolverContext.For(schema, "Query", "a", null).Resolve());
        Assert.Equal("async", await TestResolverContext.For(schema, "Query", "b", null).Resolve());
        Assert.Equal(3, schema.QueryType.Fields["c"].PureResolver!(TestResolverContext.For(schema, "Query", "c", null)));
        Assert.Null(schema.QueryType.Fields["b"].PureResolver);
    }

    [Fact]
    public void Resolvers_for_unknown_fields_are_errors()
    {
        var ex = Assert.Throws<SchemaException>(() => SchemaBuilder.New()
            .AddDocumentFromString("type Query { a: Int }")
            .AddResolver("Query", "nope", _ => 1)
            .AddResolver("Missing", "a", _ => 1)
            .Create());
        Assert.Equal(
            [
                "Cannot add a resolver to \"Query.nope\": the field is not defined.",
                "Cannot add a resolver to \"Missing.a\": \"Missing\" is not a defined object type.",
            ],
            ex.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task Subscription_members_returning_streams_become_subscribe_resolvers()
    {
        var schema = Build();
        var field = schema.SubscriptionType!.Fields["ticks"];
        Assert.NotNull(field.SubscribeResolver);

        var context = TestResolverContext.For(schema, "Subscription", "ticks", null, new Dictionary<string, object?> { ["count"] = 3 });
        var stream = await field.SubscribeResolver(context);
        var events = new List<object?>();
        await foreach (var item in stream)
        {
            events.Add(item);
        }
        Assert.Equal([0, 1, 2], events);
        Assert.Equal(42, await TestResolverContext.For(schema, "Subscription", "ticks", 42).Resolve());
    }

    [Fact]
    public void Abstract_types_resolve_through_bound_runtime_types_and_typename()
    {
        var schema = Build();
        var pet = schema.GetType<InterfaceType>("Pet");
        var context = TestResolverContext.For(schema, "Query", "pet", null);

        Assert.Equal("Dog", schema.ResolveConcreteType(pet, context, new Dog())?.Name);
        Assert.Equal("Cat", schema.ResolveConcreteType(pet, context, new Dictionary<string, object?> { ["__typename"] = "Cat" })?.Name);
        Assert.Null(schema.ResolveConcreteType(pet, context, "not a pet"));
        Assert.True(schema.GetType<ObjectType>("Dog").IsOfType(context, new Dog()));
        Assert.False(schema.GetType<ObjectType>("Dog").IsOfType(context, new { Name = "x" }));
    }

    [Fact]
    public void Enums_bound_to_clr_enums_use_the_clr_values()
    {
        var enumType = Build().GetType<EnumType>("DogCommand");

        Assert.Equal(DogCommand.RollOver, enumType.ParseLiteral(new Graph.GraphQL.Language.EnumValueNode("ROLL_OVER")));
        Assert.Equal(DogCommand.Sit, enumType.ParseValue("SIT"));
        Assert.Equal("ROLL_OVER", enumType.Serialize(DogCommand.RollOver));
        Assert.Equal("SIT", enumType.Serialize("SIT"));
        Assert.Equal("Enum \"DogCommand\" cannot represent value: 5", Assert.Throws<SerializationException>(() => enumType.Serialize((DogCommand)5)).Message);
        Assert.True(enumType.TryGetValueByRuntimeValue(DogCommand.Sit, out var value));
        Assert.Equal("SIT", value.Name);
    }

    [Fact]
    public void Value_converter_handles_lists_arrays_enums_and_numbers()
    {
        Assert.Equal([1, 2], ValueConverter.Convert<int[]>(new List<object?> { 1, 2 }));
        Assert.Equal([DogCommand.RollOver], ValueConverter.Convert<List<DogCommand>>(new List<object?> { "ROLL_OVER" }));
        Assert.Equal(5L, ValueConverter.Convert<long>(5));
        Assert.Equal(["a"], ValueConverter.Convert<IReadOnlyList<string>>("a"));
        Assert.Null(ValueConverter.Convert<int?>(null));
        Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<int>(null));
    }

    [Fact]
    public void Resolver_member_names_map_to_field_names()
    {
        Assert.Equal("dogs", SchemaBuilder.ResolverFieldName(typeof(QueryResolvers).GetMethod(nameof(QueryResolvers.GetDogsAsync))!));
        Assert.Equal("dog", SchemaBuilder.ResolverFieldName(typeof(QueryResolvers).GetMethod(nameof(QueryResolvers.GetDog))!));
        Assert.Equal("pet", SchemaBuilder.ResolverFieldName(typeof(QueryResolvers).GetProperty(nameof(QueryResolvers.Pet))!));
        Assert.Equal("getter", SchemaBuilder.ResolverFieldName(typeof(NameCases).GetMethod(nameof(NameCases.Getter))!));
    }

    private sealed class NameCases
    {
        public string Getter() => "";
    }
}
