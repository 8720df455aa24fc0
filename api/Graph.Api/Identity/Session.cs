using System.Net;

namespace Graph.Api.Identity;

/// <summary>
/// A signed-in device: what one login started. Its refresh tokens form one family (each one replaces the one before);
/// its access tokens carry its id (the <c>sid</c> claim), so revoking the session refuses them all.
/// </summary>
public sealed class Session
{
    // A UUIDv7 given when the session is added to a context (see SessionConfiguration).
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    /// <summary>The device's name as the client gave it at login, else its User-Agent, cut to <see cref="MaxDeviceLength"/>.</summary>
    public string? Device { get; set; }

    /// <summary>The client's address at login.</summary>
    public IPAddress? IpAddress { get; set; }

    /// <summary>The User-Agent at login, cut to <see cref="MaxUserAgentLength"/>.</summary>
    public string? UserAgent { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When a refresh token of the session was last used (or the session started).</summary>
    public DateTime LastUsedAt { get; set; }

    /// <summary>When the newest refresh token expires: the session ends then unless it is refreshed before.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the session was ended before it expired, or null while it is not.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Why the session was ended early.</summary>
    public SessionEndReason? RevokedReason { get; set; }

    public const int MaxDeviceLength = 200;

    public const int MaxUserAgentLength = 500;

    /// <summary>Whether the session may still be used at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTime now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>Why a session was revoked before it expired.</summary>
public enum SessionEndReason
{
    /// <summary>The user signed out with the session's refresh token.</summary>
    Logout,

    /// <summary>The user ended the session from another one (a lost phone, say).</summary>
    RevokedByUser,

    /// <summary>A member of staff ended the session.</summary>
    RevokedByStaff,

    /// <summary>The user changed the password: every other session ends.</summary>
    PasswordChanged,

    /// <summary>A refresh token of the session was presented a second time: someone holds a copy, so the family ends.</summary>
    RefreshTokenReused,

    /// <summary>The password was reset with a code sent to the account's address: every session ends.</summary>
    PasswordReset,
}

/// <summary>
/// A refresh token of a session: opaque to the client (32 random bytes, base64url), stored as its SHA-256 only, usable
/// once. Using it gives a new one (<see cref="ReplacedById"/>) and marks it used.
/// </summary>
public sealed class RefreshToken
{
    // A UUIDv7 given when the token is added to a context (see RefreshTokenConfiguration).
    public Guid Id { get; init; }

    public Guid SessionId { get; init; }

    /// <summary>SHA-256 of the token's text.</summary>
    public required byte[] TokenHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    /// <summary>When the token was exchanged for a new pair, or null while it has not been.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>The token that replaced this one.</summary>
    public Guid? ReplacedById { get; set; }
}

/// <summary>One login attempt, kept for throttling: how many failed lately for an account and from an address.</summary>
public sealed class LoginAttempt
{
    public Guid Id { get; init; }

    /// <summary>The login as the account is known by (the normalised email address or phone number), whether or not an
    /// account has it.</summary>
    public required string AccountKey { get; init; }

    public IPAddress? IpAddress { get; init; }

    public bool Succeeded { get; init; }

    public DateTime At { get; init; }

    public const int MaxAccountKeyLength = 320;
}

/// <summary>The names of <see cref="SessionEndReason"/> values in the database (<c>sessions.revoked_reason</c>).</summary>
public static class SessionEndReasons
{
    /// <summary>The longest name, for the column's length.</summary>
    public const int MaxNameLength = 32;

    /// <summary>The reason's name in snake_case, e.g. <c>refresh_token_reused</c>.</summary>
    public static string ToName(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Logout => "logout",
        SessionEndReason.RevokedByUser => "revoked_by_user",
        SessionEndReason.RevokedByStaff => "revoked_by_staff",
        SessionEndReason.PasswordChanged => "password_changed",
        SessionEndReason.RefreshTokenReused => "refresh_token_reused",
        SessionEndReason.PasswordReset => "password_reset",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reason."),
    };

    /// <summary>The reason named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">No reason has this name.</exception>
    public static SessionEndReason Parse(string name) => name switch
    {
        "logout" => SessionEndReason.Logout,
        "revoked_by_user" => SessionEndReason.RevokedByUser,
        "revoked_by_staff" => SessionEndReason.RevokedByStaff,
        "password_changed" => SessionEndReason.PasswordChanged,
        "refresh_token_reused" => SessionEndReason.RefreshTokenReused,
        "password_reset" => SessionEndReason.PasswordReset,
        _ => throw new FormatException($"'{name}' is not a session end reason."),
    };
}
