using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>What is announced when a session changes (opened, closed, one of its contributions settled): which session.</summary>
/// <param name="SessionId">The session.</param>
public sealed record TontineSessionChanged(Guid SessionId);

/// <summary>What is announced when a contribution payment is recorded or settles: whose contribution to which session.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="UserId">The member.</param>
public sealed record TontineContributionChanged(Guid SessionId, Guid UserId);

/// <summary>The subscription topics of tontines.</summary>
public static class TontineTopics
{
    /// <summary>The topic of one tontine's session changes.</summary>
    public static string SessionUpdated(Guid tontineId) => $"tontineSessionUpdated:{tontineId:N}";

    /// <summary>The topic of one tontine's recorded and settled contributions.</summary>
    public static string ContributionRecorded(Guid tontineId) => $"contributionRecorded:{tontineId:N}";
}

/// <summary>Tontines' events on Subscription, for the tontine's members (and ADMIN, SUPPORT, FINANCE), once committed.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class TontineSubscriptions
{
    /// <summary>A session of the tontine each time it changes: opened, closed, or one of its contributions settled.</summary>
    [Subscribe(With = nameof(SubscribeToTontineSessionUpdatedAsync))]
    [Authorize]
    public async Task<TontineSession?> TontineSessionUpdatedAsync([EventMessage] TontineSessionChanged changed, [ID<Tontine>] Guid tontineId,
        IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TontineSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == changed.SessionId, cancellationToken);
    }

    /// <summary>Subscribes to one tontine's session changes, when the caller may see the tontine.</summary>
    public async Task<IAsyncEnumerable<TontineSessionChanged>> SubscribeToTontineSessionUpdatedAsync(
        [ID<Tontine>] Guid tontineId, ITopicEventReceiver receiver, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await EnsureMayFollowAsync(tontineId, user, contexts, cancellationToken);
        return new Events<TontineSessionChanged>(await receiver.SubscribeAsync<TontineSessionChanged>(TontineTopics.SessionUpdated(tontineId), cancellationToken));
    }

    /// <summary>A member's contribution each time a payment of it is recorded (mobile money started, cash recorded) and
    /// when it settles.</summary>
    [Subscribe(With = nameof(SubscribeToContributionRecordedAsync))]
    [Authorize]
    public async Task<TontineContribution?> ContributionRecordedAsync([EventMessage] TontineContributionChanged changed, [ID<Tontine>] Guid tontineId,
        IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TontineContributions.AsNoTracking().SingleOrDefaultAsync(c => c.SessionId == changed.SessionId && c.UserId == changed.UserId, cancellationToken);
    }

    /// <summary>Subscribes to one tontine's contributions, when the caller may see the tontine.</summary>
    public async Task<IAsyncEnumerable<TontineContributionChanged>> SubscribeToContributionRecordedAsync(
        [ID<Tontine>] Guid tontineId, ITopicEventReceiver receiver, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await EnsureMayFollowAsync(tontineId, user, contexts, cancellationToken);
        return new Events<TontineContributionChanged>(await receiver.SubscribeAsync<TontineContributionChanged>(TontineTopics.ContributionRecorded(tontineId), cancellationToken));
    }

    /// <summary>Members of the tontine, ADMIN, SUPPORT and FINANCE follow it; anyone else is refused (AUTH_NOT_AUTHORIZED),
    /// whether or not the tontine exists.</summary>
    private static async Task EnsureMayFollowAsync(Guid tontineId, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (TontineAccess.SeesAll(user))
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (user.GetUserId() is not { } userId || await TontineAccess.RoleOfAsync(db, tontineId, userId, cancellationToken) is null)
        {
            throw new GraphQLException("Only the tontine's members follow its sessions and contributions.", ErrorCodes.AuthNotAuthorized);
        }
    }

    /// <summary>The topic's events; disposing it unsubscribes, even when the events were never read.</summary>
    private sealed class Events<T>(ISourceStream<T> stream) : IAsyncEnumerable<T>, IAsyncDisposable
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            stream.ReadEventsAsync().GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}

/// <summary>
/// Once a change to a tontine's money is committed, announces it: a session opened or closed, and a contribution payment
/// recorded or settled (on <c>contributionRecorded</c>, and its session on <c>tontineSessionUpdated</c> when it settles).
/// Nothing is announced for a change rolled back.
/// </summary>
public sealed class TontineEventsInterceptor(IServiceProvider services, ILogger<TontineEventsInterceptor> logger)
    : TopicEventsInterceptor(services, logger)
{
    /// <inheritdoc />
    protected override List<TopicEvent>? Collect(DbContext context)
    {
        List<TopicEvent>? items = null;
        foreach (var entry in context.ChangeTracker.Entries<TontineSession>())
        {
            if (entry.State == EntityState.Modified && entry.Property(s => s.Status).IsModified)
            {
                (items ??= []).Add(TopicEvent.Of(TontineTopics.SessionUpdated(entry.Entity.TontineId), new TontineSessionChanged(entry.Entity.Id)));
            }
        }
        foreach (var entry in context.ChangeTracker.Entries<ContributionPayment>())
        {
            var part = entry.Entity;
            if (entry.State == EntityState.Added || entry.State == EntityState.Modified && entry.Property(c => c.SettledAt).IsModified)
            {
                (items ??= []).Add(TopicEvent.Of(TontineTopics.ContributionRecorded(part.TontineId), new TontineContributionChanged(part.SessionId, part.UserId)));
            }
            if (entry.State == EntityState.Modified && entry.Property(c => c.SettledAt).IsModified)
            {
                (items ??= []).Add(TopicEvent.Of(TontineTopics.SessionUpdated(part.TontineId), new TontineSessionChanged(part.SessionId)));
            }
        }
        return items;
    }
}
