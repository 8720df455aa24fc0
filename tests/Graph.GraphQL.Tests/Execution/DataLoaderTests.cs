using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.DataLoader;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>DataLoaders: one batch per level of the tree, per-request caching, grouped loads, failures.</summary>
public class DataLoaderTests
{
    private const string Sdl = """
        type Query { books: [Book!]! }
        type Book { title: String! author: Author lateAuthor: Author }
        type Author { name: String! books: [Book!]! }
        """;

    internal sealed record Book(string Title, int AuthorId);

    internal sealed record Author(int Id, string Name);

    private static readonly Book[] Books =
    [
        new("Dune", 1), new("Emma", 2), new("Children of Dune", 1), new("Persuasion", 2), new("Solaris", 3),
    ];

    internal sealed class LoaderLog
    {
        public List<int[]> AuthorBatches { get; } = [];

        public List<int[]> BookBatches { get; } = [];

        public bool FailAuthors { get; set; }
    }

    internal sealed class AuthorByIdDataLoader(IBatchScheduler scheduler, DataLoaderOptions options, LoaderLog log)
        : BatchDataLoader<int, Author?>(scheduler, options)
    {
        protected override async Task<IReadOnlyDictionary<int, Author?>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.AuthorBatches.Add([.. keys]);
            }
            await Task.Yield();
            if (log.FailAuthors)
            {
                throw new InvalidOperationException("database down");
            }
            return keys.Where(k => k != 3).ToDictionary(k => k, k => (Author?)new Author(k, k == 1 ? "Frank Herbert" : "Jane Austen"));
        }
    }

    internal sealed class BooksByAuthorDataLoader(IBatchScheduler scheduler, DataLoaderOptions options, LoaderLog log)
        : GroupedDataLoader<int, Book>(scheduler, options)
    {
        protected override Task<ILookup<int, Book>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.BookBatches.Add([.. keys]);
            }
            return Task.FromResult(Books.Where(b => keys.Contains(b.AuthorId)).ToLookup(b => b.AuthorId));
        }
    }

    /// <summary>Authors one at a time (a source without a batch query), counting the calls per key.</summary>
    internal sealed class AuthorCacheDataLoader(IBatchScheduler scheduler, DataLoaderOptions options, LoaderLog log)
        : CacheDataLoader<int, Author?>(scheduler, options)
    {
        protected override async Task<Author?> LoadSingleAsync(int key, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.AuthorBatches.Add([key]);
            }
            await Task.Yield();
            return key == 3 ? null : new Author(key, key == 1 ? "Frank Herbert" : "Jane Austen");
        }
    }

    private static (IRequestExecutor Executor, LoaderLog Log) Create(Action<IRequestExecutorBuilder>? configure = null)
    {
        var log = new LoaderLog();
        var executor = TestServer.Create(Sdl, b =>
        {
            b.Services.AddSingleton(log);
            b.AddDataLoader<AuthorByIdDataLoader>()
                .AddDataLoader<BooksByAuthorDataLoader>()
                .AddResolver("Query", "books", _ => Books)
                .AddResolver("Book", "author", async ctx => await ctx.Service<AuthorByIdDataLoader>().LoadAsync(ctx.Parent<Book>().AuthorId, ctx.RequestAborted))
                .AddResolver("Book", "lateAuthor", async ctx =>
                {
                    await Task.Delay(10, ctx.RequestAborted);
                    return await ctx.Service<AuthorByIdDataLoader>().LoadAsync(ctx.Parent<Book>().AuthorId, ctx.RequestAborted);
                })
                .AddResolver("Author", "books", async ctx => await ctx.Service<BooksByAuthorDataLoader>().LoadAsync(ctx.Parent<Author>().Id, ctx.RequestAborted));
            configure?.Invoke(b);
        });
        return (executor, log);
    }

    [Fact]
    public async Task Loads_the_keys_of_all_list_items_in_one_batch()
    {
        var (executor, log) = Create();

        var json = await executor.RunAsync("{ books { title author { name } } }");

        JsonAssert.Equal("""
            {"data":{"books":[
              {"title":"Dune","author":{"name":"Frank Herbert"}},
              {"title":"Emma","author":{"name":"Jane Austen"}},
              {"title":"Children of Dune","author":{"name":"Frank Herbert"}},
              {"title":"Persuasion","author":{"name":"Jane Austen"}},
              {"title":"Solaris","author":null}]}}
            """, json);
        Assert.Equal([1, 2, 3], Assert.Single(log.AuthorBatches));
    }

    [Fact]
    public async Task Caches_per_request_and_batches_each_level_once()
    {
        var (executor, log) = Create();

        var json = await executor.RunAsync("{ books { author { books { title author { name } } } } }");
        await executor.RunAsync("{ books { author { name } } }");

        Assert.Contains("\"books\":[{\"title\":\"Dune\",\"author\":{\"name\":\"Frank Herbert\"}},{\"title\":\"Children of Dune\"", json, StringComparison.Ordinal);
        Assert.Equal(2, log.AuthorBatches.Count);
        Assert.All(log.AuthorBatches, batch => Assert.Equal([1, 2, 3], batch));
        // The second level's keys are requested by the resolvers the first batch woke; several of them wait on one
        // author, and .NET runs all but the first waiter of a task on the thread pool, so the order within the batch
        // may vary. What matters is one batch holding both authors.
        Assert.Equal([1, 2], Assert.Single(log.BookBatches).Order());
    }

    [Fact]
    public async Task Loads_each_key_once_when_keys_are_requested_after_an_await()
    {
        var (executor, log) = Create();

        var json = await executor.RunAsync("{ books { lateAuthor { name } } }");

        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(json, "lateAuthor").Count);
        Assert.Contains("{\"lateAuthor\":{\"name\":\"Jane Austen\"}}", json, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], log.AuthorBatches.SelectMany(b => b).Order().ToArray());
    }

    [Fact]
    public async Task A_failed_batch_fails_every_field_that_waited_for_it()
    {
        var (executor, log) = Create();
        log.FailAuthors = true;

        var result = (await executor.ExecuteAsync("{ books { author { name } } }")).ExpectOperationResult();

        Assert.Equal(5, result.Errors!.Count);
        Assert.All(result.Errors, e => Assert.Equal("Unexpected Execution Error", e.Message));
        Assert.Equal(
            ["/books/0/author", "/books/1/author", "/books/2/author", "/books/3/author", "/books/4/author"],
            result.Errors.Select(e => e.Path!.ToString()).Order());
        Assert.Single(log.AuthorBatches);
    }

    [Fact]
    public async Task A_cache_loader_fetches_each_distinct_key_once_per_request()
    {
        var (executor, log) = Create(b => b.AddDataLoader<AuthorCacheDataLoader>()
            .AddResolver("Book", "lateAuthor", async ctx => await ctx.Service<AuthorCacheDataLoader>().LoadAsync(ctx.Parent<Book>().AuthorId, ctx.RequestAborted)));

        var json = await executor.RunAsync("{ books { lateAuthor { name } } again: books { lateAuthor { name } } }");

        Assert.Equal(8, System.Text.RegularExpressions.Regex.Matches(json, "Frank Herbert|Jane Austen").Count);
        Assert.Contains("{\"lateAuthor\":{\"name\":\"Frank Herbert\"}},{\"lateAuthor\":{\"name\":\"Jane Austen\"}}", json, StringComparison.Ordinal);
        // Five books of three authors, asked twice: three single fetches, one per author.
        Assert.Equal([1, 2, 3], log.AuthorBatches.Select(b => Assert.Single(b)).Order().ToArray());

        await executor.RunAsync("{ books { lateAuthor { name } } }");
        Assert.Equal(6, log.AuthorBatches.Count);
    }

    [Fact]
    public async Task Splits_batches_at_the_maximum_batch_size()
    {
        var (executor, log) = Create(b => b.Services.AddSingleton(new DataLoaderOptions { MaxBatchSize = 2 }));

        await executor.RunAsync("{ books { author { name } } }");

        Assert.Equal([[1, 2], [3]], log.AuthorBatches);
    }

    [Fact]
    public async Task Dispatches_on_its_own_outside_an_execution()
    {
        var log = new LoaderLog();
        var loader = new AuthorByIdDataLoader(new BatchScheduler(), new DataLoaderOptions(), log);

        var authors = await loader.LoadAsync([1, 2, 1]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["Frank Herbert", "Jane Austen", "Frank Herbert"], authors.Select(a => a!.Name));
        Assert.Equal([1, 2], Assert.Single(log.AuthorBatches));
        loader.Set(7, new Author(7, "Primed"));
        Assert.Equal("Primed", (await loader.LoadAsync(7))!.Name);
        Assert.Single(log.AuthorBatches);
    }
}
