using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Graph.GraphQL.Execution.Processing;

namespace Graph.GraphQL.Execution;

/// <summary>
/// Writes the data of a result as compact UTF-8 JSON straight into the output's spans: response names as bytes encoded once
/// per selection, strings narrowed or transcoded without a second copy, and no per-value bookkeeping beyond the comma of
/// the container. It writes exactly what <see cref="ResultWriter"/>'s <see cref="Utf8JsonWriter"/> path writes (same
/// escaping, <see cref="ResultWriter.Encoder"/>): values other than strings, integers, booleans, objects and lists are
/// handed to that path. One instance per thread, reused.
/// </summary>
internal sealed class CompactResultWriter
{
    // The ASCII characters the encoder writes as they are: 0x20..0x7E but the quote and the backslash.
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not ('"' or '\\')).ToArray());

    [ThreadStatic]
    private static CompactResultWriter? t_cached;

    private IBufferWriter<byte> _output = null!;
    private Utf8JsonWriter? _fallback;
    // The output's current memory as an array segment (_buffer[_start.._end]), written at _position; when the output's
    // memory is not an array, the bytes go to _scratch and are copied to it on commit.
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private int _position;
    private Memory<byte> _memory;
    private byte[]? _scratch;

    /// <summary>Writes the data tree <paramref name="value"/> to <paramref name="output"/> (and advances it).</summary>
    public static void WriteData(IBufferWriter<byte> output, object? value)
    {
        var writer = t_cached ?? new CompactResultWriter();
        t_cached = null;
        writer._output = output;
        writer.Detach();
        try
        {
            writer.WriteValue(value);
            writer.Commit();
        }
        finally
        {
            writer._output = null!;
            writer.Detach();
            t_cached = writer;
        }
    }

    /// <summary>Starts writing values to <paramref name="output"/> (see <see cref="OperationContext"/>'s JSON subtrees).</summary>
    internal void Attach(JsonBuffer output)
    {
        _output = output;
        Detach();
    }

    /// <summary>Hands what was written to the output and lets it go.</summary>
    internal void Release()
    {
        Commit();
        _output = null!;
    }

    /// <summary>The output's written count plus what this writer holds back: where the next byte goes.</summary>
    internal int Position => ((JsonBuffer)_output).Count + (_position - _start);

    /// <summary>Drops what was written from <paramref name="position"/> (a <see cref="Position"/>) on.</summary>
    internal void Rewind(int position)
    {
        var output = (JsonBuffer)_output;
        if (position >= output.Count && _buffer.Length > 0)
        {
            _position = _start + (position - output.Count);
            return;
        }
        Commit();
        output.Rewind(position);
    }

    /// <summary>Writes <paramref name="bytes"/> as they are (punctuation, pre-encoded property names).</summary>
    internal void WriteRaw(ReadOnlySpan<byte> bytes) => WriteAscii(bytes);

    /// <summary>Writes one byte (punctuation).</summary>
    internal void WriteRawByte(byte value) => WriteByte(value);

    /// <summary>Writes a completed value as <see cref="WriteData"/> writes it.</summary>
    internal void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                WriteAscii("null"u8);
                return;
            case string text:
                WriteString(text);
                return;
            case ResultObject obj:
                WriteObject(obj);
                return;
            case ResultList list:
                WriteList(list);
                return;
            case int number:
                WriteInt(number);
                return;
            case bool flag:
                WriteAscii(flag ? "true"u8 : "false"u8);
                return;
            case RawJson raw:
                WriteAscii(raw.Span);
                return;
            default:
                WriteWithFallback(value);
                return;
        }
    }

    private void WriteObject(ResultObject obj)
    {
        var selections = obj.Selections;
        var values = obj.Values;
        WriteByte((byte)'{');
        for (var i = 0; i < selections.Length; i++)
        {
            if (i > 0)
            {
                WriteByte((byte)',');
            }
            WriteAscii(selections[i].Utf8PropertyName);
            WriteValue(values[i]);
        }
        WriteByte((byte)'}');
    }

    private void WriteList(ResultList list)
    {
        var items = list.Items;
        WriteByte((byte)'[');
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                WriteByte((byte)',');
            }
            WriteValue(items[i]);
        }
        WriteByte((byte)']');
    }

    internal void WriteString(string text)
    {
        var chars = text.AsSpan();
        var plainUpTo = chars.IndexOfAnyExcept(PlainAscii);
        if (plainUpTo < 0)
        {
            // Plain ASCII: the quotes and one narrowing copy.
            Reserve(chars.Length + 2);
            var buffer = _buffer;
            var position = _position;
            buffer[position] = (byte)'"';
            Ascii.FromUtf16(chars, buffer.AsSpan(position + 1, chars.Length), out _);
            buffer[position + chars.Length + 1] = (byte)'"';
            _position = position + chars.Length + 2;
            return;
        }
        if (chars[plainUpTo] >= 0x80)
        {
            // Text beyond ASCII (accents are common): transcoded, then written as it is unless the encoder escapes some of it.
            // A lone surrogate is invalid data here (the escaping path writes it as an escaped replacement character).
            var maximum = Encoding.UTF8.GetMaxByteCount(chars.Length);
            Reserve(maximum + 2);
            var span = _buffer.AsSpan(_position + 1, maximum);
            // The first plainUpTo characters are plain ASCII, one byte each: only the rest needs the encoder's look.
            if (System.Text.Unicode.Utf8.FromUtf16(chars, span, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                && ResultWriter.Encoder.FindFirstCharacterToEncodeUtf8(span[plainUpTo..written]) < 0)
            {
                _buffer[_position] = (byte)'"';
                _buffer[_position + written + 1] = (byte)'"';
                _position += written + 2;
                return;
            }
        }
        // Text to escape: Utf8JsonWriter's way.
        WriteWithFallback(text);
    }

    internal void WriteInt(int number)
    {
        Reserve(11);
        number.TryFormat(_buffer.AsSpan(_position, 11), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Other scalars (decimals, doubles, dates, JSON, maps...) are written by the <see cref="Utf8JsonWriter"/> path.</summary>
    private void WriteWithFallback(object value)
    {
        Commit();
        var writer = _fallback ??= new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = ResultWriter.Encoder, SkipValidation = true });
        writer.Reset(_output);
        ResultWriter.WriteValue(writer, value);
        writer.Flush();
        writer.Reset();
    }

    private void WriteByte(byte value)
    {
        if (_position == _end)
        {
            Reserve(1);
        }
        _buffer[_position++] = value;
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        if (_end - _position < bytes.Length)
        {
            Reserve(bytes.Length);
        }
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>Makes at least <paramref name="length"/> bytes available at <see cref="_position"/>.</summary>
    private void Reserve(int length)
    {
        if (_end - _position >= length)
        {
            return;
        }
        Commit();
        _memory = _output.GetMemory(Math.Max(length, 4096));
        if (MemoryMarshal.TryGetArray<byte>(_memory, out var segment) && segment.Array is { } array)
        {
            _buffer = array;
            _start = segment.Offset;
            _end = segment.Offset + segment.Count;
        }
        else
        {
            if (_scratch is null || _scratch.Length < _memory.Length)
            {
                _scratch = new byte[Math.Max(_memory.Length, 4096)];
            }
            _buffer = _scratch;
            _start = 0;
            _end = _memory.Length;
        }
        _position = _start;
    }

    /// <summary>Hands the bytes written so far to the output.</summary>
    private void Commit()
    {
        var written = _position - _start;
        if (written > 0)
        {
            if (!ReferenceEquals(_buffer, _scratch) || _scratch is null)
            {
                _output.Advance(written);
            }
            else
            {
                _scratch.AsSpan(0, written).CopyTo(_memory.Span);
                _output.Advance(written);
            }
        }
        Detach();
    }

    private void Detach()
    {
        _buffer = [];
        _memory = Memory<byte>.Empty;
        _start = 0;
        _end = 0;
        _position = 0;
    }
}
