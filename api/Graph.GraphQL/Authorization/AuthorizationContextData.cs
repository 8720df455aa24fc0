using System.Security.Claims;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// Where a request's user lives: the transport puts a <see cref="ClaimsPrincipal"/> in the request state
/// (<c>OperationRequestBuilder.SetGlobalState(AuthorizationContextData.User, principal)</c>), and resolvers, handlers and
/// parameters of type <see cref="ClaimsPrincipal"/> read it from there.
/// </summary>
public static class AuthorizationContextData
{
    /// <summary>The key of the request's <see cref="ClaimsPrincipal"/> in the request state: <c>ClaimsPrincipal</c>.</summary>
    public const string User = "ClaimsPrincipal";

    /// <summary>The user in <paramref name="contextData"/>, or a new anonymous principal when there is none.</summary>
    public static ClaimsPrincipal GetUser(IDictionary<string, object?> contextData)
    {
        ArgumentNullException.ThrowIfNull(contextData);
        return contextData.TryGetValue(User, out var value) && value is ClaimsPrincipal user ? user : Anonymous();
    }

    /// <summary>The request's user, or a new anonymous principal when the request has none.</summary>
    public static ClaimsPrincipal GetUser(this IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return GetUser(context.ContextData);
    }

    /// <summary>Whether one of the user's identities is authenticated.</summary>
    public static bool IsAuthenticated(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A principal with one unauthenticated identity, as a request without user has.</summary>
    internal static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());
}
