using System.Text;
using System.Text.Json;
using Graph.GraphQL.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.Tests.Subscriptions;

/// <summary>The NOTIFY wire format of the PostgreSQL provider and the reassembly of chunked messages (no database).</summary>
public sealed class PostgresNotificationCodecTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Book(string Title, decimal Price, Guid AuthorId);

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan time) => Ticks += time.Ticks;
    }

    private static PostgresChunkAssembler Assembler(ManualClock? clock = null, int maxMessageSize = 1024 * 1024, long maxPending = 16L * 1024 * 1024, RecordingLoggerFactory? logs = null) =>
        new(clock ?? new ManualClock(), TimeSpan.FromSeconds(30), maxMessageSize, maxPending, (logs ?? new RecordingLoggerFactory()).CreateLogger("test"));

    private static NotificationChunk Parse(string payload)
    {
        Assert.True(PostgresNotificationCodec.TryParseChunk(payload, out var chunk), payload);
        return chunk;
    }

    private static string? Reassemble(PostgresChunkAssembler assembler, IEnumerable<string> payloads)
    {
        string? text = null;
        foreach (var payload in payloads)
        {
            text = assembler.Add(Parse(payload)) ?? text;
        }
        return text;
    }

    [Fact]
    public void A_small_event_is_one_notification_with_a_json_envelope()
    {
        var authorId = Guid.Parse("0190d6c4-0000-7000-8000-000000000001");
        var envelope = PostgresNotificationCodec.EncodeMessage("bookAdded", new Book("Cabosses", 4000m, authorId), Web);

        var payload = Assert.Single(PostgresNotificationCodec.Split(envelope));

        Assert.Matches("^[0-9a-f]{32}:0:1:", payload);
        Assert.Equal(
            """{"kind":"message","topic":"bookAdded","payload":{"title":"Cabosses","price":4000,"authorId":"0190d6c4-0000-7000-8000-000000000001"}}""",
            payload[37..]);
        Assert.True(PostgresNotificationCodec.TryDecodeEnvelope(Assert.IsType<string>(Assembler().Add(Parse(payload))), out var decoded));
        Assert.False(decoded.IsCompletion);
        Assert.Equal("bookAdded", decoded.Topic);
        Assert.Equal(new Book("Cabosses", 4000m, authorId), decoded.Payload.Deserialize<Book>(Web));
    }

    [Fact]
    public void A_completion_names_its_topic()
    {
        var payload = Assert.Single(PostgresNotificationCodec.Split(PostgresNotificationCodec.EncodeCompletion("room:\"x\"", Web)));

        Assert.True(PostgresNotificationCodec.TryDecodeEnvelope(Parse(payload).Data, out var decoded));
        Assert.True(decoded.IsCompletion);
        Assert.Equal("room:\"x\"", decoded.Topic);
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(7_851)]
    [InlineData(7_852)]
    [InlineData(300_000)]
    public void Large_events_are_cut_into_notifications_under_the_limit_and_put_back_together(int length)
    {
        var title = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        var envelope = PostgresNotificationCodec.EncodeMessage("big", title, Web);

        var payloads = PostgresNotificationCodec.Split(envelope);

        Assert.True(payloads.Count >= envelope.Length / PostgresNotificationCodec.MaxDataBytes);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        Assert.Single(payloads.Select(p => p[..32]).Distinct());
        var text = Reassemble(Assembler(), payloads);
        Assert.Equal(Encoding.UTF8.GetString(envelope), text);
        Assert.True(PostgresNotificationCodec.TryDecodeEnvelope(text!, out var decoded));
        Assert.Equal(title, decoded.Payload.GetString());
    }

    [Fact]
    public void Cuts_never_split_a_utf8_sequence()
    {
        // Relaxed escaping keeps non-ASCII text as multi-byte UTF-8 in the envelope.
        var relaxed = new JsonSerializerOptions(Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var text = string.Concat(Enumerable.Repeat("Sénégal ߷ 𝄞 Côte d'Ivoire ", 2000));
        var envelope = PostgresNotificationCodec.EncodeMessage("utf8", text, relaxed);
        Assert.True(envelope.Length > Encoding.UTF8.GetByteCount(text));

        for (var maxData = 4; maxData <= 12; maxData++)
        {
            var payloads = PostgresNotificationCodec.Split(envelope.AsSpan(0, 600), maxData);
            Assert.DoesNotContain(payloads, p => p.Contains('\uFFFD', StringComparison.Ordinal));
            Assert.Equal(Encoding.UTF8.GetString(envelope, 0, 600), string.Concat(payloads.Select(p => Parse(p).Data)));
        }
        var all = PostgresNotificationCodec.Split(envelope);
        Assert.True(all.Count > 1);
        Assert.True(PostgresNotificationCodec.TryDecodeEnvelope(Reassemble(Assembler(), all)!, out var decoded));
        Assert.Equal(text, decoded.Payload.GetString());
    }

    [Fact]
    public void Interleaved_and_reordered_chunks_of_several_messages_are_reassembled()
    {
        var messages = Enumerable.Range(0, 5)
            .Select(i => PostgresNotificationCodec.Split(PostgresNotificationCodec.EncodeMessage("t", new string((char)('a' + i), 20_000 + i), Web)))
            .ToList();
        var random = new Random(7);
        var shuffled = messages.SelectMany(m => m).OrderBy(_ => random.Next()).ToList();
        var assembler = Assembler();

        var completed = new List<string>();
        foreach (var payload in shuffled)
        {
            if (assembler.Add(Parse(payload)) is { } text)
            {
                completed.Add(text);
            }
        }

        Assert.Equal(5, completed.Count);
        var values = completed.Select(t => PostgresNotificationCodec.TryDecodeEnvelope(t, out var e) ? e.Payload.GetString()! : "").OrderBy(v => v.Length).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => new string((char)('a' + i), 20_000 + i)), values);
        Assert.Equal(0, assembler.PendingMessages);
        Assert.Equal(0, assembler.PendingBytes);
    }

    [Fact]
    public void A_duplicate_chunk_is_ignored()
    {
        var payloads = PostgresNotificationCodec.Split(PostgresNotificationCodec.EncodeMessage("t", new string('x', 20_000), Web));
        var assembler = Assembler();

        Assert.Null(assembler.Add(Parse(payloads[0])));
        Assert.Null(assembler.Add(Parse(payloads[0])));
        string? text = null;
        foreach (var payload in payloads.Skip(1))
        {
            text = assembler.Add(Parse(payload));
        }

        Assert.Equal(string.Concat(payloads.Select(p => Parse(p).Data)), text);
    }

    [Fact]
    public void Incomplete_messages_are_dropped_after_the_timeout()
    {
        var clock = new ManualClock();
        var logs = new RecordingLoggerFactory();
        var assembler = Assembler(clock, logs: logs);
        var stale = PostgresNotificationCodec.Split(PostgresNotificationCodec.EncodeMessage("t", new string('s', 20_000), Web));
        var fresh = PostgresNotificationCodec.Split(PostgresNotificationCodec.EncodeMessage("t", new string('f', 20_000), Web));

        assembler.Add(Parse(stale[0]));
        clock.Advance(TimeSpan.FromSeconds(20));
        assembler.Add(Parse(fresh[0]));
        Assert.Equal(0, assembler.RemoveExpired());
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, assembler.RemoveExpired());
        Assert.Equal(1, assembler.PendingMessages);
        Assert.Contains(logs.At(LogLevel.Warning), e => e.Message.Contains(Parse(stale[0]).MessageId, StringComparison.Ordinal));
        Assert.NotNull(Reassemble(assembler, fresh.Skip(1)));
        // The stale message's late chunks start over and never complete it.
        Assert.Null(Reassemble(assembler, stale.Skip(1)));
    }

    [Fact]
    public void Incomplete_messages_beyond_the_byte_limit_are_dropped_oldest_first()
    {
        var clock = new ManualClock();
        var assembler = Assembler(clock, maxMessageSize: 64 * 1024, maxPending: 64 * 1024);
        var messages = Enumerable.Range(0, 20)
            .Select(i => PostgresNotificationCodec.Split(PostgresNotificationCodec.EncodeMessage("t", new string('m', 20_000), Web)))
            .ToList();

        foreach (var message in messages)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            // Two of three chunks: none completes.
            assembler.Add(Parse(message[0]));
            assembler.Add(Parse(message[1]));
            Assert.InRange(assembler.PendingBytes, 0, 64 * 1024);
        }

        Assert.InRange(assembler.PendingMessages, 1, 4);
        Assert.NotNull(assembler.Add(Parse(messages[^1][2])));
        Assert.Null(assembler.Add(Parse(messages[0][2])));
    }

    [Fact]
    public void A_message_announcing_more_chunks_than_the_largest_message_takes_is_refused()
    {
        var logs = new RecordingLoggerFactory();
        var assembler = Assembler(maxMessageSize: 16 * 1024, logs: logs);

        Assert.Null(assembler.Add(new NotificationChunk(new string('a', 32), 0, 1000, "x")));

        Assert.Equal(0, assembler.PendingMessages);
        Assert.Single(logs.At(LogLevel.Warning));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("0123456789abcdef0123456789abcdef:0:1")]
    [InlineData("0123456789abcdef0123456789abcdeg:0:1:{}")]
    [InlineData("0123456789abcdef0123456789abcdef:1:1:{}")]
    [InlineData("0123456789abcdef0123456789abcdef:0:0:{}")]
    [InlineData("0123456789abcdef0123456789abcdef:-1:2:{}")]
    [InlineData("0123456789abcdef0123456789abcdef:0:99999999:{}")]
    [InlineData("0123456789abcdef0123456789abcdef::1:{}")]
    public void Foreign_payloads_are_not_chunks(string payload)
    {
        Assert.False(PostgresNotificationCodec.TryParseChunk(payload, out _));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"topic":"t","payload":1}""")]
    [InlineData("""{"kind":"message","topic":"t"}""")]
    [InlineData("""{"kind":"other","topic":"t","payload":1}""")]
    [InlineData("""{"kind":"message","topic":3,"payload":1}""")]
    public void Foreign_envelopes_are_refused(string text)
    {
        Assert.False(PostgresNotificationCodec.TryDecodeEnvelope(text, out _));
    }
}
