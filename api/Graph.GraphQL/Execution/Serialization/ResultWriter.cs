using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Graph.GraphQL.Execution.Processing;

namespace Graph.GraphQL.Execution;

/// <summary>
/// Writes responses straight to UTF-8 JSON with <see cref="Utf8JsonWriter"/>: no intermediate DOM. Key order is the
/// spec's: <c>errors</c> (first, as the spec's Response section suggests), <c>data</c> (only when the response has a data
/// entry, possibly <c>null</c>), <c>extensions</c>; errors as <c>message</c>, <c>locations</c>, <c>path</c>,
/// <c>extensions</c>. Response objects are written from their selection's pre-encoded response names.
/// </summary>
public static class ResultWriter
{
    /// <summary>The encoder: escapes what JSON requires (quotes, backslash, control characters) and leaves other text as is.</summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = Encoder, SkipValidation = true };
    private static readonly JsonWriterOptions IndentedOptions = new() { Encoder = Encoder, SkipValidation = true, Indented = true };

    private static readonly JsonEncodedText ErrorsName = JsonEncodedText.Encode("errors");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText ExtensionsName = JsonEncodedText.Encode("extensions");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText LocationsName = JsonEncodedText.Encode("locations");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText ColumnName = JsonEncodedText.Encode("column");

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/>.</summary>
    public static void Write(OperationResult result, IBufferWriter<byte> output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        if (indented)
        {
            using var indentedWriter = new Utf8JsonWriter(output, IndentedOptions);
            Write(indentedWriter, result);
            return;
        }
        // The data, the bulk of a response, goes through the compact writer; errors and extensions through Utf8JsonWriter.
        WriteRaw(output, "{"u8);
        var separator = ""u8;
        if (result.Errors is { Count: > 0 } errors)
        {
            WriteRaw(output, "\"errors\":"u8);
            WithWriter(output, errors, static (writer, errors) =>
            {
                writer.WriteStartArray();
                for (var i = 0; i < errors.Count; i++)
                {
                    WriteError(writer, errors[i]);
                }
                writer.WriteEndArray();
            });
            separator = ","u8;
        }
        if (result.HasData)
        {
            WriteRaw(output, separator);
            WriteRaw(output, "\"data\":"u8);
            CompactResultWriter.WriteData(output, result.Data);
            separator = ","u8;
        }
        if (result.Extensions is { Count: > 0 } extensions)
        {
            WriteRaw(output, separator);
            WriteRaw(output, "\"extensions\":"u8);
            WithWriter(output, extensions, static (writer, extensions) => WriteMap(writer, extensions));
        }
        WriteRaw(output, "}"u8);
    }

    private static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0)
        {
            bytes.CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
        }
    }

    /// <summary>Writes one JSON value to <paramref name="output"/> with this thread's compact <see cref="Utf8JsonWriter"/>.</summary>
    private static void WithWriter<T>(IBufferWriter<byte> output, T state, Action<Utf8JsonWriter, T> write)
    {
        var writer = t_writer;
        t_writer = null;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, CompactOptions);
        }
        else
        {
            writer.Reset(output);
        }
        try
        {
            write(writer, state);
            writer.Flush();
        }
        finally
        {
            writer.Reset();
            t_writer = writer;
        }
    }

    /// <summary>Writes <paramref name="result"/> to <paramref name="writer"/> and flushes it.</summary>
    public static void Write(Utf8JsonWriter writer, OperationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Json is { } json)
        {
            // A subscription event's result shared by its subscribers, written once.
            writer.WriteRawValue(json, skipInputValidation: true);
            writer.Flush();
            return;
        }
        writer.WriteStartObject();
        if (result.Errors is { Count: > 0 } errors)
        {
            writer.WritePropertyName(ErrorsName);
            writer.WriteStartArray();
            for (var i = 0; i < errors.Count; i++)
            {
                WriteError(writer, errors[i]);
            }
            writer.WriteEndArray();
        }
        if (result.HasData)
        {
            writer.WritePropertyName(DataName);
            WriteValue(writer, result.Data);
        }
        if (result.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName(ExtensionsName);
            WriteMap(writer, extensions);
        }
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Writes one error map.</summary>
    public static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteString(MessageName, error.Message);
        if (error.Locations is { Count: > 0 } locations)
        {
            writer.WritePropertyName(LocationsName);
            writer.WriteStartArray();
            for (var i = 0; i < locations.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteNumber(LineName, locations[i].Line);
                writer.WriteNumber(ColumnName, locations[i].Column);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (error.Path is { } path)
        {
            writer.WritePropertyName(PathName);
            writer.WriteStartArray();
            WritePath(writer, path);
            writer.WriteEndArray();
        }
        if (error.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName(ExtensionsName);
            WriteMap(writer, extensions);
        }
        writer.WriteEndObject();
    }

    private static void WritePath(Utf8JsonWriter writer, Path path)
    {
        if (path.IsRoot)
        {
            return;
        }
        WritePath(writer, path.Parent!);
        switch (path)
        {
            case NamePath name:
                writer.WriteStringValue(name.Name);
                break;
            case IndexPath index:
                writer.WriteNumberValue(index.Index);
                break;
        }
    }

    /// <summary>Writes a result value: response objects and lists, leaf results, and JSON-like CLR trees.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case ResultObject obj:
                WriteObject(writer, obj);
                return;
            case ResultList list:
                WriteList(writer, list);
                return;
            case RawJson raw:
                writer.WriteRawValue(raw.Span, skipInputValidation: true);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case double d:
                WriteDouble(writer, d);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case float f:
                WriteDouble(writer, f);
                return;
            case short or byte or sbyte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                return;
            case uint ui:
                writer.WriteNumberValue(ui);
                return;
            case ulong ul:
                writer.WriteNumberValue(ul);
                return;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case JsonDocument document:
                document.WriteTo(writer);
                return;
            case IReadOnlyDictionary<string, object?> map:
                WriteMap(writer, map);
                return;
            case IDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }
                writer.WriteEndObject();
                return;
            case Enum enumValue:
                writer.WriteStringValue(enumValue.ToString());
                return;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (var item in enumerable)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                return;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                writer.WriteStringValue(value.ToString());
                return;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, ResultObject obj)
    {
        writer.WriteStartObject();
        var selections = obj.Selections;
        var values = obj.Values;
        for (var i = 0; i < selections.Length; i++)
        {
            writer.WritePropertyName(selections[i].EncodedResponseName);
            WriteValue(writer, values[i]);
        }
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, ResultList list)
    {
        writer.WriteStartArray();
        var items = list.Items;
        for (var i = 0; i < list.Count; i++)
        {
            WriteValue(writer, items[i]);
        }
        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> map)
    {
        if (map is ResultObject obj)
        {
            WriteObject(writer, obj);
            return;
        }
        writer.WriteStartObject();
        foreach (var (key, item) in map)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, item);
        }
        writer.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            // Negative zero is written 0, as JSON.stringify (and so the reference implementation's responses) writes it.
            writer.WriteNumberValue(value == 0 ? 0d : value);
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
