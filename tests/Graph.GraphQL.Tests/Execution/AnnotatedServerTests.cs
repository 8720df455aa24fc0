using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>The HotChocolate-style server set-up: an empty Query filled by extensions, services injected by type.</summary>
public sealed class AnnotatedServerTests
{
    public sealed class Greeter
    {
        public string Greet(string name) => $"Jàmm ak jàmm, {name}!";
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class GreetingQueries
    {
        public string GetGreeting(string name, Greeter greeter) => greeter.Greet(name);
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class ClockQueries
    {
        public async Task<int> GetYearAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            return 2026;
        }
    }

    [Fact]
    public async Task Extensions_spread_one_query_type_over_classes_with_services_by_type()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Greeter>();
        services.AddGraphQLServer().AddQueryType().AddTypeExtension<GreetingQueries>().AddTypeExtension<ClockQueries>();
        await using var provider = services.BuildServiceProvider();
        var executor = await provider.GetRequestExecutorAsync();

        Assert.Equal("""
            type Query {
              greeting(name: String!): String!
              year: Int!
            }
            """, SchemaPrinter.Print(executor.Schema).Trim());
        Assert.Equal(
            """{"data":{"greeting":"Jàmm ak jàmm, Awa!","year":2026}}""",
            await executor.RunAsync("""{ greeting(name: "Awa") year }"""));
    }
}
