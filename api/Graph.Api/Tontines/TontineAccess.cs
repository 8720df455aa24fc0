using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// The row rule of tontines: a user sees the tontines they are a member of; ADMIN, SUPPORT and FINANCE see them all.
/// Applied to the <see cref="IQueryable{T}"/>, so the database returns only the visible rows.
/// </summary>
public static class TontineAccess
{
    /// <summary>Whether <paramref name="user"/> holds a platform role that sees every tontine.</summary>
    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.AdminName) || user.IsInRole(PlatformRoles.SupportName) || user.IsInRole(PlatformRoles.FinanceName);

    /// <summary>The tontines of <paramref name="tontines"/> that <paramref name="user"/> may see (none when anonymous).</summary>
    public static IQueryable<Tontine> VisibleTo(this IQueryable<Tontine> tontines, ClaimsPrincipal user)
    {
        if (SeesAll(user))
        {
            return tontines;
        }
        if (user.GetUserId() is not { } userId)
        {
            return tontines.Where(_ => false);
        }
        return tontines.Where(t => t.Members.Any(m => m.UserId == userId));
    }

    /// <summary>The IDs of the tontines whose money <paramref name="userId"/> manages (as treasurer or president), as a
    /// query to compose into another (payments of those tontines).</summary>
    public static IQueryable<Guid> ManagedBy(GraphDbContext db, Guid userId) =>
        db.TontineMembers.Where(m => m.UserId == userId && (m.Role == TontineRole.Treasurer || m.Role == TontineRole.President)).Select(m => m.TontineId);

    /// <summary>The role of <paramref name="userId"/> in the tontine, or null when they are not a member (or there is no such
    /// tontine).</summary>
    public static Task<TontineRole?> RoleOfAsync(GraphDbContext db, Guid tontineId, Guid userId, CancellationToken cancellationToken) =>
        db.TontineMembers.Where(m => m.TontineId == tontineId && m.UserId == userId).Select(m => (TontineRole?)m.Role).SingleOrDefaultAsync(cancellationToken);
}
