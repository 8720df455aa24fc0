using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Deliveries;

/// <summary>The deliveries' part of the graph (CocoaTrack): cooperatives and their managers, planters and chief planters,
/// plots located for the EUDR, warehouses and their stock, deliveries (weighed, graded, priced, paid), lots moved and sold,
/// each cooperative's hash chain of trace events, public traces and QR codes, exports and statistics.</summary>
public static class DeliveryGraph
{
    public static IRequestExecutorBuilder AddDeliveries(this IRequestExecutorBuilder graph)
    {
        graph.Services.TryAddSingleton(TimeProvider.System);
        return graph
            .AddDataLoader<CooperativeByIdDataLoader>()
            .AddDataLoader<PlanterByIdDataLoader>()
            .AddDataLoader<PlotByIdDataLoader>()
            .AddDataLoader<WarehouseByIdDataLoader>()
            .AddDataLoader<DeliveryByIdDataLoader>()
            .AddDataLoader<LotByIdDataLoader>()
            // Outputs: public trace, QR codes and trace URLs, statistics (the CSV export and trace page are HTTP endpoints,
            // mapped by DeliveryEndpoints).
            .AddTypeExtension<PublicTraceQueries>()
            .AddTypeExtension<DeliveryTraceFields>()
            .AddTypeExtension<LotTraceFields>()
            .AddTypeExtension<DeliveryStatisticsQueries>()
            .AddTypeExtension<PlanterStatisticsFields>()
            // Node resolvers of the types the outputs extend (drop them if another part defines its own).
            .AddTypeExtension<PlanterNodeResolver>()
            .AddTypeExtension<DeliveryNodeResolver>()
            .AddTypeExtension<LotNodeResolver>();
    }
}
