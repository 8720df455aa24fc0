using System.Buffers;
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
    private Memory<byte> _memory;
    private int _position;

    /// <summary>Writes the data tree <paramref name="value"/> to <paramref name="output"/> (and advances it).</summary>
    public static void WriteData(IBufferWriter<byte> output, object? value)
    {
        var writer = t_cached ?? new CompactResultWriter();
        t_cached = null;
        writer._output = output;
        writer._memory = Memory<byte>.Empty;
        writer._position = 0;
        try
        {
            writer.WriteValue(value);
            writer.Commit();
        }
        finally
        {
            writer._output = null!;
            writer._memory = Memory<byte>.Empty;
            t_cached = writer;
        }
    }

    private void WriteValue(object? value)
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

    private void WriteString(string text)
    {
        var chars = text.AsSpan();
        var plainUpTo = chars.IndexOfAnyExcept(PlainAscii);
        if (plainUpTo < 0)
        {
            // Plain ASCII: the quotes and one narrowing copy.
            var span = Reserve(chars.Length + 2);
            span[0] = (byte)'"';
            Ascii.FromUtf16(chars, span[1..], out _);
            span[chars.Length + 1] = (byte)'"';
            _position += chars.Length + 2;
            return;
        }
        if (chars[plainUpTo] >= 0x80)
        {
            // Text beyond ASCII (accents are common): transcoded, then written as it is unless the encoder escapes some of it.
            var span = Reserve(Encoding.UTF8.GetMaxByteCount(chars.Length) + 2);
            // A lone surrogate is invalid data here (the escaping path writes it as an escaped replacement character).
            if (System.Text.Unicode.Utf8.FromUtf16(chars, span[1..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                && ResultWriter.Encoder.FindFirstCharacterToEncodeUtf8(span.Slice(1, written)) < 0)
            {
                span[0] = (byte)'"';
                span[written + 1] = (byte)'"';
                _position += written + 2;
                return;
            }
        }
        // Text to escape: Utf8JsonWriter's way.
        WriteWithFallback(text);
    }

    private void WriteInt(int number)
    {
        var span = Reserve(11);
        number.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
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
        Reserve(1)[0] = value;
        _position++;
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _position += bytes.Length;
    }

    /// <summary>At least <paramref name="length"/> bytes at the current position.</summary>
    private Span<byte> Reserve(int length)
    {
        var span = _memory.Span;
        if (span.Length - _position >= length)
        {
            return span[_position..];
        }
        Commit();
        _memory = _output.GetMemory(Math.Max(length, 4096));
        return _memory.Span;
    }

    /// <summary>Hands the bytes written so far to the output.</summary>
    private void Commit()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }
        _memory = Memory<byte>.Empty;
        _position = 0;
    }
}
