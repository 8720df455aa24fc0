using Graph.GraphQL.Configuration;
using Graph.GraphQL.Tests.Configuration.Library;
using Graph.GraphQL.Tests.Snapshots;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

/// <summary>The acceptance test: one library schema from SDL, from annotated classes and from code-first descriptors.</summary>
public class LibrarySchemaTests
{
    internal static ISchema BuildAnnotated() => SchemaBuilder.New()
        .AddQueryType<Query>()
        .AddMutationType<Mutation>()
        .AddTypeExtension<BookExtensions>()
        .RegisterService<LibraryData>()
        .Create();

    [Fact]
    public void Annotated_classes_print_like_the_sdl()
    {
        var fromSdl = SchemaBuilder.New().AddDocumentFromString(LibrarySdl.Text).Create();

        var annotated = SchemaPrinter.Print(BuildAnnotated());

        Assert.Equal(SchemaPrinter.Print(fromSdl), annotated);
        Snapshot.Match(annotated);
    }

    [Fact]
    public void Code_first_descriptors_print_like_the_sdl()
    {
        var fromSdl = SchemaBuilder.New().AddDocumentFromString(LibrarySdl.Text).Create();

        var codeFirst = LibraryCodeFirst.Create().Create();

        Assert.Equal(SchemaPrinter.Print(fromSdl), SchemaPrinter.Print(codeFirst));
    }

    [Fact]
    public void The_sdl_text_is_already_in_printed_form()
    {
        var fromSdl = SchemaBuilder.New().AddDocumentFromString(LibrarySdl.Text).Create();

        Assert.Equal(LibrarySdl.Text, SchemaPrinter.Print(fromSdl));
    }

    [Fact]
    public async Task Annotated_resolvers_bind_arguments_services_parents_and_inputs()
    {
        var schema = BuildAnnotated();
        var data = new LibraryData();

        var books = await TestResolverContext.For(schema, "Query", "books", null, new Dictionary<string, object?> { ["first"] = 1 }).WithService(data).Resolve();
        Assert.Equal(["b1"], Assert.IsAssignableFrom<IEnumerable<Book>>(books).Select(b => b.Id));

        var nonFiction = await TestResolverContext.For(schema, "Query", "books", null, new Dictionary<string, object?> { ["genre"] = Genre.NonFiction }).WithService(data).Resolve();
        Assert.Equal(["b2"], Assert.IsAssignableFrom<IEnumerable<Book>>(nonFiction).Select(b => b.Id));

        var book = await TestResolverContext.For(schema, "Query", "book", null, new Dictionary<string, object?> { ["id"] = "b3" }).WithService(data).Resolve();
        Assert.Equal("The Dispossessed", Assert.IsType<Book>(book).Title);

        var author = await TestResolverContext.For(schema, "Book", "author", book).WithService(data).Resolve();
        Assert.Equal("Ursula K. Le Guin", Assert.IsType<Author>(author).Name);

        var input = new Dictionary<string, object?> { ["title"] = "Dune", ["genre"] = Genre.Fiction, ["authorId"] = "a1" };
        var payload = await TestResolverContext.For(schema, "Mutation", "addBook", null, new Dictionary<string, object?> { ["input"] = input }).WithService(data).Resolve();
        Assert.Equal("Dune", Assert.IsType<AddBookPayload>(payload).Book.Title);
        Assert.Equal(4, data.Books.Count);

        var results = await TestResolverContext.For(schema, "Query", "search", null, new Dictionary<string, object?> { ["term"] = "mary" }).WithService(data).Resolve();
        Assert.IsType<Author>(Assert.Single(Assert.IsAssignableFrom<IEnumerable<ISearchResult>>(results)));
    }

    [Fact]
    public async Task Code_first_resolvers_resolve_the_same_values()
    {
        var schema = LibraryCodeFirst.Create().Create();
        var data = new LibraryData();

        var books = await TestResolverContext.For(schema, "Query", "books", null, new Dictionary<string, object?> { ["genre"] = Genre.Fiction }).WithService(data).Resolve();
        Assert.Equal(["b1", "b3"], Assert.IsAssignableFrom<IEnumerable<Book>>(books).Select(b => b.Id));

        var node = await TestResolverContext.For(schema, "Query", "node", null, new Dictionary<string, object?> { ["id"] = "a2" }).WithService(data).Resolve();
        Assert.Equal("Mary Beard", Assert.IsType<Author>(node).Name);

        var name = await TestResolverContext.For(schema, "Book", "name", data.Books[1]).Resolve();
        Assert.Equal("SPQR", name);

        var author = await TestResolverContext.For(schema, "Book", "author", data.Books[1]).WithService(data).Resolve();
        Assert.Equal("a2", Assert.IsType<Author>(author).Id);
    }

    [Fact]
    public void Abstract_types_resolve_through_the_bound_clr_types()
    {
        var schema = BuildAnnotated();
        var data = new LibraryData();
        var node = schema.GetType<InterfaceType>("Node");
        var book = schema.GetType<ObjectType>("Book");
        var author = schema.GetType<ObjectType>("Author");
        var context = TestResolverContext.For(schema, "Query", "node", null);

        Assert.Equal(typeof(INode), node.RuntimeType);
        Assert.True(book.IsOfType(context, data.Books[0]));
        Assert.False(book.IsOfType(context, data.Authors[0]));
        Assert.True(author.IsOfType(context, data.Authors[0]));
        Assert.Equal(typeof(AddBookInput), schema.GetType<InputObjectType>("AddBookInput").RuntimeType);
        Assert.Equal(Genre.NonFiction, schema.GetType<EnumType>("Genre").Values["NON_FICTION"].RuntimeValue);
    }
}
