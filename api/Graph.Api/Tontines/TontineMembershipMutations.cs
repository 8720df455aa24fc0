using Graph.Api.Common;
using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// Who belongs to a tontine, on Mutation: joining with a code, invitations and their answers, leaving and removal. Each
/// runs in one transaction holding the tontine's row lock (so the member limit holds under concurrent joins); an error
/// changes nothing. A change of members of a DRAFT forgets its payout order.
/// </summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontineMembershipMutations
{
    /// <summary>
    /// Joins the DRAFT tontine whose join code is given, as a MEMBER. A malformed code and an unknown one get the same
    /// JOIN_CODE_INVALID, so codes cannot be probed.
    /// </summary>
    [Authorize]
    public async Task<JoinTontinePayload> JoinTontineAsync(
        JoinTontineInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        if (TontineJoinCodes.Normalize(input.Code) is not { } code)
        {
            return JoinTontinePayload.Failed(new JoinCodeInvalidError());
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockByJoinCodeAsync(db, code, cancellationToken) is not { } tontine)
        {
            return JoinTontinePayload.Failed(new JoinCodeInvalidError());
        }
        if (await AddAsync(db, tontine, userId, TontineRole.Member, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
        {
            return JoinTontinePayload.Failed((IJoinTontineError)error);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JoinTontinePayload(tontine, null);
    }

    /// <summary>Invites a person to a DRAFT tontine with a role, and tells them; they answer with
    /// respondToTontineInvitation. Only the tontine's president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<InviteToTontinePayload> InviteToTontineAsync(
        InviteToTontineInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        Notifier notifier,
        INodeIdSerializer ids,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var callerId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return InviteToTontinePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        var invitee = await db.Users.SingleOrDefaultAsync(u => u.Id == input.UserId, cancellationToken);
        if (invitee is null)
        {
            return InviteToTontinePayload.Failed(new UserNotFoundError(input.UserId));
        }
        if (tontine.Status != TontineStatus.Draft)
        {
            return InviteToTontinePayload.Failed(new TontineNotDraftError(tontine.Status));
        }
        if (await db.TontineMembers.AnyAsync(m => m.TontineId == tontine.Id && m.UserId == input.UserId, cancellationToken))
        {
            return InviteToTontinePayload.Failed(new AlreadyTontineMemberError(input.UserId));
        }
        if (await db.TontineInvitations.AnyAsync(i => i.TontineId == tontine.Id && i.UserId == input.UserId && i.Status == TontineInvitationStatus.Pending, cancellationToken))
        {
            return InviteToTontinePayload.Failed(new TontineInvitationPendingError());
        }
        if (await db.TontineMembers.CountAsync(m => m.TontineId == tontine.Id, cancellationToken) >= tontine.MemberLimit)
        {
            return InviteToTontinePayload.Failed(new TontineFullError(tontine.MemberLimit));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new TontineInvitation
        {
            Id = Guid.CreateVersion7(now),
            TontineId = tontine.Id,
            UserId = input.UserId,
            InvitedByUserId = callerId,
            Role = input.Role,
            Status = TontineInvitationStatus.Pending,
            CreatedAt = now,
        };
        db.TontineInvitations.Add(invitation);
        var inviter = await db.Users.Where(u => u.Id == callerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        await notifier.NotifyAsync(db, invitee, NotificationTemplates.TontineInvitation,
            new Dictionary<string, string> { ["tontine"] = tontine.Name, ["role"] = TontineRoles.ToName(input.Role), ["inviter"] = inviter },
            data: new { tontineId = ids.Format(nameof(Tontine), tontine.Id), invitationId = ids.Format(nameof(TontineInvitation), invitation.Id) },
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InviteToTontinePayload(invitation, null);
    }

    /// <summary>
    /// Answers an invitation of the caller's: accepting makes them a member with the role offered (the tontine must still
    /// be a DRAFT with a free place), declining closes it. Only the person invited may answer.
    /// </summary>
    [Authorize]
    public async Task<RespondToTontineInvitationPayload> RespondToTontineInvitationAsync(
        RespondToTontineInvitationInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tontineId = await db.TontineInvitations.Where(i => i.Id == input.InvitationId && i.UserId == userId).Select(i => (Guid?)i.TontineId).SingleOrDefaultAsync(cancellationToken);
        if (tontineId is null || await TontineLocks.LockAsync(db, tontineId.Value, cancellationToken) is not { } tontine)
        {
            return RespondToTontineInvitationPayload.Failed(new TontineInvitationNotFoundError());
        }
        // Read again under the lock: a revocation may have just ended it.
        var invitation = await db.TontineInvitations.SingleAsync(i => i.Id == input.InvitationId, cancellationToken);
        if (invitation.Status != TontineInvitationStatus.Pending)
        {
            return RespondToTontineInvitationPayload.Failed(new TontineInvitationNotPendingError(invitation.Status));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Accept && await AddAsync(db, tontine, userId, invitation.Role, now, cancellationToken) is { } error)
        {
            return RespondToTontineInvitationPayload.Failed((IRespondToTontineInvitationError)error);
        }
        invitation.Status = input.Accept ? TontineInvitationStatus.Accepted : TontineInvitationStatus.Declined;
        invitation.RespondedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RespondToTontineInvitationPayload(invitation, null);
    }

    /// <summary>Withdraws a pending invitation. Only the tontine's president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<RevokeTontineInvitationPayload> RevokeTontineInvitationAsync(
        RevokeTontineInvitationInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is null)
        {
            return RevokeTontineInvitationPayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        var invitation = await db.TontineInvitations.SingleOrDefaultAsync(i => i.Id == input.InvitationId && i.TontineId == input.TontineId, cancellationToken);
        if (invitation is null)
        {
            return RevokeTontineInvitationPayload.Failed(new TontineInvitationNotFoundError());
        }
        if (invitation.Status != TontineInvitationStatus.Pending)
        {
            return RevokeTontineInvitationPayload.Failed(new TontineInvitationNotPendingError(invitation.Status));
        }
        invitation.Status = TontineInvitationStatus.Revoked;
        invitation.RespondedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RevokeTontineInvitationPayload(invitation, null);
    }

    /// <summary>
    /// The caller leaves a tontine, unless it would leave it without a president or someone out of pocket: dues past their
    /// date (DUES_OUTSTANDING), contributions owed after taking the pot (TURNS_OWED), or contributions paid and not yet
    /// returned (CONTRIBUTIONS_NOT_RETURNED). See <see cref="TontineDepartures"/>.
    /// </summary>
    [Authorize(Policy = TontinePolicies.Member)]
    public async Task<LeaveTontinePayload> LeaveTontineAsync(
        LeaveTontineInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return LeaveTontinePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (await TontineDepartures.RemoveAsync(db, tontine, userId, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
        {
            return LeaveTontinePayload.Failed((ILeaveTontineError)error);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LeaveTontinePayload(tontine.Id, null);
    }

    /// <summary>Removes a member from a tontine, under the rules of leaveTontine. Only the tontine's president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<RemoveTontineMemberPayload> RemoveTontineMemberAsync(
        RemoveTontineMemberInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return RemoveTontineMemberPayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (await TontineDepartures.RemoveAsync(db, tontine, input.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
        {
            return RemoveTontineMemberPayload.Failed((IRemoveTontineMemberError)error);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RemoveTontineMemberPayload(tontine, null);
    }

    /// <summary>Adds <paramref name="userId"/> to the locked DRAFT <paramref name="tontine"/> within its limit, and forgets its
    /// payout order; the error (one of the join and invitation unions) otherwise.</summary>
    internal static async Task<IError?> AddAsync(GraphDbContext db, Tontine tontine, Guid userId, TontineRole role, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.TontineMembers.AnyAsync(m => m.TontineId == tontine.Id && m.UserId == userId, cancellationToken))
        {
            return new AlreadyTontineMemberError(userId);
        }
        if (tontine.Status != TontineStatus.Draft)
        {
            return new TontineNotDraftError(tontine.Status);
        }
        if (await db.TontineMembers.CountAsync(m => m.TontineId == tontine.Id, cancellationToken) >= tontine.MemberLimit)
        {
            return new TontineFullError(tontine.MemberLimit);
        }
        db.TontineMembers.Add(new TontineMember { TontineId = tontine.Id, UserId = userId, Role = role, JoinedAt = now });
        await TontineStarter.ClearOrderAsync(db, tontine, now, cancellationToken);
        return null;
    }
}
