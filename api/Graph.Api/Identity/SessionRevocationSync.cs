using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.GraphQL.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Identity;

/// <summary>The event every instance hears when sessions are revoked: their access tokens are refused from then on.</summary>
/// <param name="SessionIds">The sessions revoked.</param>
/// <param name="RevokedAt">When they were revoked.</param>
public sealed record SessionsRevoked(IReadOnlyList<Guid> SessionIds, DateTimeOffset RevokedAt)
{
    /// <summary>The topic the event travels on (PostgreSQL LISTEN/NOTIFY between instances).</summary>
    public const string Topic = "identity.sessionRevoked";
}

/// <summary>
/// Keeps <see cref="RevokedSessions"/> in step with the database and the other instances, from the first time an access
/// token is checked (an instance that serves no signed-in user never asks): subscribes to <see cref="SessionsRevoked.Topic"/>,
/// then loads the sessions revoked within the access-token lifetime, and loads them again every
/// <see cref="ResyncInterval"/> (an event sent while this instance's listening connection was down is lost; the next
/// load catches it). Failures are logged and retried; until a load succeeds, token checks ask the database instead.
/// Also deletes login attempts older than <see cref="LoginAttemptRetention"/>.
/// </summary>
public sealed class SessionRevocationSync(
    RevokedSessions revoked,
    ITopicEventReceiver receiver,
    IDbContextFactory<GraphDbContext> contexts,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<SessionRevocationSync> logger) : BackgroundService
{
    /// <summary>How often the revoked sessions are loaded again.</summary>
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long login attempts are kept (far longer than any throttling window).</summary>
    public static readonly TimeSpan LoginAttemptRetention = TimeSpan.FromDays(30);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly TaskCompletionSource _firstSubscription = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await revoked.WhenLoadRequested.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        var listening = ListenAsync(stoppingToken);
        // Subscribed before loading, so that no revocation falls between the load and the first event.
        await _firstSubscription.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await ResyncAsync(stoppingToken);
        await listening;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var stream = await receiver.SubscribeAsync<SessionsRevoked>(SessionsRevoked.Topic, stoppingToken);
                _firstSubscription.TrySetResult();
                delay = FirstRetryDelay;
                await foreach (var revocation in stream.ReadEventsAsync().WithCancellation(stoppingToken))
                {
                    foreach (var sessionId in revocation.SessionIds)
                    {
                        revoked.Add(sessionId, revocation.RevokedAt);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Not listening to session revocations of other instances; retrying in {Delay}.", delay);
            }
            // The first attempt has been made, successful or not: loading need not wait longer.
            _firstSubscription.TrySetResult();
            if (!await WaitAsync(delay, stoppingToken))
            {
                return;
            }
            delay = Next(delay);
        }
    }

    private async Task ResyncAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        var wait = TimeSpan.Zero;
        while (await WaitAsync(wait, stoppingToken))
        {
            try
            {
                await SyncAsync(stoppingToken);
                delay = FirstRetryDelay;
                wait = ResyncInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not load the revoked sessions from the database; retrying in {Delay}.", delay);
                wait = delay;
                delay = Next(delay);
            }
        }
    }

    /// <summary>Loads the revocations, forgets the expired ones, and now and then deletes old login attempts.</summary>
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var count = await LoadAsync(cancellationToken);
        revoked.Prune();
        if (clock.GetUtcNow() - _lastPrune >= PruneInterval)
        {
            await PruneLoginAttemptsAsync(cancellationToken);
            _lastPrune = clock.GetUtcNow();
        }
        if (!revoked.IsLoaded)
        {
            revoked.MarkLoaded();
            logger.LogInformation("Loaded {Count} session revocation(s) of the last {Lifetime}.", count, options.Value.Auth.AccessTokenLifetime);
        }
    }
    /// <summary>Adds the sessions revoked within the access-token lifetime; returns how many there were.</summary>
    private async Task<int> LoadAsync(CancellationToken cancellationToken)
    {
        var since = (clock.GetUtcNow() - options.Value.Auth.AccessTokenLifetime).UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.RevokedAt != null && s.RevokedAt > since)
            .Select(s => new { s.Id, RevokedAt = s.RevokedAt!.Value })
            .ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            revoked.Add(session.Id, new DateTimeOffset(DateTime.SpecifyKind(session.RevokedAt, DateTimeKind.Utc)));
        }
        return sessions.Count;
    }

    private async Task PruneLoginAttemptsAsync(CancellationToken cancellationToken)
    {
        var before = (clock.GetUtcNow() - LoginAttemptRetention).UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.LoginAttempts.Where(a => a.At < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, stoppingToken);
            }
            return !stoppingToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Next(TimeSpan delay) => delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
}
