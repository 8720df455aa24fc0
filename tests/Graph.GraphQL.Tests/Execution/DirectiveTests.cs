using Graph.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using Graph.GraphQL.Execution;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>CollectFields with <c>@skip</c> and <c>@include</c> on fields, fragment spreads and inline fragments.</summary>
public class DirectiveTests
{
    private const string Sdl = """
        type Query { a: String b: String nested: Nested }
        type Nested { x: String y: String }
        """;

    private static IRequestExecutor CreateExecutor(IDocumentValidator? validator = null) => TestServer.Create(Sdl, validator: validator, configure: b => b
        .AddResolver("Query", "a", _ => "a")
        .AddResolver("Query", "b", _ => "b")
        .AddResolver("Query", "nested", _ => new Dictionary<string, object?> { ["x"] = "x", ["y"] = "y" }));

    [Theory]
    [InlineData("{ a b @include(if: true) }", """{"a":"a","b":"b"}""")]
    [InlineData("{ a b @include(if: false) }", """{"a":"a"}""")]
    [InlineData("{ a b @skip(if: false) }", """{"a":"a","b":"b"}""")]
    [InlineData("{ a b @skip(if: true) }", """{"a":"a"}""")]
    [InlineData("{ a b @include(if: true) @skip(if: true) }", """{"a":"a"}""")]
    [InlineData("{ a b @include(if: false) @skip(if: false) }", """{"a":"a"}""")]
    [InlineData("{ a b @include(if: true) @skip(if: false) }", """{"a":"a","b":"b"}""")]
    [InlineData("{ a ...F @include(if: false) } fragment F on Query { b }", """{"a":"a"}""")]
    [InlineData("{ a ...F @skip(if: false) } fragment F on Query { b }", """{"a":"a","b":"b"}""")]
    [InlineData("{ a ... @skip(if: true) { b } }", """{"a":"a"}""")]
    [InlineData("{ a ... on Query @include(if: true) { b } }", """{"a":"a","b":"b"}""")]
    [InlineData("{ a ...F ...F } fragment F on Query { b @skip(if: true) a }", """{"a":"a"}""")]
    public async Task Literal_conditions(string query, string data)
    {
        var json = await CreateExecutor().RunAsync(query);

        JsonAssert.Equal("{\"data\":" + data + "}", json);
    }

    [Fact]
    public async Task Variable_conditions_select_the_plan_per_request()
    {
        var executor = CreateExecutor();
        const string query = "query($x: Boolean!, $y: Boolean = false) { a @include(if: $x) b @skip(if: $y) }";

        var both = await executor.RunAsync(query, TestServer.Vars(("x", true)));
        var none = await executor.RunAsync(query, TestServer.Vars(("x", false), ("y", true)));
        var again = await executor.RunAsync(query, TestServer.Vars(("x", true), ("y", false)));

        JsonAssert.Equal("""{"data":{"a":"a","b":"b"}}""", both);
        JsonAssert.Equal("""{"data":{}}""", none);
        JsonAssert.Equal(both, again);
    }

    [Fact]
    public async Task Response_order_follows_the_first_included_occurrence()
    {
        var executor = CreateExecutor();
        const string query = "query($x: Boolean!) { a @include(if: $x) b a }";

        JsonAssert.Equal("""{"data":{"b":"b","a":"a"}}""", await executor.RunAsync(query, TestServer.Vars(("x", false))));
        JsonAssert.Equal("""{"data":{"a":"a","b":"b"}}""", await executor.RunAsync(query, TestServer.Vars(("x", true))));
    }

    [Fact]
    public async Task Sub_selections_of_excluded_occurrences_are_not_merged()
    {
        var executor = CreateExecutor();
        const string query = "query($x: Boolean!) { nested @include(if: $x) { x } nested { y } }";

        JsonAssert.Equal("""{"data":{"nested":{"y":"y"}}}""", await executor.RunAsync(query, TestServer.Vars(("x", false))));
        JsonAssert.Equal("""{"data":{"nested":{"x":"x","y":"y"}}}""", await executor.RunAsync(query, TestServer.Vars(("x", true))));
    }

    [Fact]
    public async Task Conditions_inside_fragments_read_the_variables()
    {
        var json = await CreateExecutor().RunAsync(
            "query($x: Boolean!) { ...F } fragment F on Query { nested { x @skip(if: $x) y } }",
            TestServer.Vars(("x", true)));

        JsonAssert.Equal("""{"data":{"nested":{"y":"y"}}}""", json);
    }

    [Fact]
    public async Task A_null_condition_variable_fails_the_execution()
    {
        var json = await CreateExecutor(new NoValidation()).RunAsync("query($x: Boolean) { a @include(if: $x) }", TestServer.Vars(("x", null)));

        JsonAssert.Equal("""
            {"errors":[{"message":"Argument \"if\" of non-null type \"Boolean!\" must not be null.","locations":[{"line":1,"column":37}]}],"data":null}
            """, json);
    }
}
