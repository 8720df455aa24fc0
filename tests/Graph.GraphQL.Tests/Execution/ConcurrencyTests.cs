using Graph.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>Serial mutations, parallel queries, cancellation and the execution timeout.</summary>
public class ConcurrencyTests
{
    private const string Sdl = """
        type Query { a: String b: String slow: String sync: String }
        type Mutation { first: Result second: Result third: Result! }
        type Result { value: String }
        """;

    [Fact]
    public async Task Mutation_root_fields_run_one_after_the_other_with_their_sub_selections()
    {
        var log = new List<string>();
        var executor = TestServer.Create(Sdl, b =>
        {
            foreach (var name in new[] { "first", "second", "third" })
            {
                b.AddResolver("Mutation", name, async _ =>
                {
                    lock (log)
                    {
                        log.Add("start " + name);
                    }
                    await Task.Yield();
                    lock (log)
                    {
                        log.Add("end " + name);
                    }
                    return name;
                });
            }
            b.AddResolver("Result", "value", async ctx =>
            {
                await Task.Yield();
                lock (log)
                {
                    log.Add("value of " + ctx.Parent<string>());
                }
                return ctx.Parent<string>();
            });
        });

        var json = await executor.RunAsync("mutation { first { value } second { value } third { value } }");

        JsonAssert.Equal("""{"data":{"first":{"value":"first"},"second":{"value":"second"},"third":{"value":"third"}}}""", json);
        Assert.Equal(
            ["start first", "end first", "value of first", "start second", "end second", "value of second", "start third", "end third", "value of third"],
            log);
    }

    [Fact]
    public async Task A_failed_non_null_mutation_field_stops_the_following_ones()
    {
        var ran = new List<string>();
        var executor = TestServer.Create(Sdl, b => b
            .AddResolver("Mutation", "first", _ => { ran.Add("first"); return "first"; })
            .AddResolver("Mutation", "third", _ => { ran.Add("third"); return null; })
            .AddResolver("Mutation", "second", _ => { ran.Add("second"); return "second"; }));

        var json = await executor.RunAsync("mutation { first { value } third { value } second { value } }");

        Assert.Equal(["first", "third"], ran);
        Assert.Contains("\"data\":null", json, StringComparison.Ordinal);
        Assert.Contains("Cannot return null for non-nullable field Mutation.third.", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_query_fields_run_in_parallel()
    {
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = TestServer.Create(Sdl, b => b
            .AddResolver("Query", "a", async _ =>
            {
                aStarted.SetResult();
                await bStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return "a";
            })
            .AddResolver("Query", "b", async _ =>
            {
                bStarted.SetResult();
                await aStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return "b";
            }));

        var json = await executor.RunAsync("{ a b }");

        JsonAssert.Equal("""{"data":{"a":"a","b":"b"}}""", json);
    }

    [Fact]
    public async Task The_execution_timeout_ends_the_request_with_a_timeout_error()
    {
        var executor = TestServer.Create(Sdl, b => b
            .ModifyRequestOptions(o => o.ExecutionTimeout = TimeSpan.FromMilliseconds(100))
            .AddResolver("Query", "slow", async ctx =>
            {
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
                return "never";
            }));

        var json = await executor.RunAsync("{ slow }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The request exceeded the configured timeout of 00:00:00.1000000.","extensions":{"code":"EXECUTION_TIMEOUT"}}],"data":null}
            """, json);
    }

    [Fact]
    public async Task A_cancelled_request_ends_with_a_cancellation_error_and_cancels_resolvers()
    {
        var resolverCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancellation = new CancellationTokenSource();
        var executor = TestServer.Create(Sdl, b => b
            .AddResolver("Query", "slow", async ctx =>
            {
                ctx.RequestAborted.Register(() => resolverCancelled.TrySetResult());
                await cancellation.CancelAsync();
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
                return "never";
            }));

        var result = await executor.ExecuteAsync(OperationRequest.FromSourceText("{ slow }"), cancellation.Token);

        JsonAssert.Equal("""
            {"errors":[{"message":"The request was cancelled.","extensions":{"code":"REQUEST_CANCELLED"}}],"data":null}
            """, result.ToJson());
        await resolverCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_request_cancelled_before_it_starts_is_a_request_error()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var executor = TestServer.Create(Sdl, b => b.AddResolver("Query", "sync", _ => "sync"));

        var result = await executor.ExecuteAsync(OperationRequest.FromSourceText("{ sync }"), cancellation.Token);

        JsonAssert.Equal("""{"errors":[{"message":"The request was cancelled.","extensions":{"code":"REQUEST_CANCELLED"}}],"data":null}""", result.ToJson());
    }

    [Fact]
    public async Task Many_concurrent_requests_share_the_cached_plan_safely()
    {
        var executor = TestServer.Create(Sdl, b => b
            .AddResolver("Query", "a", async _ =>
            {
                await Task.Yield();
                return "a";
            })
            .AddResolver("Query", "sync", _ => "sync"));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => executor.RunAsync("{ a sync }"))));

        Assert.All(results, json => JsonAssert.Equal("""{"data":{"a":"a","sync":"sync"}}""", json));
    }
}
