using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// Reads a GraphQL-over-HTTP request from the query string of a GET: <c>query</c>, <c>operationName</c> (empty means
/// none), <c>documentId</c> (or <c>id</c>) naming a persisted document, and <c>variables</c> and <c>extensions</c> as JSON text.
/// </summary>
internal static class QueryStringRequestReader
{
    /// <summary>The request in <paramref name="parameters"/>.</summary>
    /// <exception cref="GraphQLHttpException">400: neither a query nor a document id, a repeated parameter, or variables/extensions that are not a JSON object.</exception>
    public static GraphQLHttpRequest Read(IQueryCollection parameters)
    {
        return GraphQLHttpRequest.Create(
            Single(parameters, "query"),
            Single(parameters, "documentId") ?? Single(parameters, "id"),
            Single(parameters, "operationName"),
            ReadMap(Single(parameters, "variables"), "variables"),
            ReadMap(Single(parameters, "extensions"), "extensions"));
    }

    private static string? Single(IQueryCollection parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            throw GraphQLHttpException.BadRequest($"The \"{name}\" parameter is given more than once.");
        }
        return values[0];
    }

    private static IReadOnlyDictionary<string, object?>? ReadMap(string? json, string parameter)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            reader.Read();
            var map = JsonValues.ReadMapParameter(ref reader, parameter);
            reader.Read();
            return map;
        }
        catch (JsonException e)
        {
            throw GraphQLHttpException.BadRequest($"The \"{parameter}\" parameter is not valid JSON: {e.Message}");
        }
    }
}
