using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Graph.GraphQL.Subscriptions;

/// <summary>One NOTIFY payload: a slice of a message's envelope.</summary>
/// <param name="MessageId">32 hexadecimal digits shared by the chunks of one message.</param>
/// <param name="Index">The chunk's position, from zero.</param>
/// <param name="Count">How many chunks the message has.</param>
/// <param name="Data">The chunk's slice of the envelope.</param>
internal readonly record struct NotificationChunk(string MessageId, int Index, int Count, string Data);

/// <summary>A reassembled message: an event or the completion of a topic.</summary>
internal readonly record struct NotificationEnvelope(bool IsCompletion, string Topic, JsonElement Payload);

/// <summary>
/// The wire format of the PostgreSQL provider. A message is a JSON envelope,
/// <c>{"kind":"message","topic":"...","payload":...}</c> or <c>{"kind":"complete","topic":"..."}</c>, cut into chunks that
/// fit a NOTIFY payload; each chunk is sent as <c>{messageId}:{index}:{count}:{data}</c> (id: 32 hexadecimal digits;
/// index from zero). Chunks are cut between UTF-8 sequences, so each is valid text on its own.
/// </summary>
internal static class PostgresNotificationCodec
{
    /// <summary>The most bytes one NOTIFY payload gets (PostgreSQL refuses 8000 and more with its default build).</summary>
    public const int MaxPayloadBytes = 7_900;

    private const int MessageIdLength = 32;

    /// <summary>Room for the header: the id, three colons, and index and count of up to seven digits each.</summary>
    private const int MaxHeaderBytes = MessageIdLength + 3 + 7 + 7;

    /// <summary>The most envelope bytes one chunk carries.</summary>
    public const int MaxDataBytes = MaxPayloadBytes - MaxHeaderBytes;

    /// <summary>The most chunks a message of <paramref name="maxMessageSize"/> bytes can take (a cut may back off up to three bytes).</summary>
    public static int MaxChunks(int maxMessageSize) => (maxMessageSize / (MaxDataBytes - 3)) + 1;

    /// <summary>The UTF-8 envelope of an event.</summary>
    public static byte[] EncodeMessage<TMessage>(string topic, TMessage message, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "message");
            writer.WriteString("topic", topic);
            writer.WritePropertyName("payload");
            JsonSerializer.Serialize(writer, message, options);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The UTF-8 envelope of a topic's completion.</summary>
    public static byte[] EncodeCompletion(string topic, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "complete");
            writer.WriteString("topic", topic);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Cuts an envelope into NOTIFY payloads of at most <paramref name="maxDataBytes"/> envelope bytes each.</summary>
    public static List<string> Split(ReadOnlySpan<byte> envelope, int maxDataBytes = MaxDataBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDataBytes, 4);
        var ranges = new List<(int Start, int Length)>();
        var start = 0;
        while (start < envelope.Length)
        {
            var length = Math.Min(maxDataBytes, envelope.Length - start);
            // Never cut inside a UTF-8 sequence: back off while the next byte is a continuation byte.
            while (start + length < envelope.Length && (envelope[start + length] & 0xC0) == 0x80)
            {
                length--;
            }
            ranges.Add((start, length));
            start += length;
        }
        if (ranges.Count == 0)
        {
            ranges.Add((0, 0));
        }
        var id = Guid.NewGuid().ToString("N");
        var payloads = new List<string>(ranges.Count);
        for (var i = 0; i < ranges.Count; i++)
        {
            var (rangeStart, rangeLength) = ranges[i];
            payloads.Add(string.Create(CultureInfo.InvariantCulture, $"{id}:{i}:{ranges.Count}:{Encoding.UTF8.GetString(envelope.Slice(rangeStart, rangeLength))}"));
        }
        return payloads;
    }

    /// <summary>Reads the header of a NOTIFY payload; false for payloads that are not chunks of this format.</summary>
    public static bool TryParseChunk(string payload, out NotificationChunk chunk)
    {
        chunk = default;
        var span = payload.AsSpan();
        if (span.Length < MessageIdLength + 6 || span[MessageIdLength] != ':' || !IsHex(span[..MessageIdLength]))
        {
            return false;
        }
        var rest = span[(MessageIdLength + 1)..];
        var indexEnd = rest.IndexOf(':');
        if (indexEnd <= 0 || !TryParseCount(rest[..indexEnd], out var index))
        {
            return false;
        }
        rest = rest[(indexEnd + 1)..];
        var countEnd = rest.IndexOf(':');
        if (countEnd <= 0 || !TryParseCount(rest[..countEnd], out var count) || count < 1 || index >= count)
        {
            return false;
        }
        chunk = new NotificationChunk(payload[..MessageIdLength], index, count, rest[(countEnd + 1)..].ToString());
        return true;
    }

    /// <summary>Reads a reassembled envelope; false when it is not one.</summary>
    public static bool TryDecodeEnvelope(string text, out NotificationEnvelope envelope)
    {
        envelope = default;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("topic", out var topic) || topic.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            if (kind.ValueEquals("complete"))
            {
                envelope = new NotificationEnvelope(true, topic.GetString()!, default);
                return true;
            }
            if (kind.ValueEquals("message") && root.TryGetProperty("payload", out var payload))
            {
                envelope = new NotificationEnvelope(false, topic.GetString()!, payload.Clone());
                return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParseCount(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.Length <= 7 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
