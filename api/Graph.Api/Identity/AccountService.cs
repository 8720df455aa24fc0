using System.Security.Cryptography;
using Graph.Api.Data;
using Graph.GraphQL;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Identity;

/// <summary>
/// Accounts: registering, signing in (throttled, see <see cref="LoginThrottle"/>), changing the password. Passwords are
/// hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (version 3: PBKDF2-HMAC-SHA512 with a random
/// salt); a hash made with weaker settings is replaced at the next successful sign-in.
/// </summary>
public sealed class AccountService(
    IDbContextFactory<GraphDbContext> contexts,
    IPasswordHasher<User> hasher,
    SessionService sessions,
    LoginThrottle throttle,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    /// <summary>Longer "passwords" are refused at sign-in without hashing them.</summary>
    private const int MaxSubmittedPasswordLength = 4 * AccountRules.MaxPasswordLength;

    private static readonly User NoUser = new() { DisplayName = "" };

    // A hash of a random password: signing in with an unknown login checks against it, so it takes as long as with a
    // known one and nobody learns which logins exist from the time the answer takes.
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(NoUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>
    /// Creates an account with the role READER and signs it in (a first session and its tokens). Every broken rule is
    /// reported at once, and then nothing is saved.
    /// </summary>
    public async Task<RegisterPayload> RegisterAsync(RegisterInput input, ClientInfo client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(client);
        var errors = new List<IRegisterError>();
        string? email = null;
        if (!string.IsNullOrWhiteSpace(input.Email))
        {
            email = EmailAddresses.Normalize(input.Email);
            if (email is null)
            {
                errors.Add(new InvalidAccountInputError("email", "The email address is not valid: it reads like name@example.com."));
            }
        }
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone) && !PhoneNumbers.TryNormalize(input.Phone, out phone, out var phoneProblem))
        {
            errors.Add(new InvalidAccountInputError("phone", phoneProblem));
        }
        if (string.IsNullOrWhiteSpace(input.Email) && string.IsNullOrWhiteSpace(input.Phone))
        {
            errors.Add(new InvalidAccountInputError("email", "Give an email address or a phone number (or both) to sign in with."));
        }
        var displayName = AccountRules.CheckDisplayName(input.DisplayName, out var nameProblem);
        if (nameProblem is not null)
        {
            errors.Add(new InvalidAccountInputError("displayName", nameProblem));
        }
        if (AccountRules.PasswordProblem(input.Password, email ?? input.Email?.Trim(), phone) is { } passwordProblem)
        {
            errors.Add(new WeakPasswordError("password", passwordProblem));
        }
        if (!Enum.IsDefined(input.PreferredLanguage))
        {
            errors.Add(new InvalidAccountInputError("preferredLanguage", "The language is not one the platform speaks."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (email is not null && await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            errors.Add(new AccountAlreadyExistsError("email"));
        }
        if (phone is not null && await db.Users.AnyAsync(u => u.Phone == phone, cancellationToken))
        {
            errors.Add(new AccountAlreadyExistsError("phone"));
        }
        if (errors.Count > 0)
        {
            return RegisterPayload.Failed(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            Phone = phone,
            DisplayName = displayName!,
            PreferredLanguage = input.PreferredLanguage,
            CreatedAt = now,
            PasswordChangedAt = now,
            Roles = [],
        };
        user.Roles.Add(new UserRole { UserId = user.Id, Role = PlatformRole.Reader });
        user.PasswordHash = hasher.HashPassword(user, input.Password);
        db.Users.Add(user);
        var tokens = sessions.Start(db, user, SessionService.RolesOf(user), client, input.Device);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Another registration took the address or the number between the check and the insert.
            return RegisterPayload.Failed([new AccountAlreadyExistsError(unique.ConstraintName == "ix_users_phone" ? "phone" : "email")]);
        }
        logger.LogInformation("User {UserId} registered.", user.Id);
        return RegisterPayload.Registered(user, tokens);
    }

    /// <summary>
    /// Signs in with an email address or a phone number and the password: a new session and its tokens, or
    /// <see cref="InvalidCredentialsError"/> (the same whether or not the account exists), or
    /// <see cref="TooManyAttemptsError"/> while the account or the client's address is throttled.
    /// </summary>
    public async Task<LoginPayload> LoginAsync(LoginInput input, ClientInfo client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(client);
        var login = LoginThrottle.AccountKeyFor(input.Login);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = login.Length == 0 ? null : await db.Users.Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Email == login || u.Phone == login, cancellationToken);
        // An account is counted under one name whether its email address or its phone number is typed.
        var accountKey = user?.AccountKey ?? login;
        await LoginThrottle.LockAsync(db, accountKey, cancellationToken);
        if (await throttle.RetryAfterAsync(db, accountKey, client.IpAddress, now, cancellationToken) is { } wait)
        {
            return LoginPayload.Failed(new TooManyAttemptsError(LoginThrottle.Seconds(wait)));
        }

        var verdict = input.Password.Length is 0 or > MaxSubmittedPasswordLength
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(user ?? NoUser, user?.PasswordHash ?? _dummyHash.Value, input.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            LoginThrottle.Record(db, accountKey, client.IpAddress, succeeded: false, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return LoginPayload.Failed(new InvalidCredentialsError());
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Hashed under older settings (fewer iterations, version 2): the password is at hand, so hash it anew.
            user.PasswordHash = hasher.HashPassword(user, input.Password);
        }
        LoginThrottle.Record(db, accountKey, client.IpAddress, succeeded: true, now);
        var tokens = sessions.Start(db, user, SessionService.RolesOf(user), client, input.Device);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LoginPayload.SignedIn(user, tokens);
    }

    /// <summary>
    /// Changes the password of <paramref name="userId"/>, signed in with session <paramref name="sessionId"/>, after
    /// checking <paramref name="currentPassword"/> (throttled as sign-ins are), and ends every other session of the user.
    /// </summary>
    /// <exception cref="GraphQLException">The session has ended or the account no longer exists (code
    /// <c>AUTH_SESSION_REVOKED</c>).</exception>
    public async Task<ChangePasswordPayload> ChangePasswordAsync(Guid userId, Guid sessionId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (user is null || session is null || !session.IsActiveAt(now))
        {
            throw new GraphQLException("This session has ended; sign in again.", IdentityErrorCodes.SessionRevoked);
        }

        var accountKey = user.AccountKey;
        await LoginThrottle.LockAsync(db, accountKey, cancellationToken);
        if (await throttle.RetryAfterAsync(db, accountKey, address: null, now, cancellationToken) is { } wait)
        {
            return ChangePasswordPayload.Failed(new TooManyAttemptsError(LoginThrottle.Seconds(wait)));
        }
        var verdict = currentPassword.Length is 0 or > MaxSubmittedPasswordLength
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword);
        if (verdict == PasswordVerificationResult.Failed)
        {
            LoginThrottle.Record(db, accountKey, session.IpAddress, succeeded: false, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ChangePasswordPayload.Failed(new InvalidCurrentPasswordError());
        }
        if (AccountRules.PasswordProblem(newPassword, user.Email, user.Phone) is { } problem)
        {
            return ChangePasswordPayload.Failed(new WeakPasswordError("newPassword", problem));
        }
        if (newPassword == currentPassword)
        {
            return ChangePasswordPayload.Failed(new WeakPasswordError("newPassword", "The new password must differ from the current one."));
        }

        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.PasswordChangedAt = now;
        LoginThrottle.Record(db, accountKey, session.IpAddress, succeeded: true, now);
        var ended = await sessions.EndOthersAsync(db, userId, keep: sessionId, SessionEndReason.PasswordChanged, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await sessions.AnnounceAsync(ended, now);
        logger.LogInformation("User {UserId} changed the password; {Count} other session(s) ended.", userId, ended.Count);
        return ChangePasswordPayload.Changed(user);
    }

    /// <summary>The user with their roles loaded, or null when there is none with this ID.</summary>
    public async Task<User?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindUserAsync(db, userId, cancellationToken);
    }

    /// <summary>The user with their roles loaded, or null, read through the caller's context: on its connection and in its
    /// transaction (a caller holding locks must not wait for a second connection).</summary>
    public static Task<User?> FindUserAsync(GraphDbContext db, Guid userId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
}
