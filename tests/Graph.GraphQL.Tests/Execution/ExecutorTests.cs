using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

public class ExecutorTests
{
    private const string Sdl = """
        type Query {
          hero(episode: Episode = NEWHOPE): Character
          greeting(name: String = "World", times: Int): String!
          numbers: [Int!]!
          answer: Int
          pi: Float
          flag: Boolean
          root: String
          human(id: ID!): Human
        }
        enum Episode { NEWHOPE EMPIRE JEDI }
        type Character {
          id: ID!
          name: String
          friends: [Character]
          appearsIn: [Episode]
        }
        type Human {
          id: ID!
          name: String
          height(unit: Unit = METER): Float
        }
        enum Unit { METER FOOT }
        """;

    internal sealed record Character(string Id, string Name, string[] FriendIds, string[] AppearsIn);

    internal static readonly Dictionary<string, Character> Characters = new()
    {
        ["1000"] = new("1000", "Luke Skywalker", ["1002", "1003", "2001"], ["NEWHOPE", "EMPIRE", "JEDI"]),
        ["1002"] = new("1002", "Han Solo", ["1000", "1003"], ["NEWHOPE", "EMPIRE", "JEDI"]),
        ["1003"] = new("1003", "Leia Organa", ["1000", "1002"], ["NEWHOPE", "EMPIRE", "JEDI"]),
        ["2001"] = new("2001", "R2-D2", ["1000", "1002", "1003"], ["NEWHOPE", "EMPIRE", "JEDI"]),
    };

    private static IRequestExecutor CreateExecutor() => TestServer.Create(Sdl, b => b
        .AddResolver("Query", "hero", ctx => ctx.ArgumentValue<string>("episode") == "EMPIRE" ? Characters["1000"] : Characters["2001"])
        .AddResolver("Query", "greeting", ctx =>
        {
            var name = ctx.ArgumentValue<string>("name");
            var times = ctx.HasArgument("times") ? ctx.ArgumentValue<int>("times") : 1;
            return string.Join(" ", Enumerable.Repeat("Hello, " + name + "!", times));
        })
        .AddResolver("Query", "numbers", _ => new List<int> { 1, 2, 3 })
        .AddResolver("Query", "answer", async _ =>
        {
            await Task.Yield();
            return 42;
        })
        .AddResolver("Query", "pi", _ => 3.14)
        .AddResolver("Query", "flag", _ => true)
        .AddResolver("Query", "root", ctx => ctx.Parent<string>())
        .AddResolver("Query", "human", ctx => new Dictionary<string, object?> { ["id"] = ctx.ArgumentValue<string>("id"), ["name"] = "Luke" })
        .AddResolver("Human", "height", ctx => ctx.ArgumentValue<string>("unit") == "FOOT" ? 5.6430448 : 1.72)
        .AddResolver("Character", "friends", ctx => ctx.Parent<Character>().FriendIds.Select(id => Characters[id])));

    [Fact]
    public async Task Executes_the_spec_introduction_example()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync("{ hero { name } }");

        JsonAssert.Equal("""{"data":{"hero":{"name":"R2-D2"}}}""", json);
    }

    [Fact]
    public async Task Collects_fields_as_the_spec_field_collection_example_shows()
    {
        var executor = TestServer.Create("type Query { a: Sub b: String } type Sub { subfield1: String subfield2: String }", b => b
            .AddResolver("Query", "a", _ => new Dictionary<string, object?> { ["subfield1"] = "one", ["subfield2"] = "two" })
            .AddResolver("Query", "b", _ => "b"));

        var json = await executor.RunAsync("""
            {
              a {
                subfield1
              }
              ...ExampleFragment
            }

            fragment ExampleFragment on Query {
              a {
                subfield2
              }
              b
            }
            """);

        JsonAssert.Equal("""{"data":{"a":{"subfield1":"one","subfield2":"two"},"b":"b"}}""", json);
    }

    [Theory]
    [InlineData("String", """{"id":"1002","name":null}""")]
    [InlineData("String!", "null")]
    public async Task Reports_a_friend_error_as_the_spec_response_example_shows(string nameType, string secondFriend)
    {
        var executor = TestServer.Create(
            "type Query { hero(episode: String): Hero } type Hero { name: String friends: [Friend] } type Friend { id: ID! name: " + nameType + " }",
            b => b
                .AddResolver("Query", "hero", _ => new Dictionary<string, object?> { ["name"] = "R2-D2" })
                .AddResolver("Hero", "friends", _ => new[] { "1000", "1002", "1003" })
                .AddResolver("Friend", "id", ctx => ctx.Parent<string>())
                .AddResolver("Friend", "name", ctx => ctx.Parent<string>() switch
                {
                    "1000" => "Luke Skywalker",
                    "1003" => "Leia Organa",
                    var id => throw new GraphQLException($"Name for character with ID {id} could not be fetched."),
                }));

        var json = await executor.RunAsync("""
            {
              hero(episode: $episode) {
                name
                heroFriends: friends {
                  id
                  name
                }
              }
            }
            """.Replace("(episode: $episode)", string.Empty, StringComparison.Ordinal));

        JsonAssert.Equal(
            """
            {"errors":[{"message":"Name for character with ID 1002 could not be fetched.","locations":[{"line":6,"column":7}],"path":["hero","heroFriends",1,"name"]}],
             "data":{"hero":{"name":"R2-D2","heroFriends":[{"id":"1000","name":"Luke Skywalker"},
            """ + secondFriend + """
            ,{"id":"1003","name":"Leia Organa"}]}}}
            """,
            json);
    }

    [Fact]
    public async Task Resolves_nested_lists_with_aliases_in_selection_order()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync("""
            {
              empireHero: hero(episode: EMPIRE) { name id }
              hero { friends { name appearsIn } id }
            }
            """);

        JsonAssert.Equal("""
            {"data":{
              "empireHero":{"name":"Luke Skywalker","id":"1000"},
              "hero":{"friends":[
                {"name":"Luke Skywalker","appearsIn":["NEWHOPE","EMPIRE","JEDI"]},
                {"name":"Han Solo","appearsIn":["NEWHOPE","EMPIRE","JEDI"]},
                {"name":"Leia Organa","appearsIn":["NEWHOPE","EMPIRE","JEDI"]}],"id":"2001"}}}
            """, json);
    }

    [Fact]
    public async Task Merges_fields_of_the_same_response_key_from_fragments()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync("""
            query { hero { ...A id ... on Character { name friends { id } } } }
            fragment A on Character { name friends { name } }
            """);

        JsonAssert.Equal("""
            {"data":{"hero":{"name":"R2-D2","friends":[
              {"name":"Luke Skywalker","id":"1000"},{"name":"Han Solo","id":"1002"},{"name":"Leia Organa","id":"1003"}],"id":"2001"}}}
            """, json);
    }

    [Fact]
    public async Task Uses_argument_defaults_literals_and_variables()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync(
            """
            query($name: String, $times: Int = 2, $unit: Unit) {
              a: greeting
              b: greeting(name: "Ada")
              c: greeting(name: $name, times: $times)
              d: human(id: 4) { height }
              e: human(id: "5") { id height(unit: $unit) }
              f: human(id: 6) { height(unit: FOOT) }
            }
            """,
            TestServer.Vars(("name", "Bob"), ("unit", "FOOT")));

        JsonAssert.Equal("""
            {"data":{"a":"Hello, World!","b":"Hello, Ada!","c":"Hello, Bob! Hello, Bob!",
             "d":{"height":1.72},"e":{"id":"5","height":5.6430448},"f":{"height":5.6430448}}}
            """, json);
    }

    [Fact]
    public async Task An_omitted_nullable_variable_leaves_the_argument_to_its_default()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync("query($name: String) { greeting(name: $name) }");

        JsonAssert.Equal("""{"data":{"greeting":"Hello, World!"}}""", json);
    }

    [Fact]
    public async Task An_explicit_null_variable_overrides_the_argument_default()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync("query($name: String) { greeting(name: $name) }", TestServer.Vars(("name", null)));

        JsonAssert.Equal("""{"data":{"greeting":"Hello, !"}}""", json);
    }

    [Fact]
    public async Task Completes_scalars_of_every_kind_and_awaits_async_resolvers()
    {
        var executor = CreateExecutor();

        var json = await executor.RunAsync("{ numbers answer pi flag __typename }");

        JsonAssert.Equal("""{"data":{"numbers":[1,2,3],"answer":42,"pi":3.14,"flag":true,"__typename":"Query"}}""", json);
    }

    [Fact]
    public async Task Passes_the_initial_value_to_root_resolvers()
    {
        var executor = CreateExecutor();

        var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument("{ root }").SetInitialValue("the root").Build());

        JsonAssert.Equal("""{"data":{"root":"the root"}}""", result.ToJson());
    }

    [Fact]
    public async Task Executes_a_pre_parsed_document_and_selects_the_named_operation()
    {
        var executor = CreateExecutor();
        var document = Graph.GraphQL.Language.Parser.Parse("query A { answer } query B { flag }");

        var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(document).SetOperationName("B").Build());

        JsonAssert.Equal("""{"data":{"flag":true}}""", result.ToJson());
    }

    [Fact]
    public async Task Exposes_the_response_as_ordered_maps_and_lists()
    {
        var executor = CreateExecutor();

        var result = (await executor.ExecuteAsync("{ hero { name appearsIn } numbers }")).ExpectOperationResult();

        var data = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.Data);
        Assert.Equal(["hero", "numbers"], data.Keys);
        var hero = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(data["hero"]);
        Assert.Equal("R2-D2", hero["name"]);
        Assert.Equal(["NEWHOPE", "EMPIRE", "JEDI"], Assert.IsAssignableFrom<IReadOnlyList<object?>>(hero["appearsIn"]));
        Assert.True(result.HasData);
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task Resolver_context_describes_the_field_and_request()
    {
        IResolverContext? seen = null;
        string? path = null;
        string? service = null;
        object? state = null;
        var executor = TestServer.Create("type Query { me: Me } type Me { name(x: Int = 1): String }", b =>
        {
            b.Services.AddSingleton("a service");
            b.AddResolver("Query", "me", _ => new object())
                .AddResolver("Me", "name", ctx =>
                {
                    seen = ctx;
                    path = ctx.Path.ToString();
                    service = ctx.Service<string>();
                    state = ctx.ContextData["key"];
                    return $"{ctx.ObjectType.Name}.{ctx.Field.Name} as {ctx.ResponseName} ({ctx.FieldNodes.Count} nodes, x={ctx.ArgumentValue<int>("x")}, given={ctx.HasArgument("x")})";
                });
        });

        var result = await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("{ me { alias: name alias: name } }")
            .SetGlobalState("key", "value")
            .Build());

        JsonAssert.Equal("""{"data":{"me":{"alias":"Me.name as alias (2 nodes, x=1, given=False)"}}}""", result.ToJson());
        Assert.Equal("/me/alias", path);
        Assert.Equal("a service", service);
        Assert.Equal("value", state);
        Assert.NotNull(seen);
    }
}
