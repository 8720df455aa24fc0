using System.Text.Json;
using System.Text.RegularExpressions;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying;

/// <summary>[UseProjection]: only the selected columns and navigations are loaded, in one SQL statement.</summary>
public sealed class ProjectionTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class Queries
    {
        [UseProjection]
        public IQueryable<Title> GetTitles(QueryingDbContext db) => db.Titles.Where(t => t.Id <= 3).OrderBy(t => t.Id);

        [UseProjection]
        public IQueryable<Writer> GetWriters(QueryingDbContext db) => db.Writers.Where(w => w.Id <= 2).OrderBy(w => w.Id);

        [UseProjection, UseSorting]
        public IQueryable<Title> GetSortedTitles(QueryingDbContext db) => db.Titles.Where(t => t.Id <= 4);

        [UseProjection]
        public IQueryable<Title>? GetNoTitles() => null;

        [UseProjection]
        public IQueryable<Title> GetEmptyTitles(QueryingDbContext db) => db.Titles.Where(t => t.Id < 0);

        /// <summary>Not a database query: the projection runs in memory, where navigations may be null.</summary>
        [UseProjection]
        public IEnumerable<Title> GetLooseTitles() =>
        [
            new Title { Id = 7, Name = "Alone", WriterId = 3 },
            new Title { Id = 8, Name = "Paired", WriterId = 1, Writer = new Writer { Id = 1, Name = "Aminata Sow Fall", Country = "SN" } },
        ];
    }

    [ExtendObjectType<Title>]
    public sealed class TitleExtensions
    {
        /// <summary>A resolver of its own: projects nothing, but needs WriterId, which is [IsProjected(true)].</summary>
        public string GetWriterKey([Parent] Title title) => $"writer-{title.WriterId}";
    }

    private Task<IRequestExecutor> ExecutorAsync() =>
        database.CreateExecutorAsync(b => b.AddProjections().AddSorting().AddTypeExtension<Queries>().AddTypeExtension<TitleExtensions>());

    /// <summary>The select list of a statement (between SELECT and the first FROM), without column aliases.</summary>
    private static string Columns(string sql)
    {
        var start = sql.IndexOf("SELECT", StringComparison.Ordinal) + "SELECT".Length;
        var columns = sql[start..sql.IndexOf("FROM", start, StringComparison.Ordinal)].Trim();
        return Regex.Replace(columns, " AS \"[^\"]*\"", "");
    }

    [Fact]
    public async Task Only_the_selected_columns_the_key_and_the_always_projected_ones_are_loaded()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ titles { name } }");
        Assert.Equal("""{"data":{"titles":[{"name":"Title 01"},{"name":"Title 02"},{"name":"Title 03"}]}}""", json);
        Assert.Equal("t.id, t.writer_id, t.name", Columns(Assert.Single(sql)));
    }

    [Fact]
    public async Task A_reference_navigation_is_projected_in_the_same_statement_with_a_join()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ titles { pages writer { name } } }");
        Assert.Equal(
            """{"data":{"titles":[{"pages":107,"writer":{"name":"Aminata Sow Fall"}},{"pages":114,"writer":{"name":"Cheikh Hamidou Kane"}},{"pages":121,"writer":{"name":"Mariama Bâ"}}]}}""",
            json);
        var statement = Assert.Single(sql);
        Assert.Contains("JOIN writers", statement, StringComparison.Ordinal);
        var columns = Columns(statement);
        Assert.Contains("t.pages", columns, StringComparison.Ordinal);
        Assert.Contains("w.name", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("country", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("t.name", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("price", columns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collection_navigation_is_projected_with_its_selected_columns()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ writers { name titles { pages } } }");
        var writers = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("writers").EnumerateArray().ToList();
        Assert.Equal(["Aminata Sow Fall", "Cheikh Hamidou Kane"], writers.Select(w => w.GetProperty("name").GetString()));
        var expected = QueryingDatabase.Seed().OfType<Title>().Where(t => t.WriterId == 2).Select(t => t.Pages).Order();
        Assert.Equal(expected, writers[1].GetProperty("titles").EnumerateArray().Select(t => t.GetProperty("pages").GetInt32()).Order());
        var statement = Assert.Single(sql);
        var columns = Columns(statement);
        Assert.Contains("pages", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("price", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("country", columns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_with_its_own_resolver_reads_an_always_projected_property()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ titles { writerKey } }");
        Assert.Equal("""{"data":{"titles":[{"writerKey":"writer-1"},{"writerKey":"writer-2"},{"writerKey":"writer-3"}]}}""", json);
        Assert.Equal("t.id, t.writer_id", Columns(Assert.Single(sql)));
    }

    [Fact]
    public async Task Fragments_and_aliases_project_every_field_they_select()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(
            database,
            """
            { titles { ...Basics label: name again: name ... on Title { by: writer { country } } __typename } }
            fragment Basics on Title { pages writer { n: name } }
            """);
        Assert.Equal(
            """{"data":{"titles":[{"pages":107,"writer":{"n":"Aminata Sow Fall"},"label":"Title 01","again":"Title 01","by":{"country":"SN"},"__typename":"Title"},"""
            + """{"pages":114,"writer":{"n":"Cheikh Hamidou Kane"},"label":"Title 02","again":"Title 02","by":{"country":"SN"},"__typename":"Title"},"""
            + """{"pages":121,"writer":{"n":"Mariama Bâ"},"label":"Title 03","again":"Title 03","by":{"country":"SN"},"__typename":"Title"}]}}""",
            json);
        var columns = Columns(Assert.Single(sql));
        Assert.Contains("w.name", columns, StringComparison.Ordinal);
        Assert.Contains("w.country", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("price", columns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projection_and_sorting_make_one_statement()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ sortedTitles(order: [{ price: DESC }]) { name } }");
        Assert.Equal("""{"data":{"sortedTitles":[{"name":"Title 04 Soleil"},{"name":"Title 03"},{"name":"Title 02"},{"name":"Title 01"}]}}""", json);
        var statement = Assert.Single(sql);
        Assert.Contains("ORDER BY t.price DESC", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("price", Columns(statement), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_or_empty_result_stays_null_or_empty()
    {
        var executor = await ExecutorAsync();
        var json = await executor.RunAsync("{ noTitles { name } emptyTitles { name writer { name } } }");
        Assert.Equal("""{"data":{"noTitles":null,"emptyTitles":[]}}""", json);
    }

    [Fact]
    public async Task Scalar_lists_and_typename_only_selections_work()
    {
        var executor = await ExecutorAsync();
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ a: titles { tags } b: titles { __typename } }");
        Assert.Equal(
            """{"data":{"a":[{"tags":["roman"]},{"tags":[]},{"tags":["roman"]}],"b":[{"__typename":"Title"},{"__typename":"Title"},{"__typename":"Title"}]}}""",
            json);
        Assert.Contains(sql, s => Columns(s) == "t.id, t.writer_id, t.tags");
        Assert.Contains(sql, s => Columns(s) == "t.id, t.writer_id");
    }

    [Fact]
    public async Task In_memory_sources_project_a_missing_reference_as_null()
    {
        var executor = await ExecutorAsync();
        var json = await executor.RunAsync("{ looseTitles { name writerKey writer { name } } }");
        Assert.Equal(
            """{"data":{"looseTitles":[{"name":"Alone","writerKey":"writer-3","writer":null},{"name":"Paired","writerKey":"writer-1","writer":{"name":"Aminata Sow Fall"}}]}}""",
            json);
    }

    [Fact]
    public async Task Code_first_descriptors_sort_a_collection_the_projection_loaded()
    {
        var executor = await database.CreateExecutorAsync(b => b
            .AddProjections()
            .AddSorting()
            .AddTypeExtension<Queries>()
            .AddType(new ObjectType<Writer>(d => d.Field(w => w.Titles).UseSorting().UseProjection())));
        // writers is projected in SQL (with its titles); Writer.titles then sorts and projects that list in memory.
        var (json, sql) = await executor.RunWithSqlAsync(database, "{ writers { titles(order: [{ pages: DESC }]) { pages } } }");
        var expected = QueryingDatabase.Seed().OfType<Title>().Where(t => t.WriterId == 1).Select(t => t.Pages).OrderDescending();
        var titles = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("writers")[0].GetProperty("titles");
        Assert.Equal(expected, titles.EnumerateArray().Select(t => t.GetProperty("pages").GetInt32()));
        Assert.DoesNotContain("price", Columns(Assert.Single(sql)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projection_needs_AddProjections()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.CreateExecutorAsync(b => b.AddSorting().AddTypeExtension<Queries>()));
        Assert.Contains("needs AddProjections()", error.Message, StringComparison.Ordinal);
    }
}
