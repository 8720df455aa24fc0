using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;

namespace Graph.Api.Tontines;

/// <summary>What createTontine did: the new tontine, or the reasons it was not created (and then nothing changed).</summary>
public sealed class CreateTontinePayload
{
    private CreateTontinePayload(Tontine? tontine, IReadOnlyList<ICreateTontineError>? errors)
    {
        Tontine = tontine;
        Errors = errors;
    }

    /// <summary>The tontine created, or null when there are errors.</summary>
    public Tontine? Tontine { get; }

    /// <summary>Why the tontine was not created, or null when it was.</summary>
    public IReadOnlyList<ICreateTontineError>? Errors { get; }

    public static CreateTontinePayload Created(Tontine tontine) => new(tontine, null);

    public static CreateTontinePayload Failed(IReadOnlyList<ICreateTontineError> errors) => new(null, errors);
}

/// <summary>What addTontineMember did: the new member, or the reason nothing changed.</summary>
public sealed class AddTontineMemberPayload
{
    private AddTontineMemberPayload(TontineMember? member, IReadOnlyList<IAddTontineMemberError>? errors)
    {
        Member = member;
        Errors = errors;
    }

    /// <summary>The member added, or null when there are errors.</summary>
    public TontineMember? Member { get; }

    /// <summary>Why no member was added, or null when one was.</summary>
    public IReadOnlyList<IAddTontineMemberError>? Errors { get; }

    public static AddTontineMemberPayload Added(TontineMember member) => new(member, null);

    public static AddTontineMemberPayload Failed(IAddTontineMemberError error) => new(null, [error]);
}

/// <summary>What setTontineMemberRole did: the member with their new role, or the reason nothing changed.</summary>
public sealed class SetTontineMemberRolePayload
{
    private SetTontineMemberRolePayload(TontineMember? member, IReadOnlyList<ISetTontineMemberRoleError>? errors)
    {
        Member = member;
        Errors = errors;
    }

    /// <summary>The member, with the role now held, or null when there are errors.</summary>
    public TontineMember? Member { get; }

    /// <summary>Why the role was not changed, or null when it was.</summary>
    public IReadOnlyList<ISetTontineMemberRoleError>? Errors { get; }

    public static SetTontineMemberRolePayload Changed(TontineMember member) => new(member, null);

    public static SetTontineMemberRolePayload Failed(ISetTontineMemberRoleError error) => new(null, [error]);
}

/// <summary>The domain errors of createTontine.</summary>
[UnionType("CreateTontineError")]
public interface ICreateTontineError;

/// <summary>The domain errors of addTontineMember.</summary>
[UnionType("AddTontineMemberError")]
public interface IAddTontineMemberError;

/// <summary>The domain errors of setTontineMemberRole.</summary>
[UnionType("SetTontineMemberRoleError")]
public interface ISetTontineMemberRoleError;

/// <summary>A field of the input breaks a rule of tontines.</summary>
public sealed class InvalidTontineInputError(string field, string message) : IError, ICreateTontineError, IUpdateTontineError, ISuspendTontineError,
    IWaiveContributionPenaltyError, IRecordCashContributionError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_TONTINE_INPUT";

    /// <summary>The offending input field, e.g. <c>name</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>No tontine has the given ID.</summary>
public sealed class TontineNotFoundError(Guid tontineId) : IError, IAddTontineMemberError, ISetTontineMemberRoleError, ISendReminderError, IUpdateTontineError,
    IRegenerateJoinCodeError, IInviteToTontineError, IRevokeTontineInvitationError, ILeaveTontineError, IRemoveTontineMemberError,
    ISetPayoutOrderError, IStartTontineError, ISuspendTontineError, IResumeTontineError
{
    /// <inheritdoc />
    public string Message => "There is no tontine with this ID.";

    /// <inheritdoc />
    public string Code => "TONTINE_NOT_FOUND";

    /// <summary>The tontine ID that matched no tontine, as it was given.</summary>
    [ID<Tontine>]
    public Guid TontineId { get; } = tontineId;
}

/// <summary>The user is already a member of the tontine (whatever the role; change it with setTontineMemberRole).</summary>
public sealed class AlreadyTontineMemberError(Guid userId) : IError, IAddTontineMemberError, IJoinTontineError, IInviteToTontineError, IRespondToTontineInvitationError
{
    /// <inheritdoc />
    public string Message => "This user is already a member of the tontine.";

    /// <inheritdoc />
    public string Code => "ALREADY_TONTINE_MEMBER";

    /// <summary>The user.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The user is not a member of the tontine.</summary>
public sealed class NotTontineMemberError(Guid userId) : IError, ISetTontineMemberRoleError, ISendReminderError, ILeaveTontineError, IRemoveTontineMemberError,
    IRecordCashContributionError, IWaiveContributionPenaltyError, IPayContributionError
{
    /// <inheritdoc />
    public string Message => "This user is not a member of the tontine.";

    /// <inheritdoc />
    public string Code => "NOT_TONTINE_MEMBER";

    /// <summary>The user.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The member is the tontine's only president: another member must become president first.</summary>
public sealed class LastPresidentError(Guid userId) : IError, ISetTontineMemberRoleError, ILeaveTontineError, IRemoveTontineMemberError
{
    /// <inheritdoc />
    public string Message => "A tontine keeps at least one president: make another member president first (setTontineMemberRole).";

    /// <inheritdoc />
    public string Code => "LAST_TONTINE_PRESIDENT";

    /// <summary>The president who would have been demoted.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}
