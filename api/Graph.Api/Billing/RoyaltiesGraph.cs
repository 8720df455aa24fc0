using Graph.GraphQL.Execution.Configuration;

namespace Graph.Api.Billing;

/// <summary>The royalties' part of the graph (Coko): authors linked to their accounts, royalty rules per book, monthly
/// statements and balances from the ledger, and payouts through Payments.</summary>
public static class RoyaltiesGraph
{
    public static IRequestExecutorBuilder AddRoyalties(this IRequestExecutorBuilder graph) =>
        graph
            .AddTypeExtension<RoyaltiesQueries>()
            .AddTypeExtension<RoyaltiesMutations>()
            .AddTypeExtension<RoyaltyRuleFields>()
            .AddTypeExtension<RoyaltyStatementFields>()
            .AddTypeExtension<RoyaltyStatementLineFields>()
            .AddType<InvalidRoyaltyInputError>()
            .AddType<RoyaltyAuthorNotFoundError>()
            .AddType<RoyaltyUserNotFoundError>()
            .AddType<AccountAlreadyLinkedError>()
            .AddType<RoyaltyBookNotFoundError>()
            .AddType<AuthorAccountNotLinkedError>()
            .AddType<RoyaltyPayoutBelowMinimumError>()
            .AddType<InsufficientRoyaltiesError>()
            .AddType<RoyaltyPaymentRefusedError>();
}
