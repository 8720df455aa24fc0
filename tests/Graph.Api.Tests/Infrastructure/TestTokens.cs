using System.Net.Http.Headers;
using Graph.Api.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>Real access tokens, signed by the server under test, for callers with the given roles.</summary>
public static class TestTokens
{
    /// <summary>An access token of the server <paramref name="services"/> for a user holding <paramref name="roles"/>, in a
    /// session of its own.</summary>
    public static string Issue(IServiceProvider services, params PlatformRole[] roles) => Issue(services, Guid.CreateVersion7(), roles);

    /// <summary>An access token for the user <paramref name="userId"/> holding <paramref name="roles"/>.</summary>
    public static string Issue(IServiceProvider services, Guid userId, params PlatformRole[] roles)
    {
        var user = new User { Id = userId, DisplayName = "Mariama Bâ", Email = $"{userId:N}@graph.test" };
        return services.GetRequiredService<AccessTokenService>().Issue(user, roles, Guid.CreateVersion7()).Token;
    }

    /// <summary>Makes every request of <paramref name="client"/> carry an ADMIN's access token.</summary>
    public static HttpClient AsAdmin(this HttpClient client, IServiceProvider services)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(services, PlatformRole.Admin));
        return client;
    }
}
