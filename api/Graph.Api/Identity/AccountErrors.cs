using Graph.Api.Common;

namespace Graph.Api.Identity;

/// <summary>A field of the account's input breaks a rule (an email address that is not one, a name too long).</summary>
public sealed class InvalidAccountInputError(string field, string message) : IError, IRegisterError, IRequestPasswordResetError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.InvalidAccountInput;

    /// <summary>The offending input field, e.g. <c>email</c>, <c>phone</c>, <c>displayName</c> or <c>login</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>The password may not be used: too short or too long, one of the most common ones, or the account's own email
/// address or phone number.</summary>
public sealed class WeakPasswordError(string field, string message) : IError, IRegisterError, IChangePasswordError, IResetPasswordError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.WeakPassword;

    /// <summary>The input field holding the password: <c>password</c> or <c>newPassword</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>Another account already has this email address or phone number.</summary>
public sealed class AccountAlreadyExistsError(string field) : IError, IRegisterError
{
    /// <inheritdoc />
    public string Message => Field == "email"
        ? "Another account already has this email address: sign in instead."
        : "Another account already has this phone number: sign in instead.";

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.AccountAlreadyExists;

    /// <summary>The input field already taken: <c>email</c> or <c>phone</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>
/// No account has this login and password. Said the same way whether the account exists or not, so that nobody learns
/// which logins are registered.
/// </summary>
public sealed class InvalidCredentialsError : IError, ILoginError
{
    /// <inheritdoc />
    public string Message => "The login or the password is wrong.";

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.InvalidCredentials;
}

/// <summary>Too many failed attempts lately: failed logins for this account or from this address (wait before trying
/// again, even with the right password), or wrong reset codes from this address (wait before typing another code).</summary>
public sealed class TooManyAttemptsError(int retryAfterSeconds) : IError, ILoginError, IChangePasswordError, IResetPasswordError
{
    /// <inheritdoc />
    public string Message => $"Too many failed attempts: try again in {RetryAfterSeconds} seconds.";

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.TooManyAttempts;

    /// <summary>How many seconds to wait before the next attempt.</summary>
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>The refresh token cannot be exchanged; the client must sign in again. <c>code</c> says why:
/// <c>AUTH_REFRESH_TOKEN_INVALID</c> (unknown, or its session has ended), <c>AUTH_REFRESH_TOKEN_EXPIRED</c>, or
/// <c>AUTH_REFRESH_TOKEN_REUSED</c> (it had been used already, so its session was ended: someone else may hold a copy).</summary>
public sealed class InvalidRefreshTokenError : IError, IRefreshTokenError, ILogoutError
{
    private InvalidRefreshTokenError(string code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <inheritdoc />
    public string Message { get; }

    /// <inheritdoc />
    public string Code { get; }

    internal static InvalidRefreshTokenError Invalid() =>
        new(IdentityErrorCodes.RefreshTokenInvalid, "The refresh token is not valid, or its session has ended: sign in again.");

    internal static InvalidRefreshTokenError Expired() =>
        new(IdentityErrorCodes.RefreshTokenExpired, "The refresh token has expired: sign in again.");

    internal static InvalidRefreshTokenError Reused() =>
        new(IdentityErrorCodes.RefreshTokenReused, "The refresh token had already been used, so its session was ended for safety: sign in again.");
}

/// <summary>The current password given is wrong.</summary>
public sealed class InvalidCurrentPasswordError : IError, IChangePasswordError
{
    /// <inheritdoc />
    public string Message => "The current password is wrong.";

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.InvalidCurrentPassword;
}

/// <summary>The user has no session with this ID.</summary>
public sealed class SessionNotFoundError : IError, IRevokeSessionError
{
    /// <inheritdoc />
    public string Message => "You have no session with this ID.";

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.SessionNotFound;
}

/// <summary>
/// The reset code cannot reset a password: it is not one that was sent, or it was used already, or it has expired (a code
/// works once, for a limited time; using one voids the account's other codes). The error does not say which: that would
/// help someone guessing codes.
/// </summary>
public sealed class InvalidResetCodeError : IError, IResetPasswordError
{
    /// <inheritdoc />
    public string Message => "This reset code is not valid or has expired: check it, or ask for a new one.";

    /// <inheritdoc />
    public string Code => IdentityErrorCodes.InvalidResetCode;
}
