using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Execution;

/// <summary>
/// Which services an operation may resolve once and reuse for all its resolvers: singletons and scoped ones (the same
/// instance within a request scope anyway), as registered in the service collection. Transient services, and types the
/// collection does not declare (factories, open generics without a match), are resolved on every use as before.
/// </summary>
internal sealed class ServiceLifetimes(IServiceCollection services)
{
    private readonly ConcurrentDictionary<Type, bool> _reusable = new();

    public bool IsReusableWithinRequest(Type type) => _reusable.GetOrAdd(type, static (type, services) =>
    {
        ServiceDescriptor? declared = null;
        ServiceDescriptor? generic = null;
        var definition = type.IsConstructedGenericType ? type.GetGenericTypeDefinition() : null;
        foreach (var descriptor in services)
        {
            if (descriptor.IsKeyedService)
            {
                continue;
            }
            if (descriptor.ServiceType == type)
            {
                declared = descriptor; // the last registration wins, as the container resolves it
            }
            else if (definition is not null && descriptor.ServiceType == definition)
            {
                generic = descriptor;
            }
        }
        return (declared ?? generic)?.Lifetime is ServiceLifetime.Singleton or ServiceLifetime.Scoped;
    }, services);
}

/// <summary>A small number per service type, for an operation's cache of resolved services.</summary>
internal static class ServiceSlot
{
    private static int s_count;

    public static int Count => Volatile.Read(ref s_count);

    public static int Next() => Interlocked.Increment(ref s_count) - 1;
}

/// <summary>The slot of <typeparamref name="T"/> in an operation's cache of resolved services.</summary>
internal static class ServiceSlot<T>
{
    public static readonly int Index = ServiceSlot.Next();
}
