using System.Text.Json.Serialization;
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
