using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Identity;

/// <summary>The accounts' part of the graph: register, login, refreshToken, logout and password reset, the User type, and the
/// authentication of HTTP requests and WebSocket connections by access token.</summary>
public static class IdentityGraph
{
    public static IRequestExecutorBuilder AddIdentity(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddIdentityServices();
        return graph
            .AddTypeExtension<IdentityMutations>()
            .AddTypeExtension<AccountQueries>()
            .AddTypeExtension<AccountMutations>()
            .AddTypeExtension<UserFields>()
            .AddTypeExtension<UserNodeFields>()
            .AddType<InvalidCurrentPasswordError>()
            .AddType<SessionNotFoundError>()
            .AddType<UserNotFoundError>()
            .AddType<LastAdminError>()
            .AddDataLoader<UserByIdDataLoader>()
            .AddType<InvalidAccountInputError>()
            .AddType<WeakPasswordError>()
            .AddType<AccountAlreadyExistsError>()
            .AddType<InvalidCredentialsError>()
            .AddType<TooManyAttemptsError>()
            .AddType<InvalidRefreshTokenError>()
            .AddType<InvalidResetCodeError>()
            .AddDataLoader<RolesByUserIdDataLoader>()
            .AddSocketSessionInterceptor<IdentitySocketInterceptor>();
    }

    /// <summary>
    /// The services of accounts and tokens (<see cref="AccountService"/> and <see cref="SessionService"/> for resolvers,
    /// <see cref="AccessTokenState"/> for long-lived connections), the synchronisation of revoked sessions across instances,
    /// and the HTTP authentication scheme <c>Bearer</c> (the default one).
    /// </summary>
    public static IServiceCollection AddIdentityServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.TryAddSingleton<RevokedSessions>();
        services.TryAddSingleton<AccessTokenState>();
        services.TryAddSingleton<AccessTokenService>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<PasswordResetService>();
        services.AddHostedService<SessionRevocationSync>();
        // Decorates ASP.NET Core's policies (registered by the graph's AddAuthorization(); the last registration wins):
        // an expired or revoked token is refused at every check, including each event of a long-lived subscription.
        services.AddSingleton<Graph.GraphQL.Authorization.IAuthorizationHandler, ActiveSessionAuthorizationHandler>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<BearerAuthenticationOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, configureOptions: null);
        return services;
    }
}
