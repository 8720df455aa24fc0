using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Payments;

/// <summary>The cash payments' part of the graph: recording cash with its proof, and its validation or rejection by a
/// second person (maker-checker), with the policies that say who may.</summary>
public static class CashPaymentsGraph
{
    /// <summary>Adds recordCashPayment, validateCashPayment, rejectCashPayment and Payment.cashProof, with the service and
    /// the policies behind them.</summary>
    public static IRequestExecutorBuilder AddCashPayments(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddPaymentServices();
        graph.Services.TryAddSingleton<CashPaymentsService>();
        graph.Services.AddAuthorization(CashPaymentPolicies.Add);
        graph.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, CashPaymentHandler>());
        return graph
            .AddTypeExtension<CashPaymentsMutations>()
            .AddTypeExtension<CashPaymentsFields>()
            .AddTypeExtension<CashProofFields>()
            // The shared errors (InvalidPaymentInputError, PaymentNotFoundError...) are added by AddPayments.
            .AddType<MakerCannotCheckError>()
            .AddDataLoader<CashProofByPaymentIdDataLoader>();
    }
}
