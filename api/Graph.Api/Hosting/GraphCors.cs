using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Graph.Api.Hosting;

/// <summary>
/// Which pages of other origins may call /graphql from a browser ("Graph:Cors:Origins"): GET, POST and their preflight,
/// with the headers GraphQL clients send (<c>Content-Type</c>, <c>Authorization</c>, <c>Accept</c>, <c>GraphQL-Cost</c>),
/// reading <c>Retry-After</c> and <c>WWW-Authenticate</c>; never with cookies (tokens travel in <c>Authorization</c>).
/// An origin not listed gets no <c>Access-Control-Allow-Origin</c>, so the browser keeps the answer from the page.
/// </summary>
public static class GraphCors
{
    /// <summary>The name of the policy the GraphQL endpoints require.</summary>
    public const string PolicyName = "graphql";

    /// <summary>How long a browser may keep a preflight's answer.</summary>
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>What is wrong with "Graph:Cors:Origins", for the start-up checks: each must be an http(s) origin, no path.</summary>
    internal static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var origins = configuration.GetSection($"{GraphOptions.Section}:Cors:Origins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                yield return $"Graph__Cors__Origins holds '{origin}', which is no origin: give scheme, host and port only, e.g. https://admin.example.org.";
            }
        }
    }

    /// <summary>Registers the policy; <c>app.UseCors()</c> and <c>RequireCors(PolicyName)</c> apply it.</summary>
    public static IServiceCollection AddGraphCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GraphOptions>>((cors, graph) => cors.AddPolicy(PolicyName, policy => policy
            .WithOrigins([.. graph.Value.Cors.Origins.Select(o => o.Trim().TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Options)
            .WithHeaders("Content-Type", "Authorization", "Accept", "GraphQL-Cost")
            .WithExposedHeaders("Retry-After", "WWW-Authenticate")
            .SetPreflightMaxAge(PreflightMaxAge)));
        return services;
    }
}
