using System.Buffers;
using System.Text.Json;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>Reads a GraphQL-over-HTTP request from a JSON body (<c>{query, operationName, variables, extensions}</c>).</summary>
internal static class JsonRequestReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>The request in <paramref name="body"/> (the whole body, UTF-8).</summary>
    /// <exception cref="GraphQLHttpException">400: not JSON, not an object, a parameter of the wrong type, or neither a query nor a document id.</exception>
    public static GraphQLHttpRequest Read(ReadOnlySequence<byte> body)
    {
        body = SkipByteOrderMark(body);
        if (body.IsEmpty)
        {
            throw GraphQLHttpException.BadRequest("The request body is empty: send a JSON object with the GraphQL document in \"query\".");
        }
        var reader = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(Options));
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw GraphQLHttpException.BadRequest(reader.TokenType == JsonTokenType.StartArray
                    ? "Batched requests (a JSON array) are not supported: send one JSON object."
                    : "The request body must be a JSON object with the GraphQL document in \"query\".");
            }
            string? query = null;
            string? operationName = null;
            string? documentId = null;
            IReadOnlyDictionary<string, object?>? variables = null;
            IReadOnlyDictionary<string, object?>? extensions = null;
            var seen = Parameter.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("query"u8))
                {
                    Once(ref seen, Parameter.Query, "query");
                    reader.Read();
                    query = ReadString(ref reader, "query");
                }
                else if (reader.ValueTextEquals("operationName"u8))
                {
                    Once(ref seen, Parameter.OperationName, "operationName");
                    reader.Read();
                    operationName = ReadString(ref reader, "operationName");
                }
                else if (reader.ValueTextEquals("documentId"u8) || reader.ValueTextEquals("id"u8))
                {
                    // The persisted-documents proposal's documentId, and the id of Relay-style clients.
                    var name = reader.GetString()!;
                    Once(ref seen, name == "id" ? Parameter.Id : Parameter.DocumentId, name);
                    reader.Read();
                    documentId ??= ReadString(ref reader, name);
                }
                else if (reader.ValueTextEquals("variables"u8))
                {
                    Once(ref seen, Parameter.Variables, "variables");
                    reader.Read();
                    variables = JsonValues.ReadMapParameter(ref reader, "variables");
                }
                else if (reader.ValueTextEquals("extensions"u8))
                {
                    Once(ref seen, Parameter.Extensions, "extensions");
                    reader.Read();
                    extensions = JsonValues.ReadMapParameter(ref reader, "extensions");
                }
                else
                {
                    // Other names are reserved by the spec for future use: ignored.
                    reader.Read();
                    reader.Skip();
                }
            }
            // Anything after the object is an error of the reader itself.
            reader.Read();
            return GraphQLHttpRequest.Create(query, documentId, operationName, variables, extensions);
        }
        catch (JsonException e)
        {
            throw GraphQLHttpException.BadRequest("The request body is not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            // The reader's way of saying that a string is not valid UTF-8.
            throw GraphQLHttpException.BadRequest("The request body is not valid UTF-8 JSON: " + e.Message);
        }
    }

    /// <summary>The request parameters, to refuse one named twice.</summary>
    [Flags]
    private enum Parameter
    {
        None = 0,
        Query = 1,
        OperationName = 2,
        DocumentId = 4,
        Id = 8,
        Variables = 16,
        Extensions = 32,
    }

    /// <summary>
    /// Refuses a parameter given twice: JSON parsers disagree on which copy wins, so a proxy or firewall reading the first
    /// <c>query</c> while the server ran the second would be a way to smuggle an operation past it.
    /// </summary>
    private static void Once(ref Parameter seen, Parameter parameter, string name)
    {
        if ((seen & parameter) != 0)
        {
            throw GraphQLHttpException.BadRequest($"The request body names the \"{name}\" parameter twice.");
        }
        seen |= parameter;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string parameter) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw GraphQLHttpException.BadRequest($"The \"{parameter}\" parameter must be a string."),
    };

    private static ReadOnlySequence<byte> SkipByteOrderMark(ReadOnlySequence<byte> body)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (body.Length >= 3)
        {
            Span<byte> start = stackalloc byte[3];
            body.Slice(0, 3).CopyTo(start);
            if (start.SequenceEqual(bom))
            {
                return body.Slice(3);
            }
        }
        return body;
    }
}
