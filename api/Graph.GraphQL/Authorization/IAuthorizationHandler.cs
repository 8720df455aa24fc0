using System.Security.Claims;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// Decides whether the user of a request may have what an <c>@authorize</c> directive protects: the seam between the
/// engine and an application's rules. <c>AddAuthorization()</c> registers a default (roles and authentication only in the
/// engine; ASP.NET Core policies with Graph.GraphQL.AspNetCore). The engine resolves the handler from the request's
/// services each time it needs one, so an application can replace it or wrap the default in a decorator of its own (to
/// refuse users whose session was revoked, say) by registering another <see cref="IAuthorizationHandler"/>.
/// </summary>
public interface IAuthorizationHandler
{
    /// <summary>
    /// Checks one directive of a field being executed (<see cref="ApplyPolicy.BeforeResolver"/> or
    /// <see cref="ApplyPolicy.AfterResolver"/>, when <see cref="IResolverContext.Result"/> holds the resolved value). The
    /// user is <c>context.GetUser()</c> (<see cref="AuthorizationContextData"/>).
    /// </summary>
    ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks, before execution, the <see cref="ApplyPolicy.Validation"/> directives of one field the operation selects;
    /// every one of them must pass.
    /// </summary>
    ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default);
}

/// <summary>What an <see cref="IAuthorizationHandler"/> decided.</summary>
public enum AuthorizeResult
{
    /// <summary>The user may proceed.</summary>
    Allowed,

    /// <summary>There is no authenticated user (<c>AUTH_NOT_AUTHENTICATED</c>).</summary>
    NotAuthenticated,

    /// <summary>The user is authenticated but lacks the role or does not satisfy the policy (<c>AUTH_NOT_AUTHORIZED</c>).</summary>
    NotAllowed,

    /// <summary>The directive names a policy the handler does not know (<c>AUTH_POLICY_NOT_FOUND</c>).</summary>
    PolicyNotFound,

    /// <summary>The directive names no policy and the handler has no default one (<c>AUTH_NO_DEFAULT_POLICY</c>).</summary>
    NoDefaultPolicy,
}

/// <summary>What the validation-phase check of an <see cref="IAuthorizationHandler"/> knows: the request before it executes.</summary>
public sealed class AuthorizationContext
{
    /// <summary>Creates the context.</summary>
    public AuthorizationContext(ISchema schema, Operation operation, ClaimsPrincipal user, IDictionary<string, object?> contextData, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(contextData);
        ArgumentNullException.ThrowIfNull(services);
        Schema = schema;
        Operation = operation;
        User = user;
        ContextData = contextData;
        Services = services;
    }

    /// <summary>The schema.</summary>
    public ISchema Schema { get; }

    /// <summary>The operation about to execute (its document, name and type).</summary>
    public Operation Operation { get; }

    /// <summary>The request's user (an anonymous principal when the request has none).</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The request state (where the transport put the user and, over HTTP, the <c>HttpContext</c>).</summary>
    public IDictionary<string, object?> ContextData { get; }

    /// <summary>The request's services.</summary>
    public IServiceProvider Services { get; }
}
