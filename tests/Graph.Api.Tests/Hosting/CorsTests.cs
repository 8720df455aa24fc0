using System.Net;
using Graph.Api.Hosting;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Graph.Api.Tests.Hosting;

/// <summary>Browsers may call /graphql from the listed origins only, without credentials, and read Retry-After.</summary>
public sealed class CorsTests
{
    private const string ListedInDevelopment = "http://localhost:5173";

    private static GraphApiFactory Server(params string[] origins)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < origins.Length; i++)
        {
            settings[$"Graph:Cors:Origins:{i}"] = origins[i];
        }
        return new GraphApiFactory(TestPostgres.ConnectionStringFor("graph"), settings: settings);
    }

    private static HttpRequestMessage Preflight(string origin, string method = "POST", string headers = "content-type,authorization")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task A_preflight_from_a_listed_origin_is_allowed_without_credentials()
    {
        await using var factory = Server();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(ListedInDevelopment, headers: "content-type,authorization,accept,graphql-cost"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ListedInDevelopment, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods")!, StringComparison.Ordinal);
        var allowed = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.All(new[] { "content-type", "authorization", "accept", "graphql-cost" }, h => Assert.Contains(h, allowed, StringComparison.Ordinal));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost:5174")]
    [InlineData("null")]
    public async Task A_preflight_from_an_unlisted_origin_gets_no_allowed_origin(string origin)
    {
        await using var factory = Server();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(origin));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_for_a_header_not_listed_does_not_allow_it()
    {
        await using var factory = Server();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(ListedInDevelopment, headers: "x-secret-header"));

        // The browser compares the headers it asked for with the list, and refuses the request.
        Assert.DoesNotContain("x-secret-header", Header(response, "Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_from_a_listed_origin_may_read_the_answer_and_Retry_After()
    {
        await using var factory = Server("https://admin.example.org");
        using var client = factory.CreateClient();
        var request = GraphQLHttp.PostQuery("{ __typename }");
        request.Headers.Add("Origin", "https://admin.example.org");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://admin.example.org", Header(response, "Access-Control-Allow-Origin"));
        var exposed = Header(response, "Access-Control-Expose-Headers")!.ToLowerInvariant();
        Assert.Contains("retry-after", exposed, StringComparison.Ordinal);
        Assert.Contains("www-authenticate", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_paths_answer_no_cross_origin_request()
    {
        await using var factory = Server();
        using var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", ListedInDevelopment);

        using var response = await client.SendAsync(request);

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Production_lists_no_origin()
    {
        Assert.Empty(new GraphOptions().Cors.Origins);
        var configured = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build()
            .GetSection("Graph:Cors:Origins").Get<string[]>();
        Assert.True(configured is null or { Length: 0 });
    }

    [Theory]
    [InlineData("localhost:5173")]
    [InlineData("https://admin.example.org/graphql")]
    [InlineData("ftp://admin.example.org")]
    [InlineData("*")]
    public void An_origin_that_is_no_origin_stops_the_server_with_a_message(string origin)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Graph"] = "Host=db;Database=graph",
            ["Graph:Cors:Origins:0"] = "https://admin.example.org",
            ["Graph:Cors:Origins:1"] = origin,
        }).Build();

        var problem = Assert.Single(GraphCorsProblems(configuration));
        Assert.Contains($"'{origin}'", problem, StringComparison.Ordinal);
    }

    private static IEnumerable<string> GraphCorsProblems(IConfiguration configuration) => GraphCors.Problems(configuration);
}
