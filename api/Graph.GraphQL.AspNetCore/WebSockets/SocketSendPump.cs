using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// The only writer of a socket: every outgoing message of a session (acknowledgement, results of concurrent operations,
/// pongs, keep-alives) goes through one bounded queue and is sent whole, one after the other, so frames never
/// interleave. A full queue makes producers wait (a slow client slows its subscriptions down, memory stays bounded).
/// The close frame goes last, after what was queued before it.
/// </summary>
internal sealed class SocketSendPump(WebSocket socket)
{
    /// <summary>How many messages may wait to be sent (a burst; a client that keeps up never fills it).</summary>
    public const int Capacity = 32;

    /// <summary>The longest close reason the WebSocket protocol allows, in UTF-8 bytes.</summary>
    private const int MaxCloseReasonBytes = 123;

    private readonly Channel<OutgoingMessage> _queue = Channel.CreateBounded<OutgoingMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _closing;
    private WebSocketCloseStatus _closeStatus;
    private string? _closeReason;

    /// <summary>The close code queued, or null while none is.</summary>
    public int? CloseCode => Volatile.Read(ref _closing) == 1 ? (int)_closeStatus : null;

    /// <summary>Queues <paramref name="message"/>; false (and the message released) once the session closes.</summary>
    public async ValueTask<bool> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var writer = _queue.Writer;
            while (!writer.TryWrite(message))
            {
                if (!await writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
                {
                    message.Release();
                    return false;
                }
            }
            return true;
        }
        catch
        {
            message.Release();
            throw;
        }
    }

    /// <summary>Queues the close frame after the messages already queued; false when a close was queued before.</summary>
    public bool Close(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return false;
        }
        _closeStatus = (WebSocketCloseStatus)code;
        _closeReason = Truncate(reason);
        _queue.Writer.TryComplete();
        return true;
    }

    /// <summary>Sends until the close frame is sent, the socket fails or <paramref name="aborted"/> is signalled.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                try
                {
                    await socket.SendAsync(message.Text, WebSocketMessageType.Text, endOfMessage: true, aborted).ConfigureAwait(false);
                }
                finally
                {
                    message.Release();
                }
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(_closeStatus, _closeReason, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away or the session was aborted: nothing more can be sent.
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Release();
            }
        }
    }

    /// <summary>Cuts a reason to what a close frame holds, on a character boundary, marking the cut with "...".</summary>
    internal static string Truncate(string reason)
    {
        if (reason.Length <= MaxCloseReasonBytes / 3 || Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes)
        {
            return reason;
        }
        // Each character takes at least one byte: no more than this many can fit.
        var length = Math.Min(reason.Length, MaxCloseReasonBytes - 3);
        while (length > 0 && (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxCloseReasonBytes - 3 || char.IsHighSurrogate(reason[length - 1])))
        {
            length--;
        }
        return string.Concat(reason.AsSpan(0, length), "...");
    }
}
