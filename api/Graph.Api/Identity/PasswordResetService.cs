using System.Globalization;
using System.Net;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Identity;

/// <summary>
/// Password reset for people who cannot sign in (<c>Graph:Notifications:PasswordReset</c>). A request sends a single-use
/// code, valid for <see cref="GraphOptions.PasswordResetOptions.CodeLifetime"/>, through the outbox to the address typed;
/// the code then sets a new password, ends every session of the account and voids the account's other codes.
/// </summary>
/// <remarks>
/// <para>A request is answered the same way whether or not an account has the login, and does comparable work either way:
/// it looks the account up, takes the same lock, counts the same rows and records itself; only a code and its message are
/// added for an account. Past <see cref="GraphOptions.PasswordResetOptions.MaxRequestsPerAccountPerHour"/> codes for an
/// account, or <see cref="GraphOptions.PasswordResetOptions.MaxRequestsPerAddressPerHour"/> requests from an address, within
/// an hour, no code is sent and the answer does not change. Requests for one account are serialised by an advisory lock,
/// so a parallel burst sends no more codes than the limit.</para>
/// <para>Wrong codes are counted per client address (unknown addresses count as one): after
/// <see cref="GraphOptions.PasswordResetOptions.MaxFailedAttemptsPerAddressPerHour"/> within an hour, the address is
/// refused until the oldest of them is an hour old. Attempts from one address are serialised, so a parallel burst gets no
/// more guesses than that. A code is checked under the lock of its account's row and its own, so two uses of one code,
/// or of two codes of one account, never both succeed.</para>
/// </remarks>
public sealed class PasswordResetService(
    IDbContextFactory<GraphDbContext> contexts,
    IPasswordHasher<User> hasher,
    SessionService sessions,
    Notifier notifier,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<PasswordResetService> logger)
{
    /// <summary>The first key of the advisory locks of reset requests per account ("RSTA" in ASCII).</summary>
    private const int AccountLockNamespace = 0x52535441;

    /// <summary>The first key of the advisory locks of code attempts per address ("RSTI" in ASCII).</summary>
    private const int AddressLockNamespace = 0x52535449;

    /// <summary>The window every limit of password reset is counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private GraphOptions.PasswordResetOptions Settings => options.Value.Notifications.PasswordReset;

    /// <summary>
    /// Sends a reset code to <paramref name="login"/> if an account signs in with it, unless the account or the client's
    /// address asked for too many lately; the answer is the same in every case. A login that is neither an email address
    /// nor a phone number with its country code is refused (no account can have it, so that says nothing).
    /// </summary>
    public async Task<RequestPasswordResetPayload> RequestAsync(string login, ClientInfo client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(client);
        var email = EmailAddresses.Normalize(login);
        var phone = email is null ? PhoneNumbers.Normalize(login) : null;
        if ((email ?? phone) is not { } address)
        {
            return RequestPasswordResetPayload.Failed(new InvalidAccountInputError("login",
                "Give the email address or the phone number (with its country code, e.g. +221 77 123 45 67) the account signs in with."));
        }
        var settings = Settings;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == address || u.Phone == address, cancellationToken);
        // An account is counted under one name whether its email address or its phone number is typed.
        var accountKey = user?.AccountKey ?? address;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AccountLockNamespace}, hashtext({accountKey}))", cancellationToken);
        var sentToAccount = await db.PasswordResetRequests.CountAsync(r => r.AccountKey == accountKey && r.CodeSent && r.At > since, cancellationToken);
        var fromAddress = await db.PasswordResetRequests.CountAsync(r => r.IpAddress == client.IpAddress && r.At > since, cancellationToken);
        var send = user is not null
            && sentToAccount < settings.MaxRequestsPerAccountPerHour
            && fromAddress < settings.MaxRequestsPerAddressPerHour;

        db.PasswordResetRequests.Add(new PasswordResetRequest { AccountKey = accountKey, IpAddress = client.IpAddress, CodeSent = send, At = now });
        if (send)
        {
            var code = PasswordResetCodes.Create();
            db.PasswordResetCodes.Add(new PasswordResetCode
            {
                UserId = user!.Id,
                CodeHash = PasswordResetCodes.Hash(code)!,
                CreatedAt = now,
                ExpiresAt = now + settings.CodeLifetime,
            });
            var minutes = Math.Max(1, (int)Math.Ceiling(settings.CodeLifetime.TotalMinutes));
            notifier.Enqueue(
                db,
                email is not null ? NotificationChannel.Email : NotificationChannel.Sms,
                address,
                NotificationTemplates.PasswordReset,
                PreferredLanguages.ToCode(user.PreferredLanguage),
                new Dictionary<string, string>
                {
                    ["code"] = PasswordResetCodes.Format(code),
                    ["minutes"] = minutes.ToString(CultureInfo.InvariantCulture),
                },
                user.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (send)
        {
            logger.LogInformation("A password reset code was sent to user {UserId} by {Channel}.", user!.Id, email is not null ? "email" : "SMS");
        }
        else if (user is not null)
        {
            logger.LogWarning("A password reset for user {UserId} was asked for over the limits; no code was sent.", user.Id);
        }
        return RequestPasswordResetPayload.Taken();
    }

    /// <summary>
    /// Sets <paramref name="newPassword"/> on the account of <paramref name="code"/>, marks the code used, voids the
    /// account's other codes, ends all its sessions and tells the user, in one transaction; or
    /// <see cref="InvalidResetCodeError"/>, <see cref="WeakPasswordError"/> or <see cref="TooManyAttemptsError"/>, and then
    /// nothing changed but the count of wrong codes.
    /// </summary>
    public async Task<ResetPasswordPayload> ResetAsync(string code, string newPassword, ClientInfo client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(newPassword);
        ArgumentNullException.ThrowIfNull(client);
        // The rules that do not depend on the account come first: a weak password spends no guess.
        if (AccountRules.PasswordProblem(newPassword, email: null, phone: null) is { } problem)
        {
            return ResetPasswordPayload.Failed(new WeakPasswordError("newPassword", problem));
        }
        var hash = PasswordResetCodes.Hash(code);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var addressKey = client.IpAddress?.ToString() ?? "";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AddressLockNamespace}, hashtext({addressKey}))", cancellationToken);
        if (await RetryAfterAsync(db, client.IpAddress, now, cancellationToken) is { } wait)
        {
            return ResetPasswordPayload.Failed(new TooManyAttemptsError(LoginThrottle.Seconds(wait)));
        }

        var (user, resetCode) = hash is null ? (null, null) : await LockUsableCodeAsync(db, hash, now, cancellationToken);
        if (user is null || resetCode is null)
        {
            db.PasswordResetAttempts.Add(new PasswordResetAttempt { IpAddress = client.IpAddress, Succeeded = false, At = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ResetPasswordPayload.Failed(new InvalidResetCodeError());
        }
        if (AccountRules.PasswordProblem(newPassword, user.Email, user.Phone) is { } accountProblem)
        {
            return ResetPasswordPayload.Failed(new WeakPasswordError("newPassword", accountProblem));
        }

        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.PasswordChangedAt = now;
        resetCode.UsedAt = now;
        var others = await db.PasswordResetCodes
            .Where(c => c.UserId == user.Id && c.Id != resetCode.Id && c.UsedAt == null && c.VoidedAt == null && c.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var other in others)
        {
            other.VoidedAt = now;
        }
        db.PasswordResetAttempts.Add(new PasswordResetAttempt { IpAddress = client.IpAddress, Succeeded = true, At = now });
        // The code proves the owner is at the keyboard, as a successful sign-in does: failed logins (perhaps the very
        // guesses that made the owner give up) no longer hold the account back.
        LoginThrottle.Record(db, user.AccountKey, client.IpAddress, succeeded: true, now);
        var ended = await sessions.EndOthersAsync(db, user.Id, keep: null, SessionEndReason.PasswordReset, now, cancellationToken);
        await notifier.NotifyAsync(db, user, NotificationTemplates.PasswordChanged, new Dictionary<string, string>(), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await sessions.AnnounceAsync(ended, now);
        logger.LogInformation("User {UserId} reset the password with a code; {Sessions} session(s) ended, {Codes} other code(s) voided.",
            user.Id, ended.Count, others.Count);
        return ResetPasswordPayload.Reset(user);
    }

    /// <summary>How long <paramref name="address"/> must wait before typing another code, or null when it may now.</summary>
    private async Task<TimeSpan?> RetryAfterAsync(GraphDbContext db, IPAddress? address, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        // The wrong code that, while inside the window, keeps the address refused: the limit-th most recent one.
        var blocker = await db.PasswordResetAttempts.AsNoTracking()
            .Where(a => a.IpAddress == address && !a.Succeeded && a.At > since)
            .OrderByDescending(a => a.At)
            .Skip(Math.Max(1, Settings.MaxFailedAttemptsPerAddressPerHour) - 1)
            .Select(a => (DateTime?)a.At)
            .FirstOrDefaultAsync(cancellationToken);
        var until = blocker + Window;
        return until > now ? until - now : null;
    }

    /// <summary>
    /// The usable code with this hash and its account, both locked until the transaction ends, or nulls. The account's row
    /// is locked first, so that every reset of one account waits for the one before (which may have used or voided this
    /// code: it is read again once the lock is held).
    /// </summary>
    private static async Task<(User? User, PasswordResetCode? Code)> LockUsableCodeAsync(GraphDbContext db, byte[] hash, DateTime now, CancellationToken cancellationToken)
    {
        var candidate = await db.PasswordResetCodes.AsNoTracking()
            .Where(c => c.CodeHash == hash && c.UsedAt == null && c.VoidedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new { c.Id, c.UserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (candidate is null)
        {
            return (null, null);
        }
        var user = (await db.Users.FromSql($"SELECT * FROM users WHERE id = {candidate.UserId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        var code = (await db.PasswordResetCodes.FromSql($"SELECT * FROM password_reset_codes WHERE id = {candidate.Id} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        return user is not null && code is not null && code.IsUsableAt(now) ? (user, code) : (null, null);
    }
}
