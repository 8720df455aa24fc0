using System.Security.Claims;
using Graph.Api.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>Resolves the global IDs of the registry's nodes (cooperatives, planters, plots, warehouses), reached from
/// deliveries and lots, for node and nodes, under the row rule of <see cref="DeliveryAccess"/>.</summary>
[ExtendObjectType<Cooperative>]
public sealed class CooperativeNodeFields
{
    /// <summary>The cooperative with this ID, when the caller may see it.</summary>
    [NodeResolver]
    public static async Task<Cooperative?> GetCooperativeByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cooperatives.AsNoTracking().Where(r => r.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Resolves a Planter's global ID under the row rule.</summary>
[ExtendObjectType<Planter>]
public sealed class PlanterNodeFields
{
    /// <summary>The planter with this ID, when the caller may see it.</summary>
    [NodeResolver]
    public static async Task<Planter?> GetPlanterByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Planters.AsNoTracking().Where(r => r.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Resolves a Plot's global ID under the row rule.</summary>
[ExtendObjectType<Plot>]
public sealed class PlotNodeFields
{
    /// <summary>The plot with this ID, when the caller may see it.</summary>
    [NodeResolver]
    public static async Task<Plot?> GetPlotByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Plots.AsNoTracking().Where(r => r.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Resolves a Warehouse's global ID under the row rule.</summary>
[ExtendObjectType<Warehouse>]
public sealed class WarehouseNodeFields
{
    /// <summary>The warehouse with this ID, when the caller may see it.</summary>
    [NodeResolver]
    public static async Task<Warehouse?> GetWarehouseByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Warehouses.AsNoTracking().Where(r => r.Id == id).VisibleTo(db, user).SingleOrDefaultAsync(cancellationToken);
    }
}
