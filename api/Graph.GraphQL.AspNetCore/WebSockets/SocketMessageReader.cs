using System.Buffers;
using System.Net.WebSockets;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>What one read from the socket gave.</summary>
internal enum ReceivedKind
{
    /// <summary>A whole text message (in <see cref="SocketMessageReader.Text"/>).</summary>
    Text,

    /// <summary>A binary message: the protocols speak text only.</summary>
    Binary,

    /// <summary>A message larger than the limit: the rest of it is not read into memory.</summary>
    TooLarge,

    /// <summary>The client's close frame.</summary>
    Close,
}

/// <summary>
/// Reads whole messages from a socket into one pooled buffer that grows up to the size limit; the text of a message is
/// valid until the next read. While the client is silent (most of a subscriber's life) no buffer is held: each read
/// starts with a zero-byte read that waits for the next frame, and only then rents the buffer.
/// </summary>
internal sealed class SocketMessageReader(WebSocket socket, int maxMessageSize) : IDisposable
{
    private const int InitialSize = 4096;

    private byte[] _buffer = [];
    private int _length;

    /// <summary>The last text message read.</summary>
    public ReadOnlyMemory<byte> Text => _buffer.AsMemory(0, _length);

    public async ValueTask<ReceivedKind> ReceiveAsync(CancellationToken cancellationToken)
    {
        _length = 0;
        Dispose();
        // Waits for a frame without a buffer (the WebSocket reads the frame header into its own).
        var first = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return ReceivedKind.Close;
        }
        if (first.EndOfMessage)
        {
            // An empty message.
            return first.MessageType == WebSocketMessageType.Binary ? ReceivedKind.Binary : ReceivedKind.Text;
        }
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(InitialSize, (long)maxMessageSize + 1));
        while (true)
        {
            if (_length == _buffer.Length)
            {
                Grow();
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ReceivedKind.Close;
            }
            _length += result.Count;
            if (_length > maxMessageSize)
            {
                // The remaining fragments arrive as further reads; the session ignores them while it closes.
                _length = 0;
                return ReceivedKind.TooLarge;
            }
            if (result.EndOfMessage)
            {
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    _length = 0;
                    return ReceivedKind.Binary;
                }
                return ReceivedKind.Text;
            }
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Doubles the buffer, up to one byte over the limit (enough to tell that a message is too large).</summary>
    private void Grow()
    {
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min((long)_buffer.Length * 2, (long)maxMessageSize + 1), Array.MaxLength));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
