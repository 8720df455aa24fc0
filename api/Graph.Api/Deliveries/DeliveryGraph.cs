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
        // The flow of beans and money (deliveries-flow): payments of planters and their settlements.
        graph.Services.TryAddSingleton<DeliveryPayments>();
        graph.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Payments.IPaymentSettlementHandler, DeliverySettlementHandler>());
        graph
            .AddDataLoader<CooperativeByIdDataLoader>()
            .AddDataLoader<PlanterByIdDataLoader>()
            .AddDataLoader<PlotByIdDataLoader>()
            .AddDataLoader<WarehouseByIdDataLoader>()
            .AddDataLoader<DeliveryByIdDataLoader>()
            .AddDataLoader<LotByIdDataLoader>();

        // The flow of beans and money (deliveries-flow): deliveries, lots, stock, payments, trace, subscriptions.
        graph
            .AddTypeExtension<DeliveryQueries>()
            .AddTypeExtension<DeliveryFields>()
            .AddTypeExtension<LotFields>()
            .AddTypeExtension<LotSaleFields>()
            .AddTypeExtension<TraceEventFields>()
            .AddTypeExtension<StockMovementFields>()
            .AddTypeExtension<StockFields>()
            .AddTypeExtension<TraceQueries>()
            .AddTypeExtension<TraceOriginFields>()
            .AddTypeExtension<DeliveryMutations>()
            .AddTypeExtension<LotMutations>()
            .AddTypeExtension<DeliverySubscriptions>()
            .AddType<InvalidDeliveryInputError>()
            .AddType<PlanterNotFoundError>()
            .AddType<PlotNotFoundError>()
            .AddType<WarehouseNotFoundError>()
            .AddType<DeliveryNotFoundError>()
            .AddType<LotNotFoundError>()
            .AddType<DeliveryStatusConflictError>()
            .AddType<DeliveryInLotError>()
            .AddType<DeliveryPaymentInProgressError>()
            .AddType<WarehouseCapacityExceededError>()
            .AddType<LotStatusConflictError>()
            .AddType<LotWeightExceededError>()
            .AddDataLoader<LotByDeliveryIdDataLoader>()
            .AddDataLoader<PaymentsByDeliveryIdDataLoader>()
            .AddDataLoader<DeliveriesByLotIdDataLoader>()
            .AddDataLoader<SalesByLotIdDataLoader>()
            .AddDataLoader<MovementsByLotIdDataLoader>()
            .AddDataLoader<TraceEventsByDeliveryIdDataLoader>()
            .AddDataLoader<TraceEventsByLotIdDataLoader>()
            .AddDataLoader<StockByWarehouseIdDataLoader>();

        // Outputs (deliveries-outputs): public trace, QR codes and trace URLs, statistics (the CSV export and trace page are
        // HTTP endpoints, mapped by DeliveryEndpoints).
        graph
            .AddTypeExtension<PublicTraceQueries>()
            .AddTypeExtension<DeliveryTraceFields>()
            .AddTypeExtension<LotTraceFields>()
            .AddTypeExtension<DeliveryStatisticsQueries>()
            .AddTypeExtension<PlanterStatisticsFields>();

        // The registry (deliveries-registry): cooperatives, managers, planters and chiefs, plots and their EUDR geometry,
        // warehouses (with the node resolvers of those types), and the EUDR export of a lot.
        graph
            .AddTypeExtension<CooperativeQueries>()
            .AddTypeExtension<CooperativeFields>()
            .AddTypeExtension<PlanterFields>()
            .AddTypeExtension<PlotFields>()
            .AddTypeExtension<WarehouseFields>()
            .AddTypeExtension<CooperativeMutations>()
            .AddTypeExtension<PlanterMutations>()
            .AddTypeExtension<PlotMutations>()
            .AddTypeExtension<WarehouseMutations>()
            .AddTypeExtension<LotEudrFields>()
            .AddType<InvalidRegistryInputError>()
            .AddType<CooperativeCodeTakenError>()
            .AddType<CooperativeNotFoundError>()
            .AddType<CooperativeManagerRoleRequiredError>()
            .AddType<AlreadyCooperativeManagerError>()
            .AddType<NotCooperativeManagerError>()
            .AddType<PlanterChiefError>()
            .AddType<PlotGeometryError>()
            .AddType<PlotHasDeliveriesError>()
            .AddType<WarehouseNameTakenError>()
            .AddType<WarehouseCapacityBelowStockError>()
            .AddDataLoader<ManagersByCooperativeIdDataLoader>()
            .AddDataLoader<WarehousesByCooperativeIdDataLoader>()
            .AddDataLoader<PlantersByChiefIdDataLoader>()
            .AddDataLoader<PlotsByPlanterIdDataLoader>();
        return graph;
    }
}
