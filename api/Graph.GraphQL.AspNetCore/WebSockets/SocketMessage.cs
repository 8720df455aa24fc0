using System.Buffers;
using System.Text.Json;
using Graph.GraphQL.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// A message a client sent, read from its JSON text: <c>type</c>, <c>id</c> and the <c>payload</c> as its raw JSON
/// (read further by the protocol that knows what it should hold). Other members are ignored.
/// </summary>
internal readonly struct SocketMessage
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private SocketMessage(string type, string? id, ReadOnlyMemory<byte> payload, JsonTokenType payloadKind)
    {
        Type = type;
        Id = id;
        Payload = payload;
        PayloadKind = payloadKind;
    }

    public string Type { get; }

    /// <summary>The <c>id</c>, or null when absent or null.</summary>
    public string? Id { get; }

    /// <summary>The JSON text of <c>payload</c>; empty when absent.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The first token of <c>payload</c>: <see cref="JsonTokenType.None"/> when absent.</summary>
    public JsonTokenType PayloadKind { get; }

    /// <summary>Whether <c>payload</c> is absent or null.</summary>
    public bool HasNoPayload => PayloadKind is JsonTokenType.None or JsonTokenType.Null;

    /// <summary>Reads the envelope; false with the reason when the text is not a JSON object with a string <c>type</c>.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> text, out SocketMessage message, out string error)
    {
        message = default;
        string? type = null;
        string? id = null;
        var payload = ReadOnlyMemory<byte>.Empty;
        var payloadKind = JsonTokenType.None;
        try
        {
            var reader = new Utf8JsonReader(text.Span, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "Invalid message: expected a JSON object.";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "Invalid message: 'type' must be a string.";
                        return false;
                    }
                    type = reader.GetString();
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        error = "Invalid message: 'id' must be a string.";
                        return false;
                    }
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("payload"u8))
                {
                    reader.Read();
                    payloadKind = reader.TokenType;
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payload = text[start..(int)reader.BytesConsumed];
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Anything after the object is an error of the reader itself.
            reader.Read();
        }
        catch (JsonException)
        {
            error = "Invalid message: not valid JSON.";
            return false;
        }
        catch (InvalidOperationException)
        {
            // The reader's way of saying that a string is not valid UTF-8.
            error = "Invalid message: not valid UTF-8 JSON.";
            return false;
        }
        if (string.IsNullOrEmpty(type))
        {
            error = "Invalid message: 'type' is missing.";
            return false;
        }
        message = new SocketMessage(type, id, payload, payloadKind);
        error = string.Empty;
        return true;
    }

    /// <summary>The payload as a map of plain values (<c>connection_init</c>), or null when absent or null.</summary>
    /// <exception cref="InvalidSocketMessageException">The payload is something else than an object.</exception>
    public IReadOnlyDictionary<string, object?>? ReadMapPayload()
    {
        if (HasNoPayload)
        {
            return null;
        }
        if (PayloadKind != JsonTokenType.StartObject)
        {
            throw new InvalidSocketMessageException($"Invalid message: the '{Type}' payload must be an object.");
        }
        var reader = new Utf8JsonReader(Payload.Span, ReaderOptions);
        reader.Read();
        return JsonValues.ReadObject(ref reader);
    }

    /// <summary>The payload as a GraphQL request (<c>query</c>, <c>operationName</c>, <c>variables</c>, <c>extensions</c>).</summary>
    /// <exception cref="InvalidSocketMessageException">No payload, or one that is not such a request (the reason says why).</exception>
    public GraphQLHttpRequest ReadRequestPayload()
    {
        if (HasNoPayload)
        {
            throw new InvalidSocketMessageException($"Invalid message: '{Type}' needs a payload with the GraphQL document in 'query'.");
        }
        try
        {
            return JsonRequestReader.Read(new ReadOnlySequence<byte>(Payload));
        }
        catch (GraphQLHttpException e)
        {
            throw new InvalidSocketMessageException($"Invalid '{Type}' payload: {e.Message}");
        }
    }
}

/// <summary>A message that does not follow the protocol (the socket is closed with 4400 and this reason).</summary>
internal sealed class InvalidSocketMessageException(string message) : Exception(message);
