using System.Collections.Concurrent;
using System.Security.Claims;
using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Identity;

/// <summary>
/// The sessions revoked lately, in memory, so that their access tokens are refused before they expire without asking the
/// database on every request. An entry is kept until the access-token lifetime has passed since the revocation: every
/// token of the session was issued before it, so none is still valid then. Filled from the database when the instance
/// first checks a token, kept in step across instances by <see cref="SessionRevocationSync"/>. One per process.
/// </summary>
public sealed class RevokedSessions(IOptions<GraphOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _keepUntil = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loadRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _additionsSincePrune;

    /// <summary>Whether the sessions revoked before this instance started have been loaded; until then, token checks ask
    /// the database.</summary>
    public bool IsLoaded => _loaded.Task.IsCompleted;

    /// <summary>Completes once <see cref="IsLoaded"/>.</summary>
    public Task WhenLoaded => _loaded.Task;

    /// <summary>Completes when an access token was first checked: the revocations are loaded from then on.</summary>
    public Task WhenLoadRequested => _loadRequested.Task;

    /// <summary>How many revocations are remembered.</summary>
    public int Count => _keepUntil.Count;

    /// <summary>Whether the session was revoked (within the access-token lifetime).</summary>
    public bool Contains(Guid sessionId) => _keepUntil.ContainsKey(sessionId);

    /// <summary>Remembers that <paramref name="sessionId"/> was revoked at <paramref name="revokedAt"/>.</summary>
    public void Add(Guid sessionId, DateTimeOffset revokedAt)
    {
        var keepUntil = revokedAt + options.Value.Auth.AccessTokenLifetime;
        if (keepUntil <= clock.GetUtcNow())
        {
            return;
        }
        _keepUntil.AddOrUpdate(sessionId, keepUntil, (_, known) => known > keepUntil ? known : keepUntil);
        if (Interlocked.Increment(ref _additionsSincePrune) >= 256)
        {
            Prune();
        }
    }

    /// <summary>Forgets the revocations whose tokens have all expired.</summary>
    public void Prune()
    {
        Interlocked.Exchange(ref _additionsSincePrune, 0);
        var now = clock.GetUtcNow();
        foreach (var (sessionId, keepUntil) in _keepUntil)
        {
            if (keepUntil <= now)
            {
                _keepUntil.TryRemove(KeyValuePair.Create(sessionId, keepUntil));
            }
        }
    }

    /// <summary>Asks for the revocations to be loaded (and kept in step); the first call starts it.</summary>
    public void RequestLoad() => _loadRequested.TrySetResult();

    internal void MarkLoaded() => _loaded.TrySetResult();
}

/// <summary>Where an access token's principal stands at a given moment.</summary>
public enum AccessTokenStatus
{
    /// <summary>The principal is authenticated by an access token that may still be used.</summary>
    Valid,

    /// <summary>The token has expired.</summary>
    Expired,

    /// <summary>The token's session was revoked.</summary>
    Revoked,

    /// <summary>The principal is not authenticated by an access token (anonymous).</summary>
    Anonymous,
}

/// <summary>
/// Checks again a principal authenticated earlier (when a WebSocket connected, when a subscription started): a long-lived
/// connection must stop serving a user whose token has since expired or whose session was revoked.
/// </summary>
public sealed class AccessTokenState(RevokedSessions revoked)
{
    /// <summary>Where <paramref name="principal"/>'s token stands at <paramref name="now"/>; revocation is read from memory
    /// only (<see cref="RevokedSessions"/>), so this is cheap enough for every subscription event.</summary>
    public AccessTokenStatus Check(ClaimsPrincipal? principal, DateTimeOffset now)
    {
        if (principal is null || !principal.IsAuthenticatedByToken() || principal.GetSessionId() is not { } sessionId)
        {
            return AccessTokenStatus.Anonymous;
        }
        if (revoked.Contains(sessionId))
        {
            return AccessTokenStatus.Revoked;
        }
        return principal.GetExpiry() is { } expiresAt && expiresAt > now ? AccessTokenStatus.Valid : AccessTokenStatus.Expired;
    }
}
