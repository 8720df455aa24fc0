using System.Security.Claims;
using Graph.Api.Identity;

namespace Graph.Api.Billing;

/// <summary>Who sees which invoices: their buyer, FINANCE and ADMIN. Applied to the query, so the database returns only the
/// visible rows.</summary>
public static class InvoiceAccess
{
    /// <summary>Whether <paramref name="user"/> sees every invoice.</summary>
    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.AdminName) || user.IsInRole(PlatformRoles.FinanceName);

    /// <summary>The invoices of <paramref name="invoices"/> that <paramref name="user"/> may see (none when anonymous).</summary>
    public static IQueryable<Invoice> VisibleTo(this IQueryable<Invoice> invoices, ClaimsPrincipal user)
    {
        if (SeesAll(user))
        {
            return invoices;
        }
        return user.GetUserId() is { } userId ? invoices.Where(i => i.BuyerUserId == userId) : invoices.Where(_ => false);
    }
}
