using System.Text;
using System.Text.Json;
using Graph.GraphQL.Execution;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// Writes the messages of both protocols, <c>{"id":...,"type":...,"payload":...}</c>, as UTF-8 JSON with the engine's
/// result writer (so results are written exactly as over HTTP).
/// </summary>
internal static class SocketMessageWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = ResultWriter.Encoder };
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText PayloadName = JsonEncodedText.Encode("payload");

    /// <summary>A message without id or payload, encoded once: <c>{"type":"ping"}</c>.</summary>
    public static OutgoingMessage Constant(string type) =>
        OutgoingMessage.Constant(Encoding.UTF8.GetBytes($$"""{"type":"{{type}}"}"""));

    /// <summary><c>{"id":id,"type":type}</c>.</summary>
    public static OutgoingMessage Write(string type, string? id) =>
        Write<object?>(type, id, null, null);

    /// <summary>A message whose payload is a GraphQL response (<c>next</c>, legacy <c>data</c>).</summary>
    public static OutgoingMessage Result(string type, string id, OperationResult result) =>
        Write(type, id, result, static (writer, r) => ResultWriter.Write(writer, r));

    /// <summary>A message whose payload is an array of GraphQL errors (<c>error</c>).</summary>
    public static OutgoingMessage Errors(string type, string id, IReadOnlyList<GraphQLError> errors) =>
        Write(type, id, errors, static (writer, list) =>
        {
            writer.WriteStartArray();
            foreach (var error in list)
            {
                ResultWriter.WriteError(writer, error);
            }
            writer.WriteEndArray();
        });

    /// <summary>A message whose payload is one GraphQL error (legacy <c>error</c> and <c>connection_error</c>).</summary>
    public static OutgoingMessage Error(string type, string? id, GraphQLError error) =>
        Write(type, id, error, static (writer, e) => ResultWriter.WriteError(writer, e));

    /// <summary>A message whose payload is a plain value tree, or none when it is null (<c>connection_ack</c>).</summary>
    public static OutgoingMessage Value(string type, IReadOnlyDictionary<string, object?>? payload) => payload is null
        ? Write(type, null)
        : Write(type, null, payload, static (writer, p) => ResultWriter.WriteValue(writer, p));

    /// <summary>A message whose payload is JSON text the client sent (a ping's payload echoed in the pong).</summary>
    public static OutgoingMessage Raw(string type, ReadOnlyMemory<byte> payload) =>
        Write(type, null, payload, static (writer, json) => writer.WriteRawValue(json.Span, skipInputValidation: true));

    private static OutgoingMessage Write<TState>(string type, string? id, TState state, Action<Utf8JsonWriter, TState>? writePayload)
    {
        // One buffer and one writer per thread, reset for each message (writing never awaits, so nothing else uses them
        // meanwhile): a message costs no allocation but its text, in an array from the shared pool.
        var buffer = t_buffer ??= new PooledMessageBuffer();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, Options);
        }
        else
        {
            writer.Reset(buffer);
        }
        try
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString(IdName, id);
            }
            writer.WriteString(TypeName, type);
            if (writePayload is not null)
            {
                writer.WritePropertyName(PayloadName);
                writePayload(writer, state);
            }
            writer.WriteEndObject();
            writer.Flush();
            return buffer.Detach();
        }
        finally
        {
            // After a failure the buffer may hold part of a message: it starts again from nothing.
            buffer.Dispose();
        }
    }

    [ThreadStatic]
    private static PooledMessageBuffer? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;
}
