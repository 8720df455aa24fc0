using System.Text.Json.Serialization;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tontines;

/// <summary>A rotating savings group (Kobiri): members pay a contribution each period and take the pot in turn.</summary>
[Node]
public sealed class Tontine
{
    // A UUIDv7 given when the tontine is added to a context (see TontineConfiguration).
    public Guid Id { get; init; }

    /// <summary>The group's name, as its members call it.</summary>
    public required string Name { get; set; }

    /// <summary>When the tontine was created.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>How the pot is shared: in turn (ROTATING), kept as each member's savings (CUMULATIVE), or both (MIXED).</summary>
    public TontineType Type { get; set; } = TontineType.Rotating;

    /// <summary>How often the members pay.</summary>
    public TontineFrequency Frequency { get; set; } = TontineFrequency.Monthly;

    /// <summary>What each member pays each session.</summary>
    public Money Contribution { get; set; } = new(10_000m, Currency.XOF);

    /// <summary>The first session's due date; the others follow from the frequency, anchored on this day.</summary>
    public DateOnly StartDate { get; set; } = new(2026, 1, 1);

    /// <summary>The most members the tontine takes.</summary>
    public int MemberLimit { get; set; } = TontineRules.DefaultMemberLimit;

    /// <summary>Where the tontine is in its life.</summary>
    public TontineStatus Status { get; set; } = TontineStatus.Draft;

    /// <summary>The code a person types to join (see <see cref="TontineJoinCodes"/>); the graph shows it to members only.</summary>
    [GraphQLIgnore]
    public string JoinCode { get; set; } = TontineJoinCodes.New();

    /// <summary>Days after the due date before a contribution is late.</summary>
    public int GraceDays { get; set; }

    /// <summary>How a late contribution is fined.</summary>
    public LatePenaltyMode PenaltyMode { get; set; } = LatePenaltyMode.None;

    /// <summary>The fine per late day: an amount in the contribution's currency (FIXED_PER_DAY), or a percentage of the
    /// contribution (PERCENT_PER_DAY, 2.5 meaning 2.5 %).</summary>
    [GraphQLIgnore]
    public decimal PenaltyRate { get; set; }

    /// <summary>The most a single late contribution is fined, in the contribution's currency; null for no cap.</summary>
    [GraphQLIgnore]
    public decimal? PenaltyCap { get; set; }

    /// <summary>MIXED only: the percentage of each contribution kept as the member's savings (the rest goes round).</summary>
    public int? SavingsPercent { get; set; }

    /// <summary>CUMULATIVE only: how many sessions the savings run; a rotating tontine has one session per member.</summary>
    public int? SessionCount { get; set; }

    /// <summary>How the payout order is (or will be) decided.</summary>
    public PayoutOrderMethod PayoutOrder { get; set; } = PayoutOrderMethod.Random;

    /// <summary>The seed of the RANDOM draw (64 hex digits), kept so anyone can replay it; null until drawn.</summary>
    public string? DrawSeed { get; set; }

    /// <summary>When the payout order was last set (drawn, sorted or given by hand); null while there is none.</summary>
    public DateTime? OrderSetAt { get; set; }

    /// <summary>When the tontine was started (DRAFT to ACTIVE).</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When every session was closed and every member paid out.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>When the tontine last changed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who the tontine belongs to and with which role; the graph's <c>members</c> field comes from <see cref="TontineFields"/>.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public List<TontineMember> Members { get; } = [];
}

/// <summary>A person's place in one tontine.</summary>
public sealed class TontineMember
{
    [GraphQLIgnore]
    public Guid TontineId { get; init; }

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>What the member may do in this tontine.</summary>
    public TontineRole Role { get; set; }

    /// <summary>When the member joined.</summary>
    public DateTime JoinedAt { get; init; }

    // Loaded with the member wherever the graph hands members out (MembersByTontineIdDataLoader, the mutations).
    /// <summary>The person.</summary>
    [JsonIgnore]
    public User User { get; set; } = null!;
}

/// <summary>The roles of a member within one tontine; a person may hold different roles in different tontines.</summary>
public enum TontineRole
{
    /// <summary>Pays the contributions and takes the pot in turn.</summary>
    Member,

    /// <summary>Organises the tontine: manages members and roles, validates what the treasurer records.</summary>
    President,

    /// <summary>Keeps the books: records contributions paid in cash.</summary>
    Treasurer,
}

/// <summary>The names of <see cref="TontineRole"/> values in the database (<c>tontine_members.role</c>): the GraphQL enum's.</summary>
public static class TontineRoles
{
    /// <summary>The role's name, e.g. <c>PRESIDENT</c>.</summary>
    public static string ToName(TontineRole role) => role switch
    {
        TontineRole.Member => "MEMBER",
        TontineRole.President => "PRESIDENT",
        TontineRole.Treasurer => "TREASURER",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown tontine role."),
    };

    /// <summary>The role named <paramref name="name"/> (exactly, e.g. <c>PRESIDENT</c>).</summary>
    /// <exception cref="FormatException">No role has this name.</exception>
    public static TontineRole Parse(string name) => name switch
    {
        "MEMBER" => TontineRole.Member,
        "PRESIDENT" => TontineRole.President,
        "TREASURER" => TontineRole.Treasurer,
        _ => throw new FormatException($"'{name}' is not a tontine role."),
    };
}
