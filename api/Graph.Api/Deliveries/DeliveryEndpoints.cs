namespace Graph.Api.Deliveries;

/// <summary>The HTTP endpoints of CocoaTrack outside /graphql: the deliveries' CSV export (signed in, under the row rule),
/// and the public trace page and its QR codes (anonymous, the trace code being the capability).</summary>
public static class DeliveryEndpoints
{
    /// <summary>Maps <c>/exports/deliveries.csv</c>, <c>/trace/{code}</c>, <c>/trace/{code}/qr.png</c> and <c>/trace/{code}/qr.svg</c>.</summary>
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDeliveryCsvExport();
        endpoints.MapPublicTracePage();
        endpoints.MapTraceQrCodes();
        return endpoints;
    }
}
