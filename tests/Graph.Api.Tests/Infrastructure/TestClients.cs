using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Who a test request comes from, without real tokens: headers the test server turns into the user
/// (<see cref="UserHeader"/>, <see cref="NameHeader"/>, <see cref="RoleHeader"/>; the claims of an access token) and into
/// the client's address (<see cref="IpHeader"/>, which the in-memory server otherwise leaves empty).
/// </summary>
public static class TestClients
{
    public const string Scheme = "Test";
    public const string UserHeader = "X-Test-User";
    public const string NameHeader = "X-Test-Name";
    public const string RoleHeader = "X-Test-Role";
    public const string IpHeader = "X-Test-Client-Ip";

    /// <summary>Registers the test scheme as the default one and the address rewrite (pass to <see cref="GraphApiFactory"/>).</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(Scheme, _ => { });
        services.AddTransient<IStartupFilter, ClientAddressFilter>();
    }

    /// <summary>Makes <paramref name="request"/> come from the user <paramref name="userId"/>.</summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, Guid userId, string name = "Awa Traoré", params string[] roles)
    {
        request.Headers.Add(UserHeader, userId.ToString("D"));
        request.Headers.Add(NameHeader, Uri.EscapeDataString(name));
        foreach (var role in roles)
        {
            request.Headers.Add(RoleHeader, role);
        }
        return request;
    }

    /// <summary>Makes <paramref name="request"/> come from the address <paramref name="ip"/>.</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string ip)
    {
        request.Headers.Add(IpHeader, ip);
        return request;
    }

    /// <summary>The claims an access token carries: sub, sid, name and role.</summary>
    public static ClaimsPrincipal Principal(Guid userId, string name, params string[] roles) => new(new ClaimsIdentity(
        [
            new Claim("sub", userId.ToString("D")),
            new Claim("sid", Guid.NewGuid().ToString("D")),
            new Claim("name", name),
            .. roles.Select(r => new Claim("role", r)),
        ],
        Scheme, "name", "role"));

    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user) || !Guid.TryParse(user, out var id))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var name = Uri.UnescapeDataString(Request.Headers[NameHeader].ToString());
            var principal = Principal(id, name, [.. Request.Headers[RoleHeader].Select(r => r!)]);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestClients.Scheme)));
        }
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[IpHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
