using System.Security.Claims;

namespace Graph.Api.Identity;

/// <summary>
/// The claims of access tokens, as they arrive in <see cref="ClaimsPrincipal"/>s: JWT names, never mapped to the long
/// WS-* claim types. The identity's authentication type is <see cref="AuthenticationType"/>, its name claim
/// <see cref="Name"/> and its role claim <see cref="Role"/>, so <c>principal.IsInRole("ADMIN")</c> works.
/// </summary>
public static class IdentityClaims
{
    /// <summary>The user's ID (a <see cref="Guid"/> written in the "D" format).</summary>
    public const string Subject = "sub";

    /// <summary>The session's ID (a <see cref="Guid"/>): revoking the session refuses the token.</summary>
    public const string SessionId = "sid";

    /// <summary>Each platform role of the user (<see cref="PlatformRoles.ToName"/>), one claim per role.</summary>
    public const string Role = "role";

    /// <summary>The user's display name.</summary>
    public const string Name = "name";

    /// <summary>The token's own ID.</summary>
    public const string TokenId = "jti";

    /// <summary>When the token expires (seconds since 1970-01-01 UTC).</summary>
    public const string Expires = "exp";

    /// <summary>The issuer and audience of every access token.</summary>
    public const string Issuer = "graph";

    /// <inheritdoc cref="Issuer"/>
    public const string Audience = "graph";

    /// <summary>The authentication type of token identities, and the name of the HTTP authentication scheme.</summary>
    public const string AuthenticationType = "Bearer";

    /// <summary>The user's ID, or null when the principal is anonymous or carries none.</summary>
    public static Guid? GetUserId(this ClaimsPrincipal principal) => ReadGuid(principal, Subject);

    /// <summary>The session's ID, or null when the principal is anonymous or carries none.</summary>
    public static Guid? GetSessionId(this ClaimsPrincipal principal) => ReadGuid(principal, SessionId);

    /// <summary>When the principal's token expires, or null when it carries no expiry.</summary>
    public static DateTimeOffset? GetExpiry(this ClaimsPrincipal principal) =>
        principal.FindFirst(Expires)?.Value is { } text && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Whether the principal was authenticated with an access token.</summary>
    public static bool IsAuthenticatedByToken(this ClaimsPrincipal principal) =>
        principal.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AuthenticationType);

    private static Guid? ReadGuid(ClaimsPrincipal principal, string type)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(type)?.Value is { } text && Guid.TryParseExact(text, "D", out var id) ? id : null;
    }
}

/// <summary>The <c>extensions.code</c> (or typed error <c>code</c>) values of accounts and tokens. Part of the public
/// contract: add new ones, never rename.</summary>
public static class IdentityErrorCodes
{
    /// <summary>401: the access token has expired; refresh it.</summary>
    public const string TokenExpired = "AUTH_TOKEN_EXPIRED";

    /// <summary>401: the Authorization header is not a valid access token (malformed, tampered, wrong signature, wrong
    /// issuer or audience, not a bearer token).</summary>
    public const string TokenInvalid = "AUTH_TOKEN_INVALID";

    /// <summary>401: the access token's session was revoked (logout, password change, refresh token reuse).</summary>
    public const string SessionRevoked = "AUTH_SESSION_REVOKED";

    /// <summary>503: whether the token's session was revoked cannot be told right now (the database does not answer).</summary>
    public const string Unavailable = "AUTH_UNAVAILABLE";

    /// <summary>The refresh token is unknown, malformed, or its session has ended.</summary>
    public const string RefreshTokenInvalid = "AUTH_REFRESH_TOKEN_INVALID";

    /// <summary>The refresh token has expired: sign in again.</summary>
    public const string RefreshTokenExpired = "AUTH_REFRESH_TOKEN_EXPIRED";

    /// <summary>The refresh token was already used: its session has been revoked.</summary>
    public const string RefreshTokenReused = "AUTH_REFRESH_TOKEN_REUSED";

    /// <summary>No account has this login and password.</summary>
    public const string InvalidCredentials = "INVALID_CREDENTIALS";

    /// <summary>Too many failed logins lately for this account or from this address, or too many wrong reset codes from
    /// this address.</summary>
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";

    /// <summary>Another account already has this email address or phone number.</summary>
    public const string AccountAlreadyExists = "ACCOUNT_ALREADY_EXISTS";

    /// <summary>A field of the account's input breaks a rule.</summary>
    public const string InvalidAccountInput = "INVALID_ACCOUNT_INPUT";

    /// <summary>The password may not be used (too short, too common, the account's own login).</summary>
    public const string WeakPassword = "WEAK_PASSWORD";

    /// <summary>The current password given to change it is wrong.</summary>
    public const string InvalidCurrentPassword = "INVALID_CURRENT_PASSWORD";

    /// <summary>The user has no session with this ID.</summary>
    public const string SessionNotFound = "SESSION_NOT_FOUND";

    /// <summary>The password reset code is unknown, already used, voided or expired.</summary>
    public const string InvalidResetCode = "INVALID_RESET_CODE";
}
