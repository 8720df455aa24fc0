using Graph.GraphQL.Introspection;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.TestSchemas;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>
/// Allocation budgets of executing a cached, validated document with synchronous resolvers (the benchmark targets:
/// three fields under 3 KB, a small query with fragments under 7 KB, the full introspection query under 67 KB).
/// Such executions complete synchronously, so the bytes allocated on the test thread are all the execution's.
/// </summary>
public class AllocationTests
{
    private const string Sdl = """
        type Query { a: String b: String c: String hero: Character }
        type Character { id: ID! name: String friends: [Character] appearsIn: [Episode] }
        enum Episode { NEWHOPE EMPIRE JEDI }
        """;

    private sealed class Hero(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string[] AppearsIn { get; } = ["NEWHOPE", "EMPIRE", "JEDI"];

        public Hero[] Friends { get; init; } = [];
    }

    private static readonly Hero R2 = new("2001", "R2-D2") { Friends = [new Hero("1000", "Luke"), new Hero("1002", "Han")] };

    private static readonly IRequestExecutor Executor = TestServer.Create(Sdl, b => b
        .AddPureResolver("Query", "a", _ => "a")
        .AddPureResolver("Query", "b", _ => "b")
        .AddPureResolver("Query", "c", _ => "c")
        .AddPureResolver("Query", "hero", _ => R2));

    [Theory]
    [InlineData("{ a b c }", 3 * 1024)]
    [InlineData("query { hero { ...F friends { ...F } } } fragment F on Character { id name appearsIn }", 7 * 1024)]
    [InlineData(IntrospectionQuery.Text, 67 * 1024)]
    public void Executing_a_cached_document_stays_within_its_allocation_budget(string query, int budget)
    {
        var request = OperationRequestBuilder.New().SetDocument(Parser.Parse(query)).Build();
        for (var i = 0; i < 20; i++)
        {
            Execute(request);
        }

        const int runs = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            Execute(request);
        }
        var perExecution = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;

        Assert.True(perExecution < budget, $"{perExecution} bytes per execution, budget {budget}.");
    }

    private static void Execute(OperationRequest request)
    {
        var task = Executor.ExecuteAsync(request);
        Assert.True(task.IsCompletedSuccessfully, "A document with synchronous resolvers executes synchronously.");
        using var result = task.Result.ExpectOperationResult();
        Assert.Null(result.Errors);
    }
}
