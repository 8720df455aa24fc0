using System.Text.Json;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Audit;

/// <summary>
/// One line of the audit log: who changed which entity, from where, through which operation, and what the values were
/// before and after. Entries are written in the same transaction as the change they describe and are never updated or
/// deleted (the database refuses it).
/// </summary>
[Node]
[NotAudited]
public sealed class AuditEntry
{
    /// <summary>The name recorded as actor of changes made outside a GraphQL request (seeding, maintenance verbs).</summary>
    public const string SystemActor = "system";

    /// <summary>The name recorded as actor of a GraphQL request without an authenticated user.</summary>
    public const string AnonymousActor = "anonymous";

    // A UUIDv7 of the time of the change: ids sort as the entries were written.
    public Guid Id { get; init; }

    /// <summary>When the change was saved (UTC, microseconds).</summary>
    public DateTime OccurredAt { get; init; }

    /// <summary>The user who made the change (their ID as a UUID), or null for an anonymous client or the system itself.</summary>
    public Guid? ActorUserId { get; init; }

    /// <summary>The actor's display name when the change was made, <c>anonymous</c> for a client without a user, or <c>system</c>.</summary>
    public string? ActorName { get; init; }

    /// <summary>The client's IP address as the server saw it, when the change came through a request.</summary>
    public string? ClientIp { get; init; }

    /// <summary>The client's User-Agent header, when the change came through a request.</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// The GraphQL operation that made the change: its root mutation fields (<c>addBook</c>), after the operation name when
    /// it has one (<c>PublishBook: addBook</c>); null outside GraphQL.
    /// </summary>
    public string? Operation { get; init; }

    /// <summary>What happened: <c>CREATED</c>, <c>UPDATED</c>, <c>DELETED</c>, or a security event such as <c>LOGIN_FAILED</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The kind of entity concerned, e.g. <c>Book</c>.</summary>
    public required string EntityType { get; init; }

    /// <summary>The database key of the entity concerned (a UUID as text), or null for an event that concerns no entity.</summary>
    public string? EntityId { get; init; }

    /// <summary>
    /// For CREATED, UPDATED and DELETED, the values that changed, by field: <c>{"title": {"before": "Old", "after": "New"}}</c>
    /// (a new entity has only <c>after</c>s, a deleted one only <c>before</c>s; secrets read <c>[redacted]</c>). For a
    /// security event, the details it recorded.
    /// </summary>
    public required JsonDocument Changes { get; init; }

    /// <summary>The identifier of the HTTP request that made the change, to match the server's logs.</summary>
    public string? RequestId { get; init; }
}
