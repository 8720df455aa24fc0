using System.Text.Json.Serialization;
using Graph.Api.Audit;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Identity;

/// <summary>A person with an account: a reader, an author, a cooperative manager, a member of staff.</summary>
/// <remarks>Signs in with the email address or the phone number (at least one of them is set) and a password; the
/// password itself is never stored, only its hash, which the graph never shows.</remarks>
[Node]
public sealed class User
{
    // A UUIDv7 given when the user is added to a context (see UserConfiguration).
    public Guid Id { get; init; }

    /// <summary>The email address in lower case, when the user gave one; no other account has it.</summary>
    public string? Email { get; set; }

    /// <summary>The phone number in E.164 form (<c>+221771234567</c>), when the user gave one; no other account has it.</summary>
    public string? Phone { get; set; }

    /// <summary>The name other people see.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The language the user reads the applications in.</summary>
    public PreferredLanguage PreferredLanguage { get; set; }

    /// <summary>The password's hash (ASP.NET Core Identity's format, version 3: PBKDF2 with a random salt). The audit log
    /// records that it changed, never its value: a hash can be attacked offline.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    [AuditRedacted]
    public string PasswordHash { get; set; } = "";

    /// <summary>When the account was created.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the password was last set.</summary>
    [GraphQLIgnore]
    public DateTime PasswordChangedAt { get; set; }

    /// <summary>
    /// The user's platform roles when EF Core loaded them (null otherwise); the graph's <c>roles</c> field comes from
    /// <see cref="UserFields"/>, which loads them when they were not.
    /// </summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public List<UserRole>? Roles { get; set; }

    /// <summary>The account's name in logs and throttling: the email address, else the phone number.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public string AccountKey => Email ?? Phone ?? throw new InvalidOperationException($"User {Id} has neither an email address nor a phone number.");
}

/// <summary>A platform role held by a user.</summary>
public sealed class UserRole
{
    public Guid UserId { get; init; }

    public PlatformRole Role { get; init; }
}
