using System.Text;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// Puts the chunks of messages back together on the listener (one thread: the listening loop). Chunks of different
/// messages may interleave; a message is complete when all its chunks arrived, whatever their order. Incomplete messages
/// are dropped after a timeout, and the oldest ones too when their chunks together exceed a byte limit; a message
/// announcing more chunks than the largest allowed message takes is refused. Every drop is logged as a warning.
/// </summary>
internal sealed class PostgresChunkAssembler
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly int _maxChunks;
    private readonly long _maxPendingBytes;
    private readonly ILogger _logger;

    public PostgresChunkAssembler(TimeProvider time, TimeSpan timeout, int maxMessageSize, long maxPendingBytes, ILogger logger)
    {
        _time = time;
        _timeout = timeout;
        _maxChunks = PostgresNotificationCodec.MaxChunks(maxMessageSize);
        _maxPendingBytes = maxPendingBytes;
        _logger = logger;
    }

    /// <summary>How many messages wait for chunks.</summary>
    public int PendingMessages => _pending.Count;

    /// <summary>The bytes of the chunks held for incomplete messages.</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Adds a chunk; returns the whole envelope when it completes a message, else null.</summary>
    public string? Add(NotificationChunk chunk)
    {
        if (chunk.Count == 1)
        {
            return chunk.Data;
        }
        if (chunk.Count > _maxChunks)
        {
            _logger.LogWarning(
                "Refused a subscription message of {Count} chunks: messages may have at most {Max} (see MaxMessageSize).",
                chunk.Count, _maxChunks);
            return null;
        }
        if (!_pending.TryGetValue(chunk.MessageId, out var pending))
        {
            pending = new Pending(chunk.Count, _time.GetTimestamp());
            _pending.Add(chunk.MessageId, pending);
        }
        else if (pending.Parts.Length != chunk.Count)
        {
            _logger.LogWarning("Dropped subscription message {MessageId}: its chunks disagree on their count.", chunk.MessageId);
            Remove(chunk.MessageId, pending);
            return null;
        }
        if (pending.Parts[chunk.Index] is not null)
        {
            return null;
        }
        pending.Parts[chunk.Index] = chunk.Data;
        pending.Received++;
        var bytes = Encoding.UTF8.GetByteCount(chunk.Data);
        pending.Bytes += bytes;
        PendingBytes += bytes;
        if (pending.Received == pending.Parts.Length)
        {
            Remove(chunk.MessageId, pending);
            return string.Concat(pending.Parts);
        }
        while (PendingBytes > _maxPendingBytes && Oldest() is { } oldest)
        {
            _logger.LogWarning(
                "Dropped incomplete subscription message {MessageId} ({Received} of {Count} chunks): incomplete messages exceed {Max} bytes.",
                oldest.Key, oldest.Value.Received, oldest.Value.Parts.Length, _maxPendingBytes);
            Remove(oldest.Key, oldest.Value);
        }
        return null;
    }

    /// <summary>Drops the messages that waited longer than the timeout for their other chunks; returns how many.</summary>
    public int RemoveExpired()
    {
        if (_pending.Count == 0)
        {
            return 0;
        }
        var now = _time.GetTimestamp();
        List<KeyValuePair<string, Pending>>? expired = null;
        foreach (var entry in _pending)
        {
            if (_time.GetElapsedTime(entry.Value.Started, now) >= _timeout)
            {
                (expired ??= []).Add(entry);
            }
        }
        if (expired is null)
        {
            return 0;
        }
        foreach (var (id, pending) in expired)
        {
            _logger.LogWarning(
                "Dropped incomplete subscription message {MessageId}: {Received} of {Count} chunks arrived within {Timeout}.",
                id, pending.Received, pending.Parts.Length, _timeout);
            Remove(id, pending);
        }
        return expired.Count;
    }

    /// <summary>Forgets every incomplete message (the connection was lost: their other chunks will not come).</summary>
    public void Clear()
    {
        _pending.Clear();
        PendingBytes = 0;
    }

    private KeyValuePair<string, Pending>? Oldest()
    {
        KeyValuePair<string, Pending>? oldest = null;
        foreach (var entry in _pending)
        {
            if (oldest is null || entry.Value.Started < oldest.Value.Value.Started)
            {
                oldest = entry;
            }
        }
        return oldest;
    }

    private void Remove(string id, Pending pending)
    {
        _pending.Remove(id);
        PendingBytes -= pending.Bytes;
    }

    private sealed class Pending(int count, long started)
    {
        public string?[] Parts { get; } = new string?[count];

        public long Started { get; } = started;

        public int Received { get; set; }

        public long Bytes { get; set; }
    }
}
