using System.ComponentModel;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;

namespace Graph.Api.Tontines;

/// <summary>A new tontine; the caller becomes its president. Every rule it breaks is reported at once.</summary>
public sealed class CreateTontineInput
{
    /// <summary>The name: 1 to 200 characters once leading and trailing spaces are dropped.</summary>
    public required string Name { get; init; }

    /// <summary>How the pot is shared.</summary>
    public required TontineType Type { get; init; }

    /// <summary>How often the members pay.</summary>
    public required TontineFrequency Frequency { get; init; }

    /// <summary>What each member pays each session: more than zero, with no more decimals than the currency has.</summary>
    public required MoneyInput Contribution { get; init; }

    /// <summary>The first session's due date: today (UTC) or later.</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>The most members the tontine takes: 2 to 100.</summary>
    [DefaultValue(TontineRules.DefaultMemberLimit)]
    public int MemberLimit { get; init; } = TontineRules.DefaultMemberLimit;

    /// <summary>The grace period and the fine of late contributions; none when not given.</summary>
    public TontineRulesInput? Rules { get; init; }

    /// <summary>MIXED only, and required there: the percentage of each contribution kept as savings, 1 to 99.</summary>
    public int? SavingsPercent { get; init; }

    /// <summary>CUMULATIVE only: how many sessions the savings run, 1 to 120; one per member when not given.</summary>
    public int? SessionCount { get; init; }

    /// <summary>How the payout order is decided (ROTATING and MIXED).</summary>
    [DefaultValue(PayoutOrderMethod.Random)]
    public PayoutOrderMethod PayoutOrder { get; init; } = PayoutOrderMethod.Random;
}

/// <summary>The rules of late contributions.</summary>
public sealed class TontineRulesInput
{
    /// <summary>Days after the due date before a contribution is late: 0 to 60.</summary>
    [DefaultValue(0)]
    public int GraceDays { get; init; }

    /// <summary>How a late contribution is fined.</summary>
    [DefaultValue(LatePenaltyMode.None)]
    public LatePenaltyMode PenaltyMode { get; init; } = LatePenaltyMode.None;

    /// <summary>The fine per late day: an amount in the contribution's currency (FIXED_PER_DAY), or a percentage of the
    /// contribution, more than 0 and at most 100 (PERCENT_PER_DAY). Not given (or 0) with NONE.</summary>
    public decimal? PenaltyRate { get; init; }

    /// <summary>The most a single late contribution is fined, in the contribution's currency; no cap when not given.</summary>
    public decimal? PenaltyCap { get; init; }
}

/// <summary>New settings for a DRAFT tontine: a field not given (null) keeps its value. Changing the type drops a savings
/// percentage or session count that no longer applies; changing the fine's mode to NONE drops its rate and cap.</summary>
public sealed class UpdateTontineInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The name: 1 to 200 characters once leading and trailing spaces are dropped.</summary>
    public string? Name { get; init; }

    /// <summary>How the pot is shared.</summary>
    public TontineType? Type { get; init; }

    /// <summary>How often the members pay.</summary>
    public TontineFrequency? Frequency { get; init; }

    /// <summary>What each member pays each session.</summary>
    public MoneyInput? Contribution { get; init; }

    /// <summary>The first session's due date: today (UTC) or later.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>The most members the tontine takes: 2 to 100, and not below its current members.</summary>
    public int? MemberLimit { get; init; }

    /// <summary>The rules of late contributions (each field not given keeps its value).</summary>
    public UpdateTontineRulesInput? Rules { get; init; }

    /// <summary>MIXED only: the percentage of each contribution kept as savings, 1 to 99.</summary>
    public int? SavingsPercent { get; init; }

    /// <summary>CUMULATIVE only: how many sessions the savings run, 1 to 120.</summary>
    public int? SessionCount { get; init; }

    /// <summary>How the payout order is decided; a different method forgets an order already set.</summary>
    public PayoutOrderMethod? PayoutOrder { get; init; }
}

/// <summary>New rules of late contributions: a field not given keeps its value.</summary>
public sealed class UpdateTontineRulesInput
{
    /// <summary>Days after the due date before a contribution is late: 0 to 60.</summary>
    public int? GraceDays { get; init; }

    /// <summary>How a late contribution is fined.</summary>
    public LatePenaltyMode? PenaltyMode { get; init; }

    /// <summary>The fine per late day (see <see cref="TontineRulesInput.PenaltyRate"/>).</summary>
    public decimal? PenaltyRate { get; init; }

    /// <summary>The most a single late contribution is fined, in the contribution's currency.</summary>
    public decimal? PenaltyCap { get; init; }

    /// <summary>True to remove the cap (PenaltyCap is then not given).</summary>
    [DefaultValue(false)]
    public bool RemovePenaltyCap { get; init; }
}

/// <summary>A tontine whose join code is replaced (the old code stops working).</summary>
public sealed class RegenerateJoinCodeInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }
}

/// <summary>A tontine the caller leaves.</summary>
public sealed class LeaveTontineInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }
}

/// <summary>A DRAFT tontine to start.</summary>
public sealed class StartTontineInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }
}

/// <summary>A SUSPENDED tontine to resume.</summary>
public sealed class ResumeTontineInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }
}

/// <summary>A join code typed by a person who wants to join a tontine.</summary>
public sealed class JoinTontineInput
{
    /// <summary>The code, as given by a member: case, spaces and dashes do not matter (<c>abcd-efgh</c>).</summary>
    public required string Code { get; init; }
}

/// <summary>An invitation to send.</summary>
public sealed class InviteToTontineInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The person invited (the ID of a User).</summary>
    [ID<User>]
    public required Guid UserId { get; init; }

    /// <summary>The role the person gets on accepting.</summary>
    [DefaultValue(TontineRole.Member)]
    public TontineRole Role { get; init; } = TontineRole.Member;
}

/// <summary>The invitee's answer to an invitation.</summary>
public sealed class RespondToTontineInvitationInput
{
    /// <summary>The invitation (the ID of a TontineInvitation).</summary>
    [ID<TontineInvitation>]
    public required Guid InvitationId { get; init; }

    /// <summary>True to join the tontine, false to decline.</summary>
    public required bool Accept { get; init; }
}

/// <summary>A pending invitation the president withdraws.</summary>
public sealed class RevokeTontineInvitationInput
{
    /// <summary>The tontine the invitation is to (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The invitation (the ID of a TontineInvitation).</summary>
    [ID<TontineInvitation>]
    public required Guid InvitationId { get; init; }
}

/// <summary>A member the president removes from a tontine.</summary>
public sealed class RemoveTontineMemberInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The member (the ID of a User).</summary>
    [ID<User>]
    public required Guid UserId { get; init; }
}

/// <summary>How the payout order of a DRAFT tontine is decided.</summary>
public sealed class SetPayoutOrderInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The method: RANDOM draws with a new seed, ALPHABETICAL and JOIN_DATE sort, MANUAL takes <c>userIds</c>.</summary>
    public required PayoutOrderMethod Method { get; init; }

    /// <summary>MANUAL only: every member once, the first takes the first pot (IDs of Users).</summary>
    [ID<User>]
    public IReadOnlyList<Guid>? UserIds { get; init; }
}

/// <summary>A tontine to suspend, and why.</summary>
public sealed class SuspendTontineInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>Why it is suspended: 3 to 500 characters, kept in the audit log.</summary>
    public required string Reason { get; init; }
}

/// <summary>A person to add to a tontine.</summary>
public sealed class AddTontineMemberInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The person (the ID of a User).</summary>
    [ID<User>]
    public required Guid UserId { get; init; }

    /// <summary>The role the person gets in the tontine.</summary>
    public required TontineRole Role { get; init; }
}

/// <summary>A new role for a member of a tontine.</summary>
public sealed class SetTontineMemberRoleInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The member (the ID of a User).</summary>
    [ID<User>]
    public required Guid UserId { get; init; }

    /// <summary>The member's new role.</summary>
    public required TontineRole Role { get; init; }
}
