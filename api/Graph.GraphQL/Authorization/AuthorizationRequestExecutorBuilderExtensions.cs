using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on <c>@authorize</c> for a GraphQL server.</summary>
public static class AuthorizationRequestExecutorBuilderExtensions
{
    /// <summary>
    /// Declares <c>@authorize</c> and <c>ApplyPolicy</c> in the schema, enforces them on the fields they protect
    /// (<see cref="AuthorizeAttribute"/>), and registers the engine's <see cref="DefaultAuthorizationHandler"/> as the
    /// <see cref="IAuthorizationHandler"/> unless one is registered already.
    /// </summary>
    /// <remarks>
    /// In an application that references Graph.GraphQL.AspNetCore, <c>AddAuthorization()</c> there is the one the compiler
    /// picks (it is not generic, this one is): it registers the handler over ASP.NET Core's policies first, then calls
    /// this method.
    /// </remarks>
    public static IRequestExecutorBuilder AddAuthorization<TBuilder>(this TBuilder builder)
        where TBuilder : IRequestExecutorBuilder =>
        builder.AddAuthorizationCore();

    /// <summary>
    /// What <see cref="AddAuthorization{TBuilder}"/> does, under a name no other library's overload takes: the schema
    /// enforces <c>@authorize</c>, and the engine's <see cref="DefaultAuthorizationHandler"/> (roles and authentication,
    /// no policies) is the handler unless another <see cref="IAuthorizationHandler"/> is registered first.
    /// </summary>
    public static IRequestExecutorBuilder AddAuthorizationCore(this IRequestExecutorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(DefaultAuthorizationHandler.Instance);
        builder.Services.TryAddSingleton<IAuthorizationHandler>(static services => services.GetRequiredService<DefaultAuthorizationHandler>());
        return builder.ConfigureSchema(static schema => schema.AddAuthorization());
    }
}
