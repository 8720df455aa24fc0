using System.Buffers;
using BenchmarkDotNet.Attributes;
using Graph.GraphQL.Execution;

namespace Graph.Benchmarks;

/// <summary>
/// One request through the whole pipeline with a cached document (parsed and validated once, as in a
/// running server): variable coercion, execution and the UTF-8 JSON response.
/// </summary>
[MemoryDiagnoser]
public class ExecuteBenchmarks
{
    private readonly IRequestExecutor _executor = BenchmarkServer.CreateExecutor();
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly OperationRequest _threeFields = BenchmarkServer.Request(Documents.ThreeFields);
    private readonly OperationRequest _smallWithFragments = BenchmarkServer.Request(
        Documents.SmallWithFragments, new Dictionary<string, object?> { ["id"] = "Qm9vazox" });
    private readonly OperationRequest _introspection = BenchmarkServer.Request(Documents.Introspection);

    [GlobalSetup]
    public void Warm()
    {
        // Fills the document cache and checks that every document runs without errors.
        foreach (var request in new[] { _threeFields, _smallWithFragments, _introspection })
        {
            var json = RunAsync(request).GetAwaiter().GetResult();
            if (json.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A benchmark document fails: " + json);
            }
        }
    }

    [Benchmark]
    public Task<int> ThreeFields() => WriteAsync(_threeFields);

    [Benchmark]
    public Task<int> SmallWithFragments() => WriteAsync(_smallWithFragments);

    [Benchmark]
    public Task<int> Introspection() => WriteAsync(_introspection);

    private async Task<int> WriteAsync(OperationRequest request)
    {
        _output.ResetWrittenCount();
        await using var result = await _executor.ExecuteAsync(request);
        result.ExpectOperationResult().WriteTo(_output);
        return _output.WrittenCount;
    }

    private async Task<string> RunAsync(OperationRequest request)
    {
        await WriteAsync(request);
        return System.Text.Encoding.UTF8.GetString(_output.WrittenSpan);
    }
}
