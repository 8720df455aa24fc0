using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.GraphQL.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Identity;

/// <summary>
/// Sessions and their tokens: starting one at sign-in, exchanging a refresh token for the next pair, ending sessions, and
/// listing a user's devices. A revoked session's access tokens are refused at once on every instance
/// (<see cref="RevokedSessions"/>, event <see cref="SessionsRevoked"/>).
/// </summary>
public sealed class SessionService(
    IDbContextFactory<GraphDbContext> contexts,
    AccessTokenService accessTokens,
    RevokedSessions revoked,
    ITopicEventSender events,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<SessionService> logger)
{
    /// <summary>
    /// Adds a new session of <paramref name="user"/> and its first refresh token to <paramref name="db"/> (saved with the
    /// caller's changes) and returns its tokens. <paramref name="user"/> must have been added to or loaded in
    /// <paramref name="db"/>, so that its ID is known.
    /// </summary>
    internal AuthTokens Start(GraphDbContext db, User user, IReadOnlyCollection<PlatformRole> roles, ClientInfo client, string? device)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            Device = ClientInfo.Truncate(device, Session.MaxDeviceLength) ?? ClientInfo.Truncate(client.UserAgent, Session.MaxDeviceLength),
            IpAddress = client.IpAddress,
            UserAgent = client.UserAgent,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + options.Value.Auth.RefreshTokenLifetime,
        };
        var (refreshText, refreshToken) = NewRefreshToken(session.Id, now);
        db.Sessions.Add(session);
        db.RefreshTokens.Add(refreshToken);
        return Tokens(user, roles, session.Id, refreshText, refreshToken.ExpiresAt);
    }

    /// <summary>
    /// Exchanges <paramref name="refreshToken"/> for the session's next pair; the token given can never be used again. A
    /// token used a second time ends its session (someone else may hold a copy) and is refused, as are tokens of ended
    /// sessions and expired tokens. The exchange holds the token's and the session's rows locked, so two exchanges of one
    /// token never both succeed.
    /// </summary>
    public async Task<RefreshTokenPayload> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        if (RefreshTokens.Hash(refreshToken) is not { } hash)
        {
            return RefreshTokenPayload.Failed(InvalidRefreshTokenError.Invalid());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = (await db.RefreshTokens.FromSql($"SELECT * FROM refresh_tokens WHERE token_hash = {hash} FOR UPDATE").ToListAsync(cancellationToken))
            .SingleOrDefault();
        if (token is null)
        {
            return RefreshTokenPayload.Failed(InvalidRefreshTokenError.Invalid());
        }
        var session = (await db.Sessions.FromSql($"SELECT * FROM sessions WHERE id = {token.SessionId} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        if (session.RevokedAt is not null)
        {
            return RefreshTokenPayload.Failed(InvalidRefreshTokenError.Invalid());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.UsedAt is not null)
        {
            session.RevokedAt = now;
            session.RevokedReason = SessionEndReason.RefreshTokenReused;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogWarning("A used refresh token of session {SessionId} (user {UserId}) was presented again; the session is revoked.", session.Id, session.UserId);
            await AnnounceAsync([session.Id], now);
            return RefreshTokenPayload.Failed(InvalidRefreshTokenError.Reused());
        }
        if (token.ExpiresAt <= now || session.ExpiresAt <= now)
        {
            return RefreshTokenPayload.Failed(InvalidRefreshTokenError.Expired());
        }

        var user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == session.UserId, cancellationToken);
        var (nextText, next) = NewRefreshToken(session.Id, now);
        db.RefreshTokens.Add(next);
        token.UsedAt = now;
        token.ReplacedById = next.Id;
        session.LastUsedAt = now;
        session.ExpiresAt = next.ExpiresAt;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RefreshTokenPayload.Refreshed(Tokens(user, RolesOf(user), session.Id, nextText, next.ExpiresAt));
    }

    /// <summary>Ends the session <paramref name="refreshToken"/> belongs to (any token of it, used or not, expired or not).
    /// Ending a session that has already ended changes nothing and reports when it ended.</summary>
    public async Task<LogoutPayload> LogoutAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        if (RefreshTokens.Hash(refreshToken) is not { } hash)
        {
            return LogoutPayload.Failed(InvalidRefreshTokenError.Invalid());
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessionId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.SessionId).SingleOrDefaultAsync(cancellationToken);
        if (sessionId is not { } id)
        {
            return LogoutPayload.Failed(InvalidRefreshTokenError.Invalid());
        }
        var revokedAt = await EndAsync(db, id, SessionEndReason.Logout, cancellationToken);
        return LogoutPayload.LoggedOut(new DateTimeOffset(revokedAt, TimeSpan.Zero));
    }

    /// <summary>
    /// The sessions of <paramref name="userId"/> that have neither ended nor expired, most recently used first, the one
    /// of <paramref name="currentSessionId"/> marked <see cref="SessionInfo.IsCurrent"/>.
    /// </summary>
    public async Task<IReadOnlyList<SessionInfo>> ListActiveAsync(Guid userId, Guid? currentSessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastUsedAt).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        return [.. sessions.Select(s => SessionInfo.From(s, currentSessionId))];
    }

    /// <summary>
    /// Ends the session <paramref name="sessionId"/> of <paramref name="userId"/> for <paramref name="reason"/>: its refresh
    /// token and access tokens are refused from now on. A session of another user is not found; one that had already ended
    /// is returned as it was.
    /// </summary>
    public async Task<RevokeSessionPayload> RevokeAsync(Guid userId, Guid sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken))
        {
            return RevokeSessionPayload.Failed(new SessionNotFoundError());
        }
        await EndAsync(db, sessionId, reason, cancellationToken);
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        return RevokeSessionPayload.Revoked(SessionInfo.From(session, null));
    }

    /// <summary>Ends every active session of <paramref name="userId"/> but <paramref name="keep"/> in the transaction of
    /// <paramref name="db"/>; returns their IDs, to <see cref="AnnounceAsync"/> once committed.</summary>
    internal async Task<IReadOnlyList<Guid>> EndOthersAsync(GraphDbContext db, Guid userId, Guid? keep, SessionEndReason reason, DateTime now, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions
            .Where(s => s.UserId == userId && s.Id != keep && s.RevokedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            session.RevokedAt = now;
            session.RevokedReason = reason;
        }
        return [.. sessions.Select(s => s.Id)];
    }

    /// <summary>
    /// Makes every instance refuse the access tokens of <paramref name="sessionIds"/>: this one at once, the others when the
    /// event reaches them (or at their next resynchronisation, should it be lost).
    /// </summary>
    internal async Task AnnounceAsync(IReadOnlyList<Guid> sessionIds, DateTime revokedAt)
    {
        if (sessionIds.Count == 0)
        {
            return;
        }
        var at = new DateTimeOffset(DateTime.SpecifyKind(revokedAt, DateTimeKind.Utc));
        foreach (var id in sessionIds)
        {
            revoked.Add(id, at);
        }
        try
        {
            // The revocation is committed: it is announced even if the client has gone.
            await events.SendAsync(SessionsRevoked.Topic, new SessionsRevoked(sessionIds, at), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sessions {SessionIds} were revoked, but the {Topic} event could not be sent; other instances will learn it at their next resynchronisation.",
                sessionIds, SessionsRevoked.Topic);
        }
    }

    /// <summary>Ends one session unless it has already ended; returns when it ended.</summary>
    private async Task<DateTime> EndAsync(GraphDbContext db, Guid sessionId, SessionEndReason reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await db.Sessions
            .Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
        if (ended == 0)
        {
            return await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.RevokedAt!.Value).SingleAsync(cancellationToken);
        }
        await AnnounceAsync([sessionId], now);
        return now;
    }

    private (string Text, RefreshToken Token) NewRefreshToken(Guid sessionId, DateTime now)
    {
        var text = RefreshTokens.Create();
        return (text, new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            SessionId = sessionId,
            TokenHash = RefreshTokens.Hash(text)!,
            CreatedAt = now,
            ExpiresAt = now + options.Value.Auth.RefreshTokenLifetime,
        });
    }

    private AuthTokens Tokens(User user, IReadOnlyCollection<PlatformRole> roles, Guid sessionId, string refreshText, DateTime refreshExpiresAt)
    {
        var (accessToken, accessExpiresAt) = accessTokens.Issue(user, roles, sessionId);
        return new AuthTokens
        {
            AccessToken = accessToken,
            AccessTokenExpiresAt = accessExpiresAt,
            RefreshToken = refreshText,
            RefreshTokenExpiresAt = new DateTimeOffset(DateTime.SpecifyKind(refreshExpiresAt, DateTimeKind.Utc)),
        };
    }

    internal static IReadOnlyCollection<PlatformRole> RolesOf(User user) => [.. (user.Roles ?? []).Select(r => r.Role)];
}
