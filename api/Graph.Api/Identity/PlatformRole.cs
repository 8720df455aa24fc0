using System.Collections.Frozen;

namespace Graph.Api.Identity;

/// <summary>What a user may do across the platform. A user holds any number of roles; tontine roles (member, president,
/// treasurer) are held per tontine, not here.</summary>
public enum PlatformRole
{
    /// <summary>Runs the platform: every setting, every account.</summary>
    Admin,

    /// <summary>Helps users: reads their accounts and sessions, never their money.</summary>
    Support,

    /// <summary>Reconciles payments, invoices and royalties.</summary>
    Finance,

    /// <summary>Publishes books in the library (Coko).</summary>
    Author,

    /// <summary>Buys and reads books; every new account starts with this role.</summary>
    Reader,

    /// <summary>Manages a cocoa cooperative's members and deliveries (CocoaTrack).</summary>
    CooperativeManager,

    /// <summary>Buys cocoa from cooperatives (CocoaTrack).</summary>
    Buyer,

    /// <summary>Reads reports across the five systems.</summary>
    Analyst,
}

/// <summary>The names of <see cref="PlatformRole"/> values outside C#: in the database (<c>user_roles.role</c>) and in access
/// tokens (the <c>role</c> claim), the same SCREAMING_CASE names as the GraphQL enum.</summary>
public static class PlatformRoles
{
    // The names as constants, for [Authorize(Roles = [PlatformRoles.AdminName])].
    public const string AdminName = "ADMIN";
    public const string SupportName = "SUPPORT";
    public const string FinanceName = "FINANCE";
    public const string AuthorName = "AUTHOR";
    public const string ReaderName = "READER";
    public const string CooperativeManagerName = "COOPERATIVE_MANAGER";
    public const string BuyerName = "BUYER";
    public const string AnalystName = "ANALYST";

    private static readonly FrozenDictionary<PlatformRole, string> Names = new Dictionary<PlatformRole, string>
    {
        [PlatformRole.Admin] = AdminName,
        [PlatformRole.Support] = SupportName,
        [PlatformRole.Finance] = FinanceName,
        [PlatformRole.Author] = AuthorName,
        [PlatformRole.Reader] = ReaderName,
        [PlatformRole.CooperativeManager] = CooperativeManagerName,
        [PlatformRole.Buyer] = BuyerName,
        [PlatformRole.Analyst] = AnalystName,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, PlatformRole> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The longest name, for the column's length.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Every role, in declaration order.</summary>
    public static IReadOnlyList<PlatformRole> All { get; } = Enum.GetValues<PlatformRole>();

    /// <summary>The role's name, e.g. <c>COOPERATIVE_MANAGER</c>.</summary>
    public static string ToName(PlatformRole role) =>
        Names.TryGetValue(role, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown platform role.");

    /// <summary>The role named <paramref name="name"/> (exactly, e.g. <c>ADMIN</c>).</summary>
    /// <exception cref="FormatException">No role has this name.</exception>
    public static PlatformRole Parse(string name) =>
        ByName.TryGetValue(name, out var role) ? role : throw new FormatException($"'{name}' is not a platform role.");
}
