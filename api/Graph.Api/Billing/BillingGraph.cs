using Graph.Api.Payments;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Billing;

/// <summary>Billing's part of the graph: ebook purchases, plans and subscriptions, reading access, invoices.</summary>
public static class BillingGraph
{
    public static IRequestExecutorBuilder AddBilling(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddBillingServices();
        return graph
            .AddTypeExtension<BillingQueries>()
            .AddTypeExtension<BillingMutations>()
            .AddTypeExtension<InvoiceFields>()
            .AddTypeExtension<SubscriptionPlanFields>()
            .AddTypeExtension<ReaderSubscriptionFields>()
            .AddTypeExtension<BookAccessFields>()
            .AddType<BookAlreadyOwnedError>()
            .AddType<SubscriptionPlanNotFoundError>()
            .AddType<AlreadySubscribedError>()
            .AddType<SubscriptionNotFoundError>()
            .AddType<SubscriptionStatusConflictError>()
            .AddDataLoader<BookAccessDataLoader>();
    }

    /// <summary>The sales services, billing's settlement handler, and the renewal job (which does nothing where
    /// "Graph:Billing:Renewal:Enabled" is false).</summary>
    public static IServiceCollection AddBillingServices(this IServiceCollection services)
    {
        services.AddPaymentServices();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentSettlementHandler, BillingSettlementHandler>());
        services.TryAddSingleton<BillingService>();
        services.TryAddSingleton<SubscriptionRenewer>();
        services.AddHostedService<SubscriptionRenewalService>();
        return services;
    }
}
