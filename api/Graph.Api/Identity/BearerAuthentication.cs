using System.Text.Encodings.Web;
using Graph.GraphQL;
using Graph.GraphQL.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Identity;

/// <summary>Options of the <see cref="BearerAuthenticationHandler"/> (none beyond the scheme's own).</summary>
public sealed class BearerAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>
/// The HTTP authentication scheme <c>Bearer</c>: the <c>Authorization: Bearer &lt;access token&gt;</c> header checked by
/// <see cref="AccessTokenService"/>. No header means anonymous; a header that is not a valid access token fails, and the
/// challenge then answers 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c> and a GraphQL error body whose
/// <c>extensions.code</c> says why (<see cref="IdentityErrorCodes"/>).
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<BearerAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokenService accessTokens)
    : AuthenticationHandler<BearerAuthenticationOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = IdentityClaims.AuthenticationType;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderNames.Authorization, out var header))
        {
            return AuthenticateResult.NoResult();
        }
        if (ReadBearerToken(header) is not { } token)
        {
            return AuthenticateResult.Fail(new AccessTokenRefusedException(IdentityErrorCodes.TokenInvalid,
                "The Authorization header must be the word Bearer, a space and an access token."));
        }
        var validation = await accessTokens.ValidateAsync(token, Context.RequestAborted);
        if (validation.Principal is { } principal)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }
        if (validation.Cause is { } cause)
        {
            Logger.LogError(cause, "Whether an access token's session was revoked could not be checked.");
        }
        return AuthenticateResult.Fail(new AccessTokenRefusedException(validation.ErrorCode!, validation.ErrorMessage!));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is not AccessTokenRefusedException refused)
        {
            // Asked to authenticate a request that sent no token.
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.Append(HeaderNames.WWWAuthenticate, SchemeName);
            return;
        }
        var error = new GraphQLError(refused.Message).WithCode(refused.Code);
        if (refused.Code == IdentityErrorCodes.Unavailable)
        {
            Response.Headers.RetryAfter = "5";
            await GraphQLErrorResponses.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable, error);
            return;
        }
        Response.Headers.Append(HeaderNames.WWWAuthenticate, $"{SchemeName} error=\"invalid_token\", error_description=\"{Description(refused.Message)}\"");
        await GraphQLErrorResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, error);
    }

    /// <summary>RFC 6750's error_description: printable ASCII without quotes or backslashes.</summary>
    private static string Description(string message) =>
        string.Create(message.Length, message, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] is >= ' ' and <= '~' and not '"' and not '\\' ? text[i] : '\'';
            }
        });

    /// <summary>The token of an <c>Authorization</c> header <c>Bearer &lt;token&gt;</c> (scheme in any case), or null.</summary>
    public static string? ReadBearerToken(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value)
        {
            return null;
        }
        var trimmed = value.AsSpan().Trim();
        if (trimmed.Length <= SchemeName.Length + 1 || !trimmed.StartsWith(SchemeName, StringComparison.OrdinalIgnoreCase) || trimmed[SchemeName.Length] != ' ')
        {
            return null;
        }
        var token = trimmed[(SchemeName.Length + 1)..].Trim();
        return token.Length == 0 || token.Contains(' ') ? null : token.ToString();
    }
}

/// <summary>Why a bearer token was refused: one of <see cref="IdentityErrorCodes"/>' token codes and a message for the
/// client.</summary>
public sealed class AccessTokenRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Marks endpoints where a request carrying an <c>Authorization</c> header that is not a valid access token is refused
/// with 401 before it runs (elsewhere such a request would merely be anonymous).
/// </summary>
public sealed class RefuseInvalidBearerTokensMetadata
{
    public static RefuseInvalidBearerTokensMetadata Instance { get; } = new();
}

/// <summary>Wires bearer-token authentication into the HTTP pipeline.</summary>
public static class BearerAuthenticationExtensions
{
    /// <summary>
    /// Authenticates every request (<c>HttpContext.User</c> is the access token's principal, or anonymous), then refuses,
    /// on endpoints marked with <see cref="RefuseInvalidBearerTokens{TBuilder}"/>, requests whose Authorization header is
    /// not a valid access token. Call after <c>UseRouting()</c>, before the endpoints.
    /// </summary>
    public static IApplicationBuilder UseBearerAuthentication(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        return app.Use(static async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<RefuseInvalidBearerTokensMetadata>() is not null
                && context.Request.Headers.ContainsKey(HeaderNames.Authorization))
            {
                var result = await context.AuthenticateAsync(BearerAuthenticationHandler.SchemeName);
                if (result.Failure is not null)
                {
                    await context.ChallengeAsync(BearerAuthenticationHandler.SchemeName);
                    return;
                }
            }
            await next(context);
        });
    }

    /// <summary>Refuses, on these endpoints, requests whose Authorization header is not a valid access token (401).</summary>
    public static TBuilder RefuseInvalidBearerTokens<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RefuseInvalidBearerTokensMetadata.Instance);
}
