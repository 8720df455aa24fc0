using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.RateLimiting;
using Graph.GraphQL.AspNetCore;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Hosting;

/// <summary>
/// Limits the requests one client sends to the GraphQL endpoint in a fixed window ("Graph:RateLimits"): an authenticated
/// user (claim <c>sub</c>) by their id, over all their sessions and addresses; an anonymous client by its address (an
/// IPv6 client by its /64 network, which one subscriber usually holds whole). <see cref="GraphQLPath"/> counts (its
/// POST and GET requests and WebSocket upgrades, not the messages over an open socket), and so do the other endpoints that
/// read the database for the asker (<see cref="DataPathPrefixes"/>: the public trace pages and QR codes, whose every
/// request recomputes a hash chain, and the exports); the IDE's files, /health and the SPA do not. Over the budget the answer is 429 with <c>Retry-After</c> and a GraphQL error coded <c>RATE_LIMITED</c>.
/// </summary>
/// <remarks>
/// Counts live in the memory of each instance: behind a load balancer a client may send up to the budget to each one.
/// A client's counter is dropped once its window has passed unused, so memory follows the clients of one window.
/// </remarks>
public static class GraphRateLimits
{
    /// <summary>The path of the GraphQL endpoint.</summary>
    public const string GraphQLPath = "/graphql";

    /// <summary>The other endpoints that count against the same budget.</summary>
    public static readonly string[] DataPathPrefixes = ["/trace/", "/exports/", "/deliveries/"];

    /// <summary>The <c>extensions.code</c> of the rejection.</summary>
    public const string RateLimitedCode = "RATE_LIMITED";

    private const string Unlimited = "";

    /// <summary>Registers the limiter; <c>app.UseRateLimiter()</c> after <c>app.UseAuthentication()</c> applies it.</summary>
    public static IServiceCollection AddGraphRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GraphOptions>>((options, graph) =>
        {
            var limits = graph.Value.RateLimits;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            if (limits.Enabled)
            {
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionOf(context, limits));
            }
        });
        return services;
    }

    /// <summary>What is wrong with "Graph:RateLimits", for the start-up checks.</summary>
    internal static IEnumerable<string> Problems(IConfiguration configuration)
    {
        GraphOptions.RateLimitsOptions? limits;
        try
        {
            limits = configuration.GetSection($"{GraphOptions.Section}:RateLimits").Get<GraphOptions.RateLimitsOptions>();
        }
        catch (InvalidOperationException e)
        {
            return [$"Graph__RateLimits cannot be read: {e.InnerException?.Message ?? e.Message}"];
        }
        if (limits is null || !limits.Enabled)
        {
            return [];
        }
        var problems = new List<string>();
        if (limits.PerUserPerHour < 1)
        {
            problems.Add("Graph__RateLimits__PerUserPerHour must be at least 1.");
        }
        if (limits.PerAnonymousPerHour < 1)
        {
            problems.Add("Graph__RateLimits__PerAnonymousPerHour must be at least 1.");
        }
        if (limits.Window <= TimeSpan.Zero)
        {
            problems.Add("Graph__RateLimits__Window must be a positive duration, e.g. 01:00:00.");
        }
        return problems;
    }

    /// <summary>The counter <paramref name="context"/> draws from, or no limit for requests to other paths than the limited ones.</summary>
    internal static RateLimitPartition<string> PartitionOf(HttpContext context, GraphOptions.RateLimitsOptions limits)
    {
        if (!IsLimited(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter(Unlimited);
        }
        if (context.User.Identity is { IsAuthenticated: true } && context.User.FindFirst("sub")?.Value is { Length: > 0 } userId)
        {
            return RateLimitPartition.GetFixedWindowLimiter("user:" + userId, _ => Window(limits.PerUserPerHour, limits.Window));
        }
        return RateLimitPartition.GetFixedWindowLimiter("ip:" + ClientOf(context.Connection.RemoteIpAddress), _ => Window(limits.PerAnonymousPerHour, limits.Window));
    }

    private static bool IsLimited(PathString path) =>
        path.Value is { } value && (value.TrimEnd('/').Equals(GraphQLPath, StringComparison.OrdinalIgnoreCase)
                                    || DataPathPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    /// <summary>An IPv4 address as it is, an IPv6 address as its /64 network.</summary>
    internal static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>429 with Retry-After and <c>{"errors":[{"message", "extensions":{"code":"RATE_LIMITED","retryAfterSeconds"}}]}</c>.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        int? seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : null;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (seconds is { } s)
        {
            response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
        }
        response.ContentType = (AcceptsGraphQLResponse(context.Request) ? GraphQLMediaTypes.GraphQLResponseJson : GraphQLMediaTypes.Json) + "; charset=utf-8";

        var message = seconds is { } wait
            ? $"Too many requests from this client: try again in {wait} seconds."
            : "Too many requests from this client: try again later.";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteStartObject("extensions");
        writer.WriteString("code", RateLimitedCode);
        if (seconds is { } value)
        {
            writer.WriteNumber("retryAfterSeconds", value);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Whether the client asks for <c>application/graphql-response+json</c> (else it gets <c>application/json</c>).</summary>
    private static bool AcceptsGraphQLResponse(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) &&
        accepted.Any(a => a.MediaType.Equals(GraphQLMediaTypes.GraphQLResponseJson, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
