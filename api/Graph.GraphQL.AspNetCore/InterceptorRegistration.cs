using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.GraphQL.AspNetCore;

/// <summary>How a GraphQL server's interceptors (HTTP requests, WebSocket sessions) are registered: one singleton per
/// server, keyed by its name, replacing any registered before.</summary>
internal static class InterceptorRegistration
{
    public static IRequestExecutorBuilder Replace<TService, TImplementation>(IRequestExecutorBuilder builder)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAllKeyed<TService>(builder.Name);
        builder.Services.AddKeyedSingleton<TService, TImplementation>(builder.Name);
        return builder;
    }

    public static IRequestExecutorBuilder Replace<TService>(IRequestExecutorBuilder builder, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAllKeyed<TService>(builder.Name);
        builder.Services.AddKeyedSingleton(builder.Name, (services, _) => factory(services));
        return builder;
    }
}
