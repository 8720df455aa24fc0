using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Payments;

/// <summary>The reconciliation's part of the graph: the background job that settles payments whose provider never called
/// back, and for FINANCE the mismatches it finds, the report and the run on demand.</summary>
public static class PaymentReconciliationGraph
{
    /// <summary>Adds paymentMismatches, paymentReconciliationReport, resolvePaymentMismatch and reconcilePayments, with
    /// the reconciler and its background job.</summary>
    public static IRequestExecutorBuilder AddPaymentReconciliation(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddPaymentReconciliationServices();
        return graph
            .AddTypeExtension<PaymentReconciliationQueries>()
            .AddTypeExtension<PaymentReconciliationMutations>()
            .AddTypeExtension<PaymentMismatchFields>()
            .AddType<PaymentMismatchNotFoundError>()
            .AddType<PaymentMismatchAlreadyResolvedError>()
            .AddDataLoader<MismatchPaymentDataLoader>();
    }

    /// <summary>The reconciler and its background job (<see cref="PaymentReconciliationService"/>, which does nothing where
    /// "Graph:Payments:Reconciliation:Enabled" is false).</summary>
    public static IServiceCollection AddPaymentReconciliationServices(this IServiceCollection services)
    {
        services.AddPaymentServices();
        services.TryAddSingleton<PaymentReconciler>();
        services.AddHostedService<PaymentReconciliationService>();
        return services;
    }
}
