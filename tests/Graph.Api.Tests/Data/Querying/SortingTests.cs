using System.Text.Json;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying;

/// <summary>[UseSorting]: order: [TitleSortInput!] translated to ORDER BY, on a real PostgreSQL.</summary>
public sealed class SortingTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class Queries
    {
        [UseSorting]
        public IQueryable<Title> GetTitles(QueryingDbContext db) => db.Titles;

        [UseSorting]
        public IQueryable<Writer> GetWriters(QueryingDbContext db) => db.Writers;

        [UseSorting(typeof(TitleByLengthSortInputType))]
        public IQueryable<Title> GetTitlesByLength(QueryingDbContext db) => db.Titles;
    }

    /// <summary>Only the name and the pages (renamed length) can be sorted by.</summary>
    public sealed class TitleByLengthSortInputType : SortInputType<Title>
    {
        protected override void Configure(ISortInputTypeDescriptor<Title> descriptor)
        {
            descriptor.Name("TitleByLengthSortInput").BindFieldsExplicitly();
            descriptor.Field(t => t.Name);
            descriptor.Field(t => t.Pages).Name("length");
        }
    }

    private static readonly List<Title> Titles = QueryingDatabase.Seed().OfType<Title>().ToList();

    private Task<IRequestExecutor> ExecutorAsync() => database.CreateExecutorAsync(b => b.AddSorting().AddTypeExtension<Queries>());

    private static int[] Ids(string json, string field = "titles") =>
        JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty(field).EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToArray();

    private static int[] Expected<TKey>(Func<Title, TKey> key, bool descending)
    {
        var ordered = descending ? Titles.OrderByDescending(key) : Titles.OrderBy(key);
        return ordered.ThenBy(t => t.Id).Select(t => t.Id).ToArray();
    }

    [Theory]
    [InlineData("name", false)]
    [InlineData("name", true)]
    [InlineData("pages", false)]
    [InlineData("pages", true)]
    [InlineData("price", false)]
    [InlineData("price", true)]
    [InlineData("format", false)]
    [InlineData("format", true)]
    [InlineData("inPrint", false)]
    [InlineData("inPrint", true)]
    [InlineData("publishedAt", false)]
    [InlineData("publishedAt", true)]
    [InlineData("id", true)]
    public async Task Every_scalar_kind_sorts_both_ways(string field, bool descending)
    {
        var executor = await ExecutorAsync();
        var json = await executor.RunAsync($"{{ titles(order: [{{ {field}: {(descending ? "DESC" : "ASC")} }}, {{ id: ASC }}]) {{ id }} }}");
        int[] expected = field switch
        {
            "name" => Expected(t => t.Name, descending),
            "pages" => Expected(t => t.Pages, descending),
            "price" => Expected(t => t.Price, descending),
            "format" => Expected(t => t.Format.ToString(), descending), // stored as text, so ordered by name
            "inPrint" => Expected(t => t.InPrint, descending),
            "publishedAt" => Expected(t => t.PublishedAt, descending),
            _ => Expected(t => t.Id, descending),
        };
        Assert.Equal(expected, Ids(json));
    }

    [Fact]
    public async Task A_reference_navigation_sorts_by_its_fields_in_one_statement_with_a_join()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ titles(order: [{ writer: { name: DESC } }, { id: ASC }]) { id } }");
        var expected = Titles.OrderByDescending(t => QueryingDatabase.WriterNames[t.WriterId - 1], StringComparer.Ordinal).ThenBy(t => t.Id).Select(t => t.Id);
        Assert.Equal(expected, Ids(json));
        var statement = Assert.Single(sql);
        Assert.Contains("JOIN", statement, StringComparison.Ordinal);
        Assert.Contains("ORDER BY w.name DESC, t.id", statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_of_several_elements_apply_in_list_order()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ titles(order: [{ inPrint: DESC }, { pages: ASC }]) { id } }");
        Assert.Equal(Titles.OrderByDescending(t => t.InPrint).ThenBy(t => t.Pages).Select(t => t.Id), Ids(json));
        Assert.Contains("ORDER BY t.in_print DESC, t.pages", Assert.Single(sql), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_fields_of_one_literal_element_apply_in_the_order_written()
    {
        var executor = await ExecutorAsync();
        // The type declares pages before inPrint; the literal's order wins.
        var json = await executor.RunAsync("{ titles(order: [{ inPrint: DESC, pages: ASC }]) { id } }");
        Assert.Equal(Titles.OrderByDescending(t => t.InPrint).ThenBy(t => t.Pages).Select(t => t.Id), Ids(json));
    }

    [Fact]
    public async Task Variables_give_keys_in_list_order_one_field_per_element()
    {
        var executor = await ExecutorAsync();
        var variables = new Dictionary<string, object?>
        {
            ["order"] = new List<object?>
            {
                new Dictionary<string, object?> { ["writer"] = new Dictionary<string, object?> { ["country"] = "ASC" } },
                new Dictionary<string, object?> { ["price"] = "DESC" },
            },
        };
        var json = await executor.RunAsync("query($order: [TitleSortInput!]) { titles(order: $order) { id } }", variables);
        string[] countries = ["SN", "SN", "SN", "CI", "CI", "SN"];
        Assert.Equal(Titles.OrderBy(t => countries[t.WriterId - 1], StringComparer.Ordinal).ThenByDescending(t => t.Price).Select(t => t.Id), Ids(json));
    }

    [Fact]
    public async Task Several_fields_of_one_variable_element_follow_the_type_field_order()
    {
        var executor = await ExecutorAsync();
        // A variable is a coerced input object: its fields come in the type's order (pages before inPrint), not as sent.
        var variables = new Dictionary<string, object?>
        {
            ["order"] = new List<object?> { new Dictionary<string, object?> { ["inPrint"] = "DESC", ["pages"] = "ASC" } },
        };
        var json = await executor.RunAsync("query($order: [TitleSortInput!]) { titles(order: $order) { id } }", variables);
        Assert.Equal(Titles.OrderBy(t => t.Pages).Select(t => t.Id), Ids(json));
    }

    [Fact]
    public async Task Nulls_come_last_ascending_and_first_descending()
    {
        var executor = await ExecutorAsync();
        var ascending = Ids(await executor.RunAsync("{ titles(order: [{ rating: ASC }, { id: ASC }]) { id } }"));
        var descending = Ids(await executor.RunAsync("{ titles(order: [{ rating: DESC }, { id: ASC }]) { id } }"));
        var rated = Titles.Where(t => t.Rating is not null);
        var unrated = Titles.Where(t => t.Rating is null).Select(t => t.Id).ToArray();
        Assert.Equal(rated.OrderBy(t => t.Rating).ThenBy(t => t.Id).Select(t => t.Id).Concat(unrated), ascending);
        Assert.Equal(unrated.Concat(rated.OrderByDescending(t => t.Rating).ThenBy(t => t.Id).Select(t => t.Id)), descending);
    }

    [Fact]
    public async Task Without_order_or_with_an_empty_list_the_query_has_no_order_by()
    {
        var executor = await ExecutorAsync();
        var (_, none) = await executor.RunWithSqlAsync(database, "{ titles { id } }");
        var (_, empty) = await executor.RunWithSqlAsync(database, "{ titles(order: []) { id } }");
        Assert.DoesNotContain("ORDER BY", Assert.Single(none), StringComparison.Ordinal);
        Assert.DoesNotContain("ORDER BY", Assert.Single(empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_entity_sorts_by_a_nullable_date()
    {
        var executor = await ExecutorAsync();
        var json = await executor.RunAsync("{ writers(order: [{ bornOn: DESC }]) { id } }");
        Assert.Equal([6, 5, 4, 3, 2, 1], Ids(json, "writers"));
    }

    [Theory]
    [InlineData("[{}]", "Invalid sorting on Query.titles: element 0 of \"order\" sets no field. Give one field per element, e.g. order: [{ id: ASC }].")]
    [InlineData("[{ id: ASC }, { name: null }]", "Invalid sorting on Query.titles: element 1 of \"order\" sets no field. Give one field per element, e.g. order: [{ id: ASC }].")]
    [InlineData("[{ writer: {} }]", "Invalid sorting on Query.titles: \"writer\" sets no field of WriterSortInput.")]
    public async Task An_element_that_sets_no_field_is_a_sort_error(string order, string message)
    {
        var executor = await ExecutorAsync();
        var json = await executor.RunAsync($"{{ titles(order: {order}) {{ id }} }}");
        var root = JsonDocument.Parse(json).RootElement;
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("SORT_INVALID", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("data").ValueKind); // titles is [Title!]!, so null reaches data
    }

    [Fact]
    public async Task Unknown_fields_and_lists_cannot_be_sorted_by()
    {
        var executor = await ExecutorAsync();
        var unknown = await executor.RunAsync("{ titles(order: [{ color: ASC }]) { id } }");
        var list = await executor.RunAsync("{ titles(order: [{ tags: ASC }]) { id } }");
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", unknown, StringComparison.Ordinal);
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_sort_input_type_limits_and_renames_fields()
    {
        var executor = await ExecutorAsync();
        var json = await executor.RunAsync("{ titlesByLength(order: [{ length: DESC }]) { id } }");
        Assert.Equal(Titles.OrderByDescending(t => t.Pages).Select(t => t.Id), Ids(json, "titlesByLength"));
        var price = await executor.RunAsync("{ titlesByLength(order: [{ price: DESC }]) { id } }");
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", price, StringComparison.Ordinal);
        Assert.Equal(
            """"
            """
            How to order Title results: each element of the list is one key (or several, in the order written).
            """
            input TitleByLengthSortInput {
              name: SortEnumType
              length: SortEnumType
            }
            """".ReplaceLineEndings("\n"),
            SchemaPrinter.PrintType(executor.Schema.GetType<INamedType>("TitleByLengthSortInput")).Trim());
    }

    [Fact]
    public async Task The_generated_sort_input_has_scalars_and_reference_navigations_but_no_lists()
    {
        var executor = await ExecutorAsync();
        var printed = SchemaPrinter.PrintType(executor.Schema.GetType<INamedType>("TitleSortInput")).Trim();
        Assert.Equal(
            """"
            """
            How to order Title results: each element of the list is one key (or several, in the order written).
            """
            input TitleSortInput {
              id: SortEnumType
              name: SortEnumType
              pages: SortEnumType
              price: SortEnumType
              format: SortEnumType
              inPrint: SortEnumType
              publishedAt: SortEnumType
              rating: SortEnumType
              writerId: SortEnumType
              writer: WriterSortInput
            }
            """".ReplaceLineEndings("\n"),
            printed);
        Assert.Equal("enum SortEnumType {\n  ASC\n  DESC\n}", SchemaPrinter.PrintType(executor.Schema.GetType<INamedType>("SortEnumType")).Trim());
        Assert.Contains("titles(\n    \"\"\"The order of the results: keys in list order, one field per element.\"\"\"\n    order: [TitleSortInput!]\n  ): [Title!]!", SchemaPrinter.Print(executor.Schema), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorting_needs_AddSorting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.CreateExecutorAsync(b => b.AddTypeExtension<Queries>()));
        Assert.Contains("needs AddSorting()", error.Message, StringComparison.Ordinal);
    }
}
