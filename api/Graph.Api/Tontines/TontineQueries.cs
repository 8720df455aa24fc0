using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>The tontines' entry points on Query: each one shows only the tontines the caller may see (<see cref="TontineAccess"/>).</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class TontineQueries
{
    /// <summary>The tontines the caller is a member of (every tontine for ADMIN, SUPPORT and FINANCE), by name unless ordered otherwise.</summary>
    [Authorize]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Tontine> GetTontines(GraphDbContext db, ClaimsPrincipal user) =>
        db.Tontines.AsNoTracking().VisibleTo(user).OrderBy(t => t.Name);

    /// <summary>A tontine, or null when there is none with this id or the caller may not see it.</summary>
    [Authorize]
    public Task<Tontine?> GetTontineAsync([ID<Tontine>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TontineFields.FindVisibleAsync(id, contexts, user, cancellationToken);
}

/// <summary>Fields of Tontine that need the database.</summary>
[ExtendObjectType<Tontine>]
public sealed class TontineFields
{
    /// <summary>Resolves a Tontine's global ID for node and nodes, under the same row rule as <c>tontine(id)</c>.</summary>
    [NodeResolver]
    public static Task<Tontine?> GetTontineByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FindVisibleAsync(id, contexts, user, cancellationToken);

    /// <summary>The members of the tontine, presidents first, then by the day they joined.</summary>
    public Task<TontineMember[]> GetMembersAsync([Parent] Tontine tontine, MembersByTontineIdDataLoader members, CancellationToken cancellationToken) =>
        members.LoadAsync(tontine.Id, cancellationToken);

    /// <summary>The caller's role in the tontine, or null when the caller is not a member.</summary>
    public async Task<TontineRole?> GetMyRoleAsync([Parent] Tontine tontine, MembersByTontineIdDataLoader members, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.GetUserId() is not { } userId)
        {
            return null;
        }
        var all = await members.LoadAsync(tontine.Id, cancellationToken);
        return all.FirstOrDefault(m => m.UserId == userId)?.Role;
    }

    internal static async Task<Tontine?> FindVisibleAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tontines.AsNoTracking().Where(t => t.Id == id).VisibleTo(user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>The members of several tontines, with their users, in one query.</summary>
public sealed class MembersByTontineIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, TontineMember>(scheduler, options)
{
    protected override async Task<ILookup<Guid, TontineMember>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.TontineMembers.AsNoTracking()
            .Include(m => m.User)
            .Where(m => keys.Contains(m.TontineId))
            .ToListAsync(cancellationToken);
        return members
            .OrderBy(m => m.Role != TontineRole.President)
            .ThenBy(m => m.JoinedAt)
            .ThenBy(m => m.UserId)
            .ToLookup(m => m.TontineId);
    }
}
