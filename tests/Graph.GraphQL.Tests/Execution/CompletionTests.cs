using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>CompleteValue: abstract types, lists, leaves, and null propagation to the nearest nullable parent.</summary>
public class CompletionTests
{
    private const string PetsSdl = """
        type Query {
          pets: [Pet]
          catOrDog: [CatOrDog]
          dictPets: [Pet]
          unresolvable: Pet
          notPossible: CatOrDog
          unknownType: CatOrDog
          boundPet: Pet
        }
        interface Pet { name: String! }
        type Dog implements Pet { name: String! barks: Boolean! }
        type Cat implements Pet { name: String! meows: Boolean! }
        type Human { name: String! }
        union CatOrDog = Cat | Dog
        """;

    internal sealed record Dog(string Name, bool Barks);

    internal sealed record Cat(string Name, bool Meows);

    internal sealed record Puppy(string Name, bool Barks);

    private static IRequestExecutor CreatePetsExecutor() => TestServer.Create(PetsSdl, b => b
        .AddResolver("Query", "pets", _ => new object[] { new Dog("Odie", true), new Cat("Garfield", false) })
        .AddResolver("Query", "catOrDog", _ => new object[] { new Cat("Tom", true), new Dog("Spike", true) })
        .AddResolver("Query", "dictPets", _ => new object[]
        {
            new Dictionary<string, object?> { ["__typename"] = "Cat", ["name"] = "Kitty", ["meows"] = true },
            new Dictionary<string, object?> { ["__typename"] = "Dog", ["name"] = "Rex", ["barks"] = false },
        })
        .AddResolver("Query", "unresolvable", _ => new Uri("https://example.com"))
        .AddResolver("Query", "notPossible", _ => new Dictionary<string, object?> { ["__typename"] = "Human", ["name"] = "Jon" })
        .AddResolver("Query", "unknownType", _ => new Dictionary<string, object?> { ["__typename"] = "Nope" })
        .AddResolver("Query", "boundPet", _ => new Dog("Bolt", true)));

    [Fact]
    public async Task Resolves_interface_and_union_members_with_fragments()
    {
        var json = await CreatePetsExecutor().RunAsync("""
            {
              pets { __typename name ... on Dog { barks } ... on Cat { meows } }
              catOrDog { ...Names ... on Cat { meows } }
              dictPets { name ... on Cat { meows } ... on Dog { barks } }
              boundPet { ... on Dog { name barks } }
            }
            fragment Names on CatOrDog { ... on Pet { name } __typename }
            """);

        JsonAssert.Equal("""
            {"data":{
              "pets":[{"__typename":"Dog","name":"Odie","barks":true},{"__typename":"Cat","name":"Garfield","meows":false}],
              "catOrDog":[{"name":"Tom","__typename":"Cat","meows":true},{"name":"Spike","__typename":"Dog"}],
              "dictPets":[{"name":"Kitty","meows":true},{"name":"Rex","barks":false}],
              "boundPet":{"name":"Bolt","barks":true}}}
            """, json);
    }

    [Fact]
    public async Task Bound_runtime_types_decide_the_object_type()
    {
        var executor = TestServer.Create(PetsSdl, b => b
            .AddResolver("Query", "pets", _ => new object[] { new Puppy("Bolt", true), new Cat("Tom", false) })
            .BindRuntimeType<Puppy>("Dog"));

        var json = await executor.RunAsync("{ pets { __typename name } }");

        JsonAssert.Equal("""{"data":{"pets":[{"__typename":"Dog","name":"Bolt"},{"__typename":"Cat","name":"Tom"}]}}""", json);
    }

    [Fact]
    public async Task Reports_values_that_resolve_to_no_possible_type()
    {
        var json = await CreatePetsExecutor().RunAsync("{ unresolvable { name } notPossible { __typename } unknownType { __typename } }");

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Abstract type \"Pet\" must resolve to an Object type at runtime for field \"Query.unresolvable\". Either the \"Pet\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.","locations":[{"line":1,"column":3}],"path":["unresolvable"]},
              {"message":"Runtime Object type \"Human\" is not a possible type for \"CatOrDog\".","locations":[{"line":1,"column":25}],"path":["notPossible"]},
              {"message":"Abstract type \"CatOrDog\" was resolved to a type \"Nope\" that does not exist inside the schema.","locations":[{"line":1,"column":52}],"path":["unknownType"]}],
             "data":{"unresolvable":null,"notPossible":null,"unknownType":null}}
            """, json);
    }

    private const string NullSdl = """
        type Query {
          nullable: Data
          nonNull: Data!
          list: [Data!]
          nonNullList: [Data]!
          asyncNonNull: Data!
          scalars: [Int!]
          strings: [String]
          notAList: [String]
          badInt: Int
          goodInts: [Int]
          enumValue: Color
        }
        enum Color { RED }
        type Data {
          sync: String
          syncNonNull: String!
          nest: Data
          nonNullNest: Data!
          throws: String
          throwsNonNull: String!
          asyncNonNull: String!
        }
        """;

    private static readonly Dictionary<string, object?> Data = new() { ["sync"] = "sync", ["syncNonNull"] = null };

    private static IRequestExecutor CreateNullExecutor(Action<Graph.GraphQL.Configuration.SchemaBuilder>? configure = null) => TestServer.Create(NullSdl, b =>
    {
        b.AddResolver("Query", "nullable", _ => Data)
            .AddResolver("Query", "nonNull", _ => Data)
            .AddResolver("Query", "list", _ => new[] { Data, Data })
            .AddResolver("Query", "nonNullList", _ => new[] { Data, Data })
            .AddResolver("Query", "asyncNonNull", async _ =>
            {
                await Task.Yield();
                return null;
            })
            .AddResolver("Query", "scalars", _ => new object?[] { 1, null, 3 })
            .AddResolver("Query", "strings", _ => new object?[] { "a", 1.5, null, true })
            .AddResolver("Query", "notAList", _ => "abc")
            .AddResolver("Query", "badInt", _ => 1.5)
            .AddResolver("Query", "goodInts", _ => new object[] { 1L, 2.0, "3", (short)4 })
            .AddResolver("Query", "enumValue", _ => "BLUE")
            .AddResolver("Data", "nest", _ => Data)
            .AddResolver("Data", "nonNullNest", _ => Data)
            .AddResolver("Data", "throws", _ => throw new InvalidOperationException("boom"))
            .AddResolver("Data", "throwsNonNull", _ => throw new GraphQLException("Custom failure.", "CUSTOM"))
            .AddResolver("Data", "asyncNonNull", async _ =>
            {
                await Task.Yield();
                return null;
            });
        if (configure is not null)
        {
            b.ConfigureSchema(configure);
        }
    });

    [Fact]
    public async Task A_null_non_null_field_nulls_its_nullable_parent()
    {
        var json = await CreateNullExecutor().RunAsync("{ nullable { sync syncNonNull } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot return null for non-nullable field Data.syncNonNull.","locations":[{"line":1,"column":19}],"path":["nullable","syncNonNull"]}],
             "data":{"nullable":null}}
            """, json);
    }

    [Fact]
    public async Task Propagates_through_non_null_fields_up_to_the_data_entry()
    {
        var json = await CreateNullExecutor().RunAsync("{ nullable { sync } nonNull { nonNullNest { nonNullNest { syncNonNull } } } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot return null for non-nullable field Data.syncNonNull.","locations":[{"line":1,"column":59}],"path":["nonNull","nonNullNest","nonNullNest","syncNonNull"]}],
             "data":null}
            """, json);
    }

    [Fact]
    public async Task Stops_at_the_first_nullable_ancestor_between_non_null_fields()
    {
        var json = await CreateNullExecutor().RunAsync("{ nonNull { nest { nonNullNest { syncNonNull } } sync } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot return null for non-nullable field Data.syncNonNull.","locations":[{"line":1,"column":34}],"path":["nonNull","nest","nonNullNest","syncNonNull"]}],
             "data":{"nonNull":{"nest":null,"sync":"sync"}}}
            """, json);
    }

    [Fact]
    public async Task A_null_non_null_list_item_nulls_the_list_with_one_error()
    {
        var json = await CreateNullExecutor().RunAsync("{ list { syncNonNull } scalars }");

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Cannot return null for non-nullable field Data.syncNonNull.","locations":[{"line":1,"column":10}],"path":["list",0,"syncNonNull"]},
              {"message":"Cannot return null for non-nullable field Query.scalars.","locations":[{"line":1,"column":24}],"path":["scalars",1]}],
             "data":{"list":null,"scalars":null}}
            """, json);
    }

    [Fact]
    public async Task Nullable_list_items_are_nulled_one_by_one()
    {
        var json = await CreateNullExecutor().RunAsync("{ nonNullList { sync syncNonNull } }");

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Cannot return null for non-nullable field Data.syncNonNull.","locations":[{"line":1,"column":22}],"path":["nonNullList",0,"syncNonNull"]},
              {"message":"Cannot return null for non-nullable field Data.syncNonNull.","locations":[{"line":1,"column":22}],"path":["nonNullList",1,"syncNonNull"]}],
             "data":{"nonNullList":[null,null]}}
            """, json);
    }

    [Fact]
    public async Task Reports_one_error_for_the_position_that_failed_and_skips_its_siblings()
    {
        var json = await CreateNullExecutor().RunAsync("{ nullable { throws nonNullNest { throwsNonNull syncNonNull } sync } }");

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Unexpected Execution Error","locations":[{"line":1,"column":14}],"path":["nullable","throws"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},
              {"message":"Custom failure.","locations":[{"line":1,"column":35}],"path":["nullable","nonNullNest","throwsNonNull"],"extensions":{"code":"CUSTOM"}}],
             "data":{"nullable":null}}
            """, json);
    }

    [Fact]
    public async Task Async_non_null_errors_propagate_after_the_await()
    {
        var json = await CreateNullExecutor().RunAsync("{ nullable { sync nest { asyncNonNull } } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot return null for non-nullable field Data.asyncNonNull.","locations":[{"line":1,"column":26}],"path":["nullable","nest","asyncNonNull"]}],
             "data":{"nullable":{"sync":"sync","nest":null}}}
            """, json);
    }

    [Fact]
    public async Task An_async_root_non_null_error_nulls_the_data()
    {
        var json = await CreateNullExecutor().RunAsync("{ nullable { sync } asyncNonNull { sync } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot return null for non-nullable field Query.asyncNonNull.","locations":[{"line":1,"column":21}],"path":["asyncNonNull"]}],
             "data":null}
            """, json);
    }

    [Fact]
    public async Task Serializes_leaves_and_reports_values_they_cannot_represent()
    {
        var json = await CreateNullExecutor().RunAsync("{ strings notAList badInt goodInts enumValue }");

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Expected Iterable, but did not find one for field \"Query.notAList\".","locations":[{"line":1,"column":11}],"path":["notAList"]},
              {"message":"Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":20}],"path":["badInt"]},
              {"message":"Enum \"Color\" cannot represent value: \"BLUE\"","locations":[{"line":1,"column":36}],"path":["enumValue"]}],
             "data":{"strings":["a","1.5",null,"true"],"notAList":null,"badInt":null,"goodInts":[1,2,3,4],"enumValue":null}}
            """, json);
    }

    [Fact]
    public async Task Custom_is_of_type_checks_reject_values_of_other_types()
    {
        var executor = CreateNullExecutor(schema => schema.ConfigureDefinitions(context =>
            ((Graph.GraphQL.Configuration.ObjectTypeDefinition)context.FindType("Data")!).IsOfType = static (_, value) => value is string));

        var json = await executor.RunAsync("{ nullable { sync } }");

        Assert.Contains("Expected value of type \\\"Data\\\" but got: { sync: \\\"sync\\\", syncNonNull: null }.", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"nullable\":null}", json, StringComparison.Ordinal);
    }
}
