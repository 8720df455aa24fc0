using System.Text.Json;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying.Filtering;

/// <summary>The resolvers the filtering tests query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class FilteringQueries
{
    [UseFiltering]
    public IQueryable<Title> GetTitles(QueryingDbContext db) => db.Titles.OrderBy(t => t.Id);

    [UseFiltering]
    public IQueryable<Writer> GetWriters(QueryingDbContext db) => db.Writers.OrderBy(w => w.Id);

    /// <summary>Shares TitleFilterInput with <see cref="GetTitles"/>.</summary>
    [UseFiltering]
    public IQueryable<Title> GetTitlesInPrint(QueryingDbContext db) => db.Titles.Where(t => t.InPrint).OrderBy(t => t.Id);

    [UseFiltering(typeof(LimitedTitleFilterInputType))]
    public IQueryable<Title> GetLimitedTitles(QueryingDbContext db) => db.Titles.OrderBy(t => t.Id);

    /// <summary>Not EF Core: the same filter compiled and run in memory.</summary>
    [UseFiltering]
    public IEnumerable<Title> GetMemoryTitles() => FilteringSeed.Titles;
}

/// <summary>A filter on titles by name and pages only.</summary>
public sealed class LimitedTitleFilterInputType : FilterInputType<Title>
{
    protected override void Configure(IFilterInputTypeDescriptor<Title> descriptor) =>
        descriptor.Name("LimitedTitleFilterInput").BindFieldsExplicitly().Field(t => t.Name).Field(t => t.Pages).Field(t => t.Price).Ignore(t => t.Price);
}

/// <summary>The seed of <see cref="QueryingDatabase"/> with its navigations linked, to compute expected results.</summary>
public static class FilteringSeed
{
    public static readonly IReadOnlyList<Writer> Writers;

    public static readonly IReadOnlyList<Title> Titles;

    static FilteringSeed()
    {
        var items = QueryingDatabase.Seed().ToList();
        Writers = items.OfType<Writer>().ToList();
        Titles = items.OfType<Title>().ToList();
        foreach (var title in Titles)
        {
            title.Writer = Writers[title.WriterId - 1];
            title.Writer.Titles.Add(title);
        }
    }

    public static int[] TitleIds(Func<Title, bool> predicate) => Titles.Where(predicate).Select(t => t.Id).ToArray();

    public static int[] WriterIds(Func<Writer, bool> predicate) => Writers.Where(predicate).Select(w => w.Id).ToArray();
}

/// <summary>Runs filters and reads the ids they return.</summary>
public static class FilteringRun
{
    public static Task<IRequestExecutor> CreateFilteringExecutorAsync(this QueryingDatabase database) =>
        database.CreateExecutorAsync(b => b.AddTypeExtension<FilteringQueries>().AddFiltering());

    /// <summary>The ids of <c>field(where: where)</c>; fails with the response when it has errors.</summary>
    public static async Task<int[]> IdsAsync(this IRequestExecutor executor, string field, string where, IReadOnlyDictionary<string, object?>? variables = null, string? variableDefinitions = null)
    {
        var operation = variableDefinitions is null ? "" : $"query Q({variableDefinitions}) ";
        var json = await executor.RunAsync($"{operation}{{ {field}(where: {where}) {{ id }} }}", variables);
        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.TryGetProperty("errors", out _), json);
        return document.RootElement.GetProperty("data").GetProperty(field).EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToArray();
    }

    /// <summary>The single error of a failed filter: its message and code.</summary>
    public static async Task<(string Message, string? Code, string Json)> ErrorAsync(this IRequestExecutor executor, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var json = await executor.RunAsync(query, variables);
        using var document = JsonDocument.Parse(json);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        var code = error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
        return (error.GetProperty("message").GetString()!, code, json);
    }
}
