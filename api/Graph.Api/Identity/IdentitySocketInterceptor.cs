using System.Security.Claims;
using Graph.GraphQL;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Execution;

namespace Graph.Api.Identity;

/// <summary>
/// Authenticates GraphQL WebSocket connections. Browsers cannot set headers on a WebSocket, so the access token comes in
/// the <c>connection_init</c> payload (<c>{"Authorization": "Bearer &lt;jwt&gt;"}</c>; the keys <c>authorization</c> and
/// <c>authToken</c>, and a token without <c>Bearer</c>, are accepted too); without one, the user of the upgrade request
/// (its own Authorization header) holds, or the connection is anonymous. A token that is not valid, has expired or
/// whose session was revoked closes the socket with 4403. Each operation gets the connection's principal in its global
/// state (<see cref="PrincipalKey"/>), after a check that its token is still valid (an operation started once it has
/// expired or been revoked is refused with that code; the socket stays open for a client that reconnects with a fresh
/// token).
/// </summary>
public sealed class IdentitySocketInterceptor(AccessTokenService accessTokens, AccessTokenState state, TimeProvider clock, ILogger<IdentitySocketInterceptor> logger)
    : DefaultSocketSessionInterceptor
{
    /// <summary>The key of the request's user in a GraphQL request's global state.</summary>
    public const string PrincipalKey = "ClaimsPrincipal";

    private static readonly string[] TokenKeys = ["Authorization", "authorization", "authToken"];

    /// <inheritdoc />
    public override async ValueTask<ConnectionStatus> OnConnectAsync(
        ISocketSession session,
        IReadOnlyDictionary<string, object?>? connectionInitPayload,
        CancellationToken cancellationToken)
    {
        ClaimsPrincipal principal;
        if (FindToken(connectionInitPayload, out var value))
        {
            var token = value is string text ? ReadToken(text) : null;
            if (token is null)
            {
                return ConnectionStatus.Reject($"{IdentityErrorCodes.TokenInvalid}: The access token must be a string: \"Bearer <token>\" or the token alone.");
            }
            var validation = await accessTokens.ValidateAsync(token, cancellationToken);
            if (validation.Principal is null)
            {
                if (validation.Cause is { } cause)
                {
                    logger.LogError(cause, "Whether an access token's session was revoked could not be checked.");
                }
                return ConnectionStatus.Reject($"{validation.ErrorCode}: {validation.ErrorMessage}");
            }
            principal = validation.Principal;
        }
        else
        {
            // The upgrade request's own Authorization header, already checked by the HTTP authentication (an invalid one
            // was refused with 401 before the upgrade), or an anonymous user.
            principal = session.HttpContext.User;
            switch (state.Check(principal, clock.GetUtcNow()))
            {
                case AccessTokenStatus.Expired:
                    return ConnectionStatus.Reject($"{IdentityErrorCodes.TokenExpired}: The access token has expired; refresh it.");
                case AccessTokenStatus.Revoked:
                    return ConnectionStatus.Reject($"{IdentityErrorCodes.SessionRevoked}: The session of this access token has ended; sign in again.");
            }
        }
        session.Items[PrincipalKey] = principal;
        return ConnectionStatus.Accept();
    }

    /// <inheritdoc />
    public override ValueTask OnRequestAsync(ISocketSession session, string operationId, OperationRequestBuilder requestBuilder, CancellationToken cancellationToken)
    {
        var principal = session.Items.TryGetValue(PrincipalKey, out var value) && value is ClaimsPrincipal known ? known : session.HttpContext.User;
        switch (state.Check(principal, clock.GetUtcNow()))
        {
            case AccessTokenStatus.Expired:
                throw new GraphQLException("The access token of this connection has expired; reconnect with a fresh one.", IdentityErrorCodes.TokenExpired);
            case AccessTokenStatus.Revoked:
                throw new GraphQLException("The session of this connection has ended; sign in again.", IdentityErrorCodes.SessionRevoked);
        }
        requestBuilder
            .SetGlobalState(PrincipalKey, principal)
            .SetGlobalState(ClientInfo.HttpContextKey, session.HttpContext);
        return ValueTask.CompletedTask;
    }

    private static bool FindToken(IReadOnlyDictionary<string, object?>? payload, out object? value)
    {
        value = null;
        if (payload is null)
        {
            return false;
        }
        foreach (var key in TokenKeys)
        {
            if (payload.TryGetValue(key, out value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The token of <c>Bearer &lt;token&gt;</c>, or the text itself when it is a token alone.</summary>
    private static string? ReadToken(string text)
    {
        if (BearerAuthenticationHandler.ReadBearerToken(text) is { } token)
        {
            return token;
        }
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed.Contains(' ') ? null : trimmed;
    }
}
