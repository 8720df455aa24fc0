using System.Security.Claims;
using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The registry's entry points on Query (cooperatives, planters, plots, warehouses): ADMIN, SUPPORT, FINANCE and
/// ANALYST see every cooperative, a COOPERATIVE_MANAGER the cooperatives they manage (<see cref="DeliveryAccess"/>), other
/// roles are refused.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class CooperativeQueries
{
    /// <summary>The cooperatives the caller may see, by name unless ordered otherwise.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Cooperative> GetCooperatives(GraphDbContext db, ClaimsPrincipal user) =>
        db.Cooperatives.AsNoTracking().VisibleTo(db, user).OrderBy(c => c.Name).ThenBy(c => c.Id);

    /// <summary>A cooperative, or null when there is none with this ID or the caller may not see it.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    public Task<Cooperative?> GetCooperativeAsync([ID<Cooperative>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Cooperatives.Where(c => c.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The planters the caller may see, by name unless ordered otherwise; only those of one cooperative, or only the
    /// members of one chief planter, when given.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Planter> GetPlanters(GraphDbContext db, ClaimsPrincipal user, [ID<Cooperative>] Guid? cooperativeId = null, [ID<Planter>] Guid? chiefId = null)
    {
        var planters = db.Planters.AsNoTracking().VisibleTo(db, user);
        if (cooperativeId is { } cooperative)
        {
            planters = planters.Where(p => p.CooperativeId == cooperative);
        }
        if (chiefId is { } chief)
        {
            planters = planters.Where(p => p.ChiefId == chief);
        }
        return planters.OrderBy(p => p.FullName).ThenBy(p => p.Id);
    }

    /// <summary>A planter, or null when there is none with this ID or the caller may not see them.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    public Task<Planter?> GetPlanterAsync([ID<Planter>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Planters.Where(p => p.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The plots the caller may see, by name unless ordered otherwise; only those of one planter or of one
    /// cooperative, when given.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Plot> GetPlots(GraphDbContext db, ClaimsPrincipal user, [ID<Planter>] Guid? planterId = null, [ID<Cooperative>] Guid? cooperativeId = null)
    {
        var plots = db.Plots.AsNoTracking().VisibleTo(db, user);
        if (planterId is { } planter)
        {
            plots = plots.Where(p => p.PlanterId == planter);
        }
        if (cooperativeId is { } cooperative)
        {
            plots = plots.Where(p => db.Planters.Any(planter => planter.Id == p.PlanterId && planter.CooperativeId == cooperative));
        }
        return plots.OrderBy(p => p.Name).ThenBy(p => p.Id);
    }

    /// <summary>A plot, or null when there is none with this ID or the caller may not see it.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    public Task<Plot?> GetPlotAsync([ID<Plot>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Plots.Where(p => p.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The warehouses the caller may see, by name unless ordered otherwise; only those of one cooperative, when given.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Warehouse> GetWarehouses(GraphDbContext db, ClaimsPrincipal user, [ID<Cooperative>] Guid? cooperativeId = null)
    {
        var warehouses = db.Warehouses.AsNoTracking().VisibleTo(db, user);
        if (cooperativeId is { } cooperative)
        {
            warehouses = warehouses.Where(w => w.CooperativeId == cooperative);
        }
        return warehouses.OrderBy(w => w.Name).ThenBy(w => w.Id);
    }

    /// <summary>A warehouse, or null when there is none with this ID or the caller may not see it.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName, PlatformRoles.FinanceName, PlatformRoles.AnalystName, PlatformRoles.CooperativeManagerName])]
    public Task<Warehouse?> GetWarehouseAsync([ID<Warehouse>] Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Warehouses.Where(w => w.Id == id).VisibleTo(db, user), cancellationToken);
}

/// <summary>Single rows under the row rule, in a context of their own.</summary>
internal static class RegistryRows
{
    public static async Task<T?> FindAsync<T>(IDbContextFactory<GraphDbContext> contexts, Func<GraphDbContext, IQueryable<T>> query, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await query(db).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="user"/> sees a cooperative's personal data (managers, planters' phones): ADMIN, or
    /// one of its managers.</summary>
    public static async Task<bool> SeesPersonalDataAsync(ClaimsPrincipal user, Guid cooperativeId, ManagersByCooperativeIdDataLoader managers, CancellationToken cancellationToken)
    {
        if (user.IsInRole(PlatformRoles.AdminName))
        {
            return true;
        }
        if (user.GetUserId() is not { } userId || !user.IsInRole(PlatformRoles.CooperativeManagerName))
        {
            return false;
        }
        var all = await managers.LoadAsync(cooperativeId, cancellationToken);
        return all.Any(m => m.UserId == userId);
    }
}

/// <summary>Fields of Cooperative that need the database.</summary>
[ExtendObjectType<Cooperative>]
public sealed class CooperativeFields
{
    /// <summary>Resolves a Cooperative's global ID for node and nodes, under the same row rule as <c>cooperative(id)</c>.</summary>
    [NodeResolver]
    public static Task<Cooperative?> GetCooperativeByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Cooperatives.Where(c => c.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The cooperative's planters, by name unless ordered otherwise.</summary>
    [UsePaging, UseProjection, UseFiltering, UseSorting]
    public IQueryable<Planter> GetPlanters([Parent] Cooperative cooperative, GraphDbContext db) =>
        db.Planters.AsNoTracking().Where(p => p.CooperativeId == cooperative.Id).OrderBy(p => p.FullName).ThenBy(p => p.Id);

    /// <summary>The cooperative's warehouses, by name.</summary>
    public Task<Warehouse[]> GetWarehousesAsync([Parent] Cooperative cooperative, WarehousesByCooperativeIdDataLoader warehouses, CancellationToken cancellationToken) =>
        warehouses.LoadAsync(cooperative.Id, cancellationToken);

    /// <summary>The users who manage the cooperative, by the day they were named; null unless the caller is ADMIN or one of
    /// them (personal data).</summary>
    public async Task<CooperativeManager[]?> GetManagersAsync([Parent] Cooperative cooperative, ManagersByCooperativeIdDataLoader managers, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await RegistryRows.SeesPersonalDataAsync(user, cooperative.Id, managers, cancellationToken)
            ? await managers.LoadAsync(cooperative.Id, cancellationToken)
            : null;
}

/// <summary>Fields of Planter that need the database.</summary>
[ExtendObjectType<Planter>]
public sealed class PlanterFields
{
    /// <summary>Resolves a Planter's global ID for node and nodes, under the same row rule as <c>planter(id)</c>.</summary>
    [NodeResolver]
    public static Task<Planter?> GetPlanterByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Planters.Where(p => p.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The cooperative the planter belongs to.</summary>
    public Task<Cooperative> GetCooperativeAsync([Parent] Planter planter, CooperativeByIdDataLoader cooperatives, CancellationToken cancellationToken) =>
        cooperatives.LoadAsync(planter.CooperativeId, cancellationToken);

    /// <summary>The planter's mobile number in E.164 form (where their mobile money is paid); null when they have none, or
    /// unless the caller is ADMIN or a manager of the planter's cooperative (personal data).</summary>
    public async Task<string?> GetPhoneAsync([Parent] Planter planter, ManagersByCooperativeIdDataLoader managers, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        planter.Phone is not null && await RegistryRows.SeesPersonalDataAsync(user, planter.CooperativeId, managers, cancellationToken) ? planter.Phone : null;

    /// <summary>The chief planter this planter belongs to; null for a chief or an unattached planter.</summary>
    public async Task<Planter?> GetChiefAsync([Parent] Planter planter, PlanterByIdDataLoader planters, CancellationToken cancellationToken) =>
        planter.ChiefId is { } chief ? await planters.LoadAsync(chief, cancellationToken) : null;

    /// <summary>The planters under this chief planter, by name; empty for a planter who is not a chief.</summary>
    public Task<Planter[]> GetMembersAsync([Parent] Planter planter, PlantersByChiefIdDataLoader members, CancellationToken cancellationToken) =>
        members.LoadAsync(planter.Id, cancellationToken);

    /// <summary>Whether the planter is a chief planter: at least one planter is under them.</summary>
    public async Task<bool> GetIsChiefAsync([Parent] Planter planter, PlantersByChiefIdDataLoader members, CancellationToken cancellationToken) =>
        (await members.LoadAsync(planter.Id, cancellationToken)).Length > 0;

    /// <summary>The planter's plots, by name.</summary>
    public Task<Plot[]> GetPlotsAsync([Parent] Planter planter, PlotsByPlanterIdDataLoader plots, CancellationToken cancellationToken) =>
        plots.LoadAsync(planter.Id, cancellationToken);
}

/// <summary>Fields of Plot that need the database or its GeoJSON.</summary>
[ExtendObjectType<Plot>]
public sealed class PlotFields
{
    /// <summary>Resolves a Plot's global ID for node and nodes, under the same row rule as <c>plot(id)</c>.</summary>
    [NodeResolver]
    public static Task<Plot?> GetPlotByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Plots.Where(p => p.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The planter who grows the plot.</summary>
    public Task<Planter> GetPlanterAsync([Parent] Plot plot, PlanterByIdDataLoader planters, CancellationToken cancellationToken) =>
        planters.LoadAsync(plot.PlanterId, cancellationToken);

    /// <summary>The plot's GeoJSON geometry (a Point or a Polygon, WGS84 [longitude, latitude], the coordinates with the
    /// decimals they were given), as validated and stored.</summary>
    public JsonElement GetGeometry([Parent] Plot plot)
    {
        using var document = JsonDocument.Parse(plot.GeoJson);
        return document.RootElement.Clone();
    }
}

/// <summary>Fields of Warehouse that need the database.</summary>
[ExtendObjectType<Warehouse>]
public sealed class WarehouseFields
{
    /// <summary>Resolves a Warehouse's global ID for node and nodes, under the same row rule as <c>warehouse(id)</c>.</summary>
    [NodeResolver]
    public static Task<Warehouse?> GetWarehouseByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RegistryRows.FindAsync(contexts, db => db.Warehouses.Where(w => w.Id == id).VisibleTo(db, user), cancellationToken);

    /// <summary>The cooperative the warehouse belongs to.</summary>
    public Task<Cooperative> GetCooperativeAsync([Parent] Warehouse warehouse, CooperativeByIdDataLoader cooperatives, CancellationToken cancellationToken) =>
        cooperatives.LoadAsync(warehouse.CooperativeId, cancellationToken);
}

/// <summary>The managers of several cooperatives, with their users, by the day they were named, in one query.</summary>
public sealed class ManagersByCooperativeIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, CooperativeManager>(scheduler, options)
{
    protected override async Task<ILookup<Guid, CooperativeManager>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var managers = await db.CooperativeManagers.AsNoTracking().Include(m => m.User)
            .Where(m => keys.Contains(m.CooperativeId))
            .OrderBy(m => m.AddedAt).ThenBy(m => m.UserId)
            .ToListAsync(cancellationToken);
        return managers.ToLookup(m => m.CooperativeId);
    }
}

/// <summary>The warehouses of several cooperatives, by name, in one query.</summary>
public sealed class WarehousesByCooperativeIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Warehouse>(scheduler, options)
{
    protected override async Task<ILookup<Guid, Warehouse>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => keys.Contains(w.CooperativeId))
            .OrderBy(w => w.Name).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return warehouses.ToLookup(w => w.CooperativeId);
    }
}

/// <summary>The members of several chief planters, by name, in one query.</summary>
public sealed class PlantersByChiefIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Planter>(scheduler, options)
{
    protected override async Task<ILookup<Guid, Planter>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.Planters.AsNoTracking().Where(p => p.ChiefId != null && keys.Contains(p.ChiefId.Value))
            .OrderBy(p => p.FullName).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        return members.ToLookup(p => p.ChiefId!.Value);
    }
}

/// <summary>The plots of several planters, by name, in one query.</summary>
public sealed class PlotsByPlanterIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : GroupedDataLoader<Guid, Plot>(scheduler, options)
{
    protected override async Task<ILookup<Guid, Plot>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plots = await db.Plots.AsNoTracking().Where(p => keys.Contains(p.PlanterId))
            .OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        return plots.ToLookup(p => p.PlanterId);
    }
}
