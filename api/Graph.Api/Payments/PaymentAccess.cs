using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Tontines;

namespace Graph.Api.Payments;

/// <summary>
/// Who sees which payments: FINANCE and ADMIN see them all; others see the payments they pay, receive or initiated, and
/// the treasurers and presidents of a tontine see its payments. SUPPORT helps users with their accounts, never their money.
/// Applied to the <see cref="IQueryable{T}"/>, so the database returns only the visible rows.
/// </summary>
public static class PaymentAccess
{
    /// <summary>Whether <paramref name="user"/> holds a platform role that sees every payment.</summary>
    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.AdminName) || user.IsInRole(PlatformRoles.FinanceName);

    /// <summary>The payments of <paramref name="payments"/> that <paramref name="user"/> may see (none when anonymous).</summary>
    public static IQueryable<Payment> VisibleTo(this IQueryable<Payment> payments, ClaimsPrincipal user, GraphDbContext db)
    {
        if (SeesAll(user))
        {
            return payments;
        }
        if (user.GetUserId() is not { } userId)
        {
            return payments.Where(_ => false);
        }
        var managed = TontineAccess.ManagedBy(db, userId);
        return payments.Where(p => p.PayerUserId == userId || p.PayeeUserId == userId || p.InitiatedByUserId == userId
                                   || (p.TontineId != null && managed.Contains(p.TontineId.Value)));
    }
}
