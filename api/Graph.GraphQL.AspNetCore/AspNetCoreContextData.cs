using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.AspNetCore;

/// <summary>The request state entries the ASP.NET Core transports set.</summary>
public static class AspNetCoreContextData
{
    /// <summary>The key of the transport's <see cref="Microsoft.AspNetCore.Http.HttpContext"/> (for WebSocket operations, the upgrade request's): <c>HttpContext</c>.</summary>
    public const string HttpContext = "HttpContext";

    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext"/> of the request, or null when it did not come over HTTP.</summary>
    public static Microsoft.AspNetCore.Http.HttpContext? GetHttpContext(this IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ContextData.TryGetValue(HttpContext, out var value) ? value as Microsoft.AspNetCore.Http.HttpContext : null;
    }
}
