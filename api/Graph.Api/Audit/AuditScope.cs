namespace Graph.Api.Audit;

/// <summary>Who is changing data, and from where: what each audit entry records besides the change itself.</summary>
/// <param name="UserId">The authenticated user (claim <c>sub</c>), or null.</param>
/// <param name="Name">The user's display name, <see cref="AuditEntry.AnonymousActor"/> or <see cref="AuditEntry.SystemActor"/>.</param>
/// <param name="ClientIp">The client's address, when the change comes through a request.</param>
/// <param name="UserAgent">The client's User-Agent header, when known.</param>
/// <param name="Operation">The GraphQL operation (see <see cref="AuditEntry.Operation"/>), when known.</param>
/// <param name="RequestId">The HTTP request's identifier, when known.</param>
public sealed record AuditActor(Guid? UserId, string? Name, string? ClientIp, string? UserAgent, string? Operation, string? RequestId)
{
    /// <summary>The actor of changes made outside a request: seeding, maintenance verbs, background work.</summary>
    public static AuditActor System { get; } = new(null, AuditEntry.SystemActor, null, null, null, null);
}

/// <summary>
/// The actor of the code running now, for the audit log. A GraphQL mutation sets it around its execution
/// (<see cref="AuditRequestMiddleware"/>); the value flows into every resolver and SaveChanges the mutation awaits.
/// Outside it the actor is <see cref="AuditActor.System"/>.
/// </summary>
public static class AuditScope
{
    private static readonly AsyncLocal<AuditActor?> CurrentActor = new();

    /// <summary>The actor of the current asynchronous flow.</summary>
    public static AuditActor Current => CurrentActor.Value ?? AuditActor.System;

    /// <summary>
    /// Makes <paramref name="actor"/> the actor until the returned scope is disposed (then the previous one again).
    /// Dispose it in the same asynchronous method that began it.
    /// </summary>
    public static IDisposable Begin(AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var previous = CurrentActor.Value;
        CurrentActor.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActor? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                CurrentActor.Value = previous;
            }
        }
    }
}
