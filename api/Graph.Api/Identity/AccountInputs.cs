using System.ComponentModel;

namespace Graph.Api.Identity;

/// <summary>A new account: an email address or a phone number (or both) to sign in with, a name and a password.</summary>
public sealed class RegisterInput
{
    /// <summary>The email address; no other account may have it.</summary>
    public string? Email { get; init; }

    /// <summary>The phone number with its country code (<c>+221 77 123 45 67</c> or <c>00221771234567</c>); no other
    /// account may have it.</summary>
    public string? Phone { get; init; }

    /// <summary>The name other people see: 1 to 100 characters.</summary>
    public required string DisplayName { get; init; }

    /// <summary>10 to 128 characters; not one of the most common passwords, nor the email address or phone number.</summary>
    public required string Password { get; init; }

    /// <summary>The language the user reads the applications in.</summary>
    [DefaultValue(PreferredLanguage.Fr)]
    public PreferredLanguage PreferredLanguage { get; init; } = PreferredLanguage.Fr;

    /// <summary>A name for the device signing in (shown in the list of sessions); the User-Agent when not given.</summary>
    public string? Device { get; init; }
}

/// <summary>A sign-in with an email address or a phone number and the password.</summary>
public sealed class LoginInput
{
    /// <summary>The account's email address or phone number (with its country code).</summary>
    public required string Login { get; init; }

    /// <summary>The account's password.</summary>
    public required string Password { get; init; }

    /// <summary>A name for the device signing in (shown in the list of sessions); the User-Agent when not given.</summary>
    public string? Device { get; init; }
}

/// <summary>A refresh token to exchange for a new pair of tokens.</summary>
public sealed class RefreshTokenInput
{
    /// <summary>The refresh token of the latest pair; it can be used only once.</summary>
    public required string RefreshToken { get; init; }
}

/// <summary>The session to sign out of, named by its refresh token.</summary>
public sealed class LogoutInput
{
    /// <summary>A refresh token of the session.</summary>
    public required string RefreshToken { get; init; }
}

/// <summary>A new password for the signed-in user.</summary>
public sealed class ChangePasswordInput
{
    /// <summary>The password in use, to show that the user is at the keyboard.</summary>
    public required string CurrentPassword { get; init; }

    /// <summary>The new password, under the same rules as at registration.</summary>
    public required string NewPassword { get; init; }
}

/// <summary>A request for a code to choose a new password, for someone who cannot sign in.</summary>
public sealed class RequestPasswordResetInput
{
    /// <summary>The email address or the phone number (with its country code) the account signs in with: the code is sent
    /// there.</summary>
    public required string Login { get; init; }
}

/// <summary>A new password, with the code that was sent to the account.</summary>
public sealed class ResetPasswordInput
{
    /// <summary>The code received, as written (e.g. <c>7KQ2M-XD90F</c>); case, spaces and hyphens do not matter.</summary>
    public required string Code { get; init; }

    /// <summary>The new password, under the same rules as at registration.</summary>
    public required string NewPassword { get; init; }
}
