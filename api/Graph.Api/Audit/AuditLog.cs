using Graph.Api.Data;

namespace Graph.Api.Audit;

/// <summary>
/// Records security events that change no entity (a failed sign-in, a revoked session) in the audit log. Changes to
/// entities need nothing of this: SaveChanges records them itself.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Adds an entry for <paramref name="action"/> to <paramref name="db"/>, with the actor of the current request; it is
    /// written by that context's next SaveChanges (in its transaction, if any) and announced like any other entry.
    /// </summary>
    /// <param name="db">The context whose SaveChanges writes the entry.</param>
    /// <param name="action">The event, in SCREAMING_CASE, e.g. <see cref="AuditActions.LoginFailed"/>.</param>
    /// <param name="entityType">The kind of thing concerned, e.g. <c>User</c> or <c>Session</c>.</param>
    /// <param name="entityId">The key of the thing concerned, or null when there is none (an unknown account).</param>
    /// <param name="details">What else to keep, serialised as JSON with camelCase names (an anonymous object); never secrets.</param>
    /// <returns>The entry added.</returns>
    /// <exception cref="ArgumentException">The action is not SCREAMING_CASE, or the entity type is empty.</exception>
    AuditEntry Add(GraphDbContext db, string action, string entityType, string? entityId, object? details = null);
}

/// <summary>The audit log of the server (see <see cref="IAuditLog"/>).</summary>
public sealed class AuditLog(TimeProvider clock) : IAuditLog
{
    /// <inheritdoc />
    public AuditEntry Add(GraphDbContext db, string action, string entityType, string? entityId, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!AuditActions.IsWellFormed(action))
        {
            throw new ArgumentException($"An audit action is 1 to {AuditActions.MaxLength} characters of A-Z, 0-9 and _, starting with a letter; '{action}' is not.", nameof(action));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        if (entityType.Length > AuditEntryConfiguration.MaxEntityTypeLength)
        {
            throw new ArgumentException($"An audit entity type has at most {AuditEntryConfiguration.MaxEntityTypeLength} characters.", nameof(entityType));
        }
        if (entityId?.Length > AuditEntryConfiguration.MaxEntityIdLength)
        {
            throw new ArgumentException($"An audit entity id has at most {AuditEntryConfiguration.MaxEntityIdLength} characters.", nameof(entityId));
        }

        var actor = AuditScope.Current;
        var now = AuditChanges.Now(clock);
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            OccurredAt = now,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            ClientIp = actor.ClientIp,
            UserAgent = actor.UserAgent,
            Operation = actor.Operation,
            RequestId = actor.RequestId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = AuditChanges.Serialize(details),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
