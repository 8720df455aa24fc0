namespace Graph.Api.Tests.Data.Querying.Filtering;

using static FilteringSeed;

/// <summary>Every operation of every scalar kind, against the seed of <see cref="QueryingDatabase"/>.</summary>
public sealed class FilteringScalarTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    private async Task AssertTitlesAsync(string where, Func<Title, bool> expected)
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var ids = TitleIds(expected);
        Assert.InRange(ids.Length, 1, Titles.Count - 1); // the case is not vacuous
        Assert.Equal(ids, await executor.IdsAsync("titles", where));
        Assert.Equal(ids, await executor.IdsAsync("memoryTitles", where));
    }

    [Theory]
    [InlineData("{ pages: { eq: 177 } }")]
    [InlineData("{ pages: { neq: 177 } }")]
    [InlineData("{ pages: { in: [177, 184, 1] } }")]
    [InlineData("{ pages: { nin: [177, 184] } }")]
    [InlineData("{ pages: { gt: 300 } }")]
    [InlineData("{ pages: { gte: 303 } }")]
    [InlineData("{ pages: { lt: 150 } }")]
    [InlineData("{ pages: { lte: 149 } }")]
    [InlineData("{ pages: { gt: 150, lte: 200 } }")]
    public async Task Int_operations(string where)
    {
        Func<Title, bool> expected = where switch
        {
            "{ pages: { eq: 177 } }" => t => t.Pages == 177,
            "{ pages: { neq: 177 } }" => t => t.Pages != 177,
            "{ pages: { in: [177, 184, 1] } }" => t => t.Pages is 177 or 184,
            "{ pages: { nin: [177, 184] } }" => t => t.Pages is not (177 or 184),
            "{ pages: { gt: 300 } }" => t => t.Pages > 300,
            "{ pages: { gte: 303 } }" => t => t.Pages >= 303,
            "{ pages: { lt: 150 } }" => t => t.Pages < 150,
            "{ pages: { lte: 149 } }" => t => t.Pages <= 149,
            _ => t => t.Pages > 150 && t.Pages <= 200,
        };
        await AssertTitlesAsync(where, expected);
    }

    [Theory]
    [InlineData("{ name: { eq: \"Title 04 Soleil\" } }")]
    [InlineData("{ name: { neq: \"Title 04 Soleil\" } }")]
    [InlineData("{ name: { in: [\"Title 01\", \"Title 02\", \"title 03\"] } }")]
    [InlineData("{ name: { nin: [\"Title 01\", \"Title 02\"] } }")]
    [InlineData("{ name: { contains: \"SOLEIL\" } }")]
    [InlineData("{ name: { ncontains: \"soleil\" } }")]
    [InlineData("{ name: { startsWith: \"title 1\" } }")]
    [InlineData("{ name: { nstartsWith: \"TITLE 1\" } }")]
    [InlineData("{ name: { endsWith: \"du SOLEIL\" } }")]
    [InlineData("{ name: { nendsWith: \"soleil\" } }")]
    public async Task String_operations_compare_eq_exactly_and_contains_ignoring_case(string where)
    {
        Func<Title, bool> expected = where switch
        {
            "{ name: { eq: \"Title 04 Soleil\" } }" => t => t.Name == "Title 04 Soleil",
            "{ name: { neq: \"Title 04 Soleil\" } }" => t => t.Name != "Title 04 Soleil",
            "{ name: { in: [\"Title 01\", \"Title 02\", \"title 03\"] } }" => t => t.Name is "Title 01" or "Title 02",
            "{ name: { nin: [\"Title 01\", \"Title 02\"] } }" => t => t.Name is not ("Title 01" or "Title 02"),
            "{ name: { contains: \"SOLEIL\" } }" => t => t.Id % 4 == 0 || t.Id % 7 == 0,
            "{ name: { ncontains: \"soleil\" } }" => t => t.Id % 4 != 0 && t.Id % 7 != 0,
            "{ name: { startsWith: \"title 1\" } }" => t => t.Id is >= 10 and <= 19,
            "{ name: { nstartsWith: \"TITLE 1\" } }" => t => t.Id is < 10 or > 19,
            "{ name: { endsWith: \"du SOLEIL\" } }" => t => t.Id % 7 == 0,
            _ => t => !t.Name.EndsWith("soleil", StringComparison.OrdinalIgnoreCase),
        };
        await AssertTitlesAsync(where, expected);
    }

    [Theory]
    [InlineData("{ price: { eq: 1000.5 } }")]
    [InlineData("{ price: { in: [1000.5, 2000.50] } }")]
    [InlineData("{ price: { gt: 10000 } }")]
    [InlineData("{ price: { gte: 10000.5, lt: 12000.50 } }")]
    [InlineData("{ price: { lte: 1000.50 } }")]
    public async Task Decimal_operations(string where)
    {
        Func<Title, bool> expected = where switch
        {
            "{ price: { eq: 1000.5 } }" => t => t.Price == 1000.5m,
            "{ price: { in: [1000.5, 2000.50] } }" => t => t.Price is 1000.5m or 2000.5m,
            "{ price: { gt: 10000 } }" => t => t.Price > 10000m,
            "{ price: { gte: 10000.5, lt: 12000.50 } }" => t => t.Price >= 10000.5m && t.Price < 12000.5m,
            _ => t => t.Price <= 1000.5m,
        };
        await AssertTitlesAsync(where, expected);
    }

    [Fact]
    public async Task Boolean_eq_and_neq()
    {
        await AssertTitlesAsync("{ inPrint: { eq: true } }", t => t.InPrint);
        await AssertTitlesAsync("{ inPrint: { neq: true } }", t => !t.InPrint);
    }

    [Fact]
    public async Task Enum_operations_compare_the_stored_values()
    {
        await AssertTitlesAsync("{ format: { eq: PDF } }", t => t.Format == TitleFormat.Pdf);
        await AssertTitlesAsync("{ format: { neq: PDF } }", t => t.Format != TitleFormat.Pdf);
        await AssertTitlesAsync("{ format: { in: [EPUB, AUDIO] } }", t => t.Format is TitleFormat.Epub or TitleFormat.Audio);
        await AssertTitlesAsync("{ format: { nin: [EPUB] } }", t => t.Format != TitleFormat.Epub);
    }

    [Fact]
    public async Task DateTime_operations_take_offsets_and_compare_instants()
    {
        var tenth = new DateTime(2020, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        await AssertTitlesAsync("{ publishedAt: { eq: \"2020-01-10T00:00:00Z\" } }", t => t.PublishedAt == tenth);
        await AssertTitlesAsync("{ publishedAt: { neq: \"2020-01-10T01:00:00+01:00\" } }", t => t.PublishedAt != tenth);
        await AssertTitlesAsync("{ publishedAt: { in: [\"2020-01-10T00:00:00Z\", \"2020-01-02T00:00:00Z\"] } }", t => t.PublishedAt == tenth || t.Id == 2);
        await AssertTitlesAsync("{ publishedAt: { nin: [\"2020-01-10T00:00:00Z\"] } }", t => t.PublishedAt != tenth);
        await AssertTitlesAsync("{ publishedAt: { gt: \"2020-02-01T00:00:00Z\" } }", t => t.PublishedAt > new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        await AssertTitlesAsync("{ publishedAt: { gte: \"2020-01-10T00:00:00Z\", lte: \"2020-01-20T12:00:00Z\" } }", t => t.Id is >= 10 and <= 20);
        await AssertTitlesAsync("{ publishedAt: { lt: \"2020-01-05T00:00:00-05:00\" } }", t => t.Id <= 5);
    }

    [Fact]
    public async Task Nullable_int_eq_null_is_null_and_neq_null_is_not_null()
    {
        await AssertTitlesAsync("{ rating: { eq: null } }", t => t.Rating is null);
        await AssertTitlesAsync("{ rating: { neq: null } }", t => t.Rating is not null);
        await AssertTitlesAsync("{ rating: { gte: 3 } }", t => t.Rating >= 3);
        await AssertTitlesAsync("{ rating: { neq: 3 } }", t => t.Rating != 3);
        await AssertTitlesAsync("{ rating: { in: [1, 2] } }", t => t.Rating is 1 or 2);
        await AssertTitlesAsync("{ rating: { nin: [1, 2] } }", t => t.Rating is not (1 or 2));
    }

    [Fact]
    public async Task Empty_in_matches_nothing_and_empty_nin_everything()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Empty(await executor.IdsAsync("titles", "{ pages: { in: [] } }"));
        Assert.Equal(60, (await executor.IdsAsync("titles", "{ pages: { nin: [] } }")).Length);
    }

    [Fact]
    public async Task Date_operations_and_null_on_writers()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal(WriterIds(w => w.BornOn is null), await executor.IdsAsync("writers", "{ bornOn: { eq: null } }"));
        Assert.Equal(WriterIds(w => w.BornOn is not null), await executor.IdsAsync("writers", "{ bornOn: { neq: null } }"));
        Assert.Equal(WriterIds(w => w.BornOn == new DateOnly(1935, 3, 6)), await executor.IdsAsync("writers", "{ bornOn: { eq: \"1935-03-06\" } }"));
        Assert.Equal(WriterIds(w => w.BornOn > new DateOnly(1935, 3, 6)), await executor.IdsAsync("writers", "{ bornOn: { gt: \"1935-03-06\" } }"));
        Assert.Equal(WriterIds(w => w.BornOn <= new DateOnly(1935, 3, 6)), await executor.IdsAsync("writers", "{ bornOn: { lte: \"1935-03-06\" } }"));
        Assert.Equal(WriterIds(w => w.BornOn != new DateOnly(1935, 3, 6)), await executor.IdsAsync("writers", "{ bornOn: { neq: \"1935-03-06\" } }"));
        Assert.Equal(WriterIds(w => w.BornOn == new DateOnly(1930, 2, 4) || w.BornOn == new DateOnly(1935, 3, 6)), await executor.IdsAsync("writers", "{ bornOn: { in: [\"1930-02-04\", \"1935-03-06\"] } }"));
        Assert.Equal(WriterIds(w => w.Country == "CI"), await executor.IdsAsync("writers", "{ country: { eq: \"CI\" } }"));
    }
}
