using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>
/// Fields bound to a property of their parent are read straight from it, without a resolver context: the results, errors
/// and null propagation must be those of any other resolver.
/// </summary>
public sealed class ParentMemberTests
{
    public enum Shelf
    {
        Fiction,
        Poetry,
    }

    public sealed class Book
    {
        public required string Title { get; init; }

        public string? Subtitle { get; init; }

        public int Pages { get; init; }

        public bool Available { get; init; }

        public Shelf Shelf { get; init; }

        public string[] Tags { get; init; } = [];

        public Book? Sequel { get; init; }

        public string Broken => throw new InvalidOperationException("The shelf label is unreadable.");

        [GraphQLNonNullType]
        public string? Missing => null;
    }

    public sealed class Magazine
    {
        public string Title => "Jeune Afrique";
    }

    public sealed class Query
    {
        public Book GetBook() => new()
        {
            Title = "Les Bouts de bois de Dieu",
            Pages = 384,
            Available = true,
            Shelf = Shelf.Poetry,
            Tags = ["grève", "Dakar-Niger"],
            Sequel = new Book { Title = "Xala", Subtitle = "Roman" },
        };

        [GraphQLType(typeof(Book))]
        public object GetImpostor() => new Magazine();
    }

    private static async Task<IRequestExecutor> CreateAsync()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddQueryType<Query>();
        return await services.BuildServiceProvider().GetRequestExecutorAsync();
    }

    [Fact]
    public async Task Scalars_enums_lists_objects_and_nulls_come_from_the_parent()
    {
        var executor = await CreateAsync();
        Assert.Equal(
            """{"data":{"book":{"title":"Les Bouts de bois de Dieu","subtitle":null,"pages":384,"available":true,"shelf":"POETRY","tags":["grève","Dakar-Niger"],"sequel":{"title":"Xala","subtitle":"Roman","sequel":null}}}}""",
            await executor.RunAsync("{ book { title subtitle pages available shelf tags sequel { title subtitle sequel { title } } } }"));
    }

    [Fact]
    public async Task A_throwing_getter_is_a_field_error_at_its_path_and_propagates_null()
    {
        var executor = await CreateAsync();
        var json = await executor.RunAsync("{ book { title broken } }");
        Assert.StartsWith("""{"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":16}],"path":["book","broken"]""", json);
        Assert.EndsWith("\"data\":null}", json);
    }

    [Fact]
    public async Task A_null_for_a_non_null_property_is_an_error_and_propagates_null()
    {
        var executor = await CreateAsync();
        Assert.Equal(
            """{"errors":[{"message":"Cannot return null for non-nullable field Book.missing.","locations":[{"line":1,"column":16}],"path":["book","missing"]}],"data":null}""",
            await executor.RunAsync("{ book { pages missing } }"));
    }

    [Fact]
    public async Task A_parent_of_another_type_is_reported_as_before()
    {
        var executor = await CreateAsync();
        var json = await executor.RunAsync("{ impostor { title } }");
        Assert.StartsWith("""{"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":14}],"path":["impostor","title"]""", json);
        Assert.EndsWith("\"data\":{\"impostor\":null}}", json);
    }

    public sealed class Counter
    {
        public int Created;
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class SharedResolvers
    {
        public static int Instances;

        public SharedResolvers() => Interlocked.Increment(ref Instances);

        public string GetShared() => "shared";
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class ScopedResolvers
    {
        public ScopedResolvers(Counter counter) => Interlocked.Increment(ref counter.Created);

        public string GetScoped() => "scoped";
    }

    [Fact]
    public async Task Resolver_classes_are_services_when_registered_and_one_shared_instance_otherwise()
    {
        var counter = new Counter();
        var services = new ServiceCollection().AddSingleton(counter).AddScoped<ScopedResolvers>();
        services.AddGraphQLServer().AddQueryType().AddTypeExtension<SharedResolvers>().AddTypeExtension<ScopedResolvers>();
        await using var provider = services.BuildServiceProvider();
        var executor = await provider.GetRequestExecutorAsync();
        var before = SharedResolvers.Instances;

        for (var i = 0; i < 3; i++)
        {
            using var scope = provider.CreateScope();
            var request = OperationRequestBuilder.New().SetDocument("{ a: shared b: shared scoped }").SetServices(scope.ServiceProvider).Build();
            await using var result = await executor.ExecuteAsync(request);
            Assert.Equal("""{"data":{"a":"shared","b":"shared","scoped":"scoped"}}""", result.ToJson());
        }

        Assert.Equal(1, SharedResolvers.Instances - before);
        Assert.Equal(3, counter.Created);
    }
}
