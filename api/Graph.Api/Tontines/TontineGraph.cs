using Graph.Api.Identity;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Tontines;

/// <summary>The tontines' part of the graph (Kobiri): tontines and their members, their set-up and life cycle (settings,
/// join codes, invitations, payout order and draw, start, suspension), the row rule that shows each user their own
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
        return graph
            .AddTypeExtension<TontineQueries>()
            .AddTypeExtension<TontineFields>()
            .AddTypeExtension<TontineMutations>()
            .AddTypeExtension<TontineLifecycleMutations>()
            .AddTypeExtension<TontineMembershipMutations>()
            .AddTypeExtension<TontineInvitationQueries>()
            .AddTypeExtension<TontineLifecycleFields>()
            .AddTypeExtension<TontinePassageLifecycleFields>()
            .AddTypeExtension<TontineInvitationFields>()
            .AddTypeExtension<TontineSessionNodeResolver>()
            .AddType<InvalidTontineInputError>()
            .AddType<TontineNotFoundError>()
            .AddType<UserNotFoundError>()
            .AddType<AlreadyTontineMemberError>()
            .AddType<NotTontineMemberError>()
            .AddType<LastPresidentError>()
            .AddTypeExtension<TontineReminderMutations>()
            .AddType<TontineNotActiveError>()
            .AddType<TontineSessionNotFoundError>()
            .AddType<NothingToRemindError>()
            .AddType<ReminderTooSoonError>()
            .AddType<TontineNotDraftError>()
            .AddType<JoinCodeInvalidError>()
            .AddType<TontineFullError>()
            .AddType<TontineInvitationNotFoundError>()
            .AddType<TontineInvitationNotPendingError>()
            .AddType<TontineInvitationPendingError>()
            .AddType<DuesOutstandingError>()
            .AddType<TurnsOwedError>()
            .AddType<ContributionsNotReturnedError>()
            .AddType<InvalidPayoutOrderError>()
            .AddType<NotEnoughMembersError>()
            .AddType<StartDatePassedError>()
            .AddType<PayoutOrderMissingError>()
            .AddType<TontineNotSuspendedError>()
            .AddDataLoader<MembersByTontineIdDataLoader>()
            .AddDataLoader<TontineByIdDataLoader>()
            .AddDataLoader<TontineSessionByIdDataLoader>();
    }
}
