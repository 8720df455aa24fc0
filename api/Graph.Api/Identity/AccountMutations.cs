using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Identity;

/// <summary>Accounts on Mutation: what needs a signed-in user.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class AccountMutations
{
    /// <summary>
    /// Changes the signed-in user's password and ends every other session of the account (this one goes on). A wrong
    /// current password counts as a failed sign-in.
    /// </summary>
    [Authorize]
    public Task<ChangePasswordPayload> ChangePasswordAsync(ChangePasswordInput input, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
        accounts.ChangePasswordAsync(Accounts.RequireUserId(user), RequireSessionId(user), input.CurrentPassword, input.NewPassword, cancellationToken);

    /// <summary>Ends one of the signed-in user's sessions (a lost phone, say): its tokens are refused from then on.</summary>
    [Authorize]
    public Task<RevokeSessionPayload> RevokeSessionAsync(RevokeSessionInput input, ClaimsPrincipal user, SessionService sessions, CancellationToken cancellationToken) =>
        sessions.RevokeAsync(Accounts.RequireUserId(user), input.SessionId, SessionEndReason.RevokedByUser, cancellationToken);

    /// <summary>
    /// Gives an account exactly the platform roles listed (ADMIN only). When they change, the account's sessions end, so
    /// that no access token keeps the old roles; the platform always keeps at least one ADMIN.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<SetUserRolesPayload> SetUserRolesAsync(
        SetUserRolesInput input,
        IDbContextFactory<GraphDbContext> contexts,
        SessionService sessions,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var wanted = input.Roles.Distinct().Order().ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var target = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == input.UserId, cancellationToken);
        if (target is null)
        {
            return SetUserRolesPayload.Failed(new UserNotFoundError(input.UserId));
        }
        var current = target.Roles!.Select(r => r.Role).Order().ToArray();
        if (current.SequenceEqual(wanted))
        {
            return SetUserRolesPayload.Done(target);
        }
        if (current.Contains(PlatformRole.Admin) && !wanted.Contains(PlatformRole.Admin)
            && !await db.UserRoles.AnyAsync(r => r.Role == PlatformRole.Admin && r.UserId != target.Id, cancellationToken))
        {
            return SetUserRolesPayload.Failed(new LastAdminError());
        }
        target.Roles!.RemoveAll(r => !wanted.Contains(r.Role));
        foreach (var role in wanted.Where(r => !current.Contains(r)))
        {
            target.Roles!.Add(new UserRole { UserId = target.Id, Role = role });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await sessions.EndOthersAsync(db, target.Id, keep: null, SessionEndReason.RevokedByStaff, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            // Two changes that together would remove the last ADMIN: PostgreSQL refuses one, at the save or at the commit.
            throw new GraphQLException("Another change to the roles was saved at the same moment: send the request again.", "CONCURRENT_UPDATE");
        }
        await sessions.AnnounceAsync(ended, now);
        return SetUserRolesPayload.Done(target);
    }

    private static bool IsSerializationFailure(Exception exception) =>
        (exception as Npgsql.PostgresException ?? exception.InnerException as Npgsql.PostgresException)?.SqlState == Npgsql.PostgresErrorCodes.SerializationFailure;

    private static Guid RequireSessionId(ClaimsPrincipal user) =>
        user.GetSessionId() ?? throw new GraphQLException("The access token names no session.", IdentityErrorCodes.TokenInvalid);
}

/// <summary>The session to end.</summary>
public sealed class RevokeSessionInput
{
    /// <summary>The session's ID, as mySessions gives it.</summary>
    [ID("Session")]
    public required Guid SessionId { get; init; }
}

/// <summary>The platform roles an account is to hold.</summary>
public sealed class SetUserRolesInput
{
    /// <summary>The account.</summary>
    [ID<User>]
    public required Guid UserId { get; init; }

    /// <summary>Every role the account is to hold (the others are taken away); may be empty.</summary>
    public required IReadOnlyList<PlatformRole> Roles { get; init; }
}

/// <summary>What setUserRoles did: the account with its roles, or why nothing changed.</summary>
public sealed class SetUserRolesPayload
{
    private SetUserRolesPayload(User? user, IReadOnlyList<ISetUserRolesError>? errors)
    {
        User = user;
        Errors = errors;
    }

    /// <summary>The account, with its roles now, or null when there are errors.</summary>
    public User? User { get; }

    /// <summary>Why the roles were not changed, or null when they were.</summary>
    public IReadOnlyList<ISetUserRolesError>? Errors { get; }

    public static SetUserRolesPayload Done(User user) => new(user, null);

    public static SetUserRolesPayload Failed(ISetUserRolesError error) => new(null, [error]);
}

/// <summary>The domain errors of setUserRoles.</summary>
[UnionType("SetUserRolesError")]
public interface ISetUserRolesError;

/// <summary>No account has the given ID.</summary>
public sealed class UserNotFoundError(Guid userId) : IError, ISetUserRolesError, Tontines.IAddTontineMemberError, Tontines.IInviteToTontineError,
    Deliveries.IAddCooperativeManagerError
{
    /// <inheritdoc />
    public string Message => "There is no account with this ID.";

    /// <inheritdoc />
    public string Code => "USER_NOT_FOUND";

    /// <summary>The user ID that matched no account, as it was given.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The change would leave the platform without an ADMIN.</summary>
public sealed class LastAdminError : IError, ISetUserRolesError
{
    /// <inheritdoc />
    public string Message => "This is the last account with the role ADMIN: give the role to another account first.";

    /// <inheritdoc />
    public string Code => "LAST_ADMIN";
}
