using Graph.GraphQL.Configuration;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

/// <summary>SDL, annotated classes and code-first descriptors in one builder.</summary>
public class MixedSourcesTests
{
    public sealed class Author
    {
        public string Name { get; init; } = "";
    }

    public sealed class Review
    {
        public int Stars { get; init; }

        public string Secret { get; init; } = "";
    }

    public sealed class Book
    {
        public string Title { get; init; } = "";

        public string Isbn { get; init; } = "";

        public Author Author { get; init; } = new();

        public IReadOnlyList<Review> Reviews { get; init; } = [];
    }

    [ExtendObjectType("Query")]
    public sealed class BookQueries
    {
        public IReadOnlyList<Book> GetBooks() =>
            [new Book { Title = "Emma", Isbn = "978", Author = new Author { Name = "Jane Austen" }, Reviews = [new Review { Stars = 5 }] }];
    }

    private const string Sdl = """
        type Query {
          hello: String
        }

        type Author {
          name: String!
        }

        extend type Book {
          isbn: String!
        }
        """;

    private static ISchema Build() => SchemaBuilder.New()
        .AddDocumentFromString(Sdl)
        .AddResolver("Query", "hello", _ => "world")
        .AddTypeExtension<BookQueries>()
        .AddType(new ObjectType<Review>(d => d.Ignore(r => r.Secret)))
        .AddType(new ObjectType<Book>(d => d.BindFieldsExplicitly().Field(b => b.Title)))
        .AddType(new ObjectType<Book>(d => d.Name("LegacyBook").Field(b => b.Isbn).Ignore()))
        .Create();

    [Fact]
    public void The_three_styles_mix_in_one_schema()
    {
        var schema = Build();

        Assert.Equal("""
            type Query {
              hello: String
              books: [Book!]!
            }

            type Author {
              name: String!
            }

            type Review {
              stars: Int!
            }

            type Book {
              title: String!
              isbn: String!
            }

            type LegacyBook {
              title: String!
              author: Author!
              reviews: [Review!]!
            }
            """, SchemaPrinter.Print(schema));
        Assert.Equal(typeof(Author), schema.GetType<ObjectType>("Author").RuntimeType);
    }

    [Fact]
    public async Task Resolvers_of_every_style_run_in_the_mixed_schema()
    {
        var schema = Build();

        var books = await TestResolverContext.For(schema, "Query", "books", null).Resolve();
        var book = Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<Book>>(books));

        Assert.Equal("world", await TestResolverContext.For(schema, "Query", "hello", null).Resolve());
        Assert.Equal("978", await TestResolverContext.For(schema, "Book", "isbn", book).Resolve());
        Assert.Equal("Jane Austen", await TestResolverContext.For(schema, "Author", "name", book.Author).Resolve());
        Assert.Equal(5, await TestResolverContext.For(schema, "Review", "stars", book.Reviews[0]).Resolve());
    }
}
