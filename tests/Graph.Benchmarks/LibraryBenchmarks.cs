using System.Buffers;
using BenchmarkDotNet.Attributes;
using Graph.Benchmarks.Http;
using Graph.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// The HTTP comparison's query (<see cref="LibraryServer.Query"/>: 100 books with their authors) through the executor and
/// the JSON writer, without HTTP: the engine's share of a request.
/// </summary>
[MemoryDiagnoser]
public class LibraryBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    // Write-only, as the HTTP transport asks.
    private readonly OperationRequest _request = OperationRequestBuilder.New().SetDocument(LibraryServer.Query).SetResultWriteOnly().Build();
    private IRequestExecutor _executor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = LibraryServer.AddLibraryGraph(new ServiceCollection()).BuildServiceProvider();
        _executor = services.GetRequestExecutorAsync().AsTask().GetAwaiter().GetResult();
        if (BooksWithAuthors().GetAwaiter().GetResult() < 10_000)
        {
            throw new InvalidOperationException("The library query answers less than expected: " + System.Text.Encoding.UTF8.GetString(_output.WrittenSpan));
        }
    }

    [Benchmark]
    public async Task<int> BooksWithAuthors()
    {
        _output.ResetWrittenCount();
        await using var result = await _executor.ExecuteAsync(_request);
        result.ExpectOperationResult().WriteTo(_output);
        return _output.WrittenCount;
    }
}
