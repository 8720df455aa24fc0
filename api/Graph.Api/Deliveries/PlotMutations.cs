using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The plots' changes on Mutation (ADMIN, or a manager of the planter's cooperative): the geometry is checked by
/// <see cref="PlotGeometry"/>, stored normalised, and gives the area and the latitude and longitude.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class PlotMutations
{
    /// <summary>Adds a plot to a planter. Every rule the input breaks is reported (each geometry problem with its own code).</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<CreatePlotPayload> CreatePlotAsync(
        CreatePlotInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cooperativeId = await db.Planters.Where(p => p.Id == input.PlanterId).Select(p => (Guid?)p.CooperativeId).SingleOrDefaultAsync(cancellationToken);
        if (cooperativeId is not { } cooperative || !await DeliveryAccess.MayManageAsync(db, user, cooperative, cancellationToken))
        {
            return CreatePlotPayload.Failed(new PlanterNotFoundError(input.PlanterId));
        }
        var invalid = new List<InvalidRegistryInputError>();
        var name = RegistryRules.Required(input.Name, "name", "plot's name", invalid);
        var geometry = PlotGeometry.Check(input.GeoJson, input.DeclaredAreaHectares);
        var errors = new List<ICreatePlotError>(invalid);
        errors.AddRange(geometry.Problems.Select(p => new PlotGeometryError(p)));
        if (errors.Count > 0 || geometry.Shape is not { } shape)
        {
            return CreatePlotPayload.Failed(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var plot = new Plot { PlanterId = input.PlanterId, Name = name, GeoJson = shape.GeoJson, CreatedAt = now, UpdatedAt = now };
        Apply(plot, shape);
        db.Plots.Add(plot);
        // The planter is not locked: a planter is never deleted (deliveries refer to them) nor moved to another cooperative.
        await db.SaveChangesAsync(cancellationToken);
        return CreatePlotPayload.Done(plot);
    }

    /// <summary>Changes a plot's name, geometry or declared area (a point's). The geometry is checked again whenever the
    /// geometry or the area is given. Every rule the input breaks is reported. Once deliveries came from the plot, its
    /// shape is part of their trace and stays as it is (PLOT_HAS_DELIVERIES); its name may still change.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<UpdatePlotPayload> UpdatePlotAsync(
        UpdatePlotInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await RegistryLocks.LockAsync(db, "plots", [input.PlotId], cancellationToken);
        var plot = locked.Count == 1 ? await db.Plots.SingleAsync(p => p.Id == input.PlotId, cancellationToken) : null;
        var cooperativeId = plot is null ? null
            : await db.Planters.Where(p => p.Id == plot.PlanterId).Select(p => (Guid?)p.CooperativeId).SingleOrDefaultAsync(cancellationToken);
        if (plot is null || cooperativeId is not { } cooperative || !await DeliveryAccess.MayManageAsync(db, user, cooperative, cancellationToken))
        {
            return UpdatePlotPayload.Failed(new PlotNotFoundError(input.PlotId));
        }
        var invalid = new List<InvalidRegistryInputError>();
        var name = input.Name is null ? plot.Name : RegistryRules.Required(input.Name, "name", "plot's name", invalid);
        var errors = new List<IUpdatePlotError>(invalid);
        PlotShape? shape = null;
        if (input.GeoJson is not null || input.DeclaredAreaHectares is not null)
        {
            // A point keeps its declared area unless a new one is given; a polygon's area is computed again.
            var area = input.DeclaredAreaHectares ?? (plot.Kind == PlotGeometryKind.Point ? plot.AreaHectares : null);
            var geometry = PlotGeometry.Check(input.GeoJson ?? plot.GeoJson, area);
            errors.AddRange(geometry.Problems.Select(p => new PlotGeometryError(p)));
            shape = geometry.Shape;
        }
        if (errors.Count > 0)
        {
            return UpdatePlotPayload.Failed(errors);
        }
        // The stored text comes back from jsonb reformatted: compare shapes, not texts, so that nothing unchanged is written.
        var current = PlotGeometry.Check(plot.GeoJson, plot.Kind == PlotGeometryKind.Point ? plot.AreaHectares : null).Shape;
        var reshaped = shape is not null && shape != current;
        // Deliveries record from a plot with a lock that waits for this one (RecordAsync), so none slips in between.
        if (reshaped && await db.Deliveries.CountAsync(d => d.PlotId == plot.Id, cancellationToken) is > 0 and var deliveries)
        {
            return UpdatePlotPayload.Failed(new PlotHasDeliveriesError(deliveries));
        }
        if (name != plot.Name || reshaped)
        {
            plot.Name = name;
            if (reshaped)
            {
                plot.GeoJson = shape!.GeoJson;
                Apply(plot, shape);
            }
            plot.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return UpdatePlotPayload.Done(plot);
    }

    private static void Apply(Plot plot, PlotShape shape)
    {
        plot.Kind = shape.Kind;
        plot.AreaHectares = shape.AreaHectares;
        plot.Latitude = shape.Latitude;
        plot.Longitude = shape.Longitude;
    }
}
