using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.Execution.Configuration;

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
        => InterceptorRegistration.Replace<IHttpRequestInterceptor, T>(builder);

    /// <summary>Makes the interceptor <paramref name="factory"/> creates the one of this server's HTTP requests.</summary>
    public static IRequestExecutorBuilder AddHttpRequestInterceptor<T>(this IRequestExecutorBuilder builder, Func<IServiceProvider, T> factory)
        where T : class, IHttpRequestInterceptor
        => InterceptorRegistration.Replace<IHttpRequestInterceptor>(builder, factory);
}
