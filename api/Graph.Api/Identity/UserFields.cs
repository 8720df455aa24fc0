using Graph.Api.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Identity;

/// <summary>Fields of User that need the database.</summary>
[ExtendObjectType<User>]
public sealed class UserFields
{
    /// <summary>What the user may do across the platform.</summary>
    /// <remarks>Bound to the <see cref="User.Roles"/> navigation: when it was loaded with the user the roles come from it,
    /// otherwise the DataLoader fetches the roles of all the users of the request in one query.</remarks>
    [BindMember(nameof(User.Roles))]
    public async ValueTask<PlatformRole[]> GetRolesAsync([Parent] User user, RolesByUserIdDataLoader roles, CancellationToken cancellationToken) =>
        user.Roles is { } loaded
            ? [.. loaded.Select(r => r.Role).Order()]
            : await roles.LoadAsync(user.Id, cancellationToken);
}

/// <summary>The platform roles of several users in one query.</summary>
public sealed class RolesByUserIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, PlatformRole>(scheduler, options)
{
    protected override async Task<ILookup<Guid, PlatformRole>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking().Where(r => keys.Contains(r.UserId)).ToListAsync(cancellationToken);
        return roles.OrderBy(r => r.Role).ToLookup(r => r.UserId, r => r.Role);
    }
}
