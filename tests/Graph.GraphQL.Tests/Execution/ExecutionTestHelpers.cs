using System.Text.Encodings.Web;
using System.Text.Json;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>The spec's validation rules, counting how often the pipeline asks for them (to see the document cache work).</summary>
internal sealed class CountingValidator : IDocumentValidator
{
    private int _calls;

    public int Calls => _calls;

    public IReadOnlyList<GraphQLError> Validate(ISchema schema, DocumentNode document)
    {
        Interlocked.Increment(ref _calls);
        return DocumentValidator.Default.Validate(schema, document);
    }
}

/// <summary>
/// No validation at all: runs documents the spec's rules would reject, to test the executor's own guards
/// (as graphql-js's <c>execute</c> without <c>validate</c>).
/// </summary>
internal sealed class NoValidation : IDocumentValidator
{
    public IReadOnlyList<GraphQLError> Validate(ISchema schema, DocumentNode document) => [];
}

/// <summary>A validator that rejects every document with one fixed error.</summary>
internal sealed class RejectingValidator : IDocumentValidator
{
    public IReadOnlyList<GraphQLError> Validate(ISchema schema, DocumentNode document) =>
        [new GraphQLError("Cannot query field \"nope\" on type \"Query\".", [new ErrorLocation(1, 3)])];
}

internal static class TestServer
{
    /// <summary>An executor for <paramref name="sdl"/> with the spec's validation (or <paramref name="validator"/>) and exception details off.</summary>
    public static IRequestExecutor Create(string sdl, Action<IRequestExecutorBuilder>? configure = null, IDocumentValidator? validator = null) =>
        CreateServices(sdl, configure, validator).GetRequestExecutorAsync().AsTask().GetAwaiter().GetResult();

    public static ServiceProvider CreateServices(string sdl, Action<IRequestExecutorBuilder>? configure = null, IDocumentValidator? validator = null)
    {
        var services = new ServiceCollection();
        if (validator is not null)
        {
            services.AddSingleton(validator);
        }
        var builder = services.AddGraphQLServer()
            .AddDocumentFromString(sdl)
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
        configure?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    /// <summary>Executes and returns the compact JSON of the (single) result.</summary>
    public static async Task<string> RunAsync(this IRequestExecutor executor, string query, IReadOnlyDictionary<string, object?>? variables = null, string? operationName = null)
    {
        var builder = OperationRequestBuilder.New().SetDocument(query).SetOperationName(operationName);
        if (variables is not null)
        {
            builder.SetVariableValues(variables);
        }
        await using var result = await executor.ExecuteAsync(builder.Build());
        return result.ExpectOperationResult().ToJson();
    }

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }
        return map;
    }
}

internal static class JsonAssert
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Asserts that two JSON texts are equal, key order included (whitespace ignored).</summary>
    public static void Equal(string expected, string actual) => Assert.Equal(Normalize(expected), Normalize(actual));

    public static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            document.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
