using Graph.GraphQL.Configuration;
using Graph.GraphQL.Introspection;
using Graph.GraphQL.Tests.Snapshots;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Introspection;

public class IntrospectionTests
{
    private static readonly ISchema Schema = SchemaBuilder.New().AddDocumentFromString("""
        "The test schema."
        schema { query: Query }

        type Query implements Node {
          id: ID!
          old: String @deprecated(reason: "Use id.")
          search(text: String = "x", legacy: Int @deprecated, filter: Filter = {kind: A}): [Node]
          when: DateTime
        }

        interface Node {
          id: ID!
        }

        enum Kind {
          A
          B @deprecated
        }

        input Filter {
          kind: Kind
          old: Int @deprecated(reason: "Gone.")
        }

        input Pick @oneOf {
          a: Int
          b: String
        }

        scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")
        """).Create();

    private static Dictionary<string, object?> Map(object? value) => Assert.IsType<Dictionary<string, object?>>(value);

    private static List<object?> List(object? value) => Assert.IsType<List<object?>>(value);

    [Fact]
    public void Full_introspection_of_the_validation_schema() =>
        Snapshot.Match(IntrospectionRunner.Run(ValidationSchema.Schema, IntrospectionQuery.Text));

    [Fact]
    public void Schema_lists_types_in_schema_order_with_referenced_built_ins_and_introspection_types()
    {
        var result = IntrospectionRunner.Run(Schema, "{ __schema { description types { name } directives { name } } }");
        var schema = Map(result["__schema"]);

        Assert.Equal("The test schema.", schema["description"]);
        Assert.Equal(
            [
                "Query", "ID", "String", "Int", "Node", "Kind", "Filter", "Pick", "DateTime", "Boolean",
                "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
            ],
            List(schema["types"]).Select(t => Map(t)["name"]));
        Assert.Equal(["include", "skip", "deprecated", "specifiedBy", "oneOf"], List(schema["directives"]).Select(d => Map(d)["name"]));
    }

    [Fact]
    public void Deprecated_members_are_hidden_unless_asked_for()
    {
        var result = IntrospectionRunner.Run(Schema, """
            {
              query: __type(name: "Query") {
                fields { name }
                all: fields(includeDeprecated: true) { name isDeprecated deprecationReason }
              }
              search: __type(name: "Query") { fields { name args { name } allArgs: args(includeDeprecated: true) { name isDeprecated } } }
              kind: __type(name: "Kind") { enumValues { name } all: enumValues(includeDeprecated: true) { name deprecationReason } }
              filter: __type(name: "Filter") { inputFields { name } all: inputFields(includeDeprecated: true) { name deprecationReason } }
            }
            """);

        var query = Map(result["query"]);
        Assert.Equal(["id", "search", "when"], List(query["fields"]).Select(f => Map(f)["name"]));
        var old = Map(List(query["all"])[1]);
        Assert.Equal(true, old["isDeprecated"]);
        Assert.Equal("Use id.", old["deprecationReason"]);

        var search = Map(List(Map(result["search"])["fields"])[1]);
        Assert.Equal(["text", "filter"], List(search["args"]).Select(a => Map(a)["name"]));
        Assert.Equal(["text", "legacy", "filter"], List(search["allArgs"]).Select(a => Map(a)["name"]));

        var kind = Map(result["kind"]);
        Assert.Equal(["A"], List(kind["enumValues"]).Select(v => Map(v)["name"]));
        Assert.Equal("No longer supported", Map(List(kind["all"])[1])["deprecationReason"]);

        var filter = Map(result["filter"]);
        Assert.Equal(["kind"], List(filter["inputFields"]).Select(v => Map(v)["name"]));
        Assert.Equal("Gone.", Map(List(filter["all"])[1])["deprecationReason"]);
    }

    [Fact]
    public void Type_details_follow_the_kind()
    {
        var result = IntrospectionRunner.Run(Schema, """
            {
              pick: __type(name: "Pick") { kind isOneOf fields { name } specifiedByURL }
              filter: __type(name: "Filter") { isOneOf }
              query: __type(name: "Query") { kind isOneOf interfaces { name } possibleTypes { name } inputFields { name } }
              node: __type(name: "Node") { kind possibleTypes { name } interfaces { name } }
              date: __type(name: "DateTime") { kind specifiedByURL }
              int: __type(name: "Int") { kind specifiedByURL description }
              missing: __type(name: "Nope") { name }
              __typename
            }
            """);

        Assert.Equal(new Dictionary<string, object?> { ["kind"] = "INPUT_OBJECT", ["isOneOf"] = true, ["fields"] = null, ["specifiedByURL"] = null }, Map(result["pick"]));
        Assert.Equal(false, Map(result["filter"])["isOneOf"]);
        var query = Map(result["query"]);
        Assert.Equal("OBJECT", query["kind"]);
        Assert.Null(query["isOneOf"]);
        Assert.Null(query["possibleTypes"]);
        Assert.Null(query["inputFields"]);
        Assert.Equal(["Node"], List(query["interfaces"]).Select(i => Map(i)["name"]));
        var node = Map(result["node"]);
        Assert.Equal("INTERFACE", node["kind"]);
        Assert.Equal(["Query"], List(node["possibleTypes"]).Select(i => Map(i)["name"]));
        Assert.Empty(List(node["interfaces"]));
        Assert.Equal("https://scalars.graphql.org/andimarek/date-time", Map(result["date"])["specifiedByURL"]);
        Assert.Null(Map(result["int"])["specifiedByURL"]);
        Assert.StartsWith("The `Int` scalar type", (string)Map(result["int"])["description"]!, StringComparison.Ordinal);
        Assert.Null(result["missing"]);
        Assert.Equal("Query", result["__typename"]);
    }

    [Fact]
    public void Default_values_and_wrapped_types_are_described()
    {
        var result = IntrospectionRunner.Run(Schema, """
            {
              __type(name: "Query") {
                fields(includeDeprecated: true) {
                  name
                  type { kind name ofType { kind name ofType { kind name } } }
                  args(includeDeprecated: true) { name defaultValue }
                }
              }
            }
            """);

        var fields = List(Map(result["__type"])["fields"]).Select(Map).ToList();
        var id = fields[0];
        Assert.Equal(new Dictionary<string, object?> { ["kind"] = "NON_NULL", ["name"] = null, ["ofType"] = new Dictionary<string, object?> { ["kind"] = "SCALAR", ["name"] = "ID", ["ofType"] = null } }, Map(id["type"]));
        var args = List(fields[2]["args"]).Select(Map).ToList();
        Assert.Equal("\"x\"", args[0]["defaultValue"]);
        Assert.Null(args[1]["defaultValue"]);
        Assert.Equal("{kind: A}", args[2]["defaultValue"]);
    }

    [Fact]
    public void Meta_fields_are_marked_and_typed()
    {
        Assert.True(Schema.SchemaField.IsIntrospectionField);
        Assert.Equal("__Schema!", Schema.SchemaField.Type.Print());
        Assert.Equal("__Type", Schema.TypeField.Type.Print());
        Assert.Equal("String!", Schema.TypeNameField.Type.Print());
        Assert.DoesNotContain(Schema.QueryType.Fields, f => f.Name.StartsWith("__", StringComparison.Ordinal));
    }
}
