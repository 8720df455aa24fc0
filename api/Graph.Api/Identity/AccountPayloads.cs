using Graph.GraphQL.Types;

namespace Graph.Api.Identity;

/// <summary>What register did: the new user, signed in, or the reasons the account was not created (and then nothing
/// changed).</summary>
public sealed class RegisterPayload
{
    private RegisterPayload(User? user, AuthTokens? tokens, IReadOnlyList<IRegisterError>? errors)
    {
        User = user;
        Tokens = tokens;
        Errors = errors;
    }

    /// <summary>The account created, or null when there are errors.</summary>
    public User? User { get; }

    /// <summary>The first pair of tokens of the new account's session, or null when there are errors.</summary>
    public AuthTokens? Tokens { get; }

    /// <summary>Why the account was not created, or null when it was.</summary>
    public IReadOnlyList<IRegisterError>? Errors { get; }

    public static RegisterPayload Registered(User user, AuthTokens tokens) => new(user, tokens, null);

    public static RegisterPayload Failed(IReadOnlyList<IRegisterError> errors) => new(null, null, errors);
}

/// <summary>The domain errors of register.</summary>
[UnionType("RegisterError")]
public interface IRegisterError;

/// <summary>What login did: the user and a new session's tokens, or why not.</summary>
public sealed class LoginPayload
{
    private LoginPayload(User? user, AuthTokens? tokens, IReadOnlyList<ILoginError>? errors)
    {
        User = user;
        Tokens = tokens;
        Errors = errors;
    }

    /// <summary>The user signed in, or null when there are errors.</summary>
    public User? User { get; }

    /// <summary>The tokens of the new session, or null when there are errors.</summary>
    public AuthTokens? Tokens { get; }

    /// <summary>Why the user was not signed in, or null when they were.</summary>
    public IReadOnlyList<ILoginError>? Errors { get; }

    public static LoginPayload SignedIn(User user, AuthTokens tokens) => new(user, tokens, null);

    public static LoginPayload Failed(ILoginError error) => new(null, null, [error]);
}

/// <summary>The domain errors of login.</summary>
[UnionType("LoginError")]
public interface ILoginError;

/// <summary>What refreshToken did: the session's next pair of tokens, or why not.</summary>
public sealed class RefreshTokenPayload
{
    private RefreshTokenPayload(AuthTokens? tokens, IReadOnlyList<IRefreshTokenError>? errors)
    {
        Tokens = tokens;
        Errors = errors;
    }

    /// <summary>The new pair (the refresh token given can no longer be used), or null when there are errors.</summary>
    public AuthTokens? Tokens { get; }

    /// <summary>Why no new pair was issued, or null when one was.</summary>
    public IReadOnlyList<IRefreshTokenError>? Errors { get; }

    public static RefreshTokenPayload Refreshed(AuthTokens tokens) => new(tokens, null);

    public static RefreshTokenPayload Failed(IRefreshTokenError error) => new(null, [error]);
}

/// <summary>The domain errors of refreshToken.</summary>
[UnionType("RefreshTokenError")]
public interface IRefreshTokenError;

/// <summary>What logout did: when the session ended, or why it could not be found.</summary>
public sealed class LogoutPayload
{
    private LogoutPayload(DateTimeOffset? revokedAt, IReadOnlyList<ILogoutError>? errors)
    {
        RevokedAt = revokedAt;
        Errors = errors;
    }

    /// <summary>When the session ended (earlier, if it had already ended), or null when there are errors. Its refresh
    /// and access tokens are refused from then on.</summary>
    public DateTimeOffset? RevokedAt { get; }

    /// <summary>Why no session was ended, or null when one was.</summary>
    public IReadOnlyList<ILogoutError>? Errors { get; }

    public static LogoutPayload LoggedOut(DateTimeOffset revokedAt) => new(revokedAt, null);

    public static LogoutPayload Failed(ILogoutError error) => new(null, [error]);
}

/// <summary>The domain errors of logout.</summary>
[UnionType("LogoutError")]
public interface ILogoutError;

/// <summary>What changePassword did: the user, whose other sessions have ended, or why the password was not changed (and
/// then nothing changed).</summary>
public sealed class ChangePasswordPayload
{
    private ChangePasswordPayload(User? user, IReadOnlyList<IChangePasswordError>? errors)
    {
        User = user;
        Errors = errors;
    }

    /// <summary>The user, or null when there are errors.</summary>
    public User? User { get; }

    /// <summary>Why the password was not changed, or null when it was.</summary>
    public IReadOnlyList<IChangePasswordError>? Errors { get; }

    public static ChangePasswordPayload Changed(User user) => new(user, null);

    public static ChangePasswordPayload Failed(IChangePasswordError error) => new(null, [error]);
}

/// <summary>The domain errors of changePassword.</summary>
[UnionType("ChangePasswordError")]
public interface IChangePasswordError;

/// <summary>What revokeSession did: the session, now ended, or why not.</summary>
public sealed class RevokeSessionPayload
{
    private RevokeSessionPayload(SessionInfo? session, IReadOnlyList<IRevokeSessionError>? errors)
    {
        Session = session;
        Errors = errors;
    }

    /// <summary>The session ended (earlier, if it had already ended), or null when there are errors.</summary>
    public SessionInfo? Session { get; }

    /// <summary>Why no session was ended, or null when one was.</summary>
    public IReadOnlyList<IRevokeSessionError>? Errors { get; }

    public static RevokeSessionPayload Revoked(SessionInfo session) => new(session, null);

    public static RevokeSessionPayload Failed(IRevokeSessionError error) => new(null, [error]);
}

/// <summary>The domain errors of revokeSession.</summary>
[UnionType("RevokeSessionError")]
public interface IRevokeSessionError;

/// <summary>
/// What requestPasswordReset did. The answer is the same whether or not an account has the login, and whether or not a code
/// was sent: it never tells who is registered.
/// </summary>
public sealed class RequestPasswordResetPayload
{
    private static readonly RequestPasswordResetPayload TakenAnswer = new(true, null);

    private RequestPasswordResetPayload(bool accepted, IReadOnlyList<IRequestPasswordResetError>? errors)
    {
        Accepted = accepted;
        Errors = errors;
    }

    /// <summary>
    /// True when the request was taken: if an account signs in with this login, a code is on its way to it (by email for an
    /// email address, by SMS for a phone number), unless too many were asked for lately. False only with errors.
    /// </summary>
    public bool Accepted { get; }

    /// <summary>Why the request was not taken (a login that is neither an email address nor a phone number), or null.</summary>
    public IReadOnlyList<IRequestPasswordResetError>? Errors { get; }

    /// <summary>The one answer to every request taken.</summary>
    public static RequestPasswordResetPayload Taken() => TakenAnswer;

    public static RequestPasswordResetPayload Failed(IRequestPasswordResetError error) => new(false, [error]);
}

/// <summary>The domain errors of requestPasswordReset: only ones that say nothing about which accounts exist.</summary>
[UnionType("RequestPasswordResetError")]
public interface IRequestPasswordResetError;

/// <summary>What resetPassword did: the user, whose password is now the new one and whose sessions have all ended, or why
/// the password was not changed (and then nothing changed).</summary>
public sealed class ResetPasswordPayload
{
    private ResetPasswordPayload(User? user, IReadOnlyList<IResetPasswordError>? errors)
    {
        User = user;
        Errors = errors;
    }

    /// <summary>The account whose password was reset (sign in with the new password), or null when there are errors.</summary>
    public User? User { get; }

    /// <summary>Why the password was not reset, or null when it was.</summary>
    public IReadOnlyList<IResetPasswordError>? Errors { get; }

    public static ResetPasswordPayload Reset(User user) => new(user, null);

    public static ResetPasswordPayload Failed(IResetPasswordError error) => new(null, [error]);
}

/// <summary>The domain errors of resetPassword.</summary>
[UnionType("ResetPasswordError")]
public interface IResetPasswordError;
