using Graph.GraphQL.Configuration;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Configuration;

public class SchemaBuildErrorTests
{
    private static IReadOnlyList<string> Errors(Func<SchemaBuilder, SchemaBuilder> configure) =>
        Assert.Throws<SchemaException>(() => configure(SchemaBuilder.New()).Create()).Errors.Select(e => e.Message).ToList();

    public sealed class ObjectQuery
    {
        public object GetThing() => new();
    }

    [Fact]
    public void A_method_returning_object_names_the_field_and_the_fix() =>
        Assert.Equal(
            ["Cannot infer the GraphQL type of the field Query.thing: System.Object has no GraphQL type. Return a concrete type, or set the type with [GraphQLType] or the descriptor's Type<T>()."],
            Errors(b => b.AddQueryType<ObjectQuery>()));

    public static class Shop
    {
        public sealed class Item
        {
            public string Name => "";
        }
    }

    public static class Warehouse
    {
        public sealed class Item
        {
            public int Stock => 0;
        }
    }

    public sealed class ClashQuery
    {
        public Shop.Item ShopItem => new();

        public Warehouse.Item StockItem => new();
    }

    [Fact]
    public void Two_clr_types_with_one_graphql_name_clash() =>
        Assert.Equal(
            ["The GraphQL type name \"Item\" is used by both the CLR type Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+Shop+Item and the CLR type Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+Warehouse+Item. Rename one with [GraphQLName] or the descriptor's Name()."],
            Errors(b => b.AddQueryType<ClashQuery>()));

    public sealed class ItemQuery
    {
        public Shop.Item Item => new();
    }

    [Fact]
    public void Clr_types_clash_with_sdl_types_of_another_kind_or_of_the_same_name()
    {
        Assert.Equal(
            ["the CLR type Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+Shop+Item is inferred as the object type \"Item\", but \"Item\" is already defined as enum."],
            Errors(b => b.AddDocumentFromString("enum Item { A }").AddQueryType<ItemQuery>()));
        Assert.Equal(
            ["There can be only one type named \"Query\": the CLR type Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+ItemQuery redefines it."],
            Errors(b => b.AddDocumentFromString("type Query { a: Int }").AddQueryType<ItemQuery>()));
    }

    public interface IShape
    {
        double Area { get; }
    }

    public sealed class UnsupportedQuery
    {
        public Dictionary<string, int> Counts => [];

        public IShape? Shape => null;

        public System.Collections.ArrayList Untyped => [];

        public TimeSpan Duration => TimeSpan.Zero;

        public string Find(IShape shape) => shape.Area.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public Task Fire() => Task.CompletedTask;
    }

    [Fact]
    public void Types_without_graphql_equivalent_are_reported_with_a_fix() =>
        Assert.Equal(
            [
                "Cannot infer the GraphQL type of the field Query.counts: System.Collections.Generic.Dictionary<String, Int32> is a dictionary, which GraphQL cannot type. Use a list of objects, the JSON scalar ([GraphQLType(\"JSON\")]), or set the type explicitly.",
                "Cannot infer the GraphQL type of the field Query.shape: Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+IShape is abstract. Mark it [InterfaceType] or [UnionType], register it with AddType<IShape>(), or return a concrete type.",
                "Cannot infer the GraphQL type of the field Query.untyped: System.Collections.ArrayList is an untyped collection. Use IEnumerable<T> or set the type explicitly.",
                "Cannot infer the GraphQL type of the field Query.duration: System.TimeSpan has no GraphQL type. Register a scalar whose RuntimeType is TimeSpan, or set the type with [GraphQLType] or the descriptor's Type<T>().",
                "Cannot infer the GraphQL type of the argument Query.find(shape:): Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+IShape is abstract and cannot be an input type. Use a concrete class or record; for a service, mark the parameter [Service] or register the type with RegisterService or AddServiceDetection.",
            ],
            Errors(b => b.AddQueryType<UnsupportedQuery>()));

    public sealed class DuplicateQuery
    {
        public string Books => "";

        public string GetBooks() => "";
    }

    [Fact]
    public void Two_members_with_one_field_name_are_reported() =>
        Assert.Equal(
            ["The field Query.books is defined twice: by DuplicateQuery.Books and by DuplicateQuery.GetBooks(). Rename one with [GraphQLName] or ignore it."],
            Errors(b => b.AddQueryType<DuplicateQuery>()));

    [UnionType]
    public interface ISearchable;

    public sealed class SearchQuery
    {
        public ISearchable? Find => null;
    }

    [Fact]
    public void A_union_without_implementations_says_how_to_add_them() =>
        Assert.Equal(
            ["The union Searchable has no member types: no object type of the schema has a CLR type implementing Graph.GraphQL.Tests.Configuration.SchemaBuildErrorTests+ISearchable. Register the implementations with AddType<T>()."],
            Errors(b => b.AddQueryType<SearchQuery>()));

    [Fact]
    public void Code_first_types_need_a_name_and_a_type()
    {
        Assert.Equal(
            ["The name of the code-first type ObjectType is missing: call descriptor.Name(...) in its configuration."],
            Errors(b => b.AddQueryType(d => d.Field("a").Type<IntType>()).AddType(new ObjectType(d => d.Field("b").Type<IntType>()))));
        Assert.Equal(
            ["Cannot infer the GraphQL type of the field Query.a: set it with Type<T>() or use a typed resolver."],
            Errors(b => b.AddQueryType(d => d.Field("a").Resolve(Untyped))));
        Assert.Equal(
            ["Cannot infer the GraphQL type of the argument Query.a(n:): set it with Type<T>()."],
            Errors(b => b.AddQueryType(d => d.Field("a").Type<IntType>().Argument("n", a => a.Description("no type")))));
    }

    private static ValueTask<object?> Untyped(Graph.GraphQL.Resolvers.IResolverContext context) => ValueTask.FromResult<object?>(1);

    [Fact]
    public void Default_values_that_do_not_fit_the_type_are_reported() =>
        Assert.Equal(
            ["The default value of the argument Query.a(n:) cannot be written as Int: Int cannot represent non-integer value: \"many\""],
            Errors(b => b.AddQueryType(d => d.Field("a").Type<IntType>().Argument("n", a => a.Type<IntType>().DefaultValue("many")))));

    [Fact]
    public void Type_syntax_errors_surface_when_the_configuration_runs()
    {
        var builder = SchemaBuilder.New().AddQueryType(d => d.Field("a").Type("[Int"));

        var error = Assert.Throws<Graph.GraphQL.Language.GraphQLSyntaxException>(() => builder.Create());

        Assert.Contains("Expected", error.Message, StringComparison.Ordinal);
    }
}
