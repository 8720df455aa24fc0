using System.Security.Claims;
using Graph.Api.Data;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Identity;

/// <summary>The signed-in user's account and sessions, and the accounts staff look after, on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class AccountQueries
{
    /// <summary>The signed-in user.</summary>
    [Authorize]
    public Task<User?> GetMeAsync(ClaimsPrincipal user, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        users.LoadAsync(Accounts.RequireUserId(user), cancellationToken);

    /// <summary>The devices signed in to the account (sessions neither ended nor expired), most recently used first.</summary>
    [Authorize]
    public Task<IReadOnlyList<SessionInfo>> GetMySessionsAsync(ClaimsPrincipal user, SessionService sessions, CancellationToken cancellationToken) =>
        sessions.ListActiveAsync(Accounts.RequireUserId(user), user.GetSessionId(), cancellationToken);

    /// <summary>Every account, by display name unless ordered otherwise: for the staff who look after accounts (ADMIN, SUPPORT).</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName])]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<User> GetUsers(GraphDbContext db) => db.Users.AsNoTracking().OrderBy(u => u.DisplayName);
}

/// <summary>Fetches User nodes by global ID, under the accounts' row rule.</summary>
[ExtendObjectType<User>]
public sealed class UserNodeFields
{
    /// <summary>Resolves a User's global ID for node and nodes: a user sees their own account, ADMIN and SUPPORT every
    /// account; anyone else gets null, as for an ID that names no account.</summary>
    [NodeResolver]
    public static async Task<User?> GetUserByIdAsync(Guid id, ClaimsPrincipal user, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        Accounts.MaySee(user, id) ? await users.LoadAsync(id, cancellationToken) : null;
}

/// <summary>The row rule of accounts, and the signed-in user's ID.</summary>
internal static class Accounts
{
    /// <summary>Whether <paramref name="user"/> may read the account <paramref name="accountId"/>: their own, or any for staff.</summary>
    public static bool MaySee(ClaimsPrincipal user, Guid accountId) =>
        user.GetUserId() == accountId || user.IsInRole(PlatformRoles.AdminName) || user.IsInRole(PlatformRoles.SupportName);

    /// <summary>The ID of the signed-in user; fields that call it are [Authorize]d, so a principal without one is a broken token.</summary>
    public static Guid RequireUserId(ClaimsPrincipal user) =>
        user.GetUserId() ?? throw new GraphQLException("The access token names no user.", IdentityErrorCodes.TokenInvalid);
}

/// <summary>Users by ID, several in one query.</summary>
public sealed class UserByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, User?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, User?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (User?)u, cancellationToken);
    }
}
