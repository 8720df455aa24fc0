using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="ISocketSessionInterceptor"/> of a GraphQL server.</summary>
public static class SocketSessionInterceptorExtensions
{
    /// <summary>
    /// Makes <typeparamref name="T"/> (a singleton built from the application services) the interceptor of this server's
    /// WebSocket sessions, replacing any registered before.
    /// </summary>
    public static IRequestExecutorBuilder AddSocketSessionInterceptor<T>(this IRequestExecutorBuilder builder)
        where T : class, ISocketSessionInterceptor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAllKeyed<ISocketSessionInterceptor>(builder.Name);
        builder.Services.AddKeyedSingleton<ISocketSessionInterceptor, T>(builder.Name);
        return builder;
    }

    /// <summary>Makes the interceptor <paramref name="factory"/> creates the one of this server's WebSocket sessions.</summary>
    public static IRequestExecutorBuilder AddSocketSessionInterceptor<T>(this IRequestExecutorBuilder builder, Func<IServiceProvider, T> factory)
        where T : class, ISocketSessionInterceptor
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAllKeyed<ISocketSessionInterceptor>(builder.Name);
        builder.Services.AddKeyedSingleton<ISocketSessionInterceptor>(builder.Name, (services, _) => factory(services));
        return builder;
    }
}
