using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

public class ExtensionTests
{
    public sealed class Book
    {
        public string Title { get; init; } = "";

        public string AuthorId { get; init; } = "";

        public string InternalCode { get; init; } = "";
    }

    public sealed class Query
    {
        public Book Book => new() { Title = "Dune", AuthorId = "a1" };
    }

    [ExtendObjectType("Query")]
    public sealed class ReviewQueries
    {
        public int ReviewCount => 7;
    }

    [QueryType]
    public static class StatisticsQueries
    {
        public static int BookCount() => 3;
    }

    [MutationType]
    public static class BookMutations
    {
        public static bool RemoveBook(string id) => id.Length > 0;
    }

    [ExtendObjectType(typeof(Book), IgnoreProperties = [nameof(Book.AuthorId), "internalCode"])]
    public sealed class BookExtensions
    {
        // The parent binds by its CLR type without [Parent].
        public string Author(Book book) => "author of " + book.Title;
    }

    [ExtendObjectType<Book>]
    public static class BookStatistics
    {
        public static int TitleLength([Parent] Book book) => book.Title.Length;
    }

    [Fact]
    public void Extensions_merge_fields_into_root_and_object_types()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType<Query>()
            .AddTypeExtension<ReviewQueries>()
            .AddType(typeof(StatisticsQueries))
            .AddTypeExtension(typeof(BookMutations))
            .AddTypeExtension<BookExtensions>()
            .AddTypeExtension(typeof(BookStatistics))
            .Create();

        Assert.Equal("""
            type Query {
              book: Book!
              reviewCount: Int!
              bookCount: Int!
            }

            type Mutation {
              removeBook(id: String!): Boolean!
            }

            type Book {
              title: String!
              author: String!
              titleLength: Int!
            }
            """, SchemaPrinter.Print(schema));
    }

    [Fact]
    public async Task Extension_resolvers_receive_the_parent_and_run_on_their_class()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType<Query>()
            .AddTypeExtension<ReviewQueries>()
            .AddTypeExtension<BookExtensions>()
            .AddTypeExtension(typeof(BookStatistics))
            .Create();
        var book = new Book { Title = "Emma" };

        Assert.Equal("author of Emma", await TestResolverContext.For(schema, "Book", "author", book).Resolve());
        Assert.Equal(4, await TestResolverContext.For(schema, "Book", "titleLength", book).Resolve());
        Assert.Equal(7, await TestResolverContext.For(schema, "Query", "reviewCount", null).Resolve());
    }

    [Fact]
    public void Static_root_classes_create_the_root_types()
    {
        var schema = SchemaBuilder.New().AddTypes(typeof(StatisticsQueries), typeof(BookMutations)).Create();

        Assert.Equal("""
            type Query {
              bookCount: Int!
            }

            type Mutation {
              removeBook(id: String!): Boolean!
            }
            """, SchemaPrinter.Print(schema));
    }

    [Fact]
    public async Task Classes_extend_sdl_types()
    {
        var schema = SchemaBuilder.New()
            .AddDocumentFromString("""
                type Query {
                  hello: String
                }

                type Book {
                  title: String!
                  authorId: String
                }
                """)
            .BindRuntimeType<Book>("Book")
            .AddTypeExtension(typeof(StatisticsQueries))
            .AddTypeExtension<BookExtensions>()
            .Create();

        Assert.Equal("""
            type Query {
              hello: String
              bookCount: Int!
            }

            type Book {
              title: String!
              author: String!
            }
            """, SchemaPrinter.Print(schema));
        Assert.Equal("author of X", await TestResolverContext.For(schema, "Book", "author", new Book { Title = "X" }).Resolve());
    }

    [ExtendObjectType("Magazine")]
    public sealed class MagazineExtensions
    {
        public int Issue => 1;
    }

    [ExtendObjectType<Book>]
    public sealed class ConflictingBookExtensions
    {
        public string Title => "again";
    }

    [Fact]
    public void Extending_an_unknown_type_or_redefining_a_field_is_an_error()
    {
        var unknown = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddQueryType<Query>().AddTypeExtension<MagazineExtensions>().Create());
        var conflict = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddQueryType<Query>().AddTypeExtension<ConflictingBookExtensions>().Create());

        Assert.Equal(
            "Cannot extend the type \"Magazine\" with Graph.GraphQL.Tests.Configuration.ExtensionTests+MagazineExtensions: no type of that name is defined.",
            Assert.Single(unknown.Errors).Message);
        Assert.Equal(
            "The field Book.title of the extension ConflictingBookExtensions is already defined by Book.Title.",
            Assert.Single(conflict.Errors).Message);
    }

    [ExtendObjectType<Book>]
    public sealed class BookAuthorBinding
    {
        [BindMember(nameof(Book.AuthorId))]
        public string GetAuthor([Parent] Book book) => "author " + book.AuthorId;
    }

    [Fact]
    public async Task A_bound_resolver_stands_for_the_member_and_replaces_its_field()
    {
        var schema = SchemaBuilder.New().AddQueryType<Query>().AddTypeExtension<BookAuthorBinding>().Create();

        Assert.Equal("""
            type Book {
              title: String!
              internalCode: String!
              author: String!
            }
            """, SchemaPrinter.PrintType(schema.GetType<ObjectType>("Book")));
        var book = schema.GetType<ObjectType>("Book");
        Assert.Equal(typeof(Book).GetProperty(nameof(Book.AuthorId)), book.Fields["author"].Member);
        Assert.Equal(typeof(BookAuthorBinding).GetMethod(nameof(BookAuthorBinding.GetAuthor)), book.Fields["author"].ResolverMember);
        Assert.Equal(typeof(Book).GetProperty(nameof(Book.Title)), book.Fields["title"].Member);
        Assert.Null(book.Fields["title"].ResolverMember);
        Assert.Equal("author a1", await TestResolverContext.For(schema, "Book", "author", new Book { AuthorId = "a1" }).Resolve());
    }

    [ExtendObjectType<Book>]
    public sealed class MisboundBookExtensions
    {
        [BindMember("Publisher")]
        public string GetPublisher([Parent] Book book) => book.Title;
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class MisboundQueries
    {
        [BindMember("Books")]
        public int GetCount() => 0;
    }

    [Fact]
    public void Binding_to_a_member_the_type_lacks_is_an_error()
    {
        var missing = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddQueryType<Query>().AddTypeExtension<MisboundBookExtensions>().Create());
        var root = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddQueryType<Query>().AddTypeExtension<MisboundQueries>().Create());

        Assert.Equal(
            "[BindMember(\"Publisher\")] on the field Book.publisher: Book has no public instance property or field named Publisher.",
            Assert.Single(missing.Errors).Message);
        Assert.Equal(
            "[BindMember(\"Books\")] on the field Query.count: only fields of object types bound to a CLR type (and their extensions) can be bound to a member.",
            Assert.Single(root.Errors).Message);
    }

    [Fact]
    public void Only_extension_classes_are_accepted_as_extensions() =>
        Assert.Throws<ArgumentException>(() => SchemaBuilder.New().AddTypeExtension<Query>());
}
