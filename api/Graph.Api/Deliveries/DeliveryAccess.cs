using System.Security.Claims;
using System.Security.Cryptography;
using Graph.Api.Data;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>
/// The row rule of CocoaTrack: ADMIN, SUPPORT, FINANCE and ANALYST see every cooperative; a COOPERATIVE_MANAGER sees the
/// cooperatives they manage (<see cref="CooperativeManager"/>) and everything in them; nobody else sees any. Writes need
/// ADMIN or a manager of the cooperative (<see cref="MayManageAsync(GraphDbContext, ClaimsPrincipal, Guid, CancellationToken)"/>). Applied to the <see cref="IQueryable{T}"/>, so
/// the database returns only the visible rows. The public trace (by trace code) is the one way in without a role.
/// </summary>
public static class DeliveryAccess
{
    /// <summary>Whether <paramref name="user"/> holds a platform role that sees every cooperative.</summary>
    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.AdminName) || user.IsInRole(PlatformRoles.SupportName)
        || user.IsInRole(PlatformRoles.FinanceName) || user.IsInRole(PlatformRoles.AnalystName);

    /// <summary>The IDs of the cooperatives <paramref name="user"/> may see, as a query to compose; null when they see all.</summary>
    public static IQueryable<Guid>? VisibleCooperativeIds(GraphDbContext db, ClaimsPrincipal user)
    {
        if (SeesAll(user))
        {
            return null;
        }
        if (user.GetUserId() is not { } userId || !user.IsInRole(PlatformRoles.CooperativeManagerName))
        {
            return db.CooperativeManagers.Where(_ => false).Select(m => m.CooperativeId);
        }
        return db.CooperativeManagers.Where(m => m.UserId == userId).Select(m => m.CooperativeId);
    }

    public static IQueryable<Cooperative> VisibleTo(this IQueryable<Cooperative> rows, GraphDbContext db, ClaimsPrincipal user) =>
        VisibleCooperativeIds(db, user) is { } ids ? rows.Where(r => ids.Contains(r.Id)) : rows;

    public static IQueryable<Planter> VisibleTo(this IQueryable<Planter> rows, GraphDbContext db, ClaimsPrincipal user) =>
        VisibleCooperativeIds(db, user) is { } ids ? rows.Where(r => ids.Contains(r.CooperativeId)) : rows;

    public static IQueryable<Plot> VisibleTo(this IQueryable<Plot> rows, GraphDbContext db, ClaimsPrincipal user) =>
        VisibleCooperativeIds(db, user) is { } ids ? rows.Where(r => db.Planters.Any(p => p.Id == r.PlanterId && ids.Contains(p.CooperativeId))) : rows;

    public static IQueryable<Warehouse> VisibleTo(this IQueryable<Warehouse> rows, GraphDbContext db, ClaimsPrincipal user) =>
        VisibleCooperativeIds(db, user) is { } ids ? rows.Where(r => ids.Contains(r.CooperativeId)) : rows;

    public static IQueryable<Delivery> VisibleTo(this IQueryable<Delivery> rows, GraphDbContext db, ClaimsPrincipal user) =>
        VisibleCooperativeIds(db, user) is { } ids ? rows.Where(r => ids.Contains(r.CooperativeId)) : rows;

    public static IQueryable<Lot> VisibleTo(this IQueryable<Lot> rows, GraphDbContext db, ClaimsPrincipal user) =>
        VisibleCooperativeIds(db, user) is { } ids ? rows.Where(r => ids.Contains(r.CooperativeId)) : rows;

    /// <summary>Whether <paramref name="user"/> may change the cooperative's data: ADMIN, or one of its managers.</summary>
    public static Task<bool> MayManageAsync(GraphDbContext db, ClaimsPrincipal user, Guid cooperativeId, CancellationToken cancellationToken) =>
        user.GetUserId() is { } userId
            ? MayManageAsync(db, userId, user.IsInRole(PlatformRoles.AdminName), user.IsInRole(PlatformRoles.CooperativeManagerName), cooperativeId, cancellationToken)
            : Task.FromResult(false);

    /// <summary>The same rule for a user known by ID and roles (<see cref="DeliveryActor"/>).</summary>
    public static async Task<bool> MayManageAsync(GraphDbContext db, Guid userId, bool admin, bool manager, Guid cooperativeId, CancellationToken cancellationToken) =>
        admin || manager && await db.CooperativeManagers.AnyAsync(m => m.CooperativeId == cooperativeId && m.UserId == userId, cancellationToken);
}

/// <summary>The opaque codes of public trace pages (and their QR codes): 16 characters from an alphabet without look-alikes,
/// from the cryptographic generator (31^16, about 2^79 codes), so a code cannot be guessed from another.</summary>
public static class TraceCodes
{
    public const string Alphabet = Tontines.TontineJoinCodes.Alphabet;

    public const int Length = DeliveryConfiguration.TraceCodeLength;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="code"/> has the shape of a trace code (before any look-up).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c));
}
