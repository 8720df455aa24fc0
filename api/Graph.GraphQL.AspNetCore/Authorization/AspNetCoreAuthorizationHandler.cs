using System.Security.Claims;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Resolvers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using IAuthorizationHandler = Graph.GraphQL.Authorization.IAuthorizationHandler;

namespace Graph.GraphQL.AspNetCore.Authorization;

/// <summary>
/// The <see cref="IAuthorizationHandler"/> of an ASP.NET Core server (registered by <c>AddAuthorization()</c> on the
/// GraphQL server builder): the user must be authenticated and in one of the directive's roles, if it names any; a
/// policy is one of ASP.NET Core's (<c>services.AddAuthorization(o =&gt; o.AddPolicy(...))</c>), and a directive without
/// policy nor roles satisfies the default policy. Policies are evaluated by <see cref="IAuthorizationService"/> with the
/// field's <see cref="IResolverContext"/> as the resource (so an <c>AuthorizationHandler&lt;TRequirement, IResolverContext&gt;</c>
/// sees the field, its arguments and, after the resolver, its value), or, for <c>apply: VALIDATION</c>, with the
/// <see cref="AuthorizationContext"/>. ASP.NET Core's services come from the request's services.
/// </summary>
/// <remarks>
/// To add a rule of your own, register a decorator after <c>AddAuthorization()</c>:
/// <c>services.AddSingleton&lt;IAuthorizationHandler&gt;(sp =&gt; new MyHandler(sp.GetRequiredService&lt;AspNetCoreAuthorizationHandler&gt;()))</c>.
/// </remarks>
public class AspNetCoreAuthorizationHandler : IAuthorizationHandler
{
    /// <inheritdoc />
    public virtual ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directive);
        return AuthorizeAsync(context.GetUser(), directive, context, context.Services);
    }

    /// <inheritdoc />
    public virtual async ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directives);
        foreach (var directive in directives)
        {
            var result = await AuthorizeAsync(context.User, directive, context, context.Services).ConfigureAwait(false);
            if (result != AuthorizeResult.Allowed)
            {
                return result;
            }
        }
        return AuthorizeResult.Allowed;
    }

    private static ValueTask<AuthorizeResult> AuthorizeAsync(ClaimsPrincipal user, AuthorizeDirective directive, object resource, IServiceProvider services)
    {
        if (AuthorizationRules.CheckUserAndRoles(user, directive) is { } denied)
        {
            return ValueTask.FromResult(denied);
        }
        if (directive.Policy is null && directive.Roles is not null)
        {
            // Roles alone: the user has one of them, nothing more is asked.
            return ValueTask.FromResult(AuthorizeResult.Allowed);
        }
        return AuthorizePolicyAsync(user, directive.Policy, resource, services);
    }

    private static async ValueTask<AuthorizeResult> AuthorizePolicyAsync(ClaimsPrincipal user, string? policyName, object resource, IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        AuthorizationPolicy? policy;
        if (policyName is not null)
        {
            policy = await policies.GetPolicyAsync(policyName).ConfigureAwait(false);
            if (policy is null)
            {
                return AuthorizeResult.PolicyNotFound;
            }
        }
        else
        {
            policy = await policies.GetDefaultPolicyAsync().ConfigureAwait(false);
            if (policy is null)
            {
                return AuthorizeResult.NoDefaultPolicy;
            }
        }
        var result = await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, resource, policy).ConfigureAwait(false);
        return result.Succeeded ? AuthorizeResult.Allowed : AuthorizeResult.NotAllowed;
    }
}
