using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.Api.Identity;

/// <summary>Accounts and sign-in on Mutation: what needs no signed-in user.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class IdentityMutations
{
    /// <summary>
    /// Creates an account (with the role READER) and signs it in: the new user and a first pair of tokens. When the input
    /// breaks a rule, the payload lists every broken rule and nothing is saved.
    /// </summary>
    public Task<RegisterPayload> RegisterAsync(RegisterInput input, AccountService accounts, IHttpContextAccessor http, IResolverContext context, CancellationToken cancellationToken) =>
        accounts.RegisterAsync(input, ClientInfo.From(context, http), cancellationToken);

    /// <summary>
    /// Signs in with an email address or a phone number and the password, starting a new session: the user and its tokens.
    /// After repeated failures (by default 5 within 15 minutes for an account, 20 from one address), sign-ins are refused
    /// for a while, even with the right password (TooManyAttemptsError says how long).
    /// </summary>
    public Task<LoginPayload> LoginAsync(LoginInput input, AccountService accounts, IHttpContextAccessor http, IResolverContext context, CancellationToken cancellationToken) =>
        accounts.LoginAsync(input, ClientInfo.From(context, http), cancellationToken);

    /// <summary>
    /// Exchanges a refresh token for the session's next pair of tokens. Each refresh token is used once: presenting one a
    /// second time ends its session (someone else may hold a copy).
    /// </summary>
    public Task<RefreshTokenPayload> RefreshTokenAsync(RefreshTokenInput input, SessionService sessions, CancellationToken cancellationToken) =>
        sessions.RefreshAsync(input.RefreshToken, cancellationToken);

    /// <summary>Signs out: ends the session of the refresh token given, whose refresh and access tokens are refused from
    /// then on.</summary>
    public Task<LogoutPayload> LogoutAsync(LogoutInput input, SessionService sessions, CancellationToken cancellationToken) =>
        sessions.LogoutAsync(input.RefreshToken, cancellationToken);

    /// <summary>
    /// Asks for a code to choose a new password, for someone who cannot sign in. If an account signs in with the login, a
    /// single-use code valid for 30 minutes (by default) is sent to it: by email to an email address, by SMS to a phone
    /// number. The answer is the same whether or not such an account exists; past 3 codes an hour for an account or 10
    /// requests an hour from one address (by default), no more codes are sent, and the answer still does not change.
    /// </summary>
    public Task<RequestPasswordResetPayload> RequestPasswordResetAsync(RequestPasswordResetInput input, PasswordResetService resets, IHttpContextAccessor http, IResolverContext context, CancellationToken cancellationToken) =>
        resets.RequestAsync(input.Login, ClientInfo.From(context, http), cancellationToken);

    /// <summary>
    /// Chooses a new password with a code from requestPasswordReset. The code works once; on success every session of the
    /// account ends (sign in again with the new password), the account's other codes stop working, and the user is told
    /// that the password changed. After 10 wrong codes within an hour from one address (by default), that address must wait
    /// (TooManyAttemptsError says how long).
    /// </summary>
    public Task<ResetPasswordPayload> ResetPasswordAsync(ResetPasswordInput input, PasswordResetService resets, IHttpContextAccessor http, IResolverContext context, CancellationToken cancellationToken) =>
        resets.ResetAsync(input.Code, input.NewPassword, ClientInfo.From(context, http), cancellationToken);
}
