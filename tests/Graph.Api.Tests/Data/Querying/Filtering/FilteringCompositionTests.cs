namespace Graph.Api.Tests.Data.Querying.Filtering;

using static FilteringSeed;

/// <summary>and / or, nested objects, collections of objects and of scalars, and filters given through variables.</summary>
public sealed class FilteringCompositionTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    private async Task AssertTitlesAsync(string where, Func<Title, bool> expected)
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var ids = TitleIds(expected);
        Assert.InRange(ids.Length, 1, Titles.Count - 1); // the case is not vacuous
        Assert.Equal(ids, await executor.IdsAsync("titles", where));
        Assert.Equal(ids, await executor.IdsAsync("memoryTitles", where));
    }

    private async Task AssertWritersAsync(string where, Func<Writer, bool> expected)
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var ids = WriterIds(expected);
        Assert.InRange(ids.Length, 1, Writers.Count - 1);
        Assert.Equal(ids, await executor.IdsAsync("writers", where));
    }

    [Fact]
    public async Task Fields_of_one_filter_all_hold()
    {
        await AssertTitlesAsync("{ inPrint: { eq: true }, format: { eq: AUDIO }, pages: { lt: 250 } }",
            t => t.InPrint && t.Format == TitleFormat.Audio && t.Pages < 250);
    }

    [Fact]
    public async Task And_and_or_nest()
    {
        await AssertTitlesAsync("{ or: [{ rating: { eq: 4 } }, { and: [{ format: { eq: PDF } }, { name: { contains: \"soleil\" } }] }] }",
            t => t.Rating == 4 || (t.Format == TitleFormat.Pdf && (t.Id % 4 == 0 || t.Id % 7 == 0)));
        await AssertTitlesAsync("{ and: [{ pages: { gt: 200 } }, { or: [{ inPrint: { eq: false } }, { rating: { eq: null } }] }] }",
            t => t.Pages > 200 && (!t.InPrint || t.Rating is null));
    }

    [Fact]
    public async Task Operation_filters_take_and_and_or_too()
    {
        await AssertTitlesAsync("{ pages: { or: [{ lt: 130 }, { gt: 370 }] } }", t => t.Pages is < 130 or > 370);
        await AssertTitlesAsync("{ name: { and: [{ contains: \"soleil\" }, { ncontains: \"du\" }] } }", t => t.Id % 4 == 0 && t.Id % 7 != 0);
    }

    [Fact]
    public async Task Empty_filters_match_everything_and_an_empty_or_nothing()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal(60, (await executor.IdsAsync("titles", "{ }")).Length);
        Assert.Equal(60, (await executor.IdsAsync("titles", "{ and: [] }")).Length);
        Assert.Equal(60, (await executor.IdsAsync("titles", "{ name: { } }")).Length);
        Assert.Equal(60, (await executor.IdsAsync("titles", "null")).Length);
        Assert.Empty(await executor.IdsAsync("titles", "{ or: [] }"));
    }

    [Fact]
    public async Task Nested_objects_filter_through_the_reference()
    {
        await AssertTitlesAsync("{ writer: { country: { eq: \"CI\" } } }", t => t.Writer!.Country == "CI");
        await AssertTitlesAsync("{ writer: { name: { startsWith: \"cheikh\" }, bornOn: { neq: null } }, pages: { gt: 200 } }",
            t => t.Writer!.Name.StartsWith("Cheikh", StringComparison.Ordinal) && t.Pages > 200);
        await AssertTitlesAsync("{ writer: { bornOn: { eq: null } } }", t => t.Writer!.BornOn is null);
    }

    [Fact]
    public async Task Collections_of_objects_take_some_none_all_and_any()
    {
        await AssertWritersAsync("{ titles: { some: { pages: { gt: 380 } } } }", w => w.Titles.Any(t => t.Pages > 380));
        await AssertWritersAsync("{ titles: { none: { pages: { gt: 380 } } } }", w => !w.Titles.Any(t => t.Pages > 380));
        await AssertWritersAsync("{ titles: { all: { pages: { gt: 120 } } } }", w => w.Titles.All(t => t.Pages > 120));
        await AssertWritersAsync("{ titles: { some: { format: { eq: PDF }, rating: { eq: null } } } }", w => w.Titles.Any(t => t.Format == TitleFormat.Pdf && t.Rating is null));
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, await executor.IdsAsync("writers", "{ titles: { any: true } }"));
        Assert.Empty(await executor.IdsAsync("writers", "{ titles: { any: false } }"));
    }

    [Fact]
    public async Task Collections_nest_back_to_the_parent()
    {
        await AssertTitlesAsync("{ writer: { titles: { some: { name: { contains: \"du soleil\" }, inPrint: { eq: false } } } } }",
            t => t.Writer!.Titles.Any(o => o.Id % 7 == 0 && !o.InPrint));
    }

    [Fact]
    public async Task Scalar_lists_take_some_none_all_and_any_with_string_operations()
    {
        await AssertTitlesAsync("{ tags: { some: { eq: \"poésie\" } } }", t => t.Tags.Contains("poésie"));
        await AssertTitlesAsync("{ tags: { some: { startsWith: \"ROM\" } } }", t => t.Tags.Contains("roman"));
        await AssertTitlesAsync("{ tags: { none: { eq: \"roman\" } } }", t => !t.Tags.Contains("roman"));
        await AssertTitlesAsync("{ tags: { all: { eq: \"roman\" } } }", t => t.Tags.All(x => x == "roman"));
        await AssertTitlesAsync("{ tags: { any: false } }", t => t.Tags.Count == 0);
        await AssertTitlesAsync("{ tags: { any: true, some: { in: [\"poésie\"] } } }", t => t.Tags.Contains("poésie"));
    }

    [Fact]
    public async Task Filters_come_through_variables()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var where = new Dictionary<string, object?>
        {
            ["or"] = new List<object?>
            {
                new Dictionary<string, object?> { ["pages"] = new Dictionary<string, object?> { ["in"] = new List<object?> { 177, 184 } } },
                new Dictionary<string, object?> { ["writer"] = new Dictionary<string, object?> { ["country"] = new Dictionary<string, object?> { ["eq"] = "CI" } } },
            },
            ["rating"] = new Dictionary<string, object?> { ["neq"] = null },
            ["publishedAt"] = new Dictionary<string, object?> { ["lt"] = "2020-02-15T00:00:00Z" },
        };
        var expected = TitleIds(t => (t.Pages is 177 or 184 || t.Writer!.Country == "CI") && t.Rating is not null && t.Id < 46);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await executor.IdsAsync("titles", "$where", new Dictionary<string, object?> { ["where"] = where }, "$where: TitleFilterInput"));
    }

    [Fact]
    public async Task Variables_inside_a_literal_filter()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var variables = new Dictionary<string, object?> { ["min"] = 300, ["text"] = "SOLEIL" };
        Assert.Equal(TitleIds(t => t.Pages >= 300 && (t.Id % 4 == 0 || t.Id % 7 == 0)),
            await executor.IdsAsync("titles", "{ pages: { gte: $min }, name: { contains: $text } }", variables, "$min: Int!, $text: String"));
        // A variable that is not given leaves its operation out.
        Assert.Equal(TitleIds(t => t.Pages >= 300), await executor.IdsAsync("titles", "{ pages: { gte: $min }, name: { contains: $text } }", new Dictionary<string, object?> { ["min"] = 300 }, "$min: Int!, $text: String"));
    }

    [Fact]
    public async Task Two_fields_share_the_generated_type()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal(TitleIds(t => t.InPrint && t.Pages > 300), await executor.IdsAsync("titlesInPrint", "{ pages: { gt: 300 } }"));
    }
}
