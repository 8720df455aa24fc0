using Graph.Api.Identity;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Tontines;

/// <summary>The tontines' part of the graph (Kobiri): tontines and their members, their set-up and life cycle (settings,
/// join codes, invitations, payout order and draw, start, suspension), the money of running tontines (sessions,
/// contributions, passages, their settlements and events), reminders, the row rule that shows each user their own
/// tontines, and the policies of per-tontine roles (<see cref="TontinePolicies"/>).</summary>
public static class TontineGraph
{
    public static IRequestExecutorBuilder AddTontines(this IRequestExecutorBuilder graph)
    {
        graph.Services.TryAddSingleton(TimeProvider.System);
        graph.Services.AddAuthorization(TontinePolicies.Add);
        graph.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, TontineRoleHandler>());
        graph.Services.TryAddSingleton<TontineReminders>();
        graph.Services.AddHostedService<TontineReminderService>();
        // The money of running tontines: the treasury's changes, and their settlements in the payments' transaction.
        graph.Services.TryAddSingleton<TontineTreasury>();
        graph.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Payments.IPaymentSettlementHandler, TontineSettlementHandler>());
        return graph
            .AddTypeExtension<TontineQueries>()
            .AddTypeExtension<TontineFields>()
            .AddTypeExtension<TontineMutations>()
            .AddTypeExtension<TontineLifecycleMutations>()
            .AddTypeExtension<TontineMembershipMutations>()
            .AddTypeExtension<TontineInvitationQueries>()
            .AddTypeExtension<TontineLifecycleFields>()
            .AddTypeExtension<TontineInvitationFields>()
            .AddType<InvalidTontineInputError>()
            .AddType<TontineNotFoundError>()
            .AddType<UserNotFoundError>()
            .AddType<AlreadyTontineMemberError>()
            .AddType<NotTontineMemberError>()
            .AddType<LastPresidentError>()
            .AddTypeExtension<TontineReminderMutations>()
            .AddType<NothingToRemindError>()
            .AddType<ReminderTooSoonError>()
            .AddDataLoader<MembersByTontineIdDataLoader>()
            .AddTypeExtension<TontineMoneyFields>()
            .AddTypeExtension<TontineSessionFields>()
            .AddTypeExtension<TontineContributionFields>()
            .AddTypeExtension<ContributionPaymentFields>()
            .AddTypeExtension<PenaltyWaiverFields>()
            .AddTypeExtension<TontinePassageMoneyFields>()
            .AddTypeExtension<TontineSessionMutations>()
            .AddTypeExtension<TontineContributionMutations>()
            .AddTypeExtension<TontinePassageMutations>()
            .AddTypeExtension<TontineSubscriptions>()
            .AddType<TontineNotActiveError>()
            .AddType<TontineSessionNotFoundError>()
            .AddType<TontineRoleRequiredError>()
            .AddType<SessionStatusConflictError>()
            .AddType<SessionOutOfOrderError>()
            .AddType<ContributionAlreadyPaidError>()
            .AddType<ContributionInProgressError>()
            .AddType<PenaltyAlreadyPaidError>()
            .AddType<NoPenaltyError>()
            .AddType<PassageNotFoundError>()
            .AddType<PassageStatusConflictError>()
            .AddType<PassageNotDueError>()
            .AddType<NotBeneficiaryError>()
            .AddDataLoader<TontineRowDataLoader>()
            .AddDataLoader<TontineSessionRowDataLoader>()
            .AddDataLoader<SessionsByTontineIdDataLoader>()
            .AddDataLoader<ContributionsBySessionIdDataLoader>()
            .AddDataLoader<ContributionPaymentsBySessionIdDataLoader>()
            .AddDataLoader<RotationPassageBySessionIdDataLoader>()
            .AddDataLoader<TontinePaymentByIdDataLoader>()
            .AddDataLoader<PotBalanceDataLoader>()
            .AddType<TontineNotDraftError>()
            .AddType<JoinCodeInvalidError>()
            .AddType<TontineFullError>()
            .AddType<TontineInvitationNotFoundError>()
            .AddType<TontineInvitationNotPendingError>()
            .AddType<TontineInvitationPendingError>()
            .AddType<DuesOutstandingError>()
            .AddType<TurnsOwedError>()
            .AddType<PassagePendingError>()
            .AddType<ContributionsNotReturnedError>()
            .AddType<InvalidPayoutOrderError>()
            .AddType<NotEnoughMembersError>()
            .AddType<StartDatePassedError>()
            .AddType<PayoutOrderMissingError>()
            .AddType<TontineNotSuspendedError>();
    }
}
