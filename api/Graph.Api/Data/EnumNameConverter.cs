using System.Collections.Frozen;
using Graph.GraphQL.Configuration;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Data;

/// <summary>
/// Stores an enum as the name the graph gives its value (SCREAMING_CASE: <c>URGENT</c>, <c>TONTINE_PAYOUT</c>), so that the
/// database, the GraphQL enum and the logs read the same words.
/// </summary>
public sealed class EnumNameConverter<TEnum>() : ValueConverter<TEnum, string>(v => EnumNames<TEnum>.ToName(v), n => EnumNames<TEnum>.Parse(n))
    where TEnum : struct, Enum;

/// <summary>The SCREAMING_CASE names of an enum's values, as the graph and the database spell them.</summary>
public static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => NamingConventions.GetEnumValueName(v));

    private static readonly FrozenDictionary<string, TEnum> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<TEnum> All { get; } = Enum.GetValues<TEnum>();

    /// <summary>The longest name, for a column's length.</summary>
    public static int MaxLength { get; } = Names.Values.Max(n => n.Length);

    /// <summary>A check constraint's condition: <paramref name="column"/> holds one of the names.</summary>
    public static string CheckIn(string column) => $"{column} IN ({string.Join(", ", All.Select(v => $"'{Names[v]}'"))})";

    public static string ToName(TEnum value) =>
        Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {typeof(TEnum).Name}.");

    /// <exception cref="FormatException">No value has this name.</exception>
    public static TEnum Parse(string name) =>
        ByName.TryGetValue(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}.");
}
