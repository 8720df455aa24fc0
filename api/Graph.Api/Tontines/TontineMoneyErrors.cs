using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;

namespace Graph.Api.Tontines;

/// <summary>The domain errors of openTontineSession.</summary>
[UnionType("OpenTontineSessionError")]
public interface IOpenTontineSessionError;

/// <summary>The domain errors of closeTontineSession.</summary>
[UnionType("CloseTontineSessionError")]
public interface ICloseTontineSessionError;

/// <summary>The domain errors of payContribution.</summary>
[UnionType("PayContributionError")]
public interface IPayContributionError;

/// <summary>The domain errors of recordCashContribution.</summary>
[UnionType("RecordCashContributionError")]
public interface IRecordCashContributionError;

/// <summary>The domain errors of waiveContributionPenalty.</summary>
[UnionType("WaiveContributionPenaltyError")]
public interface IWaiveContributionPenaltyError;

/// <summary>The domain errors of startPassage.</summary>
[UnionType("StartPassageError")]
public interface IStartPassageError;

/// <summary>The domain errors of payPassage.</summary>
[UnionType("PayPassageError")]
public interface IPayPassageError;

/// <summary>The domain errors of confirmPassage.</summary>
[UnionType("ConfirmPassageError")]
public interface IConfirmPassageError;

/// <summary>The tontine is not ACTIVE (a DRAFT not started, SUSPENDED by its president, or COMPLETED): no session moves
/// and no money goes in or out.</summary>
public sealed class TontineNotActiveError(Guid tontineId, TontineStatus status)
    : IError, IOpenTontineSessionError, ICloseTontineSessionError, IPayContributionError, IRecordCashContributionError,
      IWaiveContributionPenaltyError, IStartPassageError, IPayPassageError, IConfirmPassageError, ISendReminderError,
      ISuspendTontineError
{
    /// <inheritdoc />
    public string Message => Status switch
    {
        TontineStatus.Suspended => "The tontine is suspended: nothing is paid in or out until its president resumes it.",
        TontineStatus.Completed => "The tontine is completed: its sessions and payouts are over.",
        _ => "The tontine has not started yet.",
    };

    /// <inheritdoc />
    public string Code => "TONTINE_NOT_ACTIVE";

    /// <summary>The tontine.</summary>
    [ID<Tontine>]
    public Guid TontineId { get; } = tontineId;

    /// <summary>The tontine's status.</summary>
    public TontineStatus Status { get; } = status;
}

/// <summary>No session the caller may see has this ID.</summary>
public sealed class TontineSessionNotFoundError(Guid sessionId)
    : IError, IOpenTontineSessionError, ICloseTontineSessionError, IPayContributionError, IRecordCashContributionError, IWaiveContributionPenaltyError,
      ISendReminderError
{
    /// <inheritdoc />
    public string Message => "There is no session of your tontines with this ID.";

    /// <inheritdoc />
    public string Code => "SESSION_NOT_FOUND";

    /// <summary>The session ID, as it was given.</summary>
    [ID<TontineSession>]
    public Guid SessionId { get; } = sessionId;
}

/// <summary>The caller does not hold the role the change needs in this tontine (treasurer or president, or president).</summary>
public sealed class TontineRoleRequiredError(string message)
    : IError, IOpenTontineSessionError, ICloseTontineSessionError, IRecordCashContributionError, IWaiveContributionPenaltyError,
      IStartPassageError, IPayPassageError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "TONTINE_ROLE_REQUIRED";
}

/// <summary>The session is not in the status the change needs (opened from SCHEDULED, closed from OPEN, paid into once open).</summary>
public sealed class SessionStatusConflictError(Guid sessionId, TontineSessionStatus status, string message)
    : IError, IOpenTontineSessionError, ICloseTontineSessionError, IPayContributionError, IRecordCashContributionError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "SESSION_STATUS_CONFLICT";

    /// <summary>The session.</summary>
    [ID<TontineSession>]
    public Guid SessionId { get; } = sessionId;

    /// <summary>The session's status.</summary>
    public TontineSessionStatus Status { get; } = status;
}

/// <summary>Sessions open in order: the previous session is not open yet.</summary>
public sealed class SessionOutOfOrderError(int number) : IError, IOpenTontineSessionError
{
    /// <inheritdoc />
    public string Message => $"Sessions open in order: open session {Number - 1} before session {Number}.";

    /// <inheritdoc />
    public string Code => "SESSION_OUT_OF_ORDER";

    /// <summary>The rank of the session that was to be opened.</summary>
    public int Number { get; } = number;
}

/// <summary>The contribution is already paid in full.</summary>
public sealed class ContributionAlreadyPaidError : IError, IPayContributionError, IRecordCashContributionError
{
    /// <inheritdoc />
    public string Message => "This contribution is already paid.";

    /// <inheritdoc />
    public string Code => "CONTRIBUTION_ALREADY_PAID";
}

/// <summary>A payment of this contribution is still waiting (for the member's confirmation, or for the checker of cash):
/// it ends first (succeeds, fails, expires or is cancelled).</summary>
public sealed class ContributionInProgressError(Guid paymentId)
    : IError, IPayContributionError, IRecordCashContributionError, IWaiveContributionPenaltyError
{
    /// <inheritdoc />
    public string Message => "A payment of this contribution is still in progress; wait until it ends.";

    /// <inheritdoc />
    public string Code => "CONTRIBUTION_IN_PROGRESS";

    /// <summary>The payment in progress.</summary>
    [ID<Payments.Payment>]
    public Guid PaymentId { get; } = paymentId;
}

/// <summary>The contribution's fine was paid with it: it can no longer be waived.</summary>
public sealed class PenaltyAlreadyPaidError : IError, IWaiveContributionPenaltyError
{
    /// <inheritdoc />
    public string Message => "The contribution is paid, with its fine: a paid fine is not waived.";

    /// <inheritdoc />
    public string Code => "PENALTY_ALREADY_PAID";
}

/// <summary>The contribution has no fine to waive (not late, no fine in the rules, or already waived).</summary>
public sealed class NoPenaltyError(string message) : IError, IWaiveContributionPenaltyError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "NO_PENALTY";
}

/// <summary>No passage of the caller's tontines has this ID.</summary>
public sealed class PassageNotFoundError(Guid passageId) : IError, IStartPassageError, IPayPassageError, IConfirmPassageError
{
    /// <inheritdoc />
    public string Message => "There is no passage of your tontines with this ID.";

    /// <inheritdoc />
    public string Code => "PASSAGE_NOT_FOUND";

    /// <summary>The passage ID, as it was given.</summary>
    [ID<TontinePassage>]
    public Guid PassageId { get; } = passageId;
}

/// <summary>The passage is not in the status the change needs (started from SCHEDULED, paid once STARTED, confirmed once PAID).</summary>
public sealed class PassageStatusConflictError(Guid passageId, PassageStatus status, string message)
    : IError, IStartPassageError, IPayPassageError, IConfirmPassageError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "PASSAGE_STATUS_CONFLICT";

    /// <summary>The passage.</summary>
    [ID<TontinePassage>]
    public Guid PassageId { get; } = passageId;

    /// <summary>The passage's status.</summary>
    public PassageStatus Status { get; } = status;
}

/// <summary>A ROTATION passage starts on its session's due date, not before.</summary>
public sealed class PassageNotDueError(DateOnly dueDate) : IError, IStartPassageError
{
    /// <inheritdoc />
    public string Message => $"This passage pays the pot of a session due on {DueDate:yyyy-MM-dd}; it starts on that day.";

    /// <inheritdoc />
    public string Code => "PASSAGE_NOT_DUE";

    /// <summary>The day the passage may start.</summary>
    public DateOnly DueDate { get; } = dueDate;
}

/// <summary>Only the passage's beneficiary confirms they received it.</summary>
public sealed class NotBeneficiaryError(Guid passageId) : IError, IConfirmPassageError
{
    /// <inheritdoc />
    public string Message => "Only the member this passage pays confirms they received it.";

    /// <inheritdoc />
    public string Code => "NOT_BENEFICIARY";

    /// <summary>The passage.</summary>
    [ID<TontinePassage>]
    public Guid PassageId { get; } = passageId;
}
