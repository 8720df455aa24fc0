using BenchmarkDotNet.Attributes;
using Graph.GraphQL;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;

namespace Graph.Benchmarks;

/// <summary>Every spec validation rule over a parsed document (what a document-cache miss costs after parsing).</summary>
[MemoryDiagnoser]
public class ValidateBenchmarks
{
    private readonly ISchema _schema = SchemaBuilder.New().AddDocumentFromString(Documents.Schema).Create();
    private readonly DocumentNode _threeFields = Parser.Parse(Documents.ThreeFields);
    private readonly DocumentNode _smallWithFragments = Parser.Parse(Documents.SmallWithFragments);
    private readonly DocumentNode _introspection = Parser.Parse(Documents.Introspection);

    [GlobalSetup]
    public void EnsureValid()
    {
        foreach (var document in new[] { _threeFields, _smallWithFragments, _introspection })
        {
            if (DocumentValidator.Default.Validate(_schema, document) is { Count: > 0 } errors)
            {
                throw new InvalidOperationException("A benchmark document is invalid: " + errors[0].Message);
            }
        }
    }

    [Benchmark]
    public IReadOnlyList<GraphQLError> ThreeFields() => DocumentValidator.Default.Validate(_schema, _threeFields);

    [Benchmark]
    public IReadOnlyList<GraphQLError> SmallWithFragments() => DocumentValidator.Default.Validate(_schema, _smallWithFragments);

    [Benchmark]
    public IReadOnlyList<GraphQLError> Introspection() => DocumentValidator.Default.Validate(_schema, _introspection);
}
