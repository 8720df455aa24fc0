using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Limits;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>Execution depth, the cost analysis and per-operation limits: refused before execution, with a code.</summary>
public class OperationLimitsTests
{
    private const string Sdl = """
        type Query {
          book(id: ID!): Book
          books(first: Int, last: Int): [Book!]! @listSize(slicingArguments: ["first", "last"], requireOneSlicingArgument: false)
          authors: [Author!]
          search(first: Int): [Book!] @listSize(slicingArguments: ["first"])
          report: [Book!] @listSize(assumedSize: 100) @cost(weight: "5")
          bookConnection(first: Int = 10): BookConnection @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
        }
        type BookConnection { nodes: [Book!]! totalCount: Int! }
        type Book { title: String! author: Author! }
        type Author { name: String! books: [Book!]! }
        type Mutation { addBook(title: String!): Book }
        """;

    private static int _executions;

    private static IRequestExecutor Create(Action<RequestExecutorOptions>? options = null) => TestServer.Create(Sdl, b =>
    {
        b.AddResolver("Query", "books", _ =>
        {
            Interlocked.Increment(ref _executions);
            return new List<object>();
        });
        if (options is not null)
        {
            b.ModifyRequestOptions(options);
        }
    });

    private static async Task<OperationResult> MeasureAsync(IRequestExecutor executor, string query, IReadOnlyDictionary<string, object?>? variables = null, string? operationName = null)
    {
        var request = OperationRequestBuilder.New().SetDocument(query).SetOperationName(operationName)
            .SetVariableValues(variables).SetGlobalState(OperationCostContextData.ReportCost, true).Build();
        return (await executor.ExecuteAsync(request)).ExpectOperationResult();
    }

    private static (int Depth, double FieldCost, double TypeCost) Cost(OperationResult result)
    {
        var cost = (IReadOnlyDictionary<string, object?>)result.Extensions![OperationCostContextData.ExtensionKey]!;
        return ((int)cost["depth"]!, (double)cost["fieldCost"]!, (double)cost["typeCost"]!);
    }

    [Theory]
    [InlineData("{ book(id: 1) { title author { name } } }", 3, 2, 2)]
    [InlineData("{ books(first: 5) { title } }", 2, 1, 5)]
    [InlineData("{ books(first: 5, last: 7) { title } }", 2, 1, 7)]
    [InlineData("{ books { author { name } } }", 3, 11, 20)]
    [InlineData("{ report { title } }", 2, 5, 100)]
    [InlineData("{ bookConnection(first: 20) { nodes { title } totalCount } }", 3, 2, 21)]
    [InlineData("{ bookConnection { nodes { title } } }", 3, 2, 11)]
    [InlineData("{ __typename book(id: 1) { __typename } }", 2, 1, 1)]
    [InlineData("{ ...F } fragment F on Query { book(id: 1) { ... on Book { author { name } } } }", 3, 2, 2)]
    [InlineData("mutation { addBook(title: \"x\") { title } }", 2, 10, 1)]
    public async Task Operations_are_measured_after_the_cost_specification(string query, int depth, double fieldCost, double typeCost)
    {
        var result = await MeasureAsync(Create(), query);

        Assert.Null(result.Errors);
        Assert.Equal((depth, fieldCost, typeCost), Cost(result));
    }

    [Fact]
    public async Task Introspection_is_not_counted()
    {
        var result = await MeasureAsync(Create(o => o.MaxExecutionDepth = 2), Graph.GraphQL.Introspection.IntrospectionQuery.Text);

        Assert.Null(result.Errors);
        Assert.Equal((0, 0d, 0d), Cost(result));
    }

    [Fact]
    public async Task An_operation_over_the_type_cost_is_refused_before_execution()
    {
        _executions = 0;
        var result = (await Create().ExecuteAsync("{ books { title } authors { books { author { books { title } } } } }")).ExpectOperationResult();

        Assert.False(result.HasData);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(ErrorCodes.MaxTypeCostExceeded, error.Code);
        Assert.Equal("The operation has a type cost of 1220, over the allowed 1000.", error.Message);
        Assert.Equal(1220d, error.Extensions!["typeCost"]);
        Assert.Equal(1000d, error.Extensions!["maxTypeCost"]);
        Assert.Equal(0, _executions);
    }

    [Fact]
    public async Task An_operation_over_the_field_cost_is_refused()
    {
        var executor = Create(o => o.Cost.MaxFieldCost = 10);

        var json = await executor.RunAsync("query Q { books { author { name } } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The operation has a field cost of 11, over the allowed 10.","locations":[{"line":1,"column":1}],"extensions":{"code":"MAX_FIELD_COST_EXCEEDED","fieldCost":11,"maxFieldCost":10}}]}
            """, json);
    }

    [Fact]
    public async Task Slicing_arguments_from_variables_are_read_per_request()
    {
        var executor = Create();
        const string Query = "query($n: Int) { books(first: $n) { title } }";

        var small = await MeasureAsync(executor, Query, TestServer.Vars(("n", 3)));
        var large = (await executor.ExecuteAsync(Query, TestServer.Vars(("n", 2000)))).ExpectOperationResult();
        var again = await MeasureAsync(executor, Query, TestServer.Vars(("n", 4)));

        Assert.Equal(3d, Cost(small).TypeCost);
        Assert.Equal(ErrorCodes.MaxTypeCostExceeded, Assert.Single(large.Errors!).Code);
        Assert.Equal(4d, Cost(again).TypeCost);
    }

    [Theory]
    [InlineData("{ search { title } }")]
    [InlineData("query($n: Int) { search(first: $n) { title } }")]
    public async Task A_list_requiring_one_slicing_argument_refuses_none(string query)
    {
        var json = await Create().RunAsync(query);

        Assert.Contains("\"code\":\"SLICING_ARGUMENT_REQUIRED\"", json, StringComparison.Ordinal);
        Assert.Contains("Exactly one slicing argument of Query.search (first) must be set.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Depth_counts_fields_through_fragments()
    {
        var executor = Create(o => o.MaxExecutionDepth = 3);

        var ok = await executor.RunAsync("{ book(id: 1) { author { name } } }");
        var json = await executor.RunAsync("""
            query Deep { book(id: 1) { ...A } }
            fragment A on Book { author { ...B } }
            fragment B on Author { books { title } }
            """);

        Assert.DoesNotContain("errors", ok, StringComparison.Ordinal);
        JsonAssert.Equal("""
            {"errors":[{"message":"The operation has an execution depth of 4, over the allowed 3.","locations":[{"line":1,"column":1}],"extensions":{"code":"MAX_EXECUTION_DEPTH_EXCEEDED","depth":4,"maxDepth":3}}]}
            """, json);
    }

    [Fact]
    public async Task Named_operations_can_have_their_own_limits()
    {
        const string Heavy = "authors { books { author { books { title } } } }";
        var executor = Create(o =>
        {
            o.MaxExecutionDepth = 4;
            o.OperationLimits["AuthorReport"] = new OperationLimits { MaxExecutionDepth = 5, MaxTypeCost = 5000 };
        });

        var named = await executor.RunAsync($"query AuthorReport {{ {Heavy} }}");
        var other = await executor.RunAsync($"query Other {{ {Heavy} }}");

        Assert.Equal("{\"data\":{\"authors\":null}}", named);
        Assert.Contains("MAX_EXECUTION_DEPTH_EXCEEDED", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_can_be_switched_off()
    {
        var executor = Create(o => o.Cost.EnforceCostLimits = false);

        var json = await executor.RunAsync("query($n: Int) { books(first: $n) { title } }", TestServer.Vars(("n", 100_000)));

        Assert.Equal("""{"data":{"books":[]}}""", json);
    }

    [Fact]
    public async Task Fragments_spread_many_times_are_measured_once_each()
    {
        // Each fragment spreads the next one twice: 2^40 resolutions of the last field, measured in 40 steps.
        var fragments = string.Join("\n", Enumerable.Range(0, 40).Select(i =>
            $"fragment F{i} on Query {{ a{i}: book(id: 1) {{ title }} ...F{i + 1} b{i}: book(id: 2) {{ title }} ...F{i + 1} }}"));
        var document = "{ ...F0 }\n" + fragments + "\nfragment F40 on Query { book(id: 3) { title } }";

        var result = (await Create().ExecuteAsync(document)).ExpectOperationResult();

        var error = Assert.Single(result.Errors!);
        Assert.Equal(ErrorCodes.MaxFieldCostExceeded, error.Code);
        Assert.Equal(Math.Pow(2, 40) + 2 * (Math.Pow(2, 40) - 1), (double)error.Extensions!["fieldCost"]!);
    }

    [Fact]
    public void Cost_directives_are_declared_only_when_applied()
    {
        var withCosts = SchemaPrinter.Print(Create().Schema);
        var without = SchemaPrinter.Print(TestServer.Create("type Query { a: String }").Schema);

        Assert.Contains("directive @cost(", withCosts, StringComparison.Ordinal);
        Assert.Contains("directive @listSize(", withCosts, StringComparison.Ordinal);
        Assert.DoesNotContain("@cost", without, StringComparison.Ordinal);
    }

    public sealed class Catalog
    {
        [Cost(7)]
        public string Expensive() => "x";

        [ListSize(AssumedSize = 3)]
        public IReadOnlyList<Shelf> Shelves() => [new Shelf(), new Shelf()];
    }

    public sealed class Shelf
    {
        public string Name => "A";
    }

    [Fact]
    public async Task Attributes_and_descriptors_apply_the_cost_directives()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddQueryType<Catalog>();
        var executor = await services.BuildServiceProvider().GetRequestExecutorAsync();

        var result = await MeasureAsync(executor, "{ expensive shelves { name } }");

        Assert.Null(result.Errors);
        Assert.Equal((2, 8d, 3d), Cost(result));
        Assert.Equal("""{"expensive":"x","shelves":[{"name":"A"},{"name":"A"}]}""", System.Text.Json.JsonSerializer.Serialize(result.Data));
    }
}
