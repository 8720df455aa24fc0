using Graph.GraphQL.Authorization;
using Graph.GraphQL.AspNetCore.Authorization;
using Graph.GraphQL.Resolvers;

namespace Graph.Api.Identity;

/// <summary>
/// Refuses, as not signed in, a user whose access token has expired or whose session was revoked since the request
/// began, then decides as ASP.NET Core's policies do. An HTTP request is checked once at the door, but a subscription
/// lives for hours on one WebSocket or event stream: this check runs again for each of its events, so a signed-out or
/// expired subscriber's protected subscription gets AUTH_NOT_AUTHENTICATED and ends.
/// </summary>
public sealed class ActiveSessionAuthorizationHandler(AspNetCoreAuthorizationHandler inner, AccessTokenState tokens, TimeProvider clock)
    : IAuthorizationHandler
{
    /// <inheritdoc />
    public ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default) =>
        Ended(context.GetUser()) ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated) : inner.AuthorizeAsync(context, directive, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default) =>
        Ended(context.User) ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated) : inner.AuthorizeAsync(context, directives, cancellationToken);

    private bool Ended(System.Security.Claims.ClaimsPrincipal? user) =>
        tokens.Check(user, clock.GetUtcNow()) is AccessTokenStatus.Expired or AccessTokenStatus.Revoked;
}
