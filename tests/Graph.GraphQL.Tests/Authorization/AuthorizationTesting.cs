using System.Security.Claims;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;

namespace Graph.GraphQL.Tests.Authorization;

/// <summary>Users as the identity work issues them (a "Bearer" identity, roles in "role" claims) and requests that carry them.</summary>
internal static class Users
{
    /// <summary>An authenticated user with <paramref name="roles"/>.</summary>
    public static ClaimsPrincipal Authenticated(string name = "ama", params string[] roles)
    {
        var claims = new List<Claim> { new("name", name), new("sub", name) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "name", "role"));
    }

    /// <summary>An anonymous user (an identity that is not authenticated).</summary>
    public static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());

    /// <summary>Executes <paramref name="query"/> as <paramref name="user"/> (none: no user in the request state) and returns the compact JSON.</summary>
    public static async Task<string> RunAsAsync(this IRequestExecutor executor, ClaimsPrincipal? user, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        await using var result = await executor.ExecuteAsync(Request(user, query, variables));
        return result.ExpectOperationResult().ToJson();
    }

    public static OperationRequest Request(ClaimsPrincipal? user, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var builder = OperationRequestBuilder.New().SetDocument(query).SetVariableValues(variables);
        if (user is not null)
        {
            builder.SetGlobalState(AuthorizationContextData.User, user);
        }
        return builder.Build();
    }
}
