using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>
/// Services injected into resolver parameters: an operation resolves singletons and scoped services once and reuses them,
/// but a transient service is a new instance for every resolver call, as the container makes it.
/// </summary>
public sealed class ServiceInjectionTests
{
    public abstract class Numbered
    {
        private static int s_next;

        public int Number { get; } = Interlocked.Increment(ref s_next);
    }

    public sealed class PerCall : Numbered;

    public sealed class PerRequest : Numbered;

    public sealed class Shared : Numbered;

    public sealed class Query
    {
        public int[] GetNumbers([Service] PerCall perCall, [Service] PerRequest perRequest, [Service] Shared shared) =>
            [perCall.Number, perRequest.Number, shared.Number];
    }

    [Fact]
    public async Task Transient_services_are_new_per_call_scoped_ones_per_request_singletons_once()
    {
        var services = new ServiceCollection().AddTransient<PerCall>().AddScoped<PerRequest>().AddSingleton<Shared>();
        services.AddGraphQLServer().AddQueryType<Query>();
        await using var provider = services.BuildServiceProvider();
        var executor = await provider.GetRequestExecutorAsync();

        var first = await RunAsync(provider, executor);
        var second = await RunAsync(provider, executor);

        // Within a request: two calls, two transient instances, one scoped, one singleton.
        Assert.NotEqual(first[0][0], first[1][0]);
        Assert.Equal(first[0][1], first[1][1]);
        Assert.Equal(first[0][2], first[1][2]);
        // Across requests: a new scoped instance, the same singleton.
        Assert.NotEqual(first[0][1], second[0][1]);
        Assert.Equal(first[0][2], second[0][2]);
    }

    private static async Task<int[][]> RunAsync(IServiceProvider provider, IRequestExecutor executor)
    {
        using var scope = provider.CreateScope();
        await using var result = await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("{ a: numbers b: numbers }").SetServices(scope.ServiceProvider).Build());
        var data = (IReadOnlyDictionary<string, object?>)result.ExpectOperationResult().Data!;
        return [((IEnumerable<object?>)data["a"]!).Cast<int>().ToArray(), ((IEnumerable<object?>)data["b"]!).Cast<int>().ToArray()];
    }
}
