using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>
/// The EUDR geolocation of a lot: a GeoJSON FeatureCollection (RFC 7946) of the plots behind it (lot_deliveries, then
/// deliveries, then plots), one Feature per plot, ready for a due-diligence statement in the EU information system
/// (TRACES). Each Feature's properties hold the keys of the EUDR GeoJSON file description (<c>ProducerName</c>,
/// <c>ProducerCountry</c>, <c>ProductionPlace</c>, and <c>Area</c> in hectares for a point) and the cooperative's own:
/// <c>plotId</c> (the plot's global ID), <c>planterId</c>, <c>areaHectares</c>, <c>lotCode</c>, <c>deliveries</c>
/// (<c>deliveryId</c>, <c>deliveredOn</c>, <c>netWeightKg</c>, oldest first) and <c>netWeightKg</c> (their sum).
/// Features are ordered by producer, then plot name.
/// </summary>
public static class EudrExport
{
    /// <summary>The media type of GeoJSON (RFC 7946).</summary>
    public const string MediaType = "application/geo+json";

    /// <summary>The FeatureCollection of the plots behind a lot the caller may see; null when there is no such lot or the
    /// caller may not see it.</summary>
    public static async Task<JsonObject?> BuildAsync(GraphDbContext db, Guid lotId, ClaimsPrincipal user, INodeIdSerializer ids, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().Where(l => l.Id == lotId).VisibleTo(db, user)
            .Select(l => new { l.Id, l.Code, Country = db.Cooperatives.Where(c => c.Id == l.CooperativeId).Select(c => c.Country).Single() })
            .SingleOrDefaultAsync(cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var rows = await (
                from link in db.LotDeliveries
                where link.LotId == lotId
                join delivery in db.Deliveries on link.DeliveryId equals delivery.Id
                join plot in db.Plots on delivery.PlotId equals plot.Id
                join planter in db.Planters on plot.PlanterId equals planter.Id
                select new
                {
                    DeliveryId = delivery.Id,
                    delivery.DeliveredOn,
                    delivery.NetWeightKg,
                    PlotId = plot.Id,
                    PlotName = plot.Name,
                    plot.Kind,
                    plot.GeoJson,
                    plot.AreaHectares,
                    PlanterId = planter.Id,
                    planter.FullName,
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var features = new JsonArray();
        foreach (var plot in rows.GroupBy(r => r.PlotId).OrderBy(g => g.First().FullName, StringComparer.Ordinal).ThenBy(g => g.First().PlotName, StringComparer.Ordinal).ThenBy(g => g.Key))
        {
            var first = plot.First();
            var deliveries = new JsonArray();
            foreach (var delivery in plot.OrderBy(d => d.DeliveredOn).ThenBy(d => d.DeliveryId))
            {
                deliveries.Add(new JsonObject
                {
                    ["deliveryId"] = ids.Format(nameof(Delivery), delivery.DeliveryId),
                    ["deliveredOn"] = delivery.DeliveredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["netWeightKg"] = delivery.NetWeightKg,
                });
            }
            var properties = new JsonObject
            {
                ["ProducerName"] = first.FullName,
                ["ProducerCountry"] = lot.Country,
                ["ProductionPlace"] = first.PlotName,
            };
            if (first.Kind == PlotGeometryKind.Point)
            {
                properties["Area"] = first.AreaHectares;
            }
            properties["plotId"] = ids.Format(nameof(Plot), first.PlotId);
            properties["planterId"] = ids.Format(nameof(Planter), first.PlanterId);
            properties["areaHectares"] = first.AreaHectares;
            properties["lotCode"] = lot.Code;
            properties["deliveries"] = deliveries;
            properties["netWeightKg"] = plot.Sum(d => d.NetWeightKg);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = ids.Format(nameof(Plot), first.PlotId),
                ["geometry"] = JsonNode.Parse(first.GeoJson),
                ["properties"] = properties,
            });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }
}

/// <summary>
/// <c>GET /deliveries/lots/{lotId}/eudr.geojson</c>: the EUDR GeoJSON of a lot (<see cref="EudrExport"/>), by the lot's
/// global ID, with the graph's bearer token, under the row rule of CocoaTrack: 401 without a signed-in user, 404 for a lot
/// that does not exist or that the caller may not see (the same answer, so that IDs cannot be probed).
/// </summary>
public static class EudrExportEndpoint
{
    /// <summary>The route of the endpoint.</summary>
    public const string Route = "/deliveries/lots/{lotId}/eudr.geojson";

    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapEudrExports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, HandleAsync).RefuseInvalidBearerTokens().WithName("LotEudrGeoJson");

    private static async Task<IResult> HandleAsync(
        string lotId,
        HttpContext context,
        [FromServices] IDbContextFactory<GraphDbContext> contexts,
        [FromServices] INodeIdSerializer ids)
    {
        var user = context.User;
        if (user.GetUserId() is null)
        {
            return Results.Json(new { error = new { code = "AUTH_NOT_AUTHENTICATED", message = "Sign in to export a lot's plots." } }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var cancellationToken = context.RequestAborted;
        Guid? key = ids.TryParse(lotId, out var nodeId) && nodeId is { TypeName: nameof(Lot), Key: Guid found } ? found : null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collection = key is { } id ? await EudrExport.BuildAsync(db, id, user, ids, cancellationToken) : null;
        if (collection is null)
        {
            return Results.Json(new { error = new { code = "LOT_NOT_FOUND", message = "There is no lot with this ID." } }, statusCode: StatusCodes.Status404NotFound);
        }
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(collection.ToJsonString(), EudrExport.MediaType);
    }
}

/// <summary>The EUDR export of a lot in the graph.</summary>
[ExtendObjectType<Lot>]
public sealed class LotEudrFields
{
    /// <summary>The EUDR GeoJSON FeatureCollection of the plots behind the lot, one Feature per plot with its producer, country,
    /// area, the lot's code and the deliveries' dates and net weights (the same document as
    /// <c>GET /deliveries/lots/{lotId}/eudr.geojson</c>).</summary>
    public async Task<JsonElement?> GetEudrGeoJsonAsync([Parent] Lot lot, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, INodeIdSerializer ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collection = await EudrExport.BuildAsync(db, lot.Id, user, ids, cancellationToken);
        return collection is null ? null : JsonSerializer.SerializeToElement(collection);
    }
}
