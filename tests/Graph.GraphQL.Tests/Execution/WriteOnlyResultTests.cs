using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Processing;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>
/// Write-only results (<see cref="OperationRequest.IsResultWriteOnly"/>): subtrees that run synchronously are completed
/// straight into JSON. Each case runs the query both ways and expects the same bytes (errors, their order, messages,
/// locations and paths, null propagation, field order), the JSON graphql-js gives, and a JSON subtree where one was possible.
/// </summary>
public class WriteOnlyResultTests
{
    private const string Sdl = """
        type Query {
          books: [Book!]!
          nullableBooks: [Book]
          strictBooks: [Book!]
          grid: [[Int!]]!
          items: [Int]
          failingList: [Int]
          slowBooks: [Book]
          book: Book
        }
        type Book {
          id: ID!
          title: String
          kind: Kind!
          price: Float
          rating: Int
          tags: [String!]
          author: Author!
          code: String!
          path: String
          report: String
          slow: String
        }
        type Author { name: String! born: Int }
        enum Kind { NOVEL ESSAY }
        """;

    internal sealed record Author(string? Name, int? Born);

    internal sealed record Book(string Id, string? Title, string Kind, double? Price, object? Rating, string[]? Tags, Author? Author, string? Code);

    private static readonly Book[] Library =
    [
        new("1", "Les Soleils des indépendances", "NOVEL", 12.5, 5, ["classic", "côte d'ivoire"], new Author("Ahmadou Kourouma", 1927), "a"),
        new("2", "Quote \" and \\ and \n", "ESSAY", null, null, [], new Author("Mariama Bâ", null), "b"),
        new("3", null, "NOVEL", 7, 3, null, new Author("Cheikh Hamidou Kane", 1928), "c"),
    ];

    private static IRequestExecutor CreateExecutor(Book[]? books = null, Func<Book, object?>? title = null, Func<Book, object?>? code = null,
        Func<Book, object?>? author = null, object? grid = null, object? failingList = null) => TestServer.Create(Sdl, b => b
        .AddPureResolver("Query", "books", _ => books ?? Library)
        .AddPureResolver("Query", "nullableBooks", _ => books ?? Library)
        .AddPureResolver("Query", "strictBooks", _ => books ?? Library)
        .AddPureResolver("Query", "book", _ => (books ?? Library)[0])
        .AddPureResolver("Query", "grid", _ => grid ?? new[] { new[] { 1, 2 }, new[] { 3 } })
        .AddPureResolver("Query", "items", _ => new object?[] { 1, null, 3 })
        .AddPureResolver("Query", "failingList", _ => failingList ?? Array.Empty<int>())
        .AddResolver("Query", "slowBooks", async _ =>
        {
            await Task.Yield();
            return (object?)(books ?? Library);
        })
        .AddPureResolver("Book", "title", c => title is null ? c.Parent<Book>().Title : title(c.Parent<Book>()))
        .AddPureResolver("Book", "code", c => code is null ? c.Parent<Book>().Code : code(c.Parent<Book>()))
        .AddPureResolver("Book", "author", c => author is null ? c.Parent<Book>().Author : author(c.Parent<Book>()))
        .AddPureResolver("Book", "path", c => string.Join("/", c.Path.ToList()))
        .AddPureResolver("Book", "report", c =>
        {
            c.ReportError(new GraphQLError("Reported."));
            return "reported";
        })
        .AddResolver("Book", "slow", async c =>
        {
            await Task.Yield();
            return (object?)("slow " + c.Parent<Book>().Id);
        }));

    /// <summary>Runs <paramref name="query"/> both ways, expects the same bytes (and <paramref name="expected"/>) and JSON at <paramref name="field"/>.</summary>
    private static async Task AssertWrittenAsync(IRequestExecutor executor, string query, string expected, string? field)
    {
        await using var general = (await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(query).Build())).ExpectOperationResult();
        await using var written = (await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(query).SetResultWriteOnly().Build())).ExpectOperationResult();
        var generalJson = general.ToJson();
        Assert.Equal(generalJson, written.ToJson());
        JsonAssert.Equal(expected, generalJson);
        if (field is not null)
        {
            Assert.IsType<RawJson>(written.Data![field]);
            Assert.IsNotType<RawJson>(general.Data![field]);
        }
    }

    [Fact]
    public async Task Writes_fields_in_response_order_with_aliases_typenames_enums_floats_and_escaping()
    {
        await AssertWrittenAsync(CreateExecutor(), """
            {
              books {
                __typename
                ...Names
                identifier: id
                kind price rating tags
                author { name born __typename }
                ... on Book { id title }
              }
            }
            fragment Names on Book { title author { n: name } }
            """, """
            {"data":{"books":[
              {"__typename":"Book","title":"Les Soleils des indépendances","author":{"n":"Ahmadou Kourouma","name":"Ahmadou Kourouma","born":1927,"__typename":"Author"},"identifier":"1","kind":"NOVEL","price":12.5,"rating":5,"tags":["classic","côte d'ivoire"],"id":"1"},
              {"__typename":"Book","title":"Quote \" and \\ and \n","author":{"n":"Mariama Bâ","name":"Mariama Bâ","born":null,"__typename":"Author"},"identifier":"2","kind":"ESSAY","price":null,"rating":null,"tags":[],"id":"2"},
              {"__typename":"Book","title":null,"author":{"n":"Cheikh Hamidou Kane","name":"Cheikh Hamidou Kane","born":1928,"__typename":"Author"},"identifier":"3","kind":"NOVEL","price":7,"rating":3,"tags":null,"id":"3"}
            ]}}
            """, "books");
    }

    [Fact]
    public async Task An_error_thrown_mid_subtree_nulls_the_nullable_field_and_keeps_its_path()
    {
        var executor = CreateExecutor(title: book => book.Id == "2" ? throw new InvalidOperationException("No title.") : book.Title);
        await AssertWrittenAsync(executor, "{ books { id title kind } }", """
            {"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":14}],"path":["books",1,"title"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],
             "data":{"books":[{"id":"1","title":"Les Soleils des indépendances","kind":"NOVEL"},{"id":"2","title":null,"kind":"ESSAY"},{"id":"3","title":null,"kind":"NOVEL"}]}}
            """, "books");
    }

    [Fact]
    public async Task A_null_in_a_non_null_field_nulls_the_object_and_skips_its_later_fields()
    {
        var executor = CreateExecutor(code: book => book.Id == "2" ? null : book.Code,
            title: book => book.Id == "2" ? throw new InvalidOperationException("Never resolved.") : book.Title);
        await AssertWrittenAsync(executor, "{ nullableBooks { id code title } }", """
            {"errors":[{"message":"Cannot return null for non-nullable field Book.code.","locations":[{"line":1,"column":22}],"path":["nullableBooks",1,"code"]}],
             "data":{"nullableBooks":[{"id":"1","code":"a","title":"Les Soleils des indépendances"},null,{"id":"3","code":"c","title":null}]}}
            """, "nullableBooks");
    }

    [Fact]
    public async Task Nulls_propagate_through_non_null_objects_and_items_to_the_first_nullable_position()
    {
        // Author! and Author.name String!: a missing name nulls the author, then the book (Book! item), then the list.
        var executor = CreateExecutor(author: book => book.Id == "3" ? new Author(null, 1) : book.Author);
        await AssertWrittenAsync(executor, "{ strictBooks { id author { born name } } book { id } }", """
            {"errors":[{"message":"Cannot return null for non-nullable field Author.name.","locations":[{"line":1,"column":34}],"path":["strictBooks",2,"author","name"]}],
             "data":{"strictBooks":null,"book":{"id":"1"}}}
            """, "book");
    }

    [Fact]
    public async Task A_null_that_reaches_a_non_null_root_field_nulls_the_data()
    {
        var executor = CreateExecutor(author: book => book.Id == "1" ? null : book.Author);
        await AssertWrittenAsync(executor, "{ books { id author { name } } }", """
            {"errors":[{"message":"Cannot return null for non-nullable field Book.author.","locations":[{"line":1,"column":14}],"path":["books",0,"author"]}],
             "data":null}
            """, null);
    }

    [Fact]
    public async Task Lists_of_lists_null_the_inner_list_of_a_null_non_null_item()
    {
        var executor = CreateExecutor(grid: new[] { new int?[] { 1, 2 }, new int?[] { 3, 4, null }, new int?[] { 5 } });
        await AssertWrittenAsync(executor, "{ grid items }", """
            {"errors":[{"message":"Cannot return null for non-nullable field Query.grid.","locations":[{"line":1,"column":3}],"path":["grid",1,2]}],
             "data":{"grid":[[1,2],null,[5]],"items":[1,null,3]}}
            """, "grid");
    }

    [Fact]
    public async Task An_iterable_that_throws_while_enumerated_nulls_the_field()
    {
        static IEnumerable<int> Failing()
        {
            yield return 1;
            throw new InvalidOperationException("Broken iterator.");
        }

        var executor = CreateExecutor(failingList: Failing());
        await AssertWrittenAsync(executor, "{ failingList books { id } }", """
            {"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":3}],"path":["failingList"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],
             "data":{"failingList":null,"books":[{"id":"1"},{"id":"2"},{"id":"3"}]}}
            """, "books");
    }

    [Fact]
    public async Task Leaf_values_that_do_not_serialize_are_field_errors()
    {
        Book[] books = [Library[0] with { Rating = "five" }, Library[1] with { Rating = 3_000_000_000L }, Library[2] with { Kind = "POEM" }];
        await AssertWrittenAsync(CreateExecutor(books), "{ nullableBooks { rating kind } }", """
            {"errors":[
              {"message":"Int cannot represent non-integer value: \"five\"","locations":[{"line":1,"column":19}],"path":["nullableBooks",0,"rating"]},
              {"message":"Int cannot represent non 32-bit signed integer value: 3000000000","locations":[{"line":1,"column":19}],"path":["nullableBooks",1,"rating"]},
              {"message":"Enum \"Kind\" cannot represent value: \"POEM\"","locations":[{"line":1,"column":26}],"path":["nullableBooks",2,"kind"]}],
             "data":{"nullableBooks":[{"rating":null,"kind":"NOVEL"},{"rating":null,"kind":"ESSAY"},null]}}
            """, "nullableBooks");
    }

    [Fact]
    public async Task Resolvers_see_their_own_path_and_report_errors_at_it()
    {
        await AssertWrittenAsync(CreateExecutor(), "{ book { path report } nullableBooks { p: path } }", """
            {"errors":[{"message":"Reported.","locations":[{"line":1,"column":15}],"path":["book","report"]}],
             "data":{"book":{"path":"book/path","report":"reported"},"nullableBooks":[{"p":"nullableBooks/0/p"},{"p":"nullableBooks/1/p"},{"p":"nullableBooks/2/p"}]}}
            """, "book");
    }

    [Fact]
    public async Task Returned_errors_are_reported_like_thrown_ones()
    {
        var executor = CreateExecutor(title: book => book.Id == "1" ? new GraphQLError("Hidden.") : book.Title);
        await AssertWrittenAsync(executor, "{ book { title id } }", """
            {"errors":[{"message":"Hidden.","locations":[{"line":1,"column":10}],"path":["book","title"]}],
             "data":{"book":{"title":null,"id":"1"}}}
            """, "book");
    }

    [Fact]
    public async Task Objects_with_asynchronous_fields_are_completed_the_general_way_around_json_subtrees()
    {
        var executor = CreateExecutor();
        await AssertWrittenAsync(executor, "{ slowBooks { id slow author { name } } }", """
            {"data":{"slowBooks":[
              {"id":"1","slow":"slow 1","author":{"name":"Ahmadou Kourouma"}},
              {"id":"2","slow":"slow 2","author":{"name":"Mariama Bâ"}},
              {"id":"3","slow":"slow 3","author":{"name":"Cheikh Hamidou Kane"}}]}}
            """, null);

        await using var written = (await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("{ slowBooks { slow author { name } } }").SetResultWriteOnly().Build())).ExpectOperationResult();
        var book = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.IsAssignableFrom<IReadOnlyList<object?>>(written.Data!["slowBooks"])[0]);
        Assert.IsType<RawJson>(book["author"]);
    }

    public sealed record Shelf(string Name, string[] AuthorIds);

    public sealed record Writer(string Id, string Name);

    public sealed class Shelves
    {
        public Shelf[] GetShelves() => [new("Novels", ["1", "2"]), new("Essays", ["2", "x"])];
    }

    /// <summary>Shelf.writers: a method of a resolver class with the parent and a service, as code-first schemas resolve.</summary>
    [ExtendObjectType<Shelf>]
    public sealed class ShelfWriters
    {
        public IEnumerable<Writer>? GetWriters([Parent] Shelf shelf, [Service] Dictionary<string, Writer> writers) =>
            shelf.AuthorIds.Select(id => writers.TryGetValue(id, out var writer) ? writer : throw new KeyNotFoundException($"No writer {id}."));
    }

    [Fact]
    public async Task Methods_that_return_no_task_run_inside_json_subtrees()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new Dictionary<string, Writer> { ["1"] = new("1", "Ousmane Sembène"), ["2"] = new("2", "Aminata Sow Fall") });
        services.AddGraphQLServer().AddQueryType<Shelves>().AddTypeExtension<ShelfWriters>().ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
        var executor = await services.BuildServiceProvider().GetRequestExecutorAsync();

        await AssertWrittenAsync(executor, "{ shelves { name writers { name } } }", """
            {"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":18}],"path":["shelves",1,"writers"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],
             "data":{"shelves":[{"name":"Novels","writers":[{"name":"Ousmane Sembène"},{"name":"Aminata Sow Fall"}]},{"name":"Essays","writers":null}]}}
            """, "shelves");
    }

    [Fact]
    public async Task Results_that_are_read_keep_their_maps_and_lists()
    {
        await using var result = (await CreateExecutor().ExecuteAsync("{ books { id } }")).ExpectOperationResult();
        var books = Assert.IsAssignableFrom<IReadOnlyList<object?>>(result.Data!["books"]);
        Assert.Equal("1", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(books[0])["id"]);
    }
}
