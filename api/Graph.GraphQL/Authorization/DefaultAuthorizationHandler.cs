using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// The engine's handler, for servers without ASP.NET Core: the user must be authenticated and, when the directive names
/// roles, be in one of them (<see cref="System.Security.Claims.ClaimsPrincipal.IsInRole"/>). It knows no policies: a
/// directive naming one gives <see cref="AuthorizeResult.PolicyNotFound"/>.
/// </summary>
public class DefaultAuthorizationHandler : IAuthorizationHandler
{
    /// <summary>The shared instance (the handler keeps no state).</summary>
    public static DefaultAuthorizationHandler Instance { get; } = new();

    /// <inheritdoc />
    public virtual ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directive);
        return ValueTask.FromResult(Check(context.GetUser(), directive));
    }

    /// <inheritdoc />
    public virtual ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directives);
        foreach (var directive in directives)
        {
            var result = Check(context.User, directive);
            if (result != AuthorizeResult.Allowed)
            {
                return ValueTask.FromResult(result);
            }
        }
        return ValueTask.FromResult(AuthorizeResult.Allowed);
    }

    private static AuthorizeResult Check(System.Security.Claims.ClaimsPrincipal user, AuthorizeDirective directive) =>
        AuthorizationRules.CheckUserAndRoles(user, directive) is { } denied ? denied
        : directive.Policy is not null ? AuthorizeResult.PolicyNotFound
        : AuthorizeResult.Allowed;
}

/// <summary>The checks every handler starts with.</summary>
internal static class AuthorizationRules
{
    /// <summary>
    /// <see cref="AuthorizeResult.NotAuthenticated"/> without an authenticated identity, <see cref="AuthorizeResult.NotAllowed"/>
    /// when the directive names roles and the user is in none of them, else null (the policy, if any, decides).
    /// </summary>
    public static AuthorizeResult? CheckUserAndRoles(System.Security.Claims.ClaimsPrincipal user, AuthorizeDirective directive)
    {
        if (!user.IsAuthenticated())
        {
            return AuthorizeResult.NotAuthenticated;
        }
        if (directive.Roles is { } roles)
        {
            foreach (var role in roles)
            {
                if (user.IsInRole(role))
                {
                    return null;
                }
            }
            return AuthorizeResult.NotAllowed;
        }
        return null;
    }
}
