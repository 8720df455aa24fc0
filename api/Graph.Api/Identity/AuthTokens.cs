namespace Graph.Api.Identity;

/// <summary>
/// What a client keeps after signing in: an access token for the <c>Authorization: Bearer</c> header (short-lived), and a
/// refresh token to get the next pair with <c>refreshToken</c> when it expires (usable once).
/// </summary>
public sealed class AuthTokens
{
    /// <summary>The access token (a JWT): send it as <c>Authorization: Bearer &lt;accessToken&gt;</c>.</summary>
    public required string AccessToken { get; init; }

    /// <summary>When the access token stops being accepted.</summary>
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }

    /// <summary>The refresh token: keep it secret, and exchange it once for the next pair.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>When the refresh token expires if it is not used before (the session then ends).</summary>
    public required DateTimeOffset RefreshTokenExpiresAt { get; init; }

    /// <summary>How to send the access token: always <c>Bearer</c>.</summary>
    public string TokenType => IdentityClaims.AuthenticationType;
}
