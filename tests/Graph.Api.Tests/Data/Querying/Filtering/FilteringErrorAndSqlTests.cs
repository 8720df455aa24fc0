using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying.Filtering;

/// <summary>Bad filters fail with FILTER_INVALID before any SQL runs; good ones run in SQL with parameters.</summary>
public sealed class FilteringErrorAndSqlTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    [Theory]
    [InlineData("{ rating: { gt: null } }", "where.rating.gt cannot be null.")]
    [InlineData("{ pages: { eq: null } }", "where.pages.eq cannot be null: this field always has a value.")]
    [InlineData("{ pages: { in: null } }", "where.pages.in needs a list of values, not null (an empty list is fine).")]
    [InlineData("{ name: { contains: null } }", "where.name.contains cannot be null.")]
    [InlineData("{ name: null }", "where.name is null. Give a filter object or leave the field out (to match a missing value, write { eq: null } on a scalar field).")]
    [InlineData("{ or: null }", "where.or needs a list of filters, not null.")]
    [InlineData("{ and: [{ writer: { titles: { any: null } } }] }", "where.and[0].writer.titles.any needs true or false, not null.")]
    [InlineData("{ tags: { some: null } }", "where.tags.some is null. Give a filter object or leave the field out (to match a missing value, write { eq: null } on a scalar field).")]
    public async Task Invalid_filters_fail_with_FILTER_INVALID_and_send_no_SQL(string where, string expected)
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, $"{{ titles(where: {where}) {{ id }} }}");
        Assert.Equal(
            $$$"""{"errors":[{"message":{{{Json(expected)}}},"locations":[{"line":1,"column":3}],"path":["titles"],"extensions":{"code":"FILTER_INVALID","filter":{{{Json(expected.Split(' ')[0].TrimEnd(':'))}}}}}],"data":null}""",
            json);
        Assert.Empty(sql);
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Invalid_filters_in_variables_fail_the_same_way()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var where = new Dictionary<string, object?> { ["pages"] = new Dictionary<string, object?> { ["gte"] = null } };
        var (message, code, _) = await executor.ErrorAsync("query Q($where: TitleFilterInput) { titles(where: $where) { id } }", new Dictionary<string, object?> { ["where"] = where });
        Assert.Equal(("where.pages.gte cannot be null.", "FILTER_INVALID"), (message, code));
    }

    [Fact]
    public async Task Ill_typed_filters_fail_validation()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var (_, code, _) = await executor.ErrorAsync("{ titles(where: { pages: { contains: \"1\" } }) { id } }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", code);
        (_, code, _) = await executor.ErrorAsync("{ titles(where: { pages: { in: [1, null] } }) { id } }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", code);
    }

    [Fact]
    public async Task AddFiltering_options_limit_in_lists_and_can_make_text_case_sensitive()
    {
        var executor = await database.CreateExecutorAsync(b => b.AddTypeExtension<FilteringQueries>().AddFiltering(o =>
        {
            o.MaxInValues = 2;
            o.IgnoreCase = false;
        }));
        var (message, code, _) = await executor.ErrorAsync("{ titles(where: { id: { nin: [1, 2, 3] } }) { id } }");
        Assert.Equal(("where.id.nin has 3 values; at most 2 are allowed.", "FILTER_INVALID"), (message, code));
        Assert.Equal(FilteringSeed.TitleIds(t => t.Id % 4 == 0), await executor.IdsAsync("titles", "{ name: { contains: \"Soleil\" } }"));
        Assert.Contains("Every operation is case-sensitive.", executor.Schema.GetType<Graph.GraphQL.Types.InputObjectType>("StringOperationFilterInput").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_run_in_SQL_with_parameters_never_inlined_values()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database,
            "{ titles(where: { name: { contains: \"DU SOLEIL\" }, pages: { gt: 123 }, format: { in: [PDF, AUDIO] }, writer: { country: { eq: \"SN\" } } }) { id } }");
        var expected = FilteringSeed.TitleIds(t => t.Id % 7 == 0 && t.Pages > 123 && t.Format != TitleFormat.Epub && t.Writer!.Country == "SN");
        Assert.Equal("{\"data\":{\"titles\":[" + string.Join(",", expected.Select(id => $"{{\"id\":{id}}}")) + "]}}", json);
        var command = Assert.Single(sql);
        Assert.Contains("WHERE", command, StringComparison.Ordinal);
        Assert.Contains("lower(", command, StringComparison.Ordinal);
        Assert.Matches(@"[@$]\w+", command);
        foreach (var inlined in new[] { "du soleil", "DU SOLEIL", "123", "'SN'", "'Pdf'", "'Audio'" })
        {
            Assert.DoesNotContain(inlined, command, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Collection_filters_run_as_one_SQL_query()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        var (_, sql) = await executor.RunWithSqlAsync(database, "{ writers(where: { titles: { some: { pages: { gt: 380 } } } }) { id } }");
        var command = Assert.Single(sql);
        Assert.Contains("EXISTS", command, StringComparison.Ordinal);
        Assert.DoesNotContain("380", command, StringComparison.Ordinal);
        (_, sql) = await executor.RunWithSqlAsync(database, "{ titles(where: { tags: { some: { contains: \"oés\" } } }) { id } }");
        Assert.DoesNotContain("oés", Assert.Single(sql), StringComparison.Ordinal);
    }
}
