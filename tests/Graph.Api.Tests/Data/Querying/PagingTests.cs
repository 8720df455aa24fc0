using System.Text.Json;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying;

/// <summary>[UsePaging] and [UseOffsetPaging] over EF Core on PostgreSQL, and over in-memory lists.</summary>
public sealed class PagingTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class Queries
    {
        [UsePaging]
        public IQueryable<Title> GetTitles(QueryingDbContext db) => db.Titles;

        /// <summary>Ordered by the resolver on a nullable column, descending: the pager keeps this order and adds the key.</summary>
        [UsePaging]
        public IQueryable<Title> GetTitlesByRating(QueryingDbContext db) => db.Titles.OrderByDescending(t => t.Rating).ThenBy(t => t.Name);

        [UsePaging(MaxPageSize = 5, DefaultPageSize = 2, RequirePagingBoundaries = true, AllowBackwardPagination = false)]
        public IQueryable<Writer> GetWriters(QueryingDbContext db) => db.Writers.OrderBy(w => w.Name);

        [UsePaging(ConnectionName = "RatedTitleConnection")]
        public IQueryable<Title> GetTitlesInMemory() =>
            QueryingDatabase.Seed().OfType<Title>().AsQueryable().OrderBy(t => t.Rating);

        [UseOffsetPaging(MaxPageSize = 20)]
        public IQueryable<Title> GetTitleSegment(QueryingDbContext db) => db.Titles.OrderBy(t => t.Pages);

        [UsePaging, UseSorting]
        public IQueryable<Title> GetSortedTitles(QueryingDbContext db) => db.Titles.OrderBy(t => t.Name);

        /// <summary>Filtered under the resolver's own order: the filter must not hide that order from the pager.</summary>
        [UsePaging, UseFiltering]
        public IQueryable<Title> GetFilteredTitlesByRating(QueryingDbContext db) => db.Titles.OrderByDescending(t => t.Rating).ThenBy(t => t.Name);
    }

    private static readonly List<Title> Titles = QueryingDatabase.Seed().OfType<Title>().ToList();

    private Task<IRequestExecutor> ExecutorAsync() => database.CreateExecutorAsync(b => b.AddSorting().AddFiltering().AddTypeExtension<Queries>());

    private static JsonElement Data(string json, string field)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.TryGetProperty("errors", out var errors), errors.ToString());
        return document.RootElement.GetProperty("data").GetProperty(field).Clone();
    }

    private static int[] Ids(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).ToArray();

    [Fact]
    public async Task A_filtered_page_keeps_the_resolvers_order()
    {
        var executor = await ExecutorAsync();
        var expected = Titles.Where(t => t.InPrint)
            .OrderByDescending(t => t.Rating.HasValue ? 0 : 1).ThenByDescending(t => t.Rating).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
            .Select(t => t.Id).Take(12).ToArray();

        var first = Data(await executor.RunAsync("{ filteredTitlesByRating(first: 6, where: { inPrint: { eq: true } }) { nodes { id } pageInfo { endCursor } } }"), "filteredTitlesByRating");
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = Data(await executor.RunAsync("query($after: String) { filteredTitlesByRating(first: 6, after: $after, where: { inPrint: { eq: true } }) { nodes { id } } }",
            TestVariables(("after", cursor))), "filteredTitlesByRating");

        Assert.Equal(expected, Ids(first).Concat(Ids(second)));
    }

    [Fact]
    public async Task The_first_page_has_the_default_size_and_the_total_when_asked()
    {
        var executor = await ExecutorAsync();
        var page = Data(await executor.RunAsync("{ titles { nodes { id } pageInfo { hasNextPage hasPreviousPage } totalCount } }"), "titles");
        Assert.Equal(Enumerable.Range(1, 10), Ids(page));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(60, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Walking_forward_then_backward_visits_every_item_once_in_order()
    {
        var executor = await ExecutorAsync();
        var expected = Titles.OrderByDescending(t => t.Rating.HasValue ? 0 : 1).ThenByDescending(t => t.Rating).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
            .Select(t => t.Id).ToArray();

        var forward = new List<int>();
        string? after = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = Data(await executor.RunAsync("query($after: String) { titlesByRating(first: 7, after: $after) { nodes { id } edges { cursor } pageInfo { hasNextPage endCursor } } }",
                TestVariables(("after", after))), "titlesByRating");
            forward.AddRange(Ids(page));
            Assert.Equal(page.GetProperty("edges").EnumerateArray().LastOrDefault().ValueKind == JsonValueKind.Undefined ? null : page.GetProperty("edges").EnumerateArray().Last().GetProperty("cursor").GetString(),
                page.GetProperty("pageInfo").GetProperty("endCursor").GetString());
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        Assert.Equal(expected, forward);

        var backward = new List<int>();
        string? before = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = Data(await executor.RunAsync("query($before: String) { titlesByRating(last: 9, before: $before) { nodes { id } pageInfo { hasPreviousPage startCursor } } }",
                TestVariables(("before", before))), "titlesByRating");
            backward.InsertRange(0, Ids(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean())
            {
                break;
            }
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }
        Assert.Equal(expected, backward);
    }

    [Fact]
    public async Task A_page_is_one_statement_with_a_parameterised_keyset_condition_and_no_count_unless_asked()
    {
        var executor = await ExecutorAsync();
        var first = Data(await executor.RunAsync("{ titlesByRating(first: 3) { pageInfo { endCursor } } }"), "titlesByRating");
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var (json, sql) = await executor.RunWithSqlAsync(database, "query($c: String) { titlesByRating(first: 3, after: $c) { nodes { id } } }", TestVariables(("c", cursor)));
        Assert.DoesNotContain("errors", json);
        var statement = Assert.Single(sql);
        Assert.DoesNotContain("count(", statement, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("WHERE", statement);
        Assert.Contains("ORDER BY t.rating DESC, t.name, t.id", statement);
        Assert.Contains("LIMIT @", statement);
        // The cursor's item has no rating: after it come the other unrated titles (by name, then id), then the rated ones.
        Assert.Contains("WHERE t.rating IS NOT NULL OR (t.rating IS NULL AND t.name > @", statement);

        (_, sql) = await executor.RunWithSqlAsync(database, "{ titles { totalCount } }");
        Assert.Contains("count(", Assert.Single(sql), StringComparison.OrdinalIgnoreCase);

        (_, sql) = await executor.RunWithSqlAsync(database, "{ titles { totalCount nodes { id } } }");
        Assert.Equal(2, sql.Count);
    }

    [Fact]
    public async Task One_operation_run_with_orders_that_change_through_variables_pages_by_each()
    {
        // What a page query builds is kept with the operation, one per ordering: the orders must not get mixed up.
        var executor = await ExecutorAsync();
        const string query = "query($order: [TitleSortInput!], $after: String) { sortedTitles(first: 2, order: $order, after: $after) { edges { cursor node { id } } } }";
        var byPages = TestVariables(("order", new List<object?> { new Dictionary<string, object?> { ["pages"] = "DESC" } }));
        var byId = TestVariables(("order", new List<object?> { new Dictionary<string, object?> { ["id"] = "ASC" } }));
        int[] IdsOf(JsonElement page) => page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetInt32()).ToArray();

        var expectedByPages = Titles.OrderByDescending(t => t.Pages).ThenBy(t => t.Id).Select(t => t.Id).ToArray();
        for (var round = 0; round < 2; round++)
        {
            var pages = Data(await executor.RunAsync(query, byPages), "sortedTitles");
            Assert.Equal(expectedByPages[..2], IdsOf(pages));
            var ids = Data(await executor.RunAsync(query, byId), "sortedTitles");
            Assert.Equal([1, 2], IdsOf(ids));
            var resolverOrder = Data(await executor.RunAsync(query), "sortedTitles");
            Assert.Equal(Titles.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id).Select(t => t.Id).Take(2), IdsOf(resolverOrder));

            // Each ordering's cursors page on in that ordering, and only there.
            var pagesCursor = pages.GetProperty("edges")[1].GetProperty("cursor").GetString();
            var next = Data(await executor.RunAsync(query, TestVariables(("order", byPages["order"]), ("after", pagesCursor))), "sortedTitles");
            Assert.Equal(expectedByPages[2..4], IdsOf(next));
            using var refused = JsonDocument.Parse(await executor.RunAsync(query, TestVariables(("order", byId["order"]), ("after", pagesCursor))));
            Assert.Equal("PAGING_CURSOR_INVALID", refused.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Cursors_are_encoded_when_selected_wherever_they_are_selected()
    {
        // The page reads its ordering keys only when a cursor is selected (edges.cursor, pageInfo.startCursor/endCursor),
        // and encodes a cursor only when it is read.
        var executor = await ExecutorAsync();
        var nodesOnly = Data(await executor.RunAsync("{ sortedTitles(first: 2) { nodes { id } pageInfo { hasNextPage } } }"), "sortedTitles");
        Assert.True(nodesOnly.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        var withCursors = Data(await executor.RunAsync("{ sortedTitles(first: 2) { nodes { id } pageInfo { startCursor endCursor } } }"), "sortedTitles");
        var endCursor = withCursors.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        Assert.NotEqual(withCursors.GetProperty("pageInfo").GetProperty("startCursor").GetString(), endCursor);
        var edges = Data(await executor.RunAsync("{ sortedTitles(first: 2) { edges { cursor } } }"), "sortedTitles").GetProperty("edges");
        Assert.Equal(endCursor, edges[1].GetProperty("cursor").GetString());
        var after = Data(await executor.RunAsync($$"""{ sortedTitles(first: 1, after: "{{endCursor}}") { nodes { id } } }"""), "sortedTitles");
        Assert.Equal(Titles.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id).Select(t => t.Id).Skip(2).Take(1), Ids(after));
    }

    [Fact]
    public async Task Zero_items_is_an_empty_page_that_knows_more_follow()
    {
        var executor = await ExecutorAsync();
        Assert.Equal("""{"data":{"titles":{"edges":[],"pageInfo":{"hasNextPage":true,"startCursor":null}}}}""",
            await executor.RunAsync("{ titles(first: 0) { edges { cursor } pageInfo { hasNextPage startCursor } } }"));
    }

    [Theory]
    [InlineData("titles(first: -1)", "PAGING_ARGUMENT_INVALID", "`first` must not be negative (it is -1).")]
    [InlineData("titles(last: -2)", "PAGING_ARGUMENT_INVALID", "`last` must not be negative (it is -2).")]
    [InlineData("titles(first: 2, last: 2)", "PAGING_ARGUMENT_INVALID", "Give either `first` or `last` to Query.titles, not both.")]
    [InlineData("titles(first: 51)", "PAGING_MAX_PAGE_SIZE_EXCEEDED", "`first` is 51, but Query.titles returns at most 50 items per page.")]
    [InlineData("titles(after: \"not a cursor\")", "PAGING_CURSOR_INVALID", "The cursor \"not a cursor\" given as `after` is not a valid cursor.")]
    [InlineData("titles(before: \"WzFd\")", "PAGING_CURSOR_INVALID", "The cursor \"WzFd\" given as `before` is not a valid cursor.")]
    [InlineData("writers", "PAGING_ARGUMENT_INVALID", "Give `first` or `last` to Query.writers: it returns at most 5 items per page.")]
    [InlineData("writers(first: 6)", "PAGING_MAX_PAGE_SIZE_EXCEEDED", "`first` is 6, but Query.writers returns at most 5 items per page.")]
    [InlineData("titleSegment(take: 21)", "PAGING_MAX_PAGE_SIZE_EXCEEDED", "`take` is 21, but Query.titleSegment returns at most 20 items per page.")]
    [InlineData("titleSegment(skip: -1)", "PAGING_ARGUMENT_INVALID", "`skip` must not be negative (it is -1).")]
    public async Task Bad_paging_arguments_are_field_errors_with_a_code(string field, string code, string message)
    {
        var executor = await ExecutorAsync();
        var name = field.Split('(')[0];
        var selection = name == "titleSegment" ? "items { id }" : "nodes { id }";
        using var document = JsonDocument.Parse(await executor.RunAsync($"{{ {field} {{ {selection} }} }}"));
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(name, error.GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("data").GetProperty(name).ValueKind);
    }

    [Fact]
    public async Task A_cursor_of_another_field_or_another_order_is_refused()
    {
        var executor = await ExecutorAsync();
        var writers = Data(await executor.RunAsync("{ writers(first: 1) { edges { cursor } } }"), "writers");
        var writerCursor = writers.GetProperty("edges")[0].GetProperty("cursor").GetString()!;
        using var document = JsonDocument.Parse(await executor.RunAsync($"{{ titles(after: \"{writerCursor}\") {{ nodes {{ id }} }} }}"));
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("PAGING_CURSOR_INVALID", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("was issued by another field or for another order", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Cursors_stay_valid_when_rows_are_inserted_between_two_pages()
    {
        var executor = await ExecutorAsync();
        var first = Data(await executor.RunAsync("{ titlesByRating(first: 5) { nodes { id } pageInfo { endCursor } } }"), "titlesByRating");
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var expectedNext = Titles.OrderByDescending(t => t.Rating.HasValue ? 0 : 1).ThenByDescending(t => t.Rating).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
            .Skip(5).Take(5).Select(t => t.Id).ToArray();

        // Rows that sort before the cursor, and one that sorts right after it, arrive between the two requests.
        await using (var db = database.CreateContext())
        {
            db.Titles.AddRange(
                new Title { Id = 1001, Name = "A before", Rating = null, WriterId = 1, PublishedAt = DateTime.UtcNow },
                new Title { Id = 1002, Name = "B before", Rating = null, WriterId = 1, PublishedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        try
        {
            var next = Data(await executor.RunAsync("query($c: String) { titlesByRating(first: 5, after: $c) { nodes { id } } }", TestVariables(("c", cursor))), "titlesByRating");
            Assert.Equal(expectedNext, Ids(next));
        }
        finally
        {
            await using var db = database.CreateContext();
            db.Titles.RemoveRange(db.Titles.Where(t => t.Id > 1000));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task In_memory_lists_page_with_the_same_cursors_and_nulls_first()
    {
        var executor = await ExecutorAsync();
        var expected = Titles.OrderBy(t => t.Rating).ThenBy(t => t.Id).Select(t => t.Id).ToArray();
        var seen = new List<int>();
        string? after = null;
        do
        {
            var page = Data(await executor.RunAsync("query($a: String) { titlesInMemory(first: 8, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                TestVariables(("a", after))), "titlesInMemory");
            seen.AddRange(Ids(page));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Offset_pages_follow_the_resolver_order_and_report_both_directions()
    {
        var executor = await ExecutorAsync();
        var segment = Data(await executor.RunAsync("{ titleSegment(skip: 5, take: 4) { items { id } pageInfo { hasNextPage hasPreviousPage } totalCount } }"), "titleSegment");
        var expected = Titles.OrderBy(t => t.Pages).Skip(5).Take(4).Select(t => t.Pages).ToArray();
        var ids = segment.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(expected, ids.Select(id => Titles.Single(t => t.Id == id).Pages));
        Assert.True(segment.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(segment.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(60, segment.GetProperty("totalCount").GetInt32());

        var last = Data(await executor.RunAsync("{ titleSegment(skip: 58, take: 20) { items { id } pageInfo { hasNextPage } } }"), "titleSegment");
        Assert.Equal(2, last.GetProperty("items").GetArrayLength());
        Assert.False(last.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task The_schema_has_the_connection_types_and_the_paging_arguments()
    {
        var executor = await ExecutorAsync();
        var sdl = SchemaPrinter.Print(executor.Schema);
        Assert.Contains("titles(\n    \"\"\"\n    How many items to return from the start", sdl);
        Assert.Contains("first: Int\n", sdl);
        Assert.Contains("  ): TitleConnection\n", sdl);
        // Cost analysis sees a page as at most MaxPageSize items, sized by first or last.
        var listSize = Assert.Single(executor.Schema.QueryType.Fields["titles"].Directives, d => d.Name == "listSize");
        Assert.Equal("assumedSize: 50, slicingArguments: [\"first\", \"last\"], sizedFields: [\"edges\", \"nodes\"], requireOneSlicingArgument: false",
            string.Join(", ", listSize.Arguments.Select(a => a.Name.Value + ": " + Graph.GraphQL.Language.Printer.Print(a.Value))));
        Assert.Contains("\"\"\"A page of Title items (a Relay cursor connection).\"\"\"\ntype TitleConnection {", sdl);
        Assert.Contains("  edges: [TitleEdge!]\n", sdl);
        Assert.Contains("  nodes: [Title!]\n", sdl);
        Assert.Contains("  pageInfo: PageInfo!\n", sdl);
        Assert.Contains("  totalCount: Int!\n", sdl);
        Assert.Contains("type TitleEdge {", sdl);
        Assert.Contains("  cursor: String!\n", sdl);
        Assert.Contains("  node: Title!\n", sdl);
        Assert.Contains("type PageInfo {", sdl);
        Assert.Contains("type RatedTitleConnection {", sdl);
        Assert.Contains("type RatedTitleEdge {", sdl);
        Assert.Contains("type TitleCollectionSegment {", sdl);
        Assert.Contains("type CollectionSegmentInfo {", sdl);
        // Writers page forward only: no last/before.
        var writers = sdl[sdl.IndexOf("  writers(", StringComparison.Ordinal)..];
        writers = writers[..writers.IndexOf("): WriterConnection", StringComparison.Ordinal)];
        Assert.DoesNotContain("last:", writers);
        Assert.DoesNotContain("before:", writers);
    }

    private static Dictionary<string, object?> TestVariables(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
