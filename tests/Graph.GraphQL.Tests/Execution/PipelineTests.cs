using Graph.GraphQL.Validation;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>The request pipeline: parsing, the document cache, validation, GetOperation, custom middleware, DI.</summary>
public class PipelineTests
{
    private const string Sdl = "type Query { hello: String }";

    private static IRequestExecutor Create(Action<IRequestExecutorBuilder>? configure = null, IDocumentValidator? validator = null) =>
        TestServer.Create(Sdl, b =>
        {
            b.AddResolver("Query", "hello", _ => "world");
            configure?.Invoke(b);
        }, validator);

    [Fact]
    public async Task Syntax_errors_are_request_errors_without_data()
    {
        var json = await Create().RunAsync("{ hello");

        JsonAssert.Equal("""
            {"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":8}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}
            """, json);
    }

    [Fact]
    public async Task Parser_limits_come_from_the_options()
    {
        var executor = Create(b => b.ModifyParserOptions(o => o.MaxAllowedFields = 2));

        var result = (await executor.ExecuteAsync("{ a: hello b: hello c: hello }")).ExpectOperationResult();

        Assert.False(result.HasData);
        Assert.Equal(Graph.GraphQL.ErrorCodes.MaxFieldsExceeded, Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task Validation_errors_are_request_errors_with_the_validation_code()
    {
        var json = await Create(validator: new RejectingValidator()).RunAsync("{ nope }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}
            """, json);
    }

    [Theory]
    [InlineData("query A { hello } query B { hello }", null, "Must provide operation name if query contains multiple operations.")]
    [InlineData("query A { hello }", "B", "Unknown operation named \"B\".")]
    [InlineData("fragment F on Query { hello }", null, "Must provide an operation.")]
    public async Task Get_operation_errors(string document, string? operationName, string message)
    {
        // Unvalidated: the lone fragment would fail validation before operation resolution is reached.
        var json = await Create(validator: new NoValidation()).RunAsync(document, operationName: operationName);

        JsonAssert.Equal(
            "{\"errors\":[{\"message\":" + System.Text.Json.JsonSerializer.Serialize(message) + ",\"extensions\":{\"code\":\"OPERATION_RESOLUTION_FAILURE\"}}]}",
            json);
    }

    [Fact]
    public async Task An_operation_type_the_schema_lacks_fails_with_null_data()
    {
        var json = await Create().RunAsync("mutation { hello }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Schema is not configured to execute mutation operation.","locations":[{"line":1,"column":1}]}],"data":null}
            """, json);
    }

    [Fact]
    public async Task Caches_parsed_and_validated_documents_by_the_hash_of_their_text()
    {
        var validator = new CountingValidator();
        var cached = new List<bool>();
        var hashes = new List<string?>();
        var executor = Create(
            b => b.UseRequest(next => context =>
            {
                cached.Add(context.IsCachedDocument);
                hashes.Add(context.DocumentHash);
                return next(context);
            }),
            validator);

        var first = await executor.RunAsync("{ hello }");
        var second = await executor.RunAsync("{ hello }");
        await executor.RunAsync("{ other: hello }");

        Assert.Equal(first, second);
        Assert.Equal([false, true, false], cached);
        Assert.Equal(2, validator.Calls);
        Assert.Equal(hashes[0], hashes[1]);
        Assert.NotEqual(hashes[0], hashes[2]);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{ hello }"u8)),
            hashes[0]);
    }

    [Fact]
    public async Task A_document_is_cached_once_parsed_so_a_request_that_comes_while_the_first_runs_shares_it()
    {
        // The first request is still executing (its resolver waits) when the second, of the same text, arrives.
        var validator = new CountingValidator();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var cached = new List<bool>();
        var executor = TestServer.Create("type Query { slow: String }", b => b
            .AddResolver("Query", "slow", async _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    firstRunning.SetResult();
                    await release.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
                return "done";
            })
            .UseRequest(next => context =>
            {
                lock (cached)
                {
                    cached.Add(context.IsCachedDocument);
                }
                return next(context);
            }), validator);

        var first = executor.RunAsync("{ slow }");
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await executor.RunAsync("{ slow }");
        release.SetResult();

        JsonAssert.Equal("""{"data":{"slow":"done"}}""", second);
        JsonAssert.Equal("""{"data":{"slow":"done"}}""", await first);
        Assert.Equal(1, validator.Calls);
        Assert.Equal([false, true], cached);
    }

    [Fact]
    public async Task Caches_the_validation_of_a_pre_parsed_document()
    {
        var validator = new CountingValidator();
        var executor = Create(validator: validator);
        var document = Graph.GraphQL.Language.Parser.Parse("{ hello }");

        for (var i = 0; i < 3; i++)
        {
            var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(document).Build());
            JsonAssert.Equal("""{"data":{"hello":"world"}}""", result.ToJson());
        }

        Assert.Equal(1, validator.Calls);
    }

    [Fact]
    public async Task The_document_cache_evicts_the_least_recently_used_document()
    {
        var validator = new CountingValidator();
        var executor = Create(b => b.ModifyRequestOptions(o => o.DocumentCacheSize = 2), validator);

        await executor.RunAsync("{ a: hello }");
        await executor.RunAsync("{ b: hello }");
        await executor.RunAsync("{ a: hello }");
        await executor.RunAsync("{ c: hello }");
        await executor.RunAsync("{ a: hello }");
        await executor.RunAsync("{ b: hello }");

        Assert.Equal(4, validator.Calls);
    }

    [Fact]
    public void Remembers_the_keys_of_texts_and_forgets_them_when_full()
    {
        var cache = new Graph.GraphQL.Execution.Caching.DocumentCache(2);
        string[] texts = ["{ a }", "{ b }", "{ c }", "{ a }", new string("{ b }".AsSpan())];

        foreach (var text in texts)
        {
            Assert.Equal(Graph.GraphQL.Execution.Caching.DocumentKey.Compute(text), cache.KeyOf(text));
        }
        Assert.NotEqual(cache.KeyOf("{ a }"), cache.KeyOf("{ b }"));
        Assert.Equal(64, cache.KeyOf("{ a }").ToString().Length);
    }

    [Fact]
    public async Task Custom_middleware_is_placed_by_key()
    {
        var order = new List<string>();
        var executor = Create(b => b
            .UseRequest(next => async context =>
            {
                order.Add("before execution: operation " + context.Operation?.Type);
                await next(context);
            })
            .UseRequest(next => async context =>
            {
                order.Add("before parsing: document " + (context.Document is null ? "unknown" : "known"));
                await next(context);
            }, key: "early", before: RequestMiddlewareKeys.DocumentParser)
            .UseRequest(next => async context =>
            {
                order.Add("after early");
                await next(context);
            }, after: "early"));

        await executor.RunAsync("{ hello }");

        Assert.Equal(["before parsing: document unknown", "after early", "before execution: operation Query"], order);
    }

    [Fact]
    public async Task A_middleware_may_end_the_request_with_its_own_result()
    {
        var executor = Create(b => b.UseRequest((factory, next) => context =>
        {
            if (context.Operation!.Definition.SelectionSet.Selections.Count > 1)
            {
                context.Result = OperationResult.FromError(new GraphQLError("Too many root fields.").WithCode("TOO_MANY"));
                return ValueTask.CompletedTask;
            }
            return next(context);
        }));

        JsonAssert.Equal("""{"data":{"hello":"world"}}""", await executor.RunAsync("{ hello }"));
        JsonAssert.Equal("""{"errors":[{"message":"Too many root fields.","extensions":{"code":"TOO_MANY"}}]}""", await executor.RunAsync("{ a: hello b: hello }"));
    }

    [Fact]
    public async Task A_request_with_only_an_unknown_document_id_fails()
    {
        var result = await Create().ExecuteAsync(OperationRequestBuilder.New().SetDocumentId("abc").Build());

        JsonAssert.Equal("""{"errors":[{"message":"The document with the id \"abc\" was not found.","extensions":{"code":"DOCUMENT_NOT_FOUND"}}]}""", result.ToJson());
    }

    [Fact]
    public async Task Validates_with_the_spec_rules_by_default()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddDocumentFromString(Sdl);
        await using var provider = services.BuildServiceProvider();
        var executor = await provider.GetRequestExecutorAsync();

        var json = await executor.RunAsync("{ nope }");

        Assert.Contains("Cannot query field \\\"nope\\\" on type \\\"Query\\\".", json, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"GRAPHQL_VALIDATION_FAILED\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builds_the_executor_once_per_schema_name()
    {
        var built = 0;
        var services = new ServiceCollection();
        services.AddSingleton<IDocumentValidator>(new CountingValidator());
        services.AddGraphQLServer().AddDocumentFromString(Sdl).ConfigureSchema(_ => Interlocked.Increment(ref built));
        services.AddGraphQLServer("other").AddDocumentFromString("type Query { other: Int }");
        await using var provider = services.BuildServiceProvider();

        var executors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => provider.GetRequestExecutorAsync().AsTask())));
        var other = await provider.GetRequestExecutorAsync("other");

        Assert.Equal(1, built);
        Assert.All(executors, e => Assert.Same(executors[0], e));
        Assert.NotSame(executors[0], other);
        Assert.Equal("other", Assert.Single(other.Schema.QueryType.Fields).Name);
        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequestExecutorAsync("missing").AsTask());
    }

    [Fact]
    public async Task Executes_through_the_service_provider_shortcut()
    {
        await using var provider = TestServer.CreateServices(Sdl, b => b.AddResolver("Query", "hello", _ => "world"));

        var result = await provider.ExecuteRequestAsync("{ hello }");

        JsonAssert.Equal("""{"data":{"hello":"world"}}""", result.ToJson());
    }

    [Fact]
    public async Task Introspection_can_be_disabled_and_allowed_per_request()
    {
        var executor = Create(b => b.DisableIntrospection());

        var refused = await executor.RunAsync("{ hello __schema { queryType { name } } }");
        var typename = await executor.RunAsync("{ __typename }");
        var allowed = await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("{ __type(name: \"Query\") { name } }").AllowIntrospection().Build());

        JsonAssert.Equal("""
            {"errors":[{"message":"Introspection is not allowed for the current request.","locations":[{"line":1,"column":9}],"extensions":{"code":"INTROSPECTION_DISABLED"}}]}
            """, refused);
        JsonAssert.Equal("""{"data":{"__typename":"Query"}}""", typename);
        JsonAssert.Equal("""{"data":{"__type":{"name":"Query"}}}""", allowed.ToJson());
    }

    [Fact]
    public async Task Request_services_are_a_scope_created_per_request_unless_given()
    {
        var seen = new List<ScopedThing>();
        var executor = Create(b =>
        {
            b.Services.AddScoped<ScopedThing>();
            b.AddResolver("Query", "hello", ctx =>
            {
                seen.Add(ctx.Service<ScopedThing>());
                seen.Add(ctx.Service<ScopedThing>());
                return "world";
            });
        });

        await executor.RunAsync("{ hello }");
        await executor.RunAsync("{ hello }");

        Assert.Same(seen[0], seen[1]);
        Assert.NotSame(seen[0], seen[2]);
        Assert.True(seen[0].Disposed);

        await using var scope = executor.Services.CreateAsyncScope();
        var given = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument("{ hello }").SetServices(scope.ServiceProvider).Build());
        Assert.Same(scope.ServiceProvider.GetRequiredService<ScopedThing>(), seen[4]);
        Assert.False(seen[4].Disposed);
        Assert.Null(given.ExpectOperationResult().Errors);
    }

    private sealed class ScopedThing : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
