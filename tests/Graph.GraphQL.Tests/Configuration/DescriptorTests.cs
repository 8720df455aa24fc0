using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Configuration;

public class DescriptorTests
{
    public sealed class Book
    {
        public string Title { get; init; } = "";

        public string Secret { get; init; } = "";

        public int Pages { get; init; }

        public string Describe(string prefix) => prefix + Title;
    }

    [Fact]
    public async Task A_non_generic_object_type_is_described_by_a_lambda()
    {
        var schema = SchemaBuilder.New()
            .AddType(new ObjectType(d => d.Name("Query").Field("hello").Type<StringType>().Resolve("world")))
            .Create();

        Assert.Equal("""
            type Query {
              hello: String
            }
            """, SchemaPrinter.Print(schema));
        Assert.Equal("world", await TestResolverContext.For(schema, "Query", "hello", null).Resolve());
        Assert.NotNull(schema.QueryType.Fields["hello"].PureResolver);
    }

    [Fact]
    public async Task Generic_object_types_configure_inferred_fields_and_add_computed_ones()
    {
        var bookType = new ObjectType<Book>(d =>
        {
            d.Description("A book.");
            d.Field(b => b.Title).Type<NonNullType<StringType>>().Description("The title.");
            d.Ignore(b => b.Secret);
            d.Field(b => b.Pages).Name("pageCount");
            d.Field(b => b.Describe(default!)).Argument("prefix", a => a.Description("Put first.").DefaultValue("> "));
            d.Field("doubled")
                .Type<IntType>()
                .Argument("n", a => a.Type<IntType>().DefaultValue(1))
                .Resolve(context => context.ArgumentValue<int>("n") * 2 * context.Parent<Book>().Pages);
        });
        var schema = SchemaBuilder.New()
            .AddQueryType(d => d.Field("book").Type<Book>().Resolve(new Book { Title = "Dune", Pages = 3 }))
            .AddType(bookType)
            .Create();

        Assert.Equal(""""
            type Query {
              book: Book
            }

            """A book."""
            type Book {
              """The title."""
              title: String!
              pageCount: Int!
              describe(
                """Put first."""
                prefix: String! = "> "
              ): String!
              doubled(n: Int = 1): Int
            }
            """", SchemaPrinter.Print(schema));
        var book = new Book { Title = "Dune", Pages = 3 };
        Assert.Equal(12, await TestResolverContext.For(schema, "Book", "doubled", book, new Dictionary<string, object?> { ["n"] = 2 }).Resolve());
        Assert.Equal("> Dune", await TestResolverContext.For(schema, "Book", "describe", book).Resolve());
        Assert.Equal(3, await TestResolverContext.For(schema, "Book", "pageCount", book).Resolve());
    }

    public sealed class BookType : ObjectType<Book>
    {
        protected override void Configure(IObjectTypeDescriptor<Book> descriptor)
        {
            descriptor.Name("Volume").BindFieldsExplicitly();
            descriptor.Field(b => b.Title);
            descriptor.Field("shout").Resolve(context => context.Parent<Book>().Title.ToUpperInvariant());
            descriptor.Field("later").Resolve(async context =>
            {
                await Task.Yield();
                return context.Parent<Book>().Pages;
            });
        }
    }

    public sealed class Query
    {
        public Book GetBook() => new() { Title = "Emma", Pages = 5 };
    }

    [Fact]
    public async Task A_registered_type_class_is_the_type_of_its_clr_type_and_infers_resolver_result_types()
    {
        var schema = SchemaBuilder.New().AddQueryType<Query>().AddType<BookType>().Create();

        Assert.Equal("""
            type Query {
              book: Volume!
            }

            type Volume {
              title: String!
              shout: String
              later: Int!
            }
            """, SchemaPrinter.Print(schema));
        var book = new Book { Title = "Emma", Pages = 5 };
        Assert.Equal("EMMA", await TestResolverContext.For(schema, "Volume", "shout", book).Resolve());
        Assert.Equal(5, await TestResolverContext.For(schema, "Volume", "later", book).Resolve());
    }

    public interface INamed
    {
        string Name { get; }
    }

    public sealed class Person : INamed
    {
        public string Name { get; init; } = "";

        public int Age { get; init; }
    }

    public sealed class NamedType : InterfaceType<INamed>
    {
        protected override void Configure(IInterfaceTypeDescriptor<INamed> descriptor) => descriptor.Description("Has a name.");
    }

    public sealed class PeopleQuery
    {
        public INamed Someone => new Person { Name = "Ada" };

        public Person Person => new() { Name = "Grace" };
    }

    [Fact]
    public void Interface_types_come_from_clr_interfaces_and_lambdas()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType<PeopleQuery>()
            .AddType<NamedType>()
            .AddType(new InterfaceType(d => d.Name("Aged").Field("age").Type<NonNullType<IntType>>()))
            .AddType(new ObjectType<Person>(d => d.Implements("Aged")))
            .Create();

        Assert.Equal(""""
            type Query {
              someone: Named!
              person: Person!
            }

            """Has a name."""
            interface Named {
              name: String!
            }

            interface Aged {
              age: Int!
            }

            type Person implements Aged & Named {
              name: String!
              age: Int!
            }
            """", SchemaPrinter.Print(schema));
    }

    public enum Color
    {
        Red,
        Green,
        Blue,
    }

    public sealed record Paint(Color Color, string Name, int Coats = 1)
    {
        public string? Note { get; init; }
    }

    [Fact]
    public void Input_enum_and_union_types_are_described_in_code()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType(d =>
            {
                d.Field("paint").Type<StringType>().Argument("input", a => a.Type<NonNullType<InputObjectType<Paint>>>()).Resolve("ok");
                d.Field("pick").Type<StringType>().Argument("by", a => a.Type<PickInput>()).Resolve("ok");
                d.Field("mood").Type<MoodType>().Resolve("HAPPY");
                d.Field("any").Type<AnyType>().Resolve(null as object);
            })
            .AddType(new EnumType<Color>(d =>
            {
                d.Name("Colour");
                d.Value(Color.Red).Name("ROUGE").Description("Warm.");
                d.Value(Color.Blue).Ignore();
            }))
            .AddType(new InputObjectType<Paint>(d =>
            {
                d.Field(p => p.Name).Name("label").Description("What it is called.");
                d.Ignore(p => p.Note);
            }))
            .Create();

        Assert.Equal(""""
            type Query {
              paint(input: PaintInput!): String
              pick(by: PickInput): String
              mood: Mood
              any: Any
            }

            enum Colour {
              """Warm."""
              ROUGE
              GREEN
            }

            input PaintInput {
              color: Colour!

              """What it is called."""
              label: String!
              coats: Int! = 1
            }

            input PickInput @oneOf {
              index: Int
              name: String
            }

            enum Mood {
              HAPPY
              GRUMPY @deprecated(reason: "Cheer up.")
            }

            union Any = Query
            """", SchemaPrinter.Print(schema));
        Assert.Equal("GREEN", schema.GetType<EnumType>("Colour").Values.Single(v => Equals(v.RuntimeValue, Color.Green)).Name);
    }

    private sealed class PickInput : InputObjectType
    {
        protected override void Configure(IInputObjectTypeDescriptor descriptor)
        {
            descriptor.Name("PickInput").OneOf();
            descriptor.Field("index").Type<IntType>();
            descriptor.Field("name").Type("String");
        }
    }

    private sealed class MoodType : EnumType
    {
        protected override void Configure(IEnumTypeDescriptor descriptor)
        {
            descriptor.Name("Mood");
            descriptor.Value("happy");
            descriptor.Value("grumpy").Deprecated("Cheer up.");
        }
    }

    private sealed class AnyType : UnionType
    {
        protected override void Configure(IUnionTypeDescriptor descriptor) => descriptor.Name("Any").Type("Query");
    }

    [Fact]
    public void Code_first_types_can_use_type_nodes_and_directives()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType(d => d
                .Field("old")
                .Type(new NonNullTypeNode(new NamedTypeNode("Int")))
                .Directive("deprecated", new ArgumentNode("reason", new StringValueNode("Gone.")))
                .Resolve(1))
            .Create();

        Assert.Equal("Gone.", schema.QueryType.Fields["old"].DeprecationReason);
        Assert.Equal("Int!", schema.QueryType.Fields["old"].Type.Print());
    }

    public sealed class QueryType : ObjectType<Query>
    {
        protected override void Configure(IObjectTypeDescriptor<Query> descriptor) => descriptor.Description("The root.");
    }

    public sealed class Titled
    {
        public string Title => "t";
    }

    [Fact]
    public async Task A_type_registered_under_a_root_name_resolves_like_a_root_type()
    {
        var schema = SchemaBuilder.New().AddType<QueryType>().Create();

        Assert.Equal("Query", schema.QueryType.Name);
        Assert.Equal("Emma", Assert.IsType<Book>(await TestResolverContext.For(schema, "Query", "book", null).Resolve()).Title);
    }

    [Fact]
    public void Fields_declared_by_name_configure_the_member_field_of_that_name()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType(d => d.Field("titled").Type<Titled>().Resolve(new Titled()))
            .AddType(new ObjectType<Titled>(d => d.Field("title").Description("Configured by name.")))
            .Create();

        var field = schema.GetType<ObjectType>("Titled").Fields["title"];
        Assert.Equal("Configured by name.", field.Description);
        Assert.Equal("String!", field.Type.Print());
    }

    [Fact]
    public void One_configuration_instance_serves_several_builders()
    {
        var query = new ObjectType(d => d.Name("Query").Field("n").Type<IntType>().Resolve(1));

        var first = SchemaBuilder.New().AddType(query).Create();
        var second = SchemaBuilder.New().AddType(query).Create();

        Assert.NotSame(first.QueryType, second.QueryType);
        Assert.Equal(SchemaPrinter.Print(first), SchemaPrinter.Print(second));
    }

    [Fact]
    public void Explicit_binding_can_be_the_default()
    {
        var schema = SchemaBuilder.New()
            .ModifyOptions(o => o.DefaultBindingBehavior = BindingBehavior.Explicit)
            .AddQueryType(new ObjectType<Query>(d => d.Field(q => q.GetBook())))
            .AddType(new ObjectType<Book>(d => d.Field(b => b.Pages)))
            .Create();

        Assert.Equal("""
            type Query {
              book: Book!
            }

            type Book {
              pages: Int!
            }
            """, SchemaPrinter.Print(schema));
    }

    [Fact]
    public void Configurations_of_built_schemas_are_rejected()
    {
        var schema = SchemaBuilder.New().AddQueryType(d => d.Field("a").Resolve(1)).Create();

        Assert.Throws<ArgumentException>(() => SchemaBuilder.New().AddType(schema.QueryType));
        Assert.Throws<ArgumentException>(() => SchemaBuilder.New().AddQueryType(schema.QueryType));
    }
}
