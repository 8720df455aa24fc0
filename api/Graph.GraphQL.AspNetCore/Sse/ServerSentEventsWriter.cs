using System.Buffers;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.Sse;

/// <summary>
/// Writes a <c>text/event-stream</c> response of graphql-sse (distinct connections mode): <c>event: next</c> with a
/// GraphQL response as <c>data</c>, a final <c>event: complete</c>, and comment lines as keep-alives on an interval.
/// Every event is flushed at once; buffering (response compression included) is turned off for the response. Events
/// and keep-alives are written one at a time, never interleaved.
/// </summary>
internal sealed class ServerSentEventsWriter : IAsyncDisposable
{
    /// <summary>A comment line: ignored by clients, it keeps the connection busy (and makes browsers see the headers).</summary>
    private static readonly byte[] KeepAliveComment = ":\n\n"u8.ToArray();
    private static readonly byte[] NextStart = "event: next\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>The <c>complete</c> event: with an empty data line, so that browsers' EventSource dispatches it too.</summary>
    private static readonly byte[] CompleteEvent = "event: complete\ndata:\n\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly CancellationToken _aborted;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopKeepAlive;
    private Task _keepAlive = Task.CompletedTask;

    private ServerSentEventsWriter(HttpContext context)
    {
        _response = context.Response;
        _aborted = context.RequestAborted;
        _stopKeepAlive = CancellationTokenSource.CreateLinkedTokenSource(_aborted);
    }

    /// <summary>Sends the status and headers (200, <c>text/event-stream</c>) and starts the keep-alive.</summary>
    public static async Task<ServerSentEventsWriter> StartAsync(HttpContext context, TimeSpan? keepAliveInterval)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GraphQLMediaTypes.EventStream + "; charset=utf-8";
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        // Asks reverse proxies that honour it not to buffer the stream either.
        response.Headers["X-Accel-Buffering"] = "no";
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var writer = new ServerSentEventsWriter(context);
        await writer.WriteAsync(KeepAliveComment, null).ConfigureAwait(false);
        if (keepAliveInterval is { } interval)
        {
            writer._keepAlive = writer.KeepAliveAsync(interval);
        }
        return writer;
    }

    /// <summary>Writes <c>event: next</c> with <paramref name="result"/> as its data (one line: the JSON has no raw line breaks).</summary>
    public Task WriteNextAsync(OperationResult result) => WriteAsync(NextStart, result);

    /// <summary>Writes <c>event: complete</c>.</summary>
    public Task WriteCompleteAsync() => WriteAsync(CompleteEvent, null);

    public async ValueTask DisposeAsync()
    {
        await _stopKeepAlive.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(false);
        _stopKeepAlive.Dispose();
        _gate.Dispose();
    }

    private async Task WriteAsync(byte[] start, OperationResult? result)
    {
        await _gate.WaitAsync(_aborted).ConfigureAwait(false);
        try
        {
            var body = _response.BodyWriter;
            body.Write(start.AsSpan());
            if (result is not null)
            {
                result.WriteTo(body);
                body.Write(EventEnd.AsSpan());
            }
            await body.FlushAsync(_aborted).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task KeepAliveAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopKeepAlive.Token).ConfigureAwait(false))
            {
                await WriteAsync(KeepAliveComment, null).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended or the client went away.
        }
    }
}
