using System.Net.WebSockets;
using System.Text;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// The only writer of a socket: every outgoing message of a session (acknowledgement, results of concurrent operations,
/// pongs, keep-alives) is sent whole, one after the other, so frames never interleave. A producer that finds the socket
/// idle sends its message itself, on its own thread, and then sends what others queued meanwhile; the others queue
/// (up to <see cref="Capacity"/> messages, then they wait: a slow client slows its subscriptions down, memory stays
/// bounded). So a message to a client that keeps up costs no thread hop and no queue. The close frame goes last,
/// after what was queued before it.
/// </summary>
internal sealed class SocketSendPump(WebSocket socket)
{
    /// <summary>How many messages may wait while another is being sent (a burst; a client that keeps up never fills it).</summary>
    public const int Capacity = 32;

    /// <summary>The longest close reason the WebSocket protocol allows, in UTF-8 bytes.</summary>
    private const int MaxCloseReasonBytes = 123;

    private readonly Lock _sync = new();
    private readonly Queue<OutgoingMessage> _queue = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether someone is sending (the socket is theirs until they find nothing more to send).</summary>
    private bool _sending;

    /// <summary>Whether nothing more can be sent: the close frame went out, the socket failed or the session was aborted.</summary>
    private bool _done;

    /// <summary>Completed (and replaced) when the queue has room again, or when sending ends; null while nobody waits.</summary>
    private TaskCompletionSource? _room;

    private int _closing;
    private WebSocketCloseStatus _closeStatus;
    private string? _closeReason;

    /// <summary>The close code queued, or null while none is.</summary>
    public int? CloseCode => Volatile.Read(ref _closing) == 1 ? (int)_closeStatus : null;

    /// <summary>
    /// Sends <paramref name="message"/> now when the socket is idle (and then whatever others queued meanwhile), else
    /// queues it, waiting for room when the queue is full. False (and the message released) once the session closes
    /// or the socket fails. <paramref name="cancellationToken"/> stops a wait for room, not a send under way.
    /// </summary>
    public ValueTask<bool> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_done || Volatile.Read(ref _closing) == 1)
            {
                message.Release();
                return ValueTask.FromResult(false);
            }
            if (_sending)
            {
                if (_queue.Count < Capacity)
                {
                    _queue.Enqueue(message);
                    return ValueTask.FromResult(true);
                }
                return WaitForRoomAsync(message, cancellationToken);
            }
            _sending = true;
        }
        return SendAndDrainAsync(message);
    }

    /// <summary>Queues the close frame after the messages already queued; false when a close was queued before.</summary>
    public bool Close(int code, string reason)
    {
        TaskCompletionSource? room;
        bool sendNow;
        lock (_sync)
        {
            if (Volatile.Read(ref _closing) == 1)
            {
                return false;
            }
            _closeStatus = (WebSocketCloseStatus)code;
            _closeReason = Truncate(reason);
            Volatile.Write(ref _closing, 1);
            room = TakeRoomWaiters();
            sendNow = !_sending && !_done;
            if (sendNow)
            {
                _sending = true;
            }
        }
        // Producers waiting for room give up: nothing more is accepted.
        room?.TrySetResult();
        if (sendNow)
        {
            _ = Task.Run(() => DrainAsync().AsTask());
        }
        return true;
    }

    /// <summary>
    /// Ends when the close frame is sent, the socket fails or <paramref name="aborted"/> is signalled (which aborts the
    /// socket, failing a send under way).
    /// </summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        using var registration = aborted.UnsafeRegister(static state => ((SocketSendPump)state!).Abort(), this);
        await _finished.Task.ConfigureAwait(false);
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

    private async ValueTask<bool> WaitForRoomAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                Task room;
                lock (_sync)
                {
                    if (_done || Volatile.Read(ref _closing) == 1)
                    {
                        message.Release();
                        return false;
                    }
                    if (!_sending)
                    {
                        _sending = true;
                        break;
                    }
                    if (_queue.Count < Capacity)
                    {
                        _queue.Enqueue(message);
                        return true;
                    }
                    room = (_room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                }
                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            message.Release();
            throw;
        }
        return await SendAndDrainAsync(message).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> (the caller owns the socket), then what was queued meanwhile.</summary>
    private async ValueTask<bool> SendAndDrainAsync(OutgoingMessage message)
    {
        if (!await SendOneAsync(message).ConfigureAwait(false))
        {
            return false;
        }
        await DrainAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends the queued messages, then the close frame when one is asked for; the caller owns the socket until then.</summary>
    private async ValueTask DrainAsync()
    {
        while (true)
        {
            OutgoingMessage next;
            TaskCompletionSource? room;
            lock (_sync)
            {
                if (!_queue.TryDequeue(out next))
                {
                    if (Volatile.Read(ref _closing) == 0 || _done)
                    {
                        _sending = false;
                        return;
                    }
                    break;
                }
                room = TakeRoomWaiters();
            }
            room?.TrySetResult();
            if (!await SendOneAsync(next).ConfigureAwait(false))
            {
                return;
            }
        }
        // Everything queued before the close is sent: the close frame goes last.
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(_closeStatus, _closeReason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The client went away or the session was aborted.
        }
        Finish();
    }

    /// <summary>Sends one message; false when the socket failed (everything else is dropped then).</summary>
    private async ValueTask<bool> SendOneAsync(OutgoingMessage message)
    {
        try
        {
            // No token: a cancellable send takes the WebSocket's slow path (a registration per message); aborting the
            // session aborts the socket instead, which fails a send under way.
            await socket.SendAsync(message.Text, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The client went away or the session was aborted: nothing more can be sent.
            Finish();
            return false;
        }
        finally
        {
            message.Release();
        }
    }

    /// <summary>The session is aborted: the socket goes, and with it a send under way.</summary>
    private void Abort()
    {
        try
        {
            socket.Abort();
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
        Finish();
    }

    /// <summary>Nothing more is sent: releases what is queued, wakes waiting producers and ends <see cref="RunAsync"/>.</summary>
    private void Finish()
    {
        TaskCompletionSource? room;
        OutgoingMessage[] dropped;
        lock (_sync)
        {
            _done = true;
            _sending = false;
            dropped = _queue.Count == 0 ? [] : _queue.ToArray();
            _queue.Clear();
            room = TakeRoomWaiters();
        }
        foreach (var message in dropped)
        {
            message.Release();
        }
        room?.TrySetResult();
        _finished.TrySetResult();
    }

    /// <summary>The producers waiting for room, to wake once the lock is released; call under the lock.</summary>
    private TaskCompletionSource? TakeRoomWaiters()
    {
        var room = _room;
        _room = null;
        return room;
    }
}
