using Graph.Api.Notifications;
using Graph.Api.Payments.Providers;
using Graph.Api.Payments.Providers.Http;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Payments;

/// <summary>The payments' part of the graph: payments by mobile money and cash, their providers and callbacks, the
/// reconciliation job and the ledger.</summary>
public static class PaymentsGraph
{
    public static IRequestExecutorBuilder AddPayments(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddPaymentServices();
        return graph
            .AddTypeExtension<PaymentQueries>()
            .AddTypeExtension<PaymentMutations>()
            .AddTypeExtension<PaymentSubscriptions>()
            .AddTypeExtension<PaymentFields>()
            .AddTypeExtension<LedgerPostingFields>()
            .AddType<InvalidPaymentInputError>()
            .AddType<PaymentNotFoundError>()
            .AddType<IdempotencyKeyReusedError>()
            .AddType<PaymentMethodUnavailableError>()
            .AddType<FxRateMissingError>()
            .AddType<PaymentStatusConflictError>()
            .AddType<PaymentSubjectNotFoundError>()
            .AddType<InsufficientFundsError>()
            .AddDataLoader<PaymentHistoryDataLoader>()
            .AddDataLoader<LedgerPostingsByPaymentDataLoader>()
            .AddPaymentReconciliation()
            .AddCashPayments();
    }

    /// <summary>The services that create and move payments (no GraphQL).</summary>
    public static IServiceCollection AddPaymentServices(this IServiceCollection services)
    {
        services.AddNotificationData();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SimulatorCallbackSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<SimulatorCallbackSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorCallbackSender>());
        services.AddHttpPaymentProviders();
        services.TryAddSingleton<PaymentProviders>();
        services.TryAddSingleton<PaymentService>();
        services.TryAddSingleton<PaymentCallbackProcessor>();
        return services;
    }
}
