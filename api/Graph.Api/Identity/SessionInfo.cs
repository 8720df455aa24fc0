using System.Net;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.Api.Identity;

/// <summary>A device signed in to the account, as its owner sees it in the list of sessions.</summary>
[GraphQLName("Session")]
public sealed class SessionInfo
{
    /// <summary>The session's ID.</summary>
    [ID("Session")]
    public required Guid Id { get; init; }

    /// <summary>The device's name, as given at sign-in, else its browser or application (User-Agent).</summary>
    public string? Device { get; init; }

    /// <summary>The address the device signed in from.</summary>
    [GraphQLIgnore]
    public IPAddress? IpAddress { get; init; }

    /// <summary>The address the device signed in from, as text (IPv4 or IPv6).</summary>
    public string? Ip => IpAddress?.ToString();

    /// <summary>When the device signed in.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When the device last refreshed its tokens.</summary>
    public required DateTime LastUsedAt { get; init; }

    /// <summary>When the session ends unless the device refreshes its tokens before.</summary>
    public required DateTime ExpiresAt { get; init; }

    /// <summary>When the session was ended, or null while it is active.</summary>
    public DateTime? RevokedAt { get; init; }

    /// <summary>Whether this is the session of the request's own access token.</summary>
    public bool IsCurrent { get; init; }

    internal static SessionInfo From(Session session, Guid? currentSessionId) => new()
    {
        Id = session.Id,
        Device = session.Device,
        IpAddress = session.IpAddress,
        CreatedAt = session.CreatedAt,
        LastUsedAt = session.LastUsedAt,
        ExpiresAt = session.ExpiresAt,
        RevokedAt = session.RevokedAt,
        IsCurrent = session.Id == currentSessionId,
    };
}
