using Graph.GraphQL.Configuration;
using Graph.GraphQL.Tests.Snapshots;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

public class SchemaPrinterTests
{
    private static string RoundTrip(string sdl) => SchemaPrinter.Print(SchemaBuilder.New().AddDocumentFromString(sdl).Create());

    [Fact]
    public void Round_trips_a_schema_in_printed_form()
    {
        const string sdl = """"
            """Marks things for the tests."""
            directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION

            directive @cost(
              """The weight of the field."""
              weight: Int = 1
            ) on FIELD_DEFINITION

            """A node with an ID."""
            interface Node {
              id: ID!
            }

            interface Named implements Node {
              id: ID!
              name(upper: Boolean = false): String
            }

            """
            The root type.
            It has two lines.
            """
            type Query {
              """The node with this ID."""
              node(id: ID!): Node
              search(
                """What to look for."""
                text: String!

                """How many results, at most."""
                first: Int = 10
              ): [SearchResult!]!
              old: String @deprecated
              older: String @deprecated(reason: "Use `node`.")
              color(default: Color = RED, filter: Filter = {colors: [RED, BLUE], name: "x"}): Color
              when: DateTime
            }

            type User implements Named & Node {
              id: ID!
              name(upper: Boolean = false): String
            }

            union SearchResult = User | Query

            enum Color {
              """Warm."""
              RED

              """Cold."""
              BLUE @deprecated(reason: "Too cold.")
              GREEN @deprecated
            }

            input Filter {
              colors: [Color!] = [RED]
              name: String
              legacy: String @deprecated(reason: "Unused.")
            }

            input Pick @oneOf {
              id: ID
              name: String
            }

            scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

            scalar Custom
            """";

        Assert.Equal(sdl, RoundTrip(sdl));
    }

    [Fact]
    public void Prints_the_schema_block_only_for_uncommon_root_names_or_a_description()
    {
        const string custom = """
            schema {
              query: Root
              mutation: Change
            }

            type Root {
              a: Int
            }

            type Change {
              b: Int
            }
            """;
        Assert.Equal(custom, RoundTrip(custom));

        const string described = """"
            """The schema."""
            schema {
              query: Query
            }

            type Query {
              a: Int
            }
            """";
        Assert.Equal(described, RoundTrip(described));

        Assert.Equal("type Query {\n  a: Int\n}", RoundTrip("schema { query: Query } type Query { a: Int }"));
    }

    [Fact]
    public void Normalizes_descriptions_defaults_and_extensions()
    {
        const string input = """"
            type Query {
              "short"
              a(x: String = """block"""): Int
            }

            extend type Query {
              b: [Int] @deprecated(reason: "No longer supported")
            }
            """";
        const string expected = """"
            type Query {
              """short"""
              a(x: String = "block"): Int
              b: [Int] @deprecated
            }
            """";
        Assert.Equal(expected, RoundTrip(input));
    }

    [Fact]
    public void Indents_multi_line_descriptions_and_quotes_those_a_block_string_cannot_hold()
    {
        const string sdl = """"
            type Query {
              a: Int

              """
              Line one
                indented line two
              """
              b(
                """
                Argument line one
                Argument line two
                """
                x: Int
              ): Int

              "\nstarts with a line break"
              c: Int
            }
            """";

        Assert.Equal(sdl, RoundTrip(sdl));
    }

    [Fact]
    public void Prints_the_validation_schema()
    {
        var printed = SchemaPrinter.Print(ValidationSchema.Schema);
        Assert.Equal(ValidationSchema.Sdl, printed);
        Snapshot.Match(printed);
    }
}
