using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>
/// Who sees an author's royalties (their rules, statements and balance): FINANCE and ADMIN, and the author's own linked
/// account. Anyone else signed in is refused with AUTH_NOT_AUTHORIZED, whether the author exists or not, so that the
/// refusal tells nothing of the catalog's accounts.
/// </summary>
public static class RoyaltyAccess
{
    /// <summary>Whether <paramref name="user"/> holds a role that sees every author's royalties.</summary>
    public static bool SeesAll(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.FinanceName) || user.IsInRole(PlatformRoles.AdminName);

    /// <summary>Whether the author exists, once <paramref name="user"/> is allowed to see their royalties.</summary>
    /// <exception cref="GraphQLException">The caller may not see them (<c>AUTH_NOT_AUTHORIZED</c>).</exception>
    public static async Task<bool> EnsureAuthorVisibleAsync(GraphDbContext db, ClaimsPrincipal user, Guid authorId, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Id == authorId).Select(a => new { a.UserId }).SingleOrDefaultAsync(cancellationToken);
        if (SeesAll(user))
        {
            return author is not null;
        }
        if (author?.UserId is { } owner && user.GetUserId() == owner)
        {
            return true;
        }
        throw new GraphQLException("Only the author's own account, FINANCE and ADMIN see an author's royalties.", ErrorCodes.AuthNotAuthorized);
    }
}
