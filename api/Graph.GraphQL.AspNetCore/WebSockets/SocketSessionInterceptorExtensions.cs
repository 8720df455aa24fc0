using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Execution.Configuration;

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
        => InterceptorRegistration.Replace<ISocketSessionInterceptor, T>(builder);

    /// <summary>Makes the interceptor <paramref name="factory"/> creates the one of this server's WebSocket sessions.</summary>
    public static IRequestExecutorBuilder AddSocketSessionInterceptor<T>(this IRequestExecutorBuilder builder, Func<IServiceProvider, T> factory)
        where T : class, ISocketSessionInterceptor
        => InterceptorRegistration.Replace<ISocketSessionInterceptor>(builder, factory);
}
