using System.Buffers;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// One message to send: UTF-8 JSON text, in an array rented from the shared pool (returned by <see cref="Release"/>
/// once sent or dropped) or in a constant array.
/// </summary>
internal readonly struct OutgoingMessage
{
    private readonly byte[] _array;
    private readonly int _length;
    private readonly bool _pooled;

    private OutgoingMessage(byte[] array, int length, bool pooled)
    {
        _array = array;
        _length = length;
        _pooled = pooled;
    }

    public ReadOnlyMemory<byte> Text => _array.AsMemory(0, _length);

    /// <summary>A message that lives for the process (a ping without payload, say): never returned to the pool.</summary>
    public static OutgoingMessage Constant(byte[] utf8) => new(utf8, utf8.Length, pooled: false);

    /// <summary>Takes ownership of a rented array holding <paramref name="length"/> bytes.</summary>
    public static OutgoingMessage Rented(byte[] array, int length) => new(array, length, pooled: true);

    /// <summary>Returns a rented array to the pool; the message must not be used afterwards.</summary>
    public void Release()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over rented arrays whose text becomes an <see cref="OutgoingMessage"/>; it rents its
/// first array when first written to, so one instance serves message after message.
/// </summary>
internal sealed class PooledMessageBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 1024;

    private byte[] _buffer = [];
    private int _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>The text written so far, as a message that now owns the array; the buffer starts again empty.</summary>
    public OutgoingMessage Detach()
    {
        var message = OutgoingMessage.Rented(_buffer, _written);
        _buffer = [];
        _written = 0;
        return message;
    }

    /// <summary>Returns the array (a message not detached is dropped); the buffer may be written to again.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(_buffer.Length * 2, InitialSize), _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = next;
    }
}
