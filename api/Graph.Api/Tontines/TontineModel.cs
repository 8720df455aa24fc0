using System.Text.Json.Serialization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tontines;

/// <summary>How a tontine shares its money.</summary>
public enum TontineType
{
    /// <summary>Each session's pot goes to one member in turn; every member takes it once per cycle.</summary>
    Rotating,

    /// <summary>Nothing goes round: each member's contributions are kept and paid back to them at the end.</summary>
    Cumulative,

    /// <summary>A share of each contribution goes round as in ROTATING; the rest is kept as the member's savings.</summary>
    Mixed,
}

/// <summary>How often a tontine's members pay.</summary>
public enum TontineFrequency
{
    Daily,
    Weekly,

    /// <summary>Every two weeks.</summary>
    Biweekly,

    /// <summary>Each month on the start date's day (or the month's last day when it has fewer days).</summary>
    Monthly,

    /// <summary>Every three months, on the start date's day (or the month's last day).</summary>
    Quarterly,
}

/// <summary>Where a tontine is in its life.</summary>
public enum TontineStatus
{
    /// <summary>Being set up: members join, the rules and the payout order may change.</summary>
    Draft,

    /// <summary>Started: sessions run and the pot goes round; the rules are fixed.</summary>
    Active,

    /// <summary>Every session closed and every member paid out.</summary>
    Completed,

    /// <summary>Paused by its president: nothing is paid in or out until it is resumed.</summary>
    Suspended,
}

/// <summary>How a late contribution is fined.</summary>
public enum LatePenaltyMode
{
    /// <summary>No fine.</summary>
    None,

    /// <summary>A fixed amount per late day.</summary>
    FixedPerDay,

    /// <summary>A percentage of the contribution per late day.</summary>
    PercentPerDay,
}

/// <summary>How the order in which members take the pot is decided.</summary>
public enum PayoutOrderMethod
{
    /// <summary>A draw from a stored seed that anyone can replay (see <see cref="PayoutDraw"/>).</summary>
    Random,

    /// <summary>By the members' names.</summary>
    Alphabetical,

    /// <summary>By the day each member joined, first come first paid.</summary>
    JoinDate,

    /// <summary>Given by the president, before the start.</summary>
    Manual,
}

/// <summary>Where a contribution session is.</summary>
public enum TontineSessionStatus
{
    /// <summary>Planned; not yet opened.</summary>
    Scheduled,

    /// <summary>Opened by the president or the treasurer: contributions are being collected.</summary>
    Open,

    /// <summary>Closed: its statistics are final; late contributions may still be paid and are fined.</summary>
    Closed,
}

/// <summary>Where a member's contribution to one session stands.</summary>
public enum ContributionStatus
{
    /// <summary>Not paid, and not yet late.</summary>
    Due,

    /// <summary>Not paid, and past the due date plus the grace period: fined when the rules say so.</summary>
    Late,

    /// <summary>Paid in full (with any fine not waived).</summary>
    Paid,
}

/// <summary>What a passage pays out.</summary>
public enum PassageKind
{
    /// <summary>A session's pot, to the member whose turn it is.</summary>
    Rotation,

    /// <summary>At the end, a member's own savings (CUMULATIVE, and the kept share of MIXED).</summary>
    Savings,
}

/// <summary>Where a passage (a member's payout) is.</summary>
public enum PassageStatus
{
    /// <summary>In the order, not yet begun.</summary>
    Scheduled,

    /// <summary>Begun by the treasurer or the president: the payout is being made.</summary>
    Started,

    /// <summary>The payout's payment succeeded.</summary>
    Paid,

    /// <summary>The beneficiary confirmed they received it.</summary>
    Confirmed,
}

/// <summary>Where an invitation to a tontine is.</summary>
public enum TontineInvitationStatus
{
    Pending,
    Accepted,
    Declined,

    /// <summary>Withdrawn by the tontine's president before an answer.</summary>
    Revoked,
}

/// <summary>One contribution session of a tontine: a due date on which every member pays.</summary>
[Node]
public sealed class TontineSession
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid TontineId { get; init; }

    /// <summary>The session's rank, from 1.</summary>
    public int Number { get; init; }

    /// <summary>The day contributions are due.</summary>
    public DateOnly DueDate { get; init; }

    /// <summary>Where the session is: SCHEDULED, OPEN or CLOSED.</summary>
    public TontineSessionStatus Status { get; set; }

    /// <summary>When the session was opened.</summary>
    public DateTime? OpenedAt { get; set; }

    /// <summary>When the session was closed.</summary>
    public DateTime? ClosedAt { get; set; }
}

/// <summary>What one member owes and paid for one session; one row per member and session, made when the tontine starts.</summary>
public sealed class TontineContribution
{
    [GraphQLIgnore]
    public Guid SessionId { get; init; }

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    [GraphQLIgnore]
    public Guid TontineId { get; init; }

    /// <summary>The contribution expected, in the tontine's currency.</summary>
    [GraphQLIgnore]
    public decimal Expected { get; init; }

    /// <summary>What was received of it (confirmed payments only).</summary>
    [GraphQLIgnore]
    public decimal Received { get; set; }

    /// <summary>The fine paid with it (confirmed payments only).</summary>
    [GraphQLIgnore]
    public decimal PenaltyPaid { get; set; }

    /// <summary>When it was paid in full; null while it is not.</summary>
    public DateTime? PaidAt { get; set; }

    /// <summary>When the fine was waived; null unless it was.</summary>
    public DateTime? PenaltyWaivedAt { get; set; }

    [GraphQLIgnore]
    public Guid? PenaltyWaivedByUserId { get; set; }

    /// <summary>Why the fine was waived.</summary>
    public string? PenaltyWaiverReason { get; set; }
}

/// <summary>A payment made for a member's contribution to a session (mobile money, or cash awaiting its checker).</summary>
public sealed class ContributionPayment
{
    [GraphQLIgnore]
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid TontineId { get; init; }

    [GraphQLIgnore]
    public Guid SessionId { get; init; }

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    [GraphQLIgnore]
    public Guid PaymentId { get; init; }

    /// <summary>The part that pays the contribution.</summary>
    [GraphQLIgnore]
    public decimal Amount { get; init; }

    /// <summary>The part that pays the late fine (0 when none).</summary>
    [GraphQLIgnore]
    public decimal Penalty { get; init; }

    /// <summary>When the payment was made (or the cash recorded).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When its payment succeeded; null until then (and forever when it failed).</summary>
    public DateTime? SettledAt { get; set; }
}

/// <summary>A member's payout: their turn at a session's pot (ROTATION) or their savings at the end (SAVINGS).</summary>
[Node]
public sealed class TontinePassage
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid TontineId { get; init; }

    /// <summary>The passage's place in the order, from 1 (per kind).</summary>
    public int Position { get; set; }

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>What the passage pays: a session's pot (ROTATION) or the member's savings (SAVINGS).</summary>
    public PassageKind Kind { get; init; }

    /// <summary>The session whose pot a ROTATION passage pays; null before the start and for SAVINGS.</summary>
    [GraphQLIgnore]
    public Guid? SessionId { get; set; }

    /// <summary>What is paid out, in the tontine's currency; null until the start fixes it.</summary>
    [GraphQLIgnore]
    public decimal? Amount { get; set; }

    /// <summary>Where the passage is.</summary>
    public PassageStatus Status { get; set; }

    /// <summary>The payout's payment, once made.</summary>
    [GraphQLIgnore]
    public Guid? PaymentId { get; set; }

    /// <summary>When the treasurer or president started it.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When its payout succeeded.</summary>
    public DateTime? PaidAt { get; set; }

    /// <summary>When its beneficiary confirmed they received it.</summary>
    public DateTime? ConfirmedAt { get; set; }
}

/// <summary>An invitation to join a tontine, answered by the person invited.</summary>
[Node]
public sealed class TontineInvitation
{
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid TontineId { get; init; }

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    [GraphQLIgnore]
    public Guid InvitedByUserId { get; init; }

    /// <summary>The role the person gets on accepting.</summary>
    public TontineRole Role { get; init; }

    public TontineInvitationStatus Status { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? RespondedAt { get; set; }
}

/// <summary>A reminder sent to a member about a session's contribution: by the reminder job (once per member and session)
/// or by an organiser (<c>sendReminder</c>).</summary>
public sealed class TontineReminder
{
    public Guid Id { get; init; }

    public Guid SessionId { get; init; }

    public Guid UserId { get; init; }

    /// <summary>The organiser who sent it; null for the reminder job.</summary>
    public Guid? SentByUserId { get; init; }

    public DateTime SentAt { get; init; }
}

/// <summary>Limits of tontines' rules.</summary>
public static class TontineRules
{
    public const int DefaultMemberLimit = 12;
    public const int MinMembers = 2;
    public const int MaxMembers = 100;
    public const int MaxGraceDays = 60;
    public const int MaxSessionCount = 120;

    /// <summary>How far ahead a start date may be, in years (so that every due date stays a valid date).</summary>
    public const int MaxYearsAhead = 2;
}
