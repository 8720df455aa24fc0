using System.Text.Json;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Introspection;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// graphql-js's <c>buildClientSchema</c> accepts our introspection result and prints exactly what our
/// <see cref="SchemaPrinter"/> prints; its <c>buildSchema</c> accepts our SDL and prints it back unchanged.
/// </summary>
public sealed class IntrospectionRoundTripTests
{
    public static TheoryData<string> Schemas => new() { nameof(KitchenSink), nameof(ValidationSchema), nameof(ComplexValidationSchema) };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task GraphQLJs_reads_our_introspection_as_our_SDL(string name)
    {
        var sdl = name switch
        {
            nameof(KitchenSink) => KitchenSink,
            nameof(ValidationSchema) => ValidationSchema.Sdl,
            _ => ComplexValidationSchema.Sdl,
        };
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddDocumentFromString(sdl);
        await using var provider = services.BuildServiceProvider();
        var executor = await provider.GetRequestExecutorAsync();

        await using var result = await executor.ExecuteAsync(IntrospectionQuery.Text);
        using var json = JsonDocument.Parse(result.ExpectOperationResult().ToJson());
        Assert.False(json.RootElement.TryGetProperty("errors", out var errors), errors.ToString());
        var printed = SchemaPrinter.Print(executor.Schema);

        var verdict = await GraphQLJs.JudgeAsync(printed, json.RootElement.GetProperty("data"));

        Assert.True(verdict.Ok, string.Join(Environment.NewLine, verdict.Problems) + Environment.NewLine + FirstDifference(printed, verdict.FromIntrospection));
    }

    private static string FirstDifference(string ours, string? theirs)
    {
        if (theirs is null)
        {
            return "";
        }
        var a = ours.TrimEnd().Split('\n');
        var b = theirs.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
            {
                return $"line {i + 1}: ours `{x}`, graphql-js `{y}`";
            }
        }
        return "";
    }

    /// <summary>Every type-system feature an introspection result can carry.</summary>
    private const string KitchenSink = """"
        """
        The kitchen-sink schema: every feature introspection can describe.
        """
        schema {
          query: Root
          mutation: Changes
          subscription: Events
        }

        "A repeatable directive with a default argument."
        directive @tag(name: String! = "default", weight: Float = 1.5) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | ENUM_VALUE

        directive @cached(seconds: Int = 60) on FIELD | QUERY

        """
        Money as a decimal, "never" a float.
          Indented line kept.
        """
        scalar Decimal

        scalar Payload @specifiedBy(url: "https://example.org/payload-spec")

        interface Node {
          id: ID!
        }

        interface Entity implements Node {
          id: ID!
          createdAt: String
        }

        type Root {
          node(id: ID!): Node
          search(text: String = "tontine\n\"Dakar\"", kinds: [Kind!] = [BOOK, AUTHOR], page: Page = {size: 10, after: null}): [SearchResult!]!
          legacy: String @deprecated
          old(flag: Boolean @deprecated(reason: "Use `filter`."), filter: Filter): Int @deprecated(reason: "Use `search`.")
          amount: Decimal
          payload: Payload
        }

        type Changes {
          addBook(input: AddBookInput!): Book
        }

        type Events {
          bookAdded: Book!
        }

        "A book of the catalog."
        type Book implements Entity & Node {
          id: ID!
          createdAt: String
          title: String!
          authors: [Author!]!
          matrix: [[Int]!]
        }

        type Author implements Entity & Node {
          id: ID!
          createdAt: String
          name: String!
        }

        union SearchResult = Book | Author

        enum Kind {
          BOOK
          AUTHOR
          "Readers are people too."
          READER @deprecated(reason: "No longer listed.")
        }

        input Page {
          size: Int! = 10
          after: String
        }

        input Filter @oneOf {
          byTitle: String
          byAuthor: ID
        }

        input AddBookInput {
          title: String!
          price: Decimal = 0
          tags: [String!] = []
          legacyCode: String @deprecated(reason: "Codes are gone.")
        }
        """";
}
