using System.Net;
using System.Text.Json;
using Graph.Api.Hosting;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Graph.Api.Tests.Hosting;

/// <summary>The budgets of the GraphQL endpoint: per user, per anonymous address, in a window; nothing else is limited.</summary>
public sealed class RateLimitTests
{
    private const string Typename = """{"query":"{ __typename }"}""";

    /// <summary>A server (no database needed: the requests ask for __typename) with the production budgets unless overridden.</summary>
    private static GraphApiFactory Server(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Graph:RateLimits:PerUserPerHour"] = "1000",
            ["Graph:RateLimits:PerAnonymousPerHour"] = "100",
        };
        foreach (var (key, value) in overrides)
        {
            settings["Graph:RateLimits:" + key] = value;
        }
        return new GraphApiFactory(TestPostgres.ConnectionStringFor("graph"), settings: settings, services: TestClients.Add);
    }

    private static HttpRequestMessage Query(string ip = "192.0.2.10", string accept = GraphQLHttp.ResponseJson) =>
        GraphQLHttp.Post(Typename, accept).From(ip);

    private static async Task<int> AcceptedAsync(HttpClient client, Func<HttpRequestMessage> request, int count)
    {
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            using var response = await client.SendAsync(request());
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted++;
            }
        }
        return accepted;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_101st_anonymous_request_of_the_window_gets_429_with_Retry_After_and_a_coded_error()
    {
        await using var factory = Server();
        using var client = factory.CreateClient();

        Assert.Equal(100, await AcceptedAsync(client, () => Query(), 100));
        var refused = await client.SendGraphQLAsync(Query());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(GraphQLHttp.ResponseJson, refused.MediaType);
        Assert.Equal("utf-8", refused.ContentType?.CharSet);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 3600);
        var error = Assert.Single(refused.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("RATE_LIMITED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal((int)retryAfter.Value.TotalSeconds, error.GetProperty("extensions").GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal($"Too many requests from this client: try again in {(int)retryAfter.Value.TotalSeconds} seconds.", error.GetProperty("message").GetString());
        Assert.False(refused.HasData);

        // A legacy client that accepts only application/json gets the same error in that type.
        var legacy = await client.SendGraphQLAsync(Query(accept: GraphQLHttp.Json));
        Assert.Equal(HttpStatusCode.TooManyRequests, legacy.Status);
        Assert.Equal(GraphQLHttp.Json, legacy.MediaType);
        Assert.Equal("RATE_LIMITED", legacy.ErrorCode);
    }

    [Fact]
    public async Task Each_user_and_each_anonymous_address_has_a_budget_of_its_own()
    {
        await using var factory = Server(("PerUserPerHour", "3"), ("PerAnonymousPerHour", "2"));
        using var client = factory.CreateClient();
        var awa = Guid.NewGuid();
        var kofi = Guid.NewGuid();

        Assert.Equal(2, await AcceptedAsync(client, () => Query("192.0.2.10"), 3));
        // The same address signed in draws from the user's budget, not the exhausted anonymous one.
        Assert.Equal(3, await AcceptedAsync(client, () => Query("192.0.2.10").As(awa), 4));
        // The user's budget follows the user to another address.
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Query("198.51.100.20").As(awa)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Query("192.0.2.10").As(kofi)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Query("192.0.2.11")));
    }

    [Fact]
    public async Task Health_the_schema_file_and_other_paths_are_never_limited()
    {
        await using var factory = Server(("PerAnonymousPerHour", "1"));
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Query()));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Query()));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/health").From("192.0.2.10")));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/graphql/schema.graphql").From("192.0.2.10")));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/admin/").From("192.0.2.10")));
        }
    }

    [Fact]
    public async Task Public_trace_pages_QR_codes_and_exports_draw_from_the_same_budget()
    {
        await using var factory = Server(("PerAnonymousPerHour", "2"));
        using var client = factory.CreateClient();
        // Malformed codes (no database here): refused before any look-up, and counted all the same.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/trace/not-a-code").From("192.0.2.10")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/trace/not-a-code/qr.png").From("192.0.2.10")));

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/trace/not-a-code").From("192.0.2.10")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/exports/deliveries.csv").From("192.0.2.10")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Query("192.0.2.10")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/trace/not-a-code").From("192.0.2.11")));
    }

    [Fact]
    public async Task A_public_trace_without_its_database_is_503_coded_not_500()
    {
        await using var factory = Server();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/trace/ABCDEFGHJKMNPQRS").From("192.0.2.10"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("DATABASE_UNAVAILABLE", body.GetProperty("code").GetString());
        Assert.DoesNotContain("Npgsql", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_WebSocket_upgrade_draws_from_the_same_budget()
    {
        await using var factory = Server(("PerAnonymousPerHour", "1"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Query()));

        var sockets = factory.Server.CreateWebSocketClient();
        sockets.SubProtocols.Add("graphql-transport-ws");
        sockets.ConfigureRequest = request => request.Headers[TestClients.IpHeader] = "192.0.2.10";
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => sockets.ConnectAsync(new Uri(factory.Server.BaseAddress, "graphql"), CancellationToken.None));

        Assert.Contains("429", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_change_the_budget_and_the_window()
    {
        await using (var three = Server(("PerAnonymousPerHour", "3")))
        {
            using var client = three.CreateClient();
            Assert.Equal(3, await AcceptedAsync(client, () => Query(), 5));
        }

        await using (var off = Server(("PerAnonymousPerHour", "1"), ("Enabled", "false")))
        {
            using var client = off.CreateClient();
            Assert.Equal(20, await AcceptedAsync(client, () => Query(), 20));
        }

        await using (var short_ = Server(("PerAnonymousPerHour", "1"), ("Window", "00:00:05")))
        {
            using var client = short_.CreateClient();
            // Both requests reach the limiter together, so that a slow machine cannot let the 5 s window close between
            // them (answering the first one once took that long under load): one passes, the other is refused.
            var responses = await Task.WhenAll(client.SendGraphQLAsync(Query()), client.SendGraphQLAsync(Query()));
            Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
            var refused = Assert.Single(responses, r => r.Status == HttpStatusCode.TooManyRequests);
            Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
            await Task.Delay(TimeSpan.FromSeconds(5.5));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Query()));
        }
    }

    [Fact]
    public void The_production_budgets_are_1000_per_user_and_100_per_address_an_hour()
    {
        var defaults = new GraphOptions().RateLimits;
        Assert.Equal((true, 1000, 100, TimeSpan.FromHours(1)), (defaults.Enabled, defaults.PerUserPerHour, defaults.PerAnonymousPerHour, defaults.Window));

        var configured = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build()
            .GetSection("Graph:RateLimits").Get<GraphOptions.RateLimitsOptions>()!;
        Assert.Equal((true, 1000, 100, TimeSpan.FromHours(1)), (configured.Enabled, configured.PerUserPerHour, configured.PerAnonymousPerHour, configured.Window));
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    public void An_IPv6_client_is_counted_by_its_64_network(string address, string client) =>
        Assert.Equal(client, GraphRateLimits.ClientOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("PerUserPerHour", "0", "Graph__RateLimits__PerUserPerHour must be at least 1.")]
    [InlineData("PerAnonymousPerHour", "-5", "Graph__RateLimits__PerAnonymousPerHour must be at least 1.")]
    [InlineData("Window", "00:00:00", "Graph__RateLimits__Window must be a positive duration, e.g. 01:00:00.")]
    public void Unfit_budgets_stop_the_server_with_a_message(string key, string value, string problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Graph"] = "Host=db;Database=graph",
            ["Graph:RateLimits:" + key] = value,
        }).Build();

        Assert.Equal([problem], StartupChecks.Problems(configuration, new TestEnvironment()));
    }

    [Fact]
    public void A_budget_that_is_no_number_stops_the_server_with_a_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Graph"] = "Host=db;Database=graph",
            ["Graph:RateLimits:PerUserPerHour"] = "lots",
        }).Build();

        var problem = Assert.Single(StartupChecks.Problems(configuration, new TestEnvironment()));
        Assert.StartsWith("Graph__RateLimits cannot be read:", problem, StringComparison.Ordinal);
    }

    private sealed class TestEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "Graph.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
