using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Graph.Api.Tests.GraphQL.GraphQLHttp;

namespace Graph.Api.Tests.GraphQL;

/// <summary>
/// The server's protections and persisted operations over HTTP, configured in "Graph:GraphQL": execution depth, cost,
/// the introspection switch, automatic persisted queries, trusted documents, the persisted-only switch and cacheable GETs.
/// </summary>
public sealed class ProtectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private const string BookTitle = "query BookTitle($id: ID!) { book(id: $id) { title } }";
    private const string AddAuthorLike = "mutation Nothing { __typename }";
    private static readonly string BookId = GlobalIds.Book(Guid.NewGuid());

    private static readonly string AuthorId = GlobalIds.Author(Guid.NewGuid());

    private readonly string _folder = Directory.CreateTempSubdirectory("graph-trusted-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private GraphApiFactory Server(params (string Key, string Value)[] settings) =>
        new(database.ConnectionString, settings: settings.ToDictionary(s => "Graph:GraphQL:" + s.Key, s => (string?)s.Value));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Variables => JsonSerializer.Serialize(new { id = BookId });

    private static string Extensions(string hash) => JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } });

    private static HttpRequestMessage PersistedGet(string hash) =>
        Get([new("variables", Variables), new("extensions", Extensions(hash))]);

    /// <summary><c>author { books { author { books ... } } }</c>, <paramref name="levels"/> fields deep.</summary>
    private static string Nested(int levels)
    {
        var inner = "title";
        for (var i = 1; i < levels; i++)
        {
            inner = i % 2 == 1 ? $"books {{ {inner} }}" : $"author {{ {inner} }}";
        }
        return inner;
    }

    [Fact]
    public async Task An_operation_deeper_than_the_limit_is_refused_with_400()
    {
        using var server = Server(("MaxExecutionDepth", "6"));
        using var client = server.CreateClient();

        var ok = await client.SendGraphQLAsync(PostQuery($"query($id: ID!) {{ book(id: $id) {{ {Nested(5)} }} }}", new { id = BookId }));
        var deep = await client.SendGraphQLAsync(PostQuery($"query($id: ID!) {{ author(id: $id) {{ {Nested(6)} }} }}", new { id = AuthorId }));

        ok.Is(HttpStatusCode.OK, ResponseJson);
        deep.Is(HttpStatusCode.BadRequest, ResponseJson);
        Assert.Equal("MAX_EXECUTION_DEPTH_EXCEEDED", deep.ErrorCode);
        Assert.Equal("The operation has an execution depth of 7, over the allowed 6.", deep.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(deep.HasData);
    }

    [Fact]
    public async Task An_operation_over_the_cost_limit_is_refused_and_the_cost_can_be_reported()
    {
        using var server = Server();
        using var client = server.CreateClient();
        var query = $"query($id: ID!) {{ author(id: $id) {{ {Nested(6)} }} }}";

        var refused = await client.SendGraphQLAsync(PostQuery(query, new { id = BookId }));
        var cheap = PostQuery($"query($id: ID!) {{ author(id: $id) {{ {Nested(2)} }} }}", new { id = AuthorId });
        cheap.Headers.Add("GraphQL-Cost", "report");
        var reported = await client.SendGraphQLAsync(cheap);

        refused.Is(HttpStatusCode.BadRequest, ResponseJson);
        Assert.Equal("MAX_TYPE_COST_EXCEEDED", refused.ErrorCode);
        Assert.Equal(1221, refused.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("typeCost").GetDouble());
        reported.Is(HttpStatusCode.OK, ResponseJson);
        var cost = reported.Body.GetProperty("extensions").GetProperty("operationCost");
        Assert.Equal(3, cost.GetProperty("depth").GetInt32());
        Assert.Equal(11, cost.GetProperty("typeCost").GetDouble());
    }

    [Fact]
    public async Task Introspection_can_be_switched_off()
    {
        using var server = Server(("Introspection", "false"));
        using var client = server.CreateClient();

        var introspection = await client.SendGraphQLAsync(PostQuery("{ __schema { queryType { name } } }"));
        var query = await client.SendGraphQLAsync(PostQuery("{ __typename }"));

        introspection.Is(HttpStatusCode.BadRequest, ResponseJson);
        Assert.Equal("INTROSPECTION_DISABLED", introspection.ErrorCode);
        query.Is(HttpStatusCode.OK, ResponseJson);
    }

    [Fact]
    public async Task Automatic_persisted_queries_register_then_answer_cacheable_GETs()
    {
        using var server = Server();
        using var client = server.CreateClient();
        var hash = Sha256(BookTitle);

        var unknown = await client.SendGraphQLAsync(PersistedGet(hash));
        var register = await client.SendGraphQLAsync(Post(
            $$"""{"query":{{JsonSerializer.Serialize(BookTitle)}},"variables":{{Variables}},"extensions":{{Extensions(hash)}}}"""));
        var cached = await client.SendGraphQLAsync(PersistedGet(hash));
        var revalidate = PersistedGet(hash);
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", cached.Headers.ETag!.ToString());
        using var notModified = await client.SendAsync(revalidate);
        var withToken = PersistedGet(hash);
        var (accessToken, _) = server.Services.GetRequiredService<AccessTokenService>()
            .Issue(new User { Id = Guid.CreateVersion7(), DisplayName = "Lecteur" }, [PlatformRole.Reader], Guid.CreateVersion7());
        withToken.Headers.TryAddWithoutValidation("Authorization", "Bearer " + accessToken);
        var privateAnswer = await client.SendGraphQLAsync(withToken);

        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", unknown.ErrorCode);
        Assert.Equal("PersistedQueryNotFound", unknown.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        register.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Null(register.Headers.CacheControl);
        cached.Is(HttpStatusCode.OK, ResponseJson);
        Assert.Equal("""{"data":{"book":null}}""", cached.Text);
        Assert.True(cached.Headers.CacheControl is { Public: true, Private: false, MaxAge.TotalSeconds: 60 }, cached.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.True(privateAnswer.Headers.CacheControl is { Public: false, Private: true, MaxAge.TotalSeconds: 60 }, privateAnswer.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_malformed_persisted_query_without_a_document_is_reported_as_such()
    {
        using var server = Server();
        using var client = server.CreateClient();

        var shortHash = await client.SendGraphQLAsync(Post("""{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}"""));
        var noVersion = await client.SendGraphQLAsync(Post("""{"extensions":{"persistedQuery":{"sha256Hash":""" + JsonSerializer.Serialize(Sha256(BookTitle)) + "}}}"));
        var nothing = await client.SendGraphQLAsync(Post("""{"extensions":{"persistedQuery":{"version":1}}}"""));

        Assert.Equal("PERSISTED_QUERY_INVALID", shortHash.ErrorCode);
        Assert.Equal("PERSISTED_QUERY_INVALID", noVersion.ErrorCode);
        Assert.False(shortHash.HasData);
        nothing.Is(HttpStatusCode.BadRequest, ResponseJson);
        Assert.StartsWith("The request has no \"query\"", nothing.Body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Trusted_documents_run_by_id_and_a_mutation_by_GET_gets_405()
    {
        File.WriteAllText(Path.Combine(_folder, Sha256(BookTitle) + ".graphql"), BookTitle);
        File.WriteAllText(Path.Combine(_folder, "nothing.graphql"), AddAuthorLike);
        using var server = Server(("PersistedOperations:Path", _folder));
        using var client = server.CreateClient();

        var byId = await client.SendGraphQLAsync(Post($$"""{"documentId":"sha256:{{Sha256(BookTitle)}}","variables":{{Variables}}}"""));
        var byGet = await client.SendGraphQLAsync(Get([new("documentId", Sha256(BookTitle)), new("variables", Variables)]));
        var mutationByGet = await client.SendGraphQLAsync(Get([new("documentId", "nothing")]));
        var mutationByPost = await client.SendGraphQLAsync(Post("""{"documentId":"nothing"}"""));
        var missing = await client.SendGraphQLAsync(Post("""{"documentId":"missing"}"""));

        byId.Is(HttpStatusCode.OK, ResponseJson);
        byGet.Is(HttpStatusCode.OK, ResponseJson);
        Assert.True(byGet.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 60 }, byGet.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutationByGet.Status);
        Assert.Equal("POST", string.Join(",", mutationByGet.ContentHeaders.Allow));
        mutationByPost.Is(HttpStatusCode.OK, ResponseJson);
        missing.Is(HttpStatusCode.BadRequest, ResponseJson);
        Assert.Equal("DOCUMENT_NOT_FOUND", missing.ErrorCode);
    }

    [Fact]
    public async Task The_persisted_only_switch_refuses_documents_the_store_does_not_hold()
    {
        File.WriteAllText(Path.Combine(_folder, Sha256(BookTitle) + ".graphql"), BookTitle);
        using var server = Server(("PersistedOperations:Path", _folder), ("PersistedOperations:OnlyPersisted", "true"));
        using var client = server.CreateClient();

        var known = await client.SendGraphQLAsync(PostQuery(BookTitle, new { id = BookId }));
        var unknown = await client.SendGraphQLAsync(PostQuery("{ __typename }"));
        var byId = await client.SendGraphQLAsync(Post($$"""{"documentId":"{{Sha256(BookTitle)}}","variables":{{Variables}}}"""));

        known.Is(HttpStatusCode.OK, ResponseJson);
        unknown.Is(HttpStatusCode.BadRequest, ResponseJson);
        Assert.Equal("PERSISTED_OPERATIONS_ONLY", unknown.ErrorCode);
        byId.Is(HttpStatusCode.OK, ResponseJson);
    }

    [Fact]
    public async Task A_request_with_neither_query_nor_id_is_still_a_bad_request()
    {
        using var server = Server();
        using var client = server.CreateClient();

        var response = await client.SendGraphQLAsync(Post("""{"variables":{}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("documentId", response.Text, StringComparison.Ordinal);
    }
}
