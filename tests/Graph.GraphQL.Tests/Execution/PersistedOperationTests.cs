using System.Security.Cryptography;
using System.Text;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.Persistence;
using Graph.GraphQL.Language;
using Microsoft.Extensions.DependencyInjection;
using IOPath = System.IO.Path;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>Persisted operations: automatic persisted queries, trusted document stores and the persisted-only switch.</summary>
public sealed class PersistedOperationTests : IDisposable
{
    private const string Sdl = "type Query { hello: String } type Mutation { bump: Int }";
    private const string Hello = "{ hello }";
    private readonly string _folder = Directory.CreateTempSubdirectory("graph-persisted-").FullName;
    private int _bumps;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private IRequestExecutor Create(Action<IRequestExecutorBuilder> configure) => TestServer.Create(Sdl, b =>
    {
        b.AddResolver("Query", "hello", _ => "world");
        b.AddResolver("Mutation", "bump", _ => Interlocked.Increment(ref _bumps));
        configure(b);
    });

    private static Dictionary<string, object?> Apq(string hash, object version = null!) => new(StringComparer.Ordinal)
    {
        ["persistedQuery"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["version"] = version ?? 1, ["sha256Hash"] = hash },
    };

    private static async Task<string> RunAsync(IRequestExecutor executor, Action<OperationRequestBuilder> build)
    {
        var builder = OperationRequestBuilder.New();
        build(builder);
        await using var result = await executor.ExecuteAsync(builder.Build());
        return result.ExpectOperationResult().ToJson();
    }

    [Fact]
    public async Task Automatic_persisted_queries_register_on_the_second_request()
    {
        var executor = Create(b => b.AddAutomaticPersistedOperations());
        var hash = Sha256(Hello);

        var unknown = await RunAsync(executor, r => r.SetDocumentId(hash).SetExtensions(Apq(hash)));
        var registered = await RunAsync(executor, r => r.SetDocument(Hello).SetExtensions(Apq(hash)));
        var byHash = await RunAsync(executor, r => r.SetDocumentId(hash).SetExtensions(Apq(hash.ToUpperInvariant())));

        JsonAssert.Equal("""{"errors":[{"message":"PersistedQueryNotFound","extensions":{"code":"PERSISTED_QUERY_NOT_FOUND"}}]}""", unknown);
        Assert.Equal("""{"data":{"hello":"world"}}""", registered);
        Assert.Equal("""{"data":{"hello":"world"}}""", byHash);
    }

    [Fact]
    public async Task A_document_that_does_not_hash_to_the_given_hash_is_refused_and_not_stored()
    {
        var executor = Create(b => b.AddAutomaticPersistedOperations());
        var wrong = Sha256("{ other }");

        var mismatch = await RunAsync(executor, r => r.SetDocument(Hello).SetExtensions(Apq(wrong)));
        var after = await RunAsync(executor, r => r.SetDocumentId(wrong).SetExtensions(Apq(wrong)));

        Assert.Contains("\"code\":\"PERSISTED_QUERY_HASH_MISMATCH\"", mismatch, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"PERSISTED_QUERY_NOT_FOUND\"", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(1, "not-a-hash")]
    public async Task Malformed_persisted_query_extensions_are_refused(int version, string hash)
    {
        var executor = Create(b => b.AddAutomaticPersistedOperations());

        var json = await RunAsync(executor, r => r.SetDocument(Hello).SetExtensions(Apq(hash, version)));

        Assert.Contains("\"code\":\"PERSISTED_QUERY_INVALID\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_documents_are_served_by_hash_or_by_name_from_a_folder()
    {
        File.WriteAllText(IOPath.Combine(_folder, Sha256(Hello) + ".graphql"), Hello);
        File.WriteAllText(IOPath.Combine(_folder, "admin.bump.graphql"), "mutation Bump { bump }");
        File.WriteAllText(IOPath.Combine(_folder, Sha256("{ other }") + ".graphql"), "{ hello }");
        var executor = Create(b => b.AddFileSystemOperationDocumentStorage(_folder));

        Assert.Equal("""{"data":{"hello":"world"}}""", await RunAsync(executor, r => r.SetDocumentId("sha256:" + Sha256(Hello))));
        Assert.Equal("""{"data":{"hello":"world"}}""", await RunAsync(executor, r => r.SetDocumentId(Sha256(Hello))));
        Assert.Equal("""{"data":{"bump":1}}""", await RunAsync(executor, r => r.SetDocumentId("admin.bump")));
        JsonAssert.Equal("""{"errors":[{"message":"The document with the id \"missing\" was not found.","extensions":{"code":"DOCUMENT_NOT_FOUND"}}]}""",
            await RunAsync(executor, r => r.SetDocumentId("missing")));
        // A file whose document does not hash to its name is never served.
        Assert.Contains("DOCUMENT_NOT_FOUND", await RunAsync(executor, r => r.SetDocumentId(Sha256("{ other }"))), StringComparison.Ordinal);
        Assert.Contains("PERSISTED_QUERY_INVALID", await RunAsync(executor, r => r.SetDocumentId("../etc/passwd")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_documents_are_read_from_a_json_manifest()
    {
        var manifest = IOPath.Combine(_folder, "operations.json");
        File.WriteAllText(manifest, $$"""{ "{{Sha256(Hello)}}": "{{Hello}}", "bump": "mutation { bump }" }""");
        var executor = Create(b => b.AddFileSystemOperationDocumentStorage(manifest));

        Assert.Equal("""{"data":{"hello":"world"}}""", await RunAsync(executor, r => r.SetDocumentId(Sha256(Hello))));
        Assert.Equal("""{"data":{"bump":1}}""", await RunAsync(executor, r => r.SetDocumentId("bump")));
    }

    [Fact]
    public async Task Persisted_only_refuses_unknown_documents_and_registration()
    {
        File.WriteAllText(IOPath.Combine(_folder, Sha256(Hello) + ".graphql"), Hello);
        var executor = Create(b => b
            .AddFileSystemOperationDocumentStorage(_folder)
            .AddAutomaticPersistedOperations()
            .ModifyRequestOptions(o => o.PersistedOperations.OnlyAllowPersistedDocuments = true));
        const string Other = "{ other: hello }";

        var known = await RunAsync(executor, r => r.SetDocument(Hello));
        var unknown = await RunAsync(executor, r => r.SetDocument(Other));
        var register = await RunAsync(executor, r => r.SetDocument(Other).SetExtensions(Apq(Sha256(Other))));
        var afterRegister = await RunAsync(executor, r => r.SetDocumentId(Sha256(Other)).SetExtensions(Apq(Sha256(Other))));

        Assert.Equal("""{"data":{"hello":"world"}}""", known);
        JsonAssert.Equal("""{"errors":[{"message":"Only persisted operations are allowed: send the id of a stored document.","extensions":{"code":"PERSISTED_OPERATIONS_ONLY"}}]}""", unknown);
        Assert.Contains("PERSISTED_OPERATIONS_ONLY", register, StringComparison.Ordinal);
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", afterRegister, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_can_restrict_the_operation_types_of_a_stored_document()
    {
        File.WriteAllText(IOPath.Combine(_folder, "bump.graphql"), "mutation Bump { bump }");
        var executor = Create(b => b.AddFileSystemOperationDocumentStorage(_folder));

        var json = await RunAsync(executor, r => r.SetDocumentId("bump").SetAllowedOperationTypes(OperationType.Query));

        JsonAssert.Equal("""{"errors":[{"message":"This request may not execute mutation operations.","locations":[{"line":1,"column":1}],"extensions":{"code":"OPERATION_NOT_ALLOWED"}}]}""", json);
        Assert.Equal(0, _bumps);
    }

    [Fact]
    public async Task The_in_memory_store_keeps_the_most_recently_used_documents()
    {
        var store = new InMemoryOperationDocumentStorage(capacity: 2);

        await store.SaveAsync("a", "{ a }");
        await store.SaveAsync("b", "{ b }");
        Assert.Equal("{ a }", await store.TryReadAsync("a"));
        await store.SaveAsync("c", "{ c }");

        Assert.Equal("{ a }", await store.TryReadAsync("a"));
        Assert.Null(await store.TryReadAsync("b"));
        Assert.Equal("{ c }", await store.TryReadAsync("c"));
    }
}
