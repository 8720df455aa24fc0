using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Graph.GraphQL.Types.Relay;

/// <summary>
/// The default global ID format: base64url (RFC 4648 section 5, no padding) of the bytes
/// <c>TypeName ':' tag payload</c>, where the type name is ASCII and the one-byte tag says how the key is encoded:
/// <list type="table">
/// <item><term><c>g</c></term><description><see cref="Guid"/>: its 16 bytes in RFC 9562 (big-endian) order.</description></item>
/// <item><term><c>i</c></term><description><see cref="int"/>: invariant decimal digits (<c>-12</c>).</description></item>
/// <item><term><c>l</c></term><description><see cref="long"/>: invariant decimal digits.</description></item>
/// <item><term><c>s</c></term><description><see cref="string"/>: its UTF-8 bytes.</description></item>
/// </list>
/// A Guid key of a <c>Book</c> is 30 characters long. The format is stable: IDs stored by clients stay valid across
/// releases. Parsing is strict (canonical numbers, exact Guid length, valid UTF-8, GraphQL type name), so every ID has
/// exactly one spelling.
/// </summary>
public sealed class DefaultNodeIdSerializer : INodeIdSerializer
{
    private const byte Separator = (byte)':';
    private const byte GuidTag = (byte)'g';
    private const byte IntTag = (byte)'i';
    private const byte LongTag = (byte)'l';
    private const byte StringTag = (byte)'s';
    private const int MaxIdLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <inheritdoc />
    public string Format(string typeName, object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsName(typeName))
        {
            throw new ArgumentException($"\"{typeName}\" is not a GraphQL type name.", nameof(typeName));
        }
        var (tag, payload) = key switch
        {
            Guid guid => (GuidTag, guid.ToByteArray(bigEndian: true)),
            int number => (IntTag, Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture))),
            short or byte or sbyte or ushort => (IntTag, Encoding.ASCII.GetBytes(Convert.ToInt32(key, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))),
            long number => (LongTag, Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture))),
            uint number => (LongTag, Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture))),
            string text => (StringTag, StrictUtf8.GetBytes(text)),
            _ => throw new ArgumentException($"A node key must be a Guid, int, long or string, not {key.GetType().Name}.", nameof(key)),
        };
        var bytes = new byte[typeName.Length + 2 + payload.Length];
        Encoding.ASCII.GetBytes(typeName, bytes);
        bytes[typeName.Length] = Separator;
        bytes[typeName.Length + 1] = tag;
        payload.CopyTo(bytes, typeName.Length + 2);
        return Base64Url.EncodeToString(bytes);
    }

    /// <inheritdoc />
    public NodeId Parse(string id) => TryParse(id, out var nodeId) ? nodeId : throw new GraphQLException(NodeErrors.InvalidId(id));

    /// <inheritdoc />
    public bool TryParse(string? id, out NodeId nodeId)
    {
        nodeId = default;
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !Base64Url.IsValid(id))
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return false;
        }
        // Non-canonical spellings (trailing bits set, padding) would give one object several IDs.
        if (!string.Equals(Base64Url.EncodeToString(bytes), id, StringComparison.Ordinal))
        {
            return false;
        }
        var separator = Array.IndexOf(bytes, Separator);
        if (separator <= 0 || separator + 1 >= bytes.Length)
        {
            return false;
        }
        var typeName = Encoding.ASCII.GetString(bytes, 0, separator);
        if (!IsName(typeName) || !TryReadKey(bytes[separator + 1], bytes.AsSpan(separator + 2), out var key))
        {
            return false;
        }
        nodeId = new NodeId(typeName, key);
        return true;
    }

    private static bool TryReadKey(byte tag, ReadOnlySpan<byte> payload, out object key)
    {
        key = null!;
        switch (tag)
        {
            case GuidTag when payload.Length == 16:
                key = new Guid(payload, bigEndian: true);
                return true;
            case IntTag when IsCanonicalInteger(payload) && int.TryParse(payload, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                key = number;
                return true;
            case LongTag when IsCanonicalInteger(payload) && long.TryParse(payload, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big):
                key = big;
                return true;
            case StringTag:
                try
                {
                    key = StrictUtf8.GetString(payload);
                    return true;
                }
                catch (DecoderFallbackException)
                {
                    return false;
                }
            default:
                return false;
        }
    }

    /// <summary>Decimal digits with an optional minus, no leading zero (except <c>0</c> itself), no <c>-0</c>.</summary>
    private static bool IsCanonicalInteger(ReadOnlySpan<byte> text)
    {
        var digits = text.Length > 0 && text[0] == (byte)'-' ? text[1..] : text;
        if (digits.Length == 0 || (digits[0] == (byte)'0' && (digits.Length > 1 || digits.Length != text.Length)))
        {
            return false;
        }
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether <paramref name="name"/> matches the spec's <c>Name</c>: <c>/[_A-Za-z][_0-9A-Za-z]*/</c>.</summary>
    private static bool IsName(string? name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
