using Graph.GraphQL.AspNetCore.Authorization;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using IAuthorizationHandler = Graph.GraphQL.Authorization.IAuthorizationHandler;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on <c>@authorize</c> for a GraphQL server of an ASP.NET Core application.</summary>
public static class AspNetCoreAuthorizationExtensions
{
    /// <summary>
    /// Enforces <c>@authorize</c> (see <see cref="AuthorizationRequestExecutorBuilderExtensions.AddAuthorizationCore"/>)
    /// with ASP.NET Core's policies: registers ASP.NET Core's authorization services (<c>services.AddAuthorization()</c>,
    /// which a <c>WebApplication</c> needs once they are there; define policies with
    /// <c>services.AddAuthorization(o =&gt; o.AddPolicy(...))</c>) and, unless another <see cref="IAuthorizationHandler"/>
    /// is registered first, the <see cref="AspNetCoreAuthorizationHandler"/>.
    /// </summary>
    public static IRequestExecutorBuilder AddAuthorization(this IRequestExecutorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthorization();
        builder.Services.TryAddSingleton<AspNetCoreAuthorizationHandler>();
        builder.Services.TryAddSingleton<IAuthorizationHandler>(static services => services.GetRequiredService<AspNetCoreAuthorizationHandler>());
        return builder.AddAuthorizationCore();
    }
}
