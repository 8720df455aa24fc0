using Graph.GraphQL.Introspection;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Tests.Snapshots;
using Graph.GraphQL.Tests.TestSchemas;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>Introspection through the executor: the full introspection query and the meta fields.</summary>
public class IntrospectionTests
{
    private const string Sdl = """
        "The schema of the snapshot."
        schema { query: Query mutation: Mutation }

        "The root."
        type Query {
          "A node by id."
          node(id: ID!): Node
          search(filter: SearchFilter, first: Int = 10 @deprecated(reason: "Use paging.")): [SearchResult!]!
          old: String @deprecated
        }

        type Mutation { rename(id: ID!, name: String!): Named }

        interface Node { id: ID! }

        interface Named { name: String }

        type User implements Node & Named { id: ID! name: String role: Role! }

        type Team implements Node & Named { id: ID! name: String members: [[User!]]! }

        union SearchResult = User | Team

        enum Role { ADMIN USER GUEST @deprecated(reason: "Gone.") }

        input SearchFilter { text: String = "*" roles: [Role!] = [ADMIN] legacy: Boolean @deprecated }

        input ById @oneOf { id: ID name: String }

        scalar Cursor @specifiedBy(url: "https://example.com/cursor")

        "Caches a field."
        directive @cached(ttl: Int = 60) repeatable on FIELD | QUERY
        """;

    [Fact]
    public async Task Executes_the_full_introspection_query()
    {
        var executor = TestServer.Create(Sdl);

        await using var result = await executor.ExecuteAsync(IntrospectionQuery.Text);
        var operationResult = result.ExpectOperationResult();

        Assert.Null(operationResult.Errors);
        using var document = JsonDocument.Parse(operationResult.ToJson());
        var schema = document.RootElement.GetProperty("data").GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, schema.GetProperty("subscriptionType").ValueKind);
        Snapshot.Match(operationResult.ToJson(indented: true));
    }

    [Fact]
    public async Task Answers_type_and_typename_meta_fields()
    {
        var executor = TestServer.Create(Sdl, b => b.AddResolver("Query", "search", _ => new object[]
        {
            new Dictionary<string, object?> { ["__typename"] = "User", ["id"] = "1", ["name"] = "Ann" },
            new Dictionary<string, object?> { ["__typename"] = "Team", ["id"] = "2", ["name"] = "Core" },
        }));

        var json = await executor.RunAsync("""
            {
              __typename
              role: __type(name: "Role") { kind enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }
              missing: __type(name: "Nope") { name }
              search { __typename ... on Named { name } }
            }
            """);

        JsonAssert.Equal("""
            {"data":{
              "__typename":"Query",
              "role":{"kind":"ENUM","enumValues":[{"name":"ADMIN"},{"name":"USER"}],
                      "all":[{"name":"ADMIN","isDeprecated":false,"deprecationReason":null},{"name":"USER","isDeprecated":false,"deprecationReason":null},{"name":"GUEST","isDeprecated":true,"deprecationReason":"Gone."}]},
              "missing":null,
              "search":[{"__typename":"User","name":"Ann"},{"__typename":"Team","name":"Core"}]}}
            """, json);
    }
}
