using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>
/// Each cooperative's tamper-evident history: events appended one after another, each hashed with the one before.
/// <para>
/// An event's hash is SHA-256 over the UTF-8 bytes of <c>previousHash + "\n" + canonical</c>, in lower-case hex; the first
/// event's previous hash is 64 zeros. The canonical form is compact JSON with object keys sorted by ordinal order, holding
/// the cooperative, sequence, kind, delivery, lot, actor, time (ISO 8601 UTC to the microsecond, as PostgreSQL keeps it) and
/// payload. Anyone with the events can recompute the chain: editing, deleting or reordering an event breaks it there.
/// </para>
/// </summary>
public static class TraceChain
{
    /// <summary>The previous hash of a chain's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.Default };

    /// <summary>
    /// Appends an event to the cooperative's chain, in the caller's transaction (which must be open): takes the chain's lock
    /// until the transaction ends, so events are chained one at a time, and adds the event to <paramref name="db"/> (saved
    /// with the caller's other changes).
    /// </summary>
    public static async Task<TraceEvent> AppendAsync(
        GraphDbContext db,
        Guid cooperativeId,
        TraceEventKind kind,
        IReadOnlyDictionary<string, string> payload,
        Guid? deliveryId,
        Guid? lotId,
        Guid? actorId,
        DateTime now,
        CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Trace events are appended inside the transaction that makes the change they record.");
        }
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(cooperativeId)})", cancellationToken);
        // Events added to this context and not yet saved come after the saved ones.
        var pending = db.ChangeTracker.Entries<TraceEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.CooperativeId == cooperativeId)
            .Select(e => e.Entity)
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefault();
        var last = pending ?? await db.TraceEvents.AsNoTracking()
            .Where(e => e.CooperativeId == cooperativeId)
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        var recordedAt = ToMicroseconds(now);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? Genesis;
        var payloadJson = PayloadJson(payload);
        var hash = HashOf(previous, Canonical(cooperativeId, sequence, kind, deliveryId, lotId, actorId, recordedAt, payloadJson));
        var traceEvent = new TraceEvent
        {
            CooperativeId = cooperativeId,
            Sequence = sequence,
            Kind = kind,
            DeliveryId = deliveryId,
            LotId = lotId,
            ActorId = actorId,
            RecordedAt = recordedAt,
            Payload = payloadJson,
            PreviousHash = previous,
            Hash = hash,
        };
        db.TraceEvents.Add(traceEvent);
        return traceEvent;
    }

    /// <summary>The event's hash as it should be, recomputed from its stored fields and <paramref name="previousHash"/>.</summary>
    public static string Recompute(TraceEvent traceEvent, string previousHash) =>
        HashOf(previousHash, Canonical(traceEvent.CooperativeId, traceEvent.Sequence, traceEvent.Kind, traceEvent.DeliveryId,
            traceEvent.LotId, traceEvent.ActorId, traceEvent.RecordedAt, traceEvent.Payload));

    /// <summary>
    /// Walks the cooperative's chain from its first event up to <paramref name="upToSequence"/> (the whole chain when null) and
    /// reports the first broken link: an event whose content no longer gives its hash (ALTERED), whose previous hash is not the
    /// hash before it (LINK_BROKEN), or a missing sequence number (MISSING).
    /// </summary>
    public static async Task<TraceVerification> VerifyAsync(GraphDbContext db, Guid cooperativeId, long? upToSequence, CancellationToken cancellationToken)
    {
        var events = db.TraceEvents.AsNoTracking()
            .Where(e => e.CooperativeId == cooperativeId && (upToSequence == null || e.Sequence <= upToSequence))
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();
        var previous = Genesis;
        var expectedSequence = 1L;
        var checkedEvents = 0;
        await foreach (var traceEvent in events.WithCancellation(cancellationToken))
        {
            if (traceEvent.Sequence != expectedSequence)
            {
                return TraceVerification.Broken(checkedEvents, new TraceBreak(expectedSequence, null, TraceBreakReason.Missing, null, null));
            }
            if (!string.Equals(traceEvent.PreviousHash, previous, StringComparison.Ordinal))
            {
                return TraceVerification.Broken(checkedEvents, new TraceBreak(traceEvent.Sequence, traceEvent, TraceBreakReason.LinkBroken, previous, traceEvent.PreviousHash));
            }
            var recomputed = Recompute(traceEvent, previous);
            if (!string.Equals(recomputed, traceEvent.Hash, StringComparison.Ordinal))
            {
                return TraceVerification.Broken(checkedEvents, new TraceBreak(traceEvent.Sequence, traceEvent, TraceBreakReason.Altered, recomputed, traceEvent.Hash));
            }
            previous = traceEvent.Hash;
            expectedSequence++;
            checkedEvents++;
        }
        if (upToSequence is { } last && expectedSequence <= last)
        {
            return TraceVerification.Broken(checkedEvents, new TraceBreak(expectedSequence, null, TraceBreakReason.Missing, null, null));
        }
        return new TraceVerification(true, checkedEvents, null);
    }

    /// <summary>The canonical form of an event: compact JSON, keys in ordinal order, the payload's keys sorted too.</summary>
    public static string Canonical(Guid cooperativeId, long sequence, TraceEventKind kind, Guid? deliveryId, Guid? lotId, Guid? actorId, DateTime recordedAt, string payloadJson)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + payloadJson.Length);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            // Keys written in ordinal order: actor, cooperative, delivery, kind, lot, payload, recordedAt, sequence.
            writer.WriteStartObject();
            writer.WriteString("actor", actorId?.ToString("D"));
            writer.WriteString("cooperative", cooperativeId.ToString("D"));
            writer.WriteString("delivery", deliveryId?.ToString("D"));
            writer.WriteString("kind", EnumNames<TraceEventKind>.ToName(kind));
            writer.WriteString("lot", lotId?.ToString("D"));
            writer.WritePropertyName("payload");
            using (var payload = JsonDocument.Parse(payloadJson))
            {
                WriteSorted(writer, payload.RootElement);
            }
            writer.WriteString("recordedAt", ToMicroseconds(recordedAt).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("sequence", sequence.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A payload as stored: a JSON object of strings, keys sorted.</summary>
    public static string PayloadJson(IReadOnlyDictionary<string, string> payload)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in payload.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A kilogram or money figure as a payload string: invariant, without trailing zeros (1250.500 gives 1250.5).</summary>
    public static string Figure(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string HashOf(string previousHash, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + canonical)));

    // JSON re-written with every object's keys in ordinal order, whatever order the database returns them in (jsonb
    // reorders keys); numbers keep their text.
    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteSorted(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static DateTime ToMicroseconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    private static long LockKey(Guid cooperativeId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"trace-chain\n{cooperativeId:N}")), 0);
}

/// <summary>Why a link of the chain is broken.</summary>
public enum TraceBreakReason
{
    /// <summary>The event's stored content no longer gives its stored hash: it was edited.</summary>
    Altered,

    /// <summary>The event's previous hash is not the hash of the event before it: an event before it was replaced or reordered.</summary>
    LinkBroken,

    /// <summary>An event's sequence number is missing: it was deleted.</summary>
    Missing,
}

/// <summary>The first broken link of a chain.</summary>
/// <param name="Sequence">Where in the chain the break is.</param>
/// <param name="Event">The event found there, or null when it is missing.</param>
/// <param name="Reason">What is wrong.</param>
/// <param name="ExpectedHash">The hash the chain expects there (recomputed, or the previous event's).</param>
/// <param name="StoredHash">The hash stored there.</param>
public sealed record TraceBreak(long Sequence, TraceEvent? Event, TraceBreakReason Reason, string? ExpectedHash, string? StoredHash);

/// <summary>What recomputing a chain found.</summary>
/// <param name="Valid">Whether every link held.</param>
/// <param name="CheckedEvents">How many events were found sound before the break (or in all).</param>
/// <param name="FirstBrokenLink">The first broken link, or null.</param>
public sealed record TraceVerification(bool Valid, int CheckedEvents, TraceBreak? FirstBrokenLink)
{
    internal static TraceVerification Broken(int checkedEvents, TraceBreak link) => new(false, checkedEvents, link);
}
