using Graph.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>CoerceVariableValues and CoerceArgumentValues: values, defaults and the reference implementation's errors.</summary>
public class InputValuesTests
{
    private const string Sdl = """
        type Query {
          echo(n: Int, s: String, ids: [ID], input: Filter, list: [Int]): String
          human(id: ID!): String
          nonNullDefault(n: Int! = 7): String
        }
        input Filter {
          count: Int!
          name: String = "x"
          tags: [String!]
        }
        """;

    private static IRequestExecutor CreateExecutor(IDocumentValidator? validator = null) => TestServer.Create(Sdl, validator: validator, configure: b => b
        .AddResolver("Query", "echo", ctx =>
        {
            var parts = new List<string>();
            foreach (var name in new[] { "n", "s", "ids", "input", "list" })
            {
                if (ctx.HasArgument(name))
                {
                    parts.Add(name + "=" + ValueFormatter.Inspect(ctx.ArgumentValue(name)));
                }
            }
            return string.Join(" ", parts);
        })
        .AddResolver("Query", "human", ctx => "human " + ctx.ArgumentValue<string>("id"))
        .AddResolver("Query", "nonNullDefault", ctx => "n=" + ctx.ArgumentValue<int>("n")));

    [Fact]
    public async Task Coerces_variables_into_arguments()
    {
        var json = await CreateExecutor().RunAsync(
            "query($n: Int, $ids: [ID], $input: Filter, $one: Int) { echo(n: $n, ids: $ids, input: $input, list: [1, $one]) }",
            TestServer.Vars(("n", 4L), ("ids", new object?[] { 1, "b" }), ("input", TestServer.Vars(("count", 2), ("tags", "solo"))), ("one", 9)));

        JsonAssert.Equal("""{"data":{"echo":"n=4 ids=[\"1\", \"b\"] input={ count: 2, name: \"x\", tags: [\"solo\"] } list=[1, 9]"}}""", json);
    }

    [Fact]
    public async Task Uses_variable_defaults_when_a_variable_is_not_provided()
    {
        var json = await CreateExecutor().RunAsync("query($n: Int = 5, $input: Filter = { count: 1 }) { echo(n: $n, input: $input) }");

        JsonAssert.Equal("""{"data":{"echo":"n=5 input={ count: 1, name: \"x\" }"}}""", json);
    }

    [Fact]
    public async Task A_missing_required_variable_is_a_request_error()
    {
        var json = await CreateExecutor().RunAsync("query($id: ID!) { human(id: $id) }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Variable \"$id\" of required type \"ID!\" was not provided.","locations":[{"line":1,"column":7}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """, json);
    }

    [Fact]
    public async Task A_null_non_null_variable_is_a_request_error()
    {
        var json = await CreateExecutor().RunAsync("query($id: ID!) { human(id: $id) }", TestServer.Vars(("id", null)));

        JsonAssert.Equal("""
            {"errors":[{"message":"Variable \"$id\" of non-null type \"ID!\" must not be null.","locations":[{"line":1,"column":7}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """, json);
    }

    [Fact]
    public async Task Invalid_variable_values_report_the_value_and_the_path_inside_it()
    {
        var json = await CreateExecutor().RunAsync(
            """
            query(
              $n: Int
              $input: Filter
              $ids: [ID]
            ) { echo(n: $n, input: $input, ids: $ids) }
            """,
            TestServer.Vars(("n", "abc"), ("input", TestServer.Vars(("count", 1.5), ("extra", 1))), ("ids", new object?[] { "a", true })));

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Variable \"$n\" got invalid value \"abc\"; Int cannot represent non-integer value: \"abc\"","locations":[{"line":2,"column":3}],"extensions":{"code":"BAD_USER_INPUT"}},
              {"message":"Variable \"$input\" got invalid value 1.5 at \"input.count\"; Int cannot represent non-integer value: 1.5","locations":[{"line":3,"column":3}],"extensions":{"code":"BAD_USER_INPUT"}},
              {"message":"Variable \"$input\" got invalid value { count: 1.5, extra: 1 }; Field \"extra\" is not defined by type \"Filter\".","locations":[{"line":3,"column":3}],"extensions":{"code":"BAD_USER_INPUT"}},
              {"message":"Variable \"$ids\" got invalid value true at \"ids[1]\"; ID cannot represent value: true","locations":[{"line":4,"column":3}],"extensions":{"code":"BAD_USER_INPUT"}}
            ]}
            """, json);
    }

    [Fact]
    public async Task A_variable_of_an_unknown_type_cannot_be_used_as_an_input()
    {
        var json = await CreateExecutor(new NoValidation()).RunAsync("query($x: Nope) { echo }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Variable \"$x\" expected value of type \"Nope\" which cannot be used as an input type.","locations":[{"line":1,"column":11}],"extensions":{"code":"BAD_USER_INPUT"}}]}
            """, json);
    }

    [Fact]
    public async Task Stops_after_fifty_variable_errors()
    {
        var values = Enumerable.Range(0, 60).Select(i => (object?)("x" + i)).ToArray();

        var result = (await CreateExecutor().ExecuteAsync("query($list: [Int]) { echo(list: $list) }", TestServer.Vars(("list", values)))).ExpectOperationResult();

        Assert.False(result.HasData);
        Assert.Equal(51, result.Errors!.Count);
        Assert.Equal("Variable \"$list\" got invalid value \"x49\" at \"list[49]\"; Int cannot represent non-integer value: \"x49\"", result.Errors[49].Message);
        Assert.Equal("Too many errors processing variables, error limit reached. Execution aborted.", result.Errors[50].Message);
    }

    [Fact]
    public async Task A_missing_required_argument_is_a_field_error_at_the_field()
    {
        var json = await CreateExecutor(new NoValidation()).RunAsync("{\n  human\n  echo(n: 1)\n}");

        JsonAssert.Equal("""
            {"errors":[{"message":"Argument \"id\" of required type \"ID!\" was not provided.","locations":[{"line":2,"column":3}],"path":["human"]}],
             "data":{"human":null,"echo":"n=1"}}
            """, json);
    }

    [Fact]
    public async Task A_non_null_argument_given_an_unprovided_variable_is_a_field_error_at_the_variable()
    {
        var json = await CreateExecutor(new NoValidation()).RunAsync("query($id: ID) { human(id: $id) }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Argument \"id\" of required type \"ID!\" was provided the variable \"$id\" which was not provided a runtime value.","locations":[{"line":1,"column":28}],"path":["human"]}],
             "data":{"human":null}}
            """, json);
    }

    [Fact]
    public async Task A_non_null_argument_given_a_null_variable_is_a_field_error()
    {
        var json = await CreateExecutor(new NoValidation()).RunAsync("query($id: ID) { human(id: $id) }", TestServer.Vars(("id", null)));

        JsonAssert.Equal("""
            {"errors":[{"message":"Argument \"id\" of non-null type \"ID!\" must not be null.","locations":[{"line":1,"column":28}],"path":["human"]}],
             "data":{"human":null}}
            """, json);
    }

    [Fact]
    public async Task An_invalid_literal_argument_is_a_field_error_at_the_value()
    {
        var json = await CreateExecutor(new NoValidation()).RunAsync("{ a: echo(n: \"x\") b: echo(n: 2) }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Argument \"n\" has invalid value \"x\".","locations":[{"line":1,"column":14}],"path":["a"]}],
             "data":{"a":null,"b":"n=2"}}
            """, json);
    }

    [Fact]
    public async Task A_non_null_argument_with_a_default_takes_the_default_when_its_variable_is_missing()
    {
        var json = await CreateExecutor().RunAsync("query($n: Int) { a: nonNullDefault b: nonNullDefault(n: $n) c: nonNullDefault(n: 1) }");

        JsonAssert.Equal("""{"data":{"a":"n=7","b":"n=7","c":"n=1"}}""", json);
    }
}
