using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tontines;

/// <summary>A tontine's sessions on Mutation: opened and closed by its treasurer or president.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontineSessionMutations
{
    /// <summary>Opens a SCHEDULED session of an ACTIVE tontine for its contributions (the tontine's treasurer or president).
    /// Sessions open in order: session n once session n-1 is open.</summary>
    [Authorize]
    public async Task<OpenTontineSessionPayload> OpenTontineSessionAsync(OpenTontineSessionInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.OpenSessionAsync(input.SessionId, TontineActors.Of(user), cancellationToken);
        return new OpenTontineSessionPayload(result.Value, result.Error is null ? null : [(IOpenTontineSessionError)result.Error]);
    }

    /// <summary>Closes an OPEN session (the tontine's treasurer or president); late contributions may still be paid, with their
    /// fine. Closing the last session of a CUMULATIVE or MIXED tontine fixes each member's savings as a SAVINGS passage.
    /// The tontine completes once every session is closed and every passage confirmed.</summary>
    [Authorize]
    public async Task<CloseTontineSessionPayload> CloseTontineSessionAsync(CloseTontineSessionInput input, ClaimsPrincipal user, TontineTreasury treasury, CancellationToken cancellationToken)
    {
        var result = await treasury.CloseSessionAsync(input.SessionId, TontineActors.Of(user), cancellationToken);
        return new CloseTontineSessionPayload(result.Value, result.Error is null ? null : [(ICloseTontineSessionError)result.Error]);
    }
}

/// <summary>The caller as a <see cref="TontineActor"/>.</summary>
public static class TontineActors
{
    /// <summary>The signed-in <paramref name="user"/>, and whether they are an ADMIN.</summary>
    public static TontineActor Of(ClaimsPrincipal user) => new(Accounts.RequireUserId(user), user.IsInRole(PlatformRoles.AdminName));
}

/// <summary>A session to open.</summary>
public sealed class OpenTontineSessionInput
{
    /// <summary>The session (the ID of a TontineSession).</summary>
    [ID<TontineSession>]
    public required Guid SessionId { get; init; }
}

/// <summary>A session to close.</summary>
public sealed class CloseTontineSessionInput
{
    /// <summary>The session (the ID of a TontineSession).</summary>
    [ID<TontineSession>]
    public required Guid SessionId { get; init; }
}

/// <summary>What openTontineSession did: the session, OPEN, or why nothing changed.</summary>
public sealed class OpenTontineSessionPayload(TontineSession? session, IReadOnlyList<IOpenTontineSessionError>? errors)
{
    /// <summary>The session, or null when there are errors.</summary>
    public TontineSession? Session { get; } = session;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<IOpenTontineSessionError>? Errors { get; } = errors;
}

/// <summary>What closeTontineSession did: the session, CLOSED, or why nothing changed.</summary>
public sealed class CloseTontineSessionPayload(TontineSession? session, IReadOnlyList<ICloseTontineSessionError>? errors)
{
    /// <summary>The session, or null when there are errors.</summary>
    public TontineSession? Session { get; } = session;

    /// <summary>Why nothing changed, or null.</summary>
    public IReadOnlyList<ICloseTontineSessionError>? Errors { get; } = errors;
}
