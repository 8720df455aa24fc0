using System.Text;
using System.Text.Json;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>One block of a <c>text/event-stream</c>: an event (name and data) or a comment-only keep-alive.</summary>
internal sealed record ServerSentEvent(string? Event, string? Data, bool IsComment)
{
    public JsonElement Json => JsonDocument.Parse(Data!).RootElement.Clone();
}

/// <summary>Reads a <c>text/event-stream</c> block by block, as the SSE spec interprets it. Every wait is bounded.</summary>
internal sealed class EventStreamReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next block, or null at the end of the stream.</summary>
    public async Task<ServerSentEvent?> ReadAsync()
    {
        string? name = null;
        StringBuilder? data = null;
        var comment = false;
        while (true)
        {
            using var timeout = new CancellationTokenSource(StreamingHost.Patience);
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return name is null && data is null && !comment ? null : new ServerSentEvent(name, data?.ToString(), comment && name is null && data is null);
            }
            if (line.Length == 0)
            {
                if (name is null && data is null && !comment)
                {
                    continue;
                }
                return new ServerSentEvent(name, data?.ToString(), name is null && data is null);
            }
            if (line[0] == ':')
            {
                comment = true;
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
                    break;
            }
        }
    }

    /// <summary>The next event, skipping keep-alive comments; fails at the end of the stream.</summary>
    public async Task<ServerSentEvent> ReadEventAsync(string name)
    {
        while (true)
        {
            var next = await ReadAsync();
            Assert.NotNull(next);
            if (next.IsComment)
            {
                continue;
            }
            Assert.Equal(name, next.Event);
            return next;
        }
    }

    public void Dispose() => _reader.Dispose();
}
