using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// Keyset cursors: the values of the ordering keys of one item, with a signature of the field and the ordering that
/// issued them, as base64url of a JSON array <c>["signature", key1, key2, ...]</c>. The signature makes a cursor of
/// another field, or of the same field under another <c>order</c>, a clear error instead of a silently wrong page.
/// Cursors are opaque to clients; they are not secrets (the key values they hold are visible in the data anyway).
/// </summary>
internal static class CursorCodec
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    /// <summary>A short signature of <paramref name="coordinate"/> and the ordering <paramref name="keys"/>.</summary>
    public static string Signature(string coordinate, IReadOnlyList<SortKey> keys)
    {
        var text = new StringBuilder(coordinate);
        foreach (var key in keys)
        {
            text.Append('|').Append(key.Path).Append(key.Descending ? ":D" : ":A");
        }
        // FNV-1a, 32 bits: enough to tell fields and orderings apart, short enough to keep cursors small.
        var hash = 2166136261u;
        foreach (var c in text.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash.ToString("x8");
    }

    public static string Encode(string signature, object?[] values)
    {
        var array = new object?[values.Length + 1];
        array[0] = signature;
        Array.Copy(values, 0, array, 1, values.Length);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(array, Json);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The key values of <paramref name="cursor"/>, typed as <paramref name="keys"/>, or a GraphQL error naming <paramref name="argument"/>.</summary>
    public static object?[] Decode(string cursor, string signature, IReadOnlyList<SortKey> keys, string argument)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 2 || root[0].ValueKind != JsonValueKind.String)
            {
                throw Invalid(cursor, argument);
            }
            if (!string.Equals(root[0].GetString(), signature, StringComparison.Ordinal))
            {
                throw new GraphQLException(
                    $"The cursor \"{cursor}\" given as `{argument}` was issued by another field or for another order; page with cursors this field returned for the same order.",
                    ErrorCodes.PagingCursorInvalid);
            }
            if (root.GetArrayLength() != keys.Count + 1)
            {
                throw Invalid(cursor, argument);
            }
            var values = new object?[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                values[i] = root[i + 1].Deserialize(keys[i].KeyType, Json);
                if (values[i] is null && !AllowsNull(keys[i].KeyType))
                {
                    throw Invalid(cursor, argument);
                }
            }
            return values;
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException or InvalidOperationException)
        {
            throw Invalid(cursor, argument);
        }
    }

    private static bool AllowsNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    private static GraphQLException Invalid(string cursor, string argument) =>
        new($"The cursor \"{cursor}\" given as `{argument}` is not a valid cursor.", ErrorCodes.PagingCursorInvalid);
}
