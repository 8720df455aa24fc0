using Graph.GraphQL.Configuration;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using static Graph.GraphQL.Tests.Types.Relay.RelayLibrary;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary>What global object identification adds to the printed schema, and the mistakes it reports while building.</summary>
public sealed class RelaySchemaTests
{
    [Fact]
    public async Task Prints_the_node_interface_the_node_fields_and_the_node_types()
    {
        var (executor, _) = await RelayTestServer.CreateAsync();

        Assert.Equal(""""
            """An object with a globally unique ID, which node(id:) fetches again."""
            interface Node {
              """The globally unique ID of the object."""
              id: ID!
            }

            type Query {
              shelf: Shelf!
              authorName(authorId: ID!): String
              anything(id: ID!): String
              findBooks(input: BooksByInput!): [String!]!

              """
              Fetches the object with the given global ID; null when it does not exist.
              """
              node(
                """The global ID of the object."""
                id: ID!
              ): Node

              """
              Fetches the objects with the given global IDs, in order; null for each one that does not exist. At most 50 IDs.
              """
              nodes(
                """The global IDs of the objects."""
                ids: [ID!]!
              ): [Node]!
            }

            type Book implements Node {
              id: ID!
              title: String!
              authorId: ID!
            }

            type Author implements Node {
              id: ID!
              name: String!
            }

            type Tag implements Node {
              id: ID!
            }

            type Shelf {
              name: String!
            }

            input BooksByInput {
              authorId: ID
              bookIds: [ID!]
            }
            """", SchemaPrinter.Print(executor.Schema).Trim());
    }

    [Fact]
    public void A_node_type_without_global_object_identification_is_a_schema_error()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New().RegisterService<Store>().AddQueryType<Query>().AddType<Author>().AddTypeExtension<AuthorNode>().Create());

        Assert.Contains("The type Author is a node type, but the schema has no Node interface: call AddGlobalObjectIdentification().", error.Message);
    }

    [Node]
    public sealed class Orphan
    {
        public int Id { get; init; }
    }

    [Fact]
    public void A_node_type_without_node_resolver_is_a_schema_error()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New()
            .RegisterService<Store>()
            .AddQueryType<Query>()
            .AddType<Orphan>()
            .AddGlobalObjectIdentification(new DefaultNodeIdSerializer())
            .Create());

        Assert.Contains("The node type Orphan has no node resolver", error.Message);
    }

    [Fact]
    public void Without_global_object_identification_the_schema_has_no_node_fields()
    {
        var schema = SchemaBuilder.New().RegisterService<Store>().AddQueryType<Query>().Create();

        Assert.False(schema.TryGetType("Node", out _));
        Assert.DoesNotContain("node(", SchemaPrinter.Print(schema), StringComparison.Ordinal);
    }
}
