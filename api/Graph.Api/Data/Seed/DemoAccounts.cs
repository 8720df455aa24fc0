using Graph.Api.Identity;
using Microsoft.AspNetCore.Identity;

namespace Graph.Api.Data.Seed;

/// <summary>
/// The demo accounts of a developer's machine: one per platform role, all with the same password, which comes from
/// the configuration key (and environment variable) <see cref="PasswordSetting"/>, by default
/// <see cref="DefaultPassword"/>. Never seeded outside Development.
/// </summary>
/// <param name="Password">The password of every demo account.</param>
/// <param name="Hasher">The server's password hasher.</param>
public sealed record DemoAccounts(string Password, IPasswordHasher<User> Hasher)
{
    /// <summary>The configuration key of the demo password: the environment variable of that name.</summary>
    public const string PasswordSetting = "GRAPH_DEMO_PASSWORD";

    /// <summary>The demo password when <see cref="PasswordSetting"/> is not set.</summary>
    public const string DefaultPassword = "graph-demo-2026";

    /// <summary>The accounts: email address, display name, role and language.</summary>
    public static IReadOnlyList<(string Email, string DisplayName, PlatformRole Role, PreferredLanguage Language)> All { get; } =
    [
        ("admin@graph.local", "Aïssatou Sow", PlatformRole.Admin, PreferredLanguage.Fr),
        ("support@graph.local", "Mamadou Diop", PlatformRole.Support, PreferredLanguage.Wo),
        ("finance@graph.local", "Kofi Asante", PlatformRole.Finance, PreferredLanguage.En),
        ("author@graph.local", "Ngozi Okafor", PlatformRole.Author, PreferredLanguage.En),
        ("reader@graph.local", "Fatou Ndiaye", PlatformRole.Reader, PreferredLanguage.Fr),
        ("cooperative.manager@graph.local", "Yao Kouassi", PlatformRole.CooperativeManager, PreferredLanguage.Fr),
        ("buyer@graph.local", "Seydou Koné", PlatformRole.Buyer, PreferredLanguage.Fr),
        ("analyst@graph.local", "Mariam Ouédraogo", PlatformRole.Analyst, PreferredLanguage.Ar),
    ];

    /// <summary>The demo password <paramref name="configuration"/> sets, or the default one.</summary>
    public static string PasswordFrom(IConfiguration configuration) =>
        configuration[PasswordSetting] is { Length: > 0 } password ? password : DefaultPassword;
}
