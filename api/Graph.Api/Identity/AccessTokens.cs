using System.Security.Claims;
using System.Text;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Identity;

/// <summary>
/// Issues and checks access tokens: JWTs signed with HMAC-SHA256 under <c>Graph:Auth:SigningKey</c>, issuer and audience
/// <c>graph</c>, claims <c>sub</c> (user), <c>sid</c> (session), <c>name</c>, one <c>role</c> per platform role, <c>jti</c>,
/// <c>iat</c>, <c>nbf</c> and <c>exp</c> (see <see cref="IdentityClaims"/>). Times come from the application's
/// <see cref="TimeProvider"/>. A token is accepted when its signature, issuer, audience and claims are right, it has not
/// expired, and its session has not been revoked (<see cref="RevokedSessions"/>).
/// </summary>
public sealed class AccessTokenService
{
    /// <summary>How far in the future a token's <c>nbf</c> may be (another instance's clock running ahead).</summary>
    private static readonly TimeSpan NotBeforeTolerance = TimeSpan.FromMinutes(1);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };
    private readonly IOptions<GraphOptions> _options;
    private readonly RevokedSessions _revoked;
    private readonly IDbContextFactory<GraphDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly Lazy<(SigningCredentials Credentials, TokenValidationParameters Parameters)> _keys;

    public AccessTokenService(IOptions<GraphOptions> options, RevokedSessions revoked, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock)
    {
        _options = options;
        _revoked = revoked;
        _contexts = contexts;
        _clock = clock;
        // Read on first use: verbs that never issue a token (schema export) need no key.
        _keys = new(CreateKeys);
    }

    /// <summary>How long the tokens issued now are valid.</summary>
    public TimeSpan Lifetime => _options.Value.Auth.AccessTokenLifetime;

    /// <summary>An access token for <paramref name="user"/> in session <paramref name="sessionId"/>, with its expiry.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(User user, IEnumerable<PlatformRole> roles, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        var now = _clock.GetUtcNow();
        // JWT times are whole seconds: the expiry reported to the client is the one in the token.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiresAt = issuedAt + Lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = IdentityClaims.Issuer,
            Audience = IdentityClaims.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = _keys.Value.Credentials,
            Claims = new Dictionary<string, object>
            {
                [IdentityClaims.Subject] = user.Id.ToString("D"),
                [IdentityClaims.SessionId] = sessionId.ToString("D"),
                [IdentityClaims.Name] = user.DisplayName,
                [IdentityClaims.Role] = roles.Distinct().Order().Select(PlatformRoles.ToName).ToArray(),
                [IdentityClaims.TokenId] = Guid.NewGuid().ToString("N"),
            },
        };
        return (_handler.CreateToken(descriptor), expiresAt);
    }

    /// <summary>
    /// Checks <paramref name="token"/> (the text after <c>Bearer </c>): the principal it stands for, or why it is refused.
    /// </summary>
    /// <remarks>Asks the database whether the session was revoked while this instance has not yet loaded the revoked
    /// sessions (the first check starts loading them); when the database does not answer then, the result is
    /// <see cref="IdentityErrorCodes.Unavailable"/>.</remarks>
    public async Task<AccessTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var result = await _handler.ValidateTokenAsync(token, _keys.Value.Parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || result.ClaimsIdentity is not { } identity)
        {
            return AccessTokenValidation.Invalid("The access token is not valid.");
        }

        var principal = new ClaimsPrincipal(identity);
        if (principal.GetUserId() is null || principal.GetSessionId() is not { } sessionId || !jwt.TryGetPayloadValue<long>(IdentityClaims.Expires, out var exp)
            || !jwt.TryGetPayloadValue<string>(IdentityClaims.TokenId, out var jti) || string.IsNullOrEmpty(jti))
        {
            return AccessTokenValidation.Invalid("The access token lacks a claim the server needs.");
        }

        var now = _clock.GetUtcNow();
        if (jwt.TryGetPayloadValue<long>("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) > now + NotBeforeTolerance)
        {
            return AccessTokenValidation.Invalid("The access token is not valid yet.");
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expiresAt <= now)
        {
            return AccessTokenValidation.Failed(IdentityErrorCodes.TokenExpired, "The access token has expired; refresh it.");
        }

        bool revoked;
        try
        {
            revoked = await IsRevokedAsync(sessionId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return AccessTokenValidation.Failed(IdentityErrorCodes.Unavailable, "The access token cannot be checked right now; try again shortly.", e);
        }
        return revoked
            ? AccessTokenValidation.Failed(IdentityErrorCodes.SessionRevoked, "The session of this access token has ended; sign in again.")
            : AccessTokenValidation.Success(principal, sessionId, expiresAt);
    }

    private async ValueTask<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (_revoked.Contains(sessionId))
        {
            return true;
        }
        if (_revoked.IsLoaded)
        {
            return false;
        }
        _revoked.RequestLoad();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        // As the loaded set would answer: revoked when the session's row says so.
        return await db.Sessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.RevokedAt != null, cancellationToken);
    }

    private (SigningCredentials, TokenValidationParameters) CreateKeys()
    {
        var secret = _options.Value.Auth.SigningKey;
        if (Encoding.UTF8.GetByteCount(secret) < StartupChecks.MinimumSigningKeyBytes)
        {
            throw new InvalidOperationException($"Graph:Auth:SigningKey must hold at least {StartupChecks.MinimumSigningKeyBytes} bytes to sign access tokens.");
        }
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = IdentityClaims.Issuer,
            ValidAudience = IdentityClaims.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            // Expiry is checked against the application's clock above, not the system's.
            ValidateLifetime = false,
            AuthenticationType = IdentityClaims.AuthenticationType,
            NameClaimType = IdentityClaims.Name,
            RoleClaimType = IdentityClaims.Role,
        };
        return (new SigningCredentials(key, SecurityAlgorithms.HmacSha256), parameters);
    }
}

/// <summary>What <see cref="AccessTokenService.ValidateAsync"/> found: the principal, or an error code and message.</summary>
public sealed class AccessTokenValidation
{
    private AccessTokenValidation(ClaimsPrincipal? principal, Guid? sessionId, DateTimeOffset? expiresAt, string? errorCode, string? errorMessage, Exception? cause)
    {
        Principal = principal;
        SessionId = sessionId;
        ExpiresAt = expiresAt;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Cause = cause;
    }

    /// <summary>The token's user, when it is accepted.</summary>
    public ClaimsPrincipal? Principal { get; }

    public Guid? SessionId { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>One of <see cref="IdentityErrorCodes"/>' token codes, when the token is refused.</summary>
    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    /// <summary>The failure behind <see cref="IdentityErrorCodes.Unavailable"/>, for the log.</summary>
    public Exception? Cause { get; }

    public bool Succeeded => Principal is not null;

    internal static AccessTokenValidation Success(ClaimsPrincipal principal, Guid sessionId, DateTimeOffset expiresAt) =>
        new(principal, sessionId, expiresAt, null, null, null);

    internal static AccessTokenValidation Invalid(string message) => Failed(IdentityErrorCodes.TokenInvalid, message);

    internal static AccessTokenValidation Failed(string code, string message, Exception? cause = null) => new(null, null, null, code, message, cause);
}
