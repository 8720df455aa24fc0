using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;

namespace Graph.Api.Tontines;

/// <summary>What a tontine mutation did: the object it changed, or the reasons nothing changed.</summary>
public abstract class TontinePayloadBase<TEntity, TError>
    where TEntity : class
{
    protected TontinePayloadBase(TEntity? entity, IReadOnlyList<TError>? errors)
    {
        Entity = entity;
        Errors = errors;
    }

    /// <summary>The object, for the subclass's named property.</summary>
    protected TEntity? Entity { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<TError>? Errors { get; }
}

/// <summary>What updateTontine did: the tontine with its new settings, or the reasons nothing changed.</summary>
public sealed class UpdateTontinePayload(Tontine? entity, IReadOnlyList<IUpdateTontineError>? errors) : TontinePayloadBase<Tontine, IUpdateTontineError>(entity, errors)
{
    /// <summary>The tontine with its new settings, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static UpdateTontinePayload Failed(params IUpdateTontineError[] errors) => new(null, errors);
}

/// <summary>What regenerateJoinCode did: the tontine, with its new join code, or the reasons nothing changed.</summary>
public sealed class RegenerateJoinCodePayload(Tontine? entity, IReadOnlyList<IRegenerateJoinCodeError>? errors) : TontinePayloadBase<Tontine, IRegenerateJoinCodeError>(entity, errors)
{
    /// <summary>The tontine, with its new join code, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static RegenerateJoinCodePayload Failed(params IRegenerateJoinCodeError[] errors) => new(null, errors);
}

/// <summary>What joinTontine did: the tontine joined, or the reasons nothing changed.</summary>
public sealed class JoinTontinePayload(Tontine? entity, IReadOnlyList<IJoinTontineError>? errors) : TontinePayloadBase<Tontine, IJoinTontineError>(entity, errors)
{
    /// <summary>The tontine joined, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static JoinTontinePayload Failed(params IJoinTontineError[] errors) => new(null, errors);
}

/// <summary>What inviteToTontine did: the invitation sent, or the reasons nothing changed.</summary>
public sealed class InviteToTontinePayload(TontineInvitation? entity, IReadOnlyList<IInviteToTontineError>? errors) : TontinePayloadBase<TontineInvitation, IInviteToTontineError>(entity, errors)
{
    /// <summary>The invitation sent, or null when there are errors.</summary>
    public TontineInvitation? Invitation => Entity;

    public static InviteToTontinePayload Failed(params IInviteToTontineError[] errors) => new(null, errors);
}

/// <summary>What respondToTontineInvitation did: the invitation, answered, or the reasons nothing changed.</summary>
public sealed class RespondToTontineInvitationPayload(TontineInvitation? entity, IReadOnlyList<IRespondToTontineInvitationError>? errors) : TontinePayloadBase<TontineInvitation, IRespondToTontineInvitationError>(entity, errors)
{
    /// <summary>The invitation, answered, or null when there are errors.</summary>
    public TontineInvitation? Invitation => Entity;

    public static RespondToTontineInvitationPayload Failed(params IRespondToTontineInvitationError[] errors) => new(null, errors);
}

/// <summary>What revokeTontineInvitation did: the invitation, revoked, or the reasons nothing changed.</summary>
public sealed class RevokeTontineInvitationPayload(TontineInvitation? entity, IReadOnlyList<IRevokeTontineInvitationError>? errors) : TontinePayloadBase<TontineInvitation, IRevokeTontineInvitationError>(entity, errors)
{
    /// <summary>The invitation, revoked, or null when there are errors.</summary>
    public TontineInvitation? Invitation => Entity;

    public static RevokeTontineInvitationPayload Failed(params IRevokeTontineInvitationError[] errors) => new(null, errors);
}

/// <summary>What removeTontineMember did: the tontine without the member, or the reasons nothing changed.</summary>
public sealed class RemoveTontineMemberPayload(Tontine? entity, IReadOnlyList<IRemoveTontineMemberError>? errors) : TontinePayloadBase<Tontine, IRemoveTontineMemberError>(entity, errors)
{
    /// <summary>The tontine without the member, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static RemoveTontineMemberPayload Failed(params IRemoveTontineMemberError[] errors) => new(null, errors);
}

/// <summary>What setPayoutOrder did: the tontine with its new payout order, or the reasons nothing changed.</summary>
public sealed class SetPayoutOrderPayload(Tontine? entity, IReadOnlyList<ISetPayoutOrderError>? errors) : TontinePayloadBase<Tontine, ISetPayoutOrderError>(entity, errors)
{
    /// <summary>The tontine with its new payout order, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static SetPayoutOrderPayload Failed(params ISetPayoutOrderError[] errors) => new(null, errors);
}

/// <summary>What startTontine did: the tontine, now ACTIVE, or the reasons nothing changed.</summary>
public sealed class StartTontinePayload(Tontine? entity, IReadOnlyList<IStartTontineError>? errors) : TontinePayloadBase<Tontine, IStartTontineError>(entity, errors)
{
    /// <summary>The tontine, now ACTIVE, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static StartTontinePayload Failed(params IStartTontineError[] errors) => new(null, errors);
}

/// <summary>What suspendTontine did: the tontine, now SUSPENDED, or the reasons nothing changed.</summary>
public sealed class SuspendTontinePayload(Tontine? entity, IReadOnlyList<ISuspendTontineError>? errors) : TontinePayloadBase<Tontine, ISuspendTontineError>(entity, errors)
{
    /// <summary>The tontine, now SUSPENDED, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static SuspendTontinePayload Failed(params ISuspendTontineError[] errors) => new(null, errors);
}

/// <summary>What resumeTontine did: the tontine, ACTIVE again, or the reasons nothing changed.</summary>
public sealed class ResumeTontinePayload(Tontine? entity, IReadOnlyList<IResumeTontineError>? errors) : TontinePayloadBase<Tontine, IResumeTontineError>(entity, errors)
{
    /// <summary>The tontine, ACTIVE again, or null when there are errors.</summary>
    public Tontine? Tontine => Entity;

    public static ResumeTontinePayload Failed(params IResumeTontineError[] errors) => new(null, errors);
}

/// <summary>What leaveTontine did: the tontine left, or the reasons the caller is still a member.</summary>
public sealed class LeaveTontinePayload(Guid? tontineId, IReadOnlyList<ILeaveTontineError>? errors)
{
    /// <summary>The tontine left (the caller no longer sees it), or null when there are errors.</summary>
    [ID<Tontine>]
    public Guid? TontineId { get; } = tontineId;

    /// <summary>Why the caller could not leave, or null when they left.</summary>
    public IReadOnlyList<ILeaveTontineError>? Errors { get; } = errors;

    public static LeaveTontinePayload Failed(params ILeaveTontineError[] errors) => new(null, errors);
}

/// <summary>The domain errors of updateTontine.</summary>
[UnionType("UpdateTontineError")]
public interface IUpdateTontineError;

/// <summary>The domain errors of regenerateJoinCode.</summary>
[UnionType("RegenerateJoinCodeError")]
public interface IRegenerateJoinCodeError;

/// <summary>The domain errors of joinTontine.</summary>
[UnionType("JoinTontineError")]
public interface IJoinTontineError;

/// <summary>The domain errors of inviteToTontine.</summary>
[UnionType("InviteToTontineError")]
public interface IInviteToTontineError;

/// <summary>The domain errors of respondToTontineInvitation.</summary>
[UnionType("RespondToTontineInvitationError")]
public interface IRespondToTontineInvitationError;

/// <summary>The domain errors of revokeTontineInvitation.</summary>
[UnionType("RevokeTontineInvitationError")]
public interface IRevokeTontineInvitationError;

/// <summary>The domain errors of leaveTontine.</summary>
[UnionType("LeaveTontineError")]
public interface ILeaveTontineError;

/// <summary>The domain errors of removeTontineMember.</summary>
[UnionType("RemoveTontineMemberError")]
public interface IRemoveTontineMemberError;

/// <summary>The domain errors of setPayoutOrder.</summary>
[UnionType("SetPayoutOrderError")]
public interface ISetPayoutOrderError;

/// <summary>The domain errors of startTontine.</summary>
[UnionType("StartTontineError")]
public interface IStartTontineError;

/// <summary>The domain errors of suspendTontine.</summary>
[UnionType("SuspendTontineError")]
public interface ISuspendTontineError;

/// <summary>The domain errors of resumeTontine.</summary>
[UnionType("ResumeTontineError")]
public interface IResumeTontineError;

/// <summary>The tontine is no longer a DRAFT: its settings and members are fixed once it has started.</summary>
public sealed class TontineNotDraftError(TontineStatus status) : IError, IUpdateTontineError, IJoinTontineError, IInviteToTontineError, IRespondToTontineInvitationError, ISetPayoutOrderError, IStartTontineError, IAddTontineMemberError
{
    /// <inheritdoc />
    public string Message => "This can only be done while the tontine is a DRAFT (before it starts).";

    /// <inheritdoc />
    public string Code => "TONTINE_NOT_DRAFT";

    /// <summary>Where the tontine is now.</summary>
    public TontineStatus Status { get; } = status;
}

/// <summary>The code matches no tontine: it is malformed or unknown (the two are not told apart).</summary>
public sealed class JoinCodeInvalidError : IError, IJoinTontineError
{
    /// <inheritdoc />
    public string Message => "This code matches no tontine: check it with the member who gave it to you.";

    /// <inheritdoc />
    public string Code => "JOIN_CODE_INVALID";
}

/// <summary>The tontine has as many members as its member limit.</summary>
public sealed class TontineFullError(int memberLimit) : IError, IJoinTontineError, IInviteToTontineError, IRespondToTontineInvitationError, IAddTontineMemberError
{
    /// <inheritdoc />
    public string Message => "The tontine is full: its president may raise its member limit (updateTontine) while it is a DRAFT.";

    /// <inheritdoc />
    public string Code => "TONTINE_FULL";

    /// <summary>The tontine's member limit.</summary>
    public int MemberLimit { get; } = memberLimit;
}

/// <summary>No invitation of the caller (or of this tontine) has this ID.</summary>
public sealed class TontineInvitationNotFoundError : IError, IRespondToTontineInvitationError, IRevokeTontineInvitationError
{
    /// <inheritdoc />
    public string Message => "There is no such invitation.";

    /// <inheritdoc />
    public string Code => "TONTINE_INVITATION_NOT_FOUND";
}

/// <summary>The invitation was already answered or revoked.</summary>
public sealed class TontineInvitationNotPendingError(TontineInvitationStatus status) : IError, IRespondToTontineInvitationError, IRevokeTontineInvitationError
{
    /// <inheritdoc />
    public string Message => "This invitation was already answered or revoked.";

    /// <inheritdoc />
    public string Code => "TONTINE_INVITATION_NOT_PENDING";

    /// <summary>Where the invitation is.</summary>
    public TontineInvitationStatus Status { get; } = status;
}

/// <summary>The person already has a pending invitation to the tontine.</summary>
public sealed class TontineInvitationPendingError : IError, IInviteToTontineError
{
    /// <inheritdoc />
    public string Message => "This person already has a pending invitation to the tontine: wait for the answer, or revoke it first.";

    /// <inheritdoc />
    public string Code => "TONTINE_INVITATION_PENDING";
}

/// <summary>The member has a contribution past its due date that is not paid (with its fine, unless waived).</summary>
public sealed class DuesOutstandingError(int contributions) : IError, ILeaveTontineError, IRemoveTontineMemberError
{
    /// <inheritdoc />
    public string Message => "The member owes contributions past their due date (and their fines): they must be paid, or the fines waived, before leaving.";

    /// <inheritdoc />
    public string Code => "DUES_OUTSTANDING";

    /// <summary>How many contributions are past due and unpaid.</summary>
    public int Contributions { get; } = contributions;
}

/// <summary>A passage of the member is not confirmed yet: their turn is still to come, being paid, or paid and awaiting their
/// confirmation. Leaving would strand the session's pot or the payout.</summary>
public sealed class PassagePendingError(PassageKind kind, PassageStatus status) : IError, ILeaveTontineError, IRemoveTontineMemberError
{
    /// <inheritdoc />
    public string Message => Status switch
    {
        PassageStatus.Scheduled => "The member's turn at the pot is still to come: they may leave once they have received it, confirmed it and paid the later sessions.",
        PassageStatus.Started => "The member's payout is being made: they may leave once it is paid and they have confirmed it.",
        _ => "The member's payout is paid but not confirmed: they confirm it (confirmPassage) before leaving.",
    };

    /// <inheritdoc />
    public string Code => "PASSAGE_PENDING";

    /// <summary>The passage's kind.</summary>
    public PassageKind Kind { get; } = kind;

    /// <summary>Where the passage is.</summary>
    public PassageStatus Status { get; } = status;
}

/// <summary>The member took the pot and still owes the contributions of later sessions.</summary>
public sealed class TurnsOwedError(int contributions) : IError, ILeaveTontineError, IRemoveTontineMemberError
{
    /// <inheritdoc />
    public string Message => "The member already took the pot: they must pay the contributions of the sessions after their turn before leaving.";

    /// <inheritdoc />
    public string Code => "TURNS_OWED";

    /// <summary>How many contributions of later sessions are unpaid.</summary>
    public int Contributions { get; } = contributions;
}

/// <summary>The member paid contributions but has not been paid their turn or their savings: leaving would lose them.</summary>
public sealed class ContributionsNotReturnedError : IError, ILeaveTontineError, IRemoveTontineMemberError
{
    /// <inheritdoc />
    public string Message => "The member paid contributions and has not received their payout yet: leaving now would lose that money. Wait for their payout (turn or savings) first.";

    /// <inheritdoc />
    public string Code => "CONTRIBUTIONS_NOT_RETURNED";
}

/// <summary>The payout order given cannot be used.</summary>
public sealed class InvalidPayoutOrderError(string message) : IError, ISetPayoutOrderError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_PAYOUT_ORDER";
}

/// <summary>A tontine starts with at least two members.</summary>
public sealed class NotEnoughMembersError(int members) : IError, IStartTontineError
{
    /// <inheritdoc />
    public string Message => "A tontine needs at least two members to start: invite more people first.";

    /// <inheritdoc />
    public string Code => "NOT_ENOUGH_MEMBERS";

    /// <summary>How many members the tontine has.</summary>
    public int Members { get; } = members;
}

/// <summary>The start date is in the past.</summary>
public sealed class StartDatePassedError(DateOnly startDate) : IError, IStartTontineError
{
    /// <inheritdoc />
    public string Message => "The start date has passed: set a new one (updateTontine) before starting.";

    /// <inheritdoc />
    public string Code => "START_DATE_PASSED";

    /// <summary>The start date set.</summary>
    public DateOnly StartDate { get; } = startDate;
}

/// <summary>A MANUAL payout order was not given for the current members.</summary>
public sealed class PayoutOrderMissingError : IError, IStartTontineError
{
    /// <inheritdoc />
    public string Message => "The payout order is MANUAL and was not given for the current members: give it with setPayoutOrder first.";

    /// <inheritdoc />
    public string Code => "PAYOUT_ORDER_MISSING";
}

/// <summary>Only a SUSPENDED tontine is resumed.</summary>
public sealed class TontineNotSuspendedError(TontineStatus status) : IError, IResumeTontineError
{
    /// <inheritdoc />
    public string Message => "Only a SUSPENDED tontine can be resumed.";

    /// <inheritdoc />
    public string Code => "TONTINE_NOT_SUSPENDED";

    /// <summary>Where the tontine is now.</summary>
    public TontineStatus Status { get; } = status;
}
