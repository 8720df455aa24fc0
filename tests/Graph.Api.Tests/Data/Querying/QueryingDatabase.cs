using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Graph.Api.Tests.Data.Querying;

/// <summary>
/// A database of <see cref="QueryingDbContext"/> for one test class (xunit class fixture), created and seeded with the
/// same data every time: 6 writers and 60 titles whose values cover every filter and sort case (see <see cref="Seed"/>).
/// </summary>
public sealed class QueryingDatabase : IAsyncLifetime
{
    public string Name { get; } = TestPostgres.NewDatabaseName();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public static readonly string[] WriterNames = ["Aminata Sow Fall", "Cheikh Hamidou Kane", "Mariama Bâ", "Ahmadou Kourouma", "Véronique Tadjo", "Boubacar Boris Diop"];

    public async Task InitializeAsync()
    {
        await TestPostgres.ExecuteAsync($"CREATE DATABASE {Name}");
        DataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(Name));
        await using var db = CreateContext();
        await db.Database.EnsureCreatedAsync();
        db.AddRange(Seed());
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(Name);
    }

    public QueryingDbContext CreateContext() => new(Options(new DbContextOptionsBuilder<QueryingDbContext>()).Options);

    private T Options<T>(T options) where T : DbContextOptionsBuilder
    {
        options.UseNpgsql(DataSource);
        return options;
    }

    /// <summary>
    /// An executor over this database: the Query type plus <paramref name="configure"/>'s types, a pooled context
    /// factory with one context per resolver (<c>RegisterDbContextFactory</c>), and exception details on.
    /// </summary>
    public async Task<IRequestExecutor> CreateExecutorAsync(Action<IRequestExecutorBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddPooledDbContextFactory<QueryingDbContext>(o => Options(o));
        var builder = services.AddGraphQLServer()
            .AddQueryType()
            .RegisterDbContextFactory<QueryingDbContext>()
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = true);
        configure(builder);
        return await services.BuildServiceProvider().GetRequestExecutorAsync();
    }

    /// <summary>
    /// 6 writers (ids 1-6) and 60 titles (ids 1-60). Title <c>i</c> belongs to writer <c>(i - 1) % 6 + 1</c>, has
    /// <c>100 + i * 7 % 300</c> pages, costs <c>i * 250 + 0.50</c>, is EPUB/PDF/AUDIO by <c>i % 3</c>, in print when i is even,
    /// published on day i of 2020, rated <c>i % 5</c> (null when 0), and named "Title {i:00}" with the word "Soleil" in every
    /// fourth name, "soleil" (lower case) in every seventh, and tags "roman" (odd i) and "poésie" (i divisible by 5).
    /// Writer 6 has no birth date.
    /// </summary>
    public static IEnumerable<object> Seed()
    {
        var writers = new List<Writer>();
        string[] countries = ["SN", "SN", "SN", "CI", "CI", "SN"];
        for (var w = 1; w <= 6; w++)
        {
            writers.Add(new Writer
            {
                Id = w,
                Name = WriterNames[w - 1],
                Country = countries[w - 1],
                BornOn = w == 6 ? null : new DateOnly(1920 + w * 5, w, w * 2),
            });
        }
        foreach (var writer in writers)
        {
            yield return writer;
        }
        for (var i = 1; i <= 60; i++)
        {
            var name = $"Title {i:00}";
            if (i % 4 == 0)
            {
                name += " Soleil";
            }
            if (i % 7 == 0)
            {
                name += " du soleil";
            }
            var tags = new List<string>();
            if (i % 2 == 1)
            {
                tags.Add("roman");
            }
            if (i % 5 == 0)
            {
                tags.Add("poésie");
            }
            yield return new Title
            {
                Id = i,
                Name = name,
                Pages = 100 + i * 7 % 300,
                Price = i * 250 + 0.50m,
                Format = (TitleFormat)(i % 3),
                InPrint = i % 2 == 0,
                PublishedAt = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i - 1),
                Rating = i % 5 == 0 ? null : i % 5,
                Tags = tags,
                WriterId = (i - 1) % 6 + 1,
            };
        }
    }
}

/// <summary>Runs operations on an executor and records the SQL they send.</summary>
public static class QueryingRun
{
    /// <summary>Executes <paramref name="query"/> and returns the compact JSON of the result.</summary>
    public static async Task<string> RunAsync(this IRequestExecutor executor, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var builder = OperationRequestBuilder.New().SetDocument(query);
        if (variables is not null)
        {
            builder.SetVariableValues(variables);
        }
        await using var result = await executor.ExecuteAsync(builder.Build());
        return result.ExpectOperationResult().ToJson();
    }

    /// <summary>Executes <paramref name="query"/> and returns the JSON and the SQL commands sent to <paramref name="database"/>.</summary>
    public static async Task<(string Json, IReadOnlyList<string> Sql)> RunWithSqlAsync(
        this IRequestExecutor executor, QueryingDatabase database, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        using var recorder = new SqlCommandCounter(database.Name);
        var json = await executor.RunAsync(query, variables);
        return (json, recorder.Commands);
    }
}
