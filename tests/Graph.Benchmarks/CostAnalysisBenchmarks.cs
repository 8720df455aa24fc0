using BenchmarkDotNet.Attributes;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Limits;
using Graph.GraphQL.Language;

namespace Graph.Benchmarks;

/// <summary>
/// The cost analysis of one operation when its measure cannot be remembered (a slicing argument from a variable makes
/// every request measure again): the worst case the limits add to a request before execution.
/// </summary>
[MemoryDiagnoser]
public class CostAnalysisBenchmarks
{
    private readonly IRequestExecutor _executor = BenchmarkServer.CreateExecutor();
    private readonly CostOptions _options = new();
    private readonly Dictionary<string, object?> _variables = new() { ["id"] = "Qm9vazox" };
    private Operation _smallWithFragments = null!;
    private Operation _introspection = null!;

    [GlobalSetup]
    public void Setup()
    {
        _smallWithFragments = Compile(Documents.SmallWithFragments);
        _introspection = Compile(Documents.Introspection);
    }

    [Benchmark]
    public double SmallWithFragments() => new ComplexityAnalyzer(_smallWithFragments, _variables, _options).Run().TypeCost;

    [Benchmark]
    public double Introspection() => new ComplexityAnalyzer(_introspection, _variables, _options).Run().TypeCost;

    private Operation Compile(string text)
    {
        var document = Parser.Parse(text);
        var definition = document.Definitions.OfType<OperationDefinitionNode>().Single();
        return new Operation(_executor.Schema, document, definition, _executor.Schema.GetOperationType(definition.Operation)!);
    }
}
