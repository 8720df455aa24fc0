using Graph.Api.Identity;
using Graph.GraphQL.Types;

namespace Graph.Api.Tontines;

/// <summary>A new tontine; the caller becomes its president.</summary>
public sealed class CreateTontineInput
{
    /// <summary>The name: 1 to 200 characters once leading and trailing spaces are dropped.</summary>
    public required string Name { get; init; }
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
