using System.Net;
using System.Runtime.CompilerServices;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Graph.Api.Tests.GraphQL.GraphQLHttp;

namespace Graph.Api.Tests.GraphQL;

/// <summary>
/// How the transport runs what it reads: variables, mutations, subscriptions, field errors, unexpected failures, the
/// request's service scope and cancellation, on the real server with a few fields only these tests add.
/// </summary>
public sealed class HttpExecutionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private GraphApiFactory _server = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _server = new GraphApiFactory(database.ConnectionString);
        _factory = _server.WithWebHostBuilder(web => web.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddScoped<ScopeMarker>();
            services.AddSingleton<Counter>();
            services.AddSingleton<SlowProbe>();
            services.AddGraphQLServer()
                .AddTypeExtension<TestQueries>()
                // The server declares Mutation and Subscription; the test fields extend them.
                .AddTypeExtension<TestMutations>()
                .AddTypeExtension<TestSubscriptions>()
                // As in Production: no exception details in errors.
                .ModifyRequestOptions(o => o.IncludeExceptionDetails = false)
                .UseRequest(next => async context =>
                {
                    if (context.Request.Extensions?.ContainsKey("explode") == true)
                    {
                        throw new InvalidOperationException("a secret detail");
                    }
                    await next(context);
                });
        }));
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Decimal_variables_stay_exact_over_POST_and_GET()
    {
        const string value = "12345678901234567890.123456789";
        var post = await _client.SendGraphQLAsync(Post($$$"""{"query":"query($v: Decimal!) { echoDecimal(value: $v) }","variables":{"v":{{{value}}}}}"""));
        var get = await _client.SendGraphQLAsync(Get([new("query", "query($v: Decimal!) { echoDecimal(value: $v) }"), new("variables", $$"""{"v":{{value}}}""")]));

        foreach (var response in new[] { post, get })
        {
            response.Is(HttpStatusCode.OK, ResponseJson);
            Assert.Equal($$$"""{"data":{"echoDecimal":{{{value}}}}}""", response.Text);
        }
    }

    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("1.10", "1.10")]
    [InlineData("-7", "-7")]
    [InlineData("1e2", "100")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public async Task Decimal_variables_keep_their_digits(string json, string expected)
    {
        var response = await _client.SendGraphQLAsync(Post($$$"""{"query":"query($v: Decimal!) { echoDecimal(value: $v) }","variables":{"v":{{{json}}}}}"""));

        Assert.Equal($$$"""{"data":{"echoDecimal":{{{expected}}}}}""", response.Is(HttpStatusCode.OK, ResponseJson).Text);
    }

    [Fact]
    public async Task Variables_of_every_JSON_shape_reach_the_engine()
    {
        var response = await _client.SendGraphQLAsync(Post("""
            {"query":"query($i: Int!, $l: [String], $o: TestInput!, $f: Float!) { describe(i: $i, l: $l, o: $o, f: $f) }",
             "variables":{"i":2147483647,"l":["a",null,"é🏃"],"o":{"flag":true,"nested":{"flag":false,"nested":null}},"f":1.5e3}}
            """));

        response.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Equal("2147483647|a,null,é🏃|True(False())|1500", response.Body.GetProperty("data").GetProperty("describe").GetString());
    }

    [Fact]
    public async Task A_number_too_large_for_a_Float_is_a_variable_error()
    {
        var response = await _client.SendGraphQLAsync(Post("""{"query":"query($f: Float!) { describe(i: 1, o: {flag: true}, f: $f) }","variables":{"f":1e400}}"""));

        response.IsRequestError(HttpStatusCode.BadRequest, ResponseJson, ErrorCodes.BadUserInput);
    }

    [Fact]
    public async Task A_field_error_is_200_with_data_and_errors()
    {
        var response = await _client.SendGraphQLAsync(PostQuery("{ __typename fail }"));

        response.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Equal("Query", response.Body.GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Body.GetProperty("data").GetProperty("fail").ValueKind);
        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("fail", error.GetProperty("path")[0].GetString());
        Assert.DoesNotContain("secret", response.Text);
    }

    [Fact]
    public async Task Null_data_from_a_non_null_field_error_is_still_200()
    {
        var response = await _client.SendGraphQLAsync(PostQuery("{ failHard }"));

        response.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_without_details_with_graphql_response_json_and_200_with_json()
    {
        var modern = await _client.SendGraphQLAsync(Post("""{"query":"{ __typename }","extensions":{"explode":true}}""", ResponseJson));
        var legacy = await _client.SendGraphQLAsync(Post("""{"query":"{ __typename }","extensions":{"explode":true}}""", Json));

        modern.IsRequestError(HttpStatusCode.InternalServerError, ResponseJson, ErrorCodes.InternalServerError);
        legacy.IsRequestError(HttpStatusCode.OK, Json, ErrorCodes.InternalServerError);
        foreach (var response in new[] { modern, legacy })
        {
            Assert.DoesNotContain("secret", response.Text);
            Assert.DoesNotContain("stackTrace", response.Text);
        }
    }

    [Fact]
    public async Task Mutations_run_over_POST_and_are_refused_over_GET_before_they_execute()
    {
        var counter = _factory.Services.GetRequiredService<Counter>();

        var posted = await _client.SendGraphQLAsync(PostQuery("mutation { bump }"));
        posted.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Equal(1, counter.Value);

        foreach (var (query, operationName) in new (string, string?)[]
        {
            ("mutation { bump }", null),
            ("mutation Bump { bump }", "Bump"),
            ("query Q { __typename } mutation M($a: Int = 1) @skip(if: false) { bump }", "M"),
            ("fragment F on Mutation { bump } mutation { ...F }", null),
            ("# query\n\"\"\" { \"\"\" mutation { bump }", null),
        })
        {
            var parameters = new List<KeyValuePair<string, string>> { new("query", query) };
            if (operationName is not null)
            {
                parameters.Add(new("operationName", operationName));
            }
            var response = await _client.SendGraphQLAsync(Get(parameters));

            response.IsRequestError(HttpStatusCode.MethodNotAllowed, ResponseJson, "METHOD_NOT_ALLOWED");
        }
        Assert.Equal(1, counter.Value);

        var query2 = await _client.SendGraphQLAsync(Get([new("query", "query Q { __typename } mutation M { bump }"), new("operationName", "Q")]));
        query2.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Equal(1, counter.Value);
    }

    [Fact]
    public async Task A_subscription_needs_a_streaming_transport()
    {
        var posted = await _client.SendGraphQLAsync(PostQuery("subscription { ticks }"));
        var got = await _client.SendGraphQLAsync(Get([new("query", "subscription { ticks }")]));

        posted.IsRequestError(HttpStatusCode.NotAcceptable, ResponseJson, "STREAMING_TRANSPORT_REQUIRED");
        got.IsRequestError(HttpStatusCode.MethodNotAllowed, ResponseJson, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Resolvers_run_in_the_service_scope_of_the_HTTP_request()
    {
        var response = await _client.SendGraphQLAsync(PostQuery("{ sameScopeAsHttpRequest }"));

        Assert.True(response.Is(HttpStatusCode.OK, ResponseJson).Body.GetProperty("data").GetProperty("sameScopeAsHttpRequest").GetBoolean(), response.Text);
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_resolvers()
    {
        var probe = _factory.Services.GetRequiredService<SlowProbe>();
        using var cancellation = new CancellationTokenSource();

        var sending = _client.SendAsync(PostQuery("{ slow }"), cancellation.Token);
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_failure_of_the_transport_itself_is_500_without_a_stack_trace()
    {
        await using var broken = _server.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.AddGraphQLServer().ConfigureSchema(_ => throw new InvalidOperationException("the schema cannot be built"))));

        var response = await broken.CreateClient().SendGraphQLAsync(PostQuery("{ __typename }"));

        response.IsRequestError(HttpStatusCode.InternalServerError, ResponseJson, ErrorCodes.InternalServerError);
        var extensions = response.Body.GetProperty("errors")[0].GetProperty("extensions");
        // Development: the message and type, never the stack trace.
        Assert.Equal("the schema cannot be built", extensions.GetProperty("message").GetString());
        Assert.False(extensions.TryGetProperty("stackTrace", out _));
    }

    public sealed class ScopeMarker;

    public sealed class Counter
    {
        public int Value;
    }

    public sealed class SlowProbe
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class TestInput
    {
        public bool Flag { get; set; }

        public TestInput? Nested { get; set; }

        public override string ToString() => Flag + "(" + Nested + ")";
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class TestQueries
    {
        public decimal EchoDecimal(decimal value) => value;

        public string Describe(int i, List<string?>? l, TestInput o, double f) =>
            $"{i}|{(l is null ? "" : string.Join(",", l.Select(s => s ?? "null")))}|{o}|{f.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        public string? Fail() => throw new InvalidOperationException("a secret detail");

        public string FailHard() => throw new InvalidOperationException("a secret detail");

        public bool SameScopeAsHttpRequest(IHttpContextAccessor http, ScopeMarker marker) =>
            ReferenceEquals(http.HttpContext!.RequestServices.GetRequiredService<ScopeMarker>(), marker);

        public async Task<string> Slow(SlowProbe probe, CancellationToken cancellationToken)
        {
            probe.Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Cancelled.TrySetResult();
                throw;
            }
            return "never";
        }
    }

    [ExtendObjectType(OperationTypeNames.Mutation)]
    public sealed class TestMutations
    {
        public int Bump(Counter counter) => Interlocked.Increment(ref counter.Value);
    }

    [ExtendObjectType(OperationTypeNames.Subscription)]
    public sealed class TestSubscriptions
    {
        public async IAsyncEnumerable<int> Ticks([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return 1;
        }
    }
}
