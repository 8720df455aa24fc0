using BenchmarkDotNet.Attributes;
using Graph.GraphQL.Language;

namespace Graph.Benchmarks;

/// <summary>Lexing and parsing alone (what a document-cache miss costs).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    [Benchmark]
    public DocumentNode ThreeFields() => Parser.Parse(Documents.ThreeFields);

    [Benchmark]
    public DocumentNode SmallWithFragments() => Parser.Parse(Documents.SmallWithFragments);

    [Benchmark]
    public DocumentNode Introspection() => Parser.Parse(Documents.Introspection);
}
