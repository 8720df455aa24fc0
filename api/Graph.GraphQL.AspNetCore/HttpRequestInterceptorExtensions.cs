using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="IHttpRequestInterceptor"/> of a GraphQL server.</summary>
public static class HttpRequestInterceptorExtensions
{
    /// <summary>
    /// Makes <typeparamref name="T"/> (a singleton built from the application services) the interceptor of this
    /// server's HTTP requests, replacing any registered before.
    /// </summary>
    public static IRequestExecutorBuilder AddHttpRequestInterceptor<T>(this IRequestExecutorBuilder builder)
        where T : class, IHttpRequestInterceptor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAllKeyed<IHttpRequestInterceptor>(builder.Name);
        builder.Services.AddKeyedSingleton<IHttpRequestInterceptor, T>(builder.Name);
        return builder;
    }

    /// <summary>Makes the interceptor <paramref name="factory"/> creates the one of this server's HTTP requests.</summary>
    public static IRequestExecutorBuilder AddHttpRequestInterceptor<T>(this IRequestExecutorBuilder builder, Func<IServiceProvider, T> factory)
        where T : class, IHttpRequestInterceptor
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAllKeyed<IHttpRequestInterceptor>(builder.Name);
        builder.Services.AddKeyedSingleton<IHttpRequestInterceptor>(builder.Name, (services, _) => factory(services));
        return builder;
    }
}
