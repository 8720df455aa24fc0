using System.ComponentModel;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Configuration;

public class AttributeTests
{
    /// <summary>Something with a title.</summary>
    public interface ITitled
    {
        /// <summary>The title, from the interface.</summary>
        string Title { get; }
    }

    /// <summary>
    /// Holds <see cref="ITitled"/> things on
    /// <c>one</c> board.
    /// <para>Sorted by <see langword="null"/> first.</para>
    /// </summary>
    [GraphQLName("Shelf")]
    public sealed class BookShelf : ITitled
    {
        /// <inheritdoc/>
        public string Title => "Shelf";

        [GraphQLName("label")]
        public string Name => "";

        [GraphQLIgnore]
        public string Secret => "";

        [GraphQLDeprecated]
        public int Old => 0;

        [Obsolete]
        public int Older => 0;

        [GraphQLType(typeof(NonNullType<IdType>))]
        public int Code => 1;

        [GraphQLType("[String!]")]
        public object Anything => new[] { "a" };

        [GraphQLNonNullType]
        public string? Forced => "";

        [GraphQLNonNullType(ElementsNonNull = true)]
        public List<string?>? Items => [];

        [ID]
        public Guid Key => Guid.Empty;

        [ID]
        public List<int> Keys => [];

        /// <summary>Repeats <paramref name="value"/>.</summary>
        /// <param name="value">What to repeat.</param>
        public string Echo(
            [GraphQLName("text")] string value,
            [GraphQLDescription("How often.")] int times = 2,
            [GraphQLDeprecated("Not needed.")] string? old = null,
            [DefaultValue(Category.HardCover)] Category category = Category.Paperback,
            [ID] Guid? shelfId = null) => string.Concat(Enumerable.Repeat(value, times)) + category + shelfId;

        public void Clear()
        {
        }

        public Task RefreshAsync() => Task.CompletedTask;

        public string Generic<T>() => typeof(T).Name;
    }

    public enum Category
    {
        Paperback,
        HardCover,

        [GraphQLIgnore]
        Internal,

        [GraphQLName("E_BOOK")]
        [Obsolete("Print only.")]
        Electronic,
    }

    public sealed class Query
    {
        public BookShelf Shelf => new();

        public string Find(BookBy by) => by.Isbn ?? by.Id ?? "";

        public int Count(Filter? filter = null) => filter?.Limit ?? -1;

        public string Locate(Point point, Range? range = null) => $"{point.X},{point.Y}:{range?.From}-{range?.To}";
    }

    public struct Point
    {
        public int X { get; set; }

        public int Y { get; set; }
    }

    public sealed class Range
    {
        public required int From { get; init; }

        public int? To { get; init; }
    }

    /// <summary>Finds a book by one key.</summary>
    [OneOf]
    public sealed class BookBy
    {
        public string? Isbn { get; set; }

        [ID]
        public string? Id { get; set; }
    }

    public sealed class Filter
    {
        public Filter(string term) => Term = term;

        public string Term { get; }

        [DefaultValue(10)]
        public int Limit { get; set; } = 10;

        [GraphQLDeprecated("Use term.")]
        public string? Query { get; set; }

        public string Computed => Term + Limit;

        [GraphQLIgnore]
        public string? Hidden { get; set; }
    }

    private static ISchema Build() => SchemaBuilder.New().AddQueryType<Query>().Create();

    [Fact]
    public void Names_descriptions_deprecations_and_type_overrides_come_from_attributes()
    {
        var schema = Build();

        Assert.Equal(""""
            """
            Holds ITitled things on `one` board.

            Sorted by null first.
            """
            type Shelf {
              """The title, from the interface."""
              title: String!
              label: String!
              old: Int! @deprecated
              older: Int! @deprecated
              code: ID!
              anything: [String!]
              forced: String!
              items: [String!]!
              key: ID!
              keys: [ID!]!

              """Repeats value."""
              echo(
                """What to repeat."""
                text: String!

                """How often."""
                times: Int! = 2
                old: String @deprecated(reason: "Not needed.")
                category: Category! = HARD_COVER
                shelfId: ID
              ): String!
            }
            """", SchemaPrinter.PrintType(schema.GetType<ObjectType>("Shelf")));
    }

    [Fact]
    public void Enum_values_are_renamed_ignored_and_deprecated_by_attributes()
    {
        var schema = Build();

        Assert.Equal("""
            enum Category {
              PAPERBACK
              HARD_COVER
              E_BOOK @deprecated(reason: "Print only.")
            }
            """, SchemaPrinter.PrintType(schema.GetType<EnumType>("Category")));
#pragma warning disable CS0618 // the obsolete value is the point
        Assert.Equal(Category.Electronic, schema.GetType<EnumType>("Category").Values["E_BOOK"].RuntimeValue);
#pragma warning restore CS0618
    }

    [Fact]
    public void Input_objects_come_from_settable_properties_and_constructor_parameters()
    {
        var schema = Build();

        Assert.Equal(""""
            """Finds a book by one key."""
            input BookByInput @oneOf {
              isbn: String
              id: ID
            }
            """", SchemaPrinter.PrintType(schema.GetType<InputObjectType>("BookByInput")));
        Assert.Equal("""
            input FilterInput {
              term: String!
              limit: Int! = 10
              query: String @deprecated(reason: "Use term.")
            }
            """, SchemaPrinter.PrintType(schema.GetType<InputObjectType>("FilterInput")));
        Assert.True(schema.GetType<InputObjectType>("BookByInput").IsOneOf);
    }

    [Fact]
    public async Task Renamed_arguments_defaults_and_input_objects_reach_the_resolvers()
    {
        var schema = Build();
        var shelf = new BookShelf();

        var echo = await TestResolverContext.For(schema, "Shelf", "echo", shelf, new Dictionary<string, object?> { ["text"] = "ab" }).Resolve();
        var byId = await TestResolverContext.For(schema, "Query", "find", null, new Dictionary<string, object?> { ["by"] = new Dictionary<string, object?> { ["id"] = "42" } }).Resolve();
        var count = await TestResolverContext.For(schema, "Query", "count", null, new Dictionary<string, object?> { ["filter"] = new Dictionary<string, object?> { ["term"] = "x", ["limit"] = 3 } }).Resolve();
        var idArgument = await TestResolverContext.For(schema, "Shelf", "echo", shelf, new Dictionary<string, object?> { ["text"] = "a", ["times"] = 1, ["shelfId"] = "7f1d6a52-5b4e-4d1a-9b8e-6f1c2d3e4f50" }).Resolve();

        Assert.Equal("ababHardCover", echo);
        Assert.Equal("42", byId);
        Assert.Equal(3, count);
        Assert.Equal("aHardCover7f1d6a52-5b4e-4d1a-9b8e-6f1c2d3e4f50", idArgument);
    }

    [Fact]
    public async Task Structs_and_init_only_properties_make_input_objects()
    {
        var schema = Build();
        var arguments = new Dictionary<string, object?>
        {
            ["point"] = new Dictionary<string, object?> { ["x"] = 1, ["y"] = 2 },
            ["range"] = new Dictionary<string, object?> { ["from"] = 3 },
        };

        Assert.Equal("input PointInput {\n  x: Int!\n  y: Int!\n}", SchemaPrinter.PrintType(schema.GetType<InputObjectType>("PointInput")));
        Assert.Equal("input RangeInput {\n  from: Int!\n  to: Int\n}", SchemaPrinter.PrintType(schema.GetType<InputObjectType>("RangeInput")));
        Assert.Equal("1,2:3-", await TestResolverContext.For(schema, "Query", "locate", null, arguments).Resolve());
    }

    [Fact]
    public void Xml_documentation_can_be_turned_off()
    {
        var schema = SchemaBuilder.New().ModifyOptions(o => o.UseXmlDocumentation = false).AddQueryType<Query>().Create();

        var shelf = schema.GetType<ObjectType>("Shelf");
        Assert.Null(shelf.Description);
        Assert.Null(shelf.Fields["title"].Description);
        Assert.Equal("How often.", shelf.Fields["echo"].Arguments["times"].Description);
    }
}
