using System.Buffers;
using System.Text.Json;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// Reads JSON into the engine's plain CLR value trees: null, bool, string, numbers (int, else long, else an exact
/// decimal, else double), <c>IReadOnlyList&lt;object?&gt;</c> and <c>IReadOnlyDictionary&lt;string, object?&gt;</c>.
/// The reader must hold the whole JSON text (final block).
/// </summary>
internal static class JsonValues
{
    /// <summary>Reads the value that starts at the reader's current token (the reader ends on its last token).</summary>
    public static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }
                return list;
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    /// <summary>Reads the object that starts at the reader's current token; a repeated name keeps its last value.</summary>
    public static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = ReadValue(ref reader);
        }
        return map;
    }

    /// <summary>The <c>variables</c> or <c>extensions</c> parameter at the reader's current token: a map, or null.</summary>
    /// <exception cref="GraphQLHttpException">The value is neither an object nor null.</exception>
    public static IReadOnlyDictionary<string, object?>? ReadMapParameter(ref Utf8JsonReader reader, string parameter) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.StartObject => ReadObject(ref reader),
        _ => throw GraphQLHttpException.BadRequest($"The \"{parameter}\" parameter must be a JSON object (map) or null."),
    };

    /// <summary>Integers as int or long, other numbers as an exact decimal when one holds them, else as double.</summary>
    private static object ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt32(out var int32))
        {
            return int32;
        }
        if (reader.TryGetInt64(out var int64))
        {
            return int64;
        }
        if (reader.TryGetDecimal(out var exact))
        {
            return exact;
        }
        // Out of the range of decimal: a double, possibly infinite (the scalars refuse what they cannot represent).
        if (reader.TryGetDouble(out var number))
        {
            return number;
        }
        var text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
    }
}
