using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Catalog;

/// <summary>A book's title and description in one language other than its own.</summary>
public sealed record BookText(string Title, string? Description);

/// <summary>
/// Stores texts per language (<c>{"en": ..., "wo": ...}</c>) in a jsonb column: small maps read with their row, never queried
/// inside by SQL except by the search index's trigger.
/// </summary>
internal static class TranslationColumns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ValueConverter<Dictionary<string, T>, string> Converter<T>() => new(
        map => JsonSerializer.Serialize(map, Json),
        text => JsonSerializer.Deserialize<Dictionary<string, T>>(text, Json) ?? new Dictionary<string, T>());

    public static ValueComparer<Dictionary<string, T>> Comparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        map => JsonSerializer.Serialize(map, Json).GetHashCode(StringComparison.Ordinal),
        map => new Dictionary<string, T>(map, StringComparer.Ordinal));
}
