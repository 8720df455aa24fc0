using System.Net;
using Graph.GraphQL.Resolvers;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Identity;

/// <summary>Where a request comes from, as sessions and login throttling record it.</summary>
/// <param name="IpAddress">The client's address (IPv4-mapped IPv6 addresses as IPv4), when known.</param>
/// <param name="UserAgent">The User-Agent header, cut to <see cref="Session.MaxUserAgentLength"/>, when sent.</param>
public sealed record ClientInfo(IPAddress? IpAddress, string? UserAgent)
{
    /// <summary>The key of the transport's <c>HttpContext</c> in a GraphQL request's global state.</summary>
    public const string HttpContextKey = "HttpContext";

    /// <summary>A request from nowhere known (a test, a tool).</summary>
    public static ClientInfo Unknown { get; } = new(null, null);

    /// <summary>The client of an HTTP request (a WebSocket's opening request included).</summary>
    public static ClientInfo From(HttpContext? http)
    {
        if (http is null)
        {
            return Unknown;
        }
        var address = http.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }
        var userAgent = http.Request.Headers[HeaderNames.UserAgent].ToString();
        return new ClientInfo(address, Truncate(userAgent, Session.MaxUserAgentLength));
    }

    /// <summary>The client of a GraphQL request: the transport's <c>HttpContext</c> in the request's state when there is one
    /// (WebSocket operations), else the current HTTP request.</summary>
    public static ClientInfo From(IResolverContext context, IHttpContextAccessor accessor) =>
        From(context.ContextData.TryGetValue(HttpContextKey, out var value) && value is HttpContext http ? http : accessor.HttpContext);

    /// <summary><paramref name="text"/> trimmed and cut to <paramref name="length"/> characters (never inside a surrogate
    /// pair), or null when empty.</summary>
    internal static string? Truncate(string? text, int length)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length <= length)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..cut];
    }
}
