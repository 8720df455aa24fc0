using System.Net;
using Graph.Api.Audit;

namespace Graph.Api.Identity;

/// <summary>
/// A code that lets whoever received it choose a new password for the account, once, until it expires. The code itself
/// travels in the message only (see <see cref="PasswordResetCodes"/>); the row keeps its SHA-256 hash.
/// </summary>
/// <remarks>Not audited: a code is a credential, whose whole life is in its own row (created, used or voided); the password
/// change it leads to is audited on the user.</remarks>
[NotAudited]
public sealed class PasswordResetCode
{
    public Guid Id { get; init; }

    /// <summary>The account whose password the code resets.</summary>
    public Guid UserId { get; init; }

    /// <summary>SHA-256 of the code's canonical text (<see cref="PasswordResetCodes.Hash"/>).</summary>
    [AuditRedacted]
    public required byte[] CodeHash { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the code stops working.</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>When the code reset the password, or null while it has not.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>When the code stopped working because another code of the account was used, or null.</summary>
    public DateTime? VoidedAt { get; set; }

    /// <summary>Whether the code may reset the password at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTime now) => UsedAt is null && VoidedAt is null && ExpiresAt > now;
}

/// <summary>
/// One request for a reset code, whether or not an account has the login, kept for throttling: how many codes an account
/// was sent lately, and how many requests came from an address. Every request writes one, so that a request for an unknown
/// login costs the database what a request for a known one does.
/// </summary>
[NotAudited]
public sealed class PasswordResetRequest
{
    public Guid Id { get; init; }

    /// <summary>The account's name (<see cref="User.AccountKey"/>) when the login is an account's, else the normalised login
    /// typed.</summary>
    public required string AccountKey { get; init; }

    /// <summary>The client's address, when known.</summary>
    public IPAddress? IpAddress { get; init; }

    /// <summary>Whether a code was sent: false for an unknown login, and for a request over the limits.</summary>
    public bool CodeSent { get; init; }

    public DateTime At { get; init; }
}

/// <summary>One use of a reset code, right or wrong, kept for throttling: an address that typed too many wrong codes lately
/// is refused for a while.</summary>
[NotAudited]
public sealed class PasswordResetAttempt
{
    public Guid Id { get; init; }

    /// <summary>The client's address, when known.</summary>
    public IPAddress? IpAddress { get; init; }

    /// <summary>Whether the code reset a password.</summary>
    public bool Succeeded { get; init; }

    public DateTime At { get; init; }
}
