using System.Collections.Frozen;

namespace Graph.Api.Identity;

/// <summary>The language a user reads the applications and notifications in.</summary>
public enum PreferredLanguage
{
    /// <summary>French (fr).</summary>
    Fr,

    /// <summary>English (en).</summary>
    En,

    /// <summary>Wolof (wo).</summary>
    Wo,

    /// <summary>Arabic (ar).</summary>
    Ar,
}

/// <summary>The ISO 639-1 codes of <see cref="PreferredLanguage"/> values, as the database stores them.</summary>
public static class PreferredLanguages
{
    private static readonly FrozenDictionary<PreferredLanguage, string> Codes = new Dictionary<PreferredLanguage, string>
    {
        [PreferredLanguage.Fr] = "fr",
        [PreferredLanguage.En] = "en",
        [PreferredLanguage.Wo] = "wo",
        [PreferredLanguage.Ar] = "ar",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, PreferredLanguage> ByCode = Codes.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The codes in declaration order: fr, en, wo, ar.</summary>
    public static IReadOnlyList<string> AllCodes { get; } = [.. Enum.GetValues<PreferredLanguage>().Select(ToCode)];

    /// <summary>The language's code, e.g. <c>wo</c>.</summary>
    public static string ToCode(PreferredLanguage language) =>
        Codes.TryGetValue(language, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language.");

    /// <summary>The language of <paramref name="code"/> (lower case, e.g. <c>fr</c>).</summary>
    /// <exception cref="FormatException">No language has this code.</exception>
    public static PreferredLanguage Parse(string code) =>
        ByCode.TryGetValue(code, out var language) ? language : throw new FormatException($"'{code}' is not a supported language.");
}
