using Graph.GraphQL.Execution.Persistence;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// The parameters of a well-formed GraphQL-over-HTTP request: the document text, or the id of a stored document
/// (<c>documentId</c>, <c>id</c>, or the hash of <c>extensions.persistedQuery</c>), the operation name (null when absent
/// or empty), and the variables and extensions as the engine's plain CLR trees.
/// </summary>
internal sealed record GraphQLHttpRequest(
    string? Query,
    string? DocumentId,
    string? OperationName,
    IReadOnlyDictionary<string, object?>? Variables,
    IReadOnlyDictionary<string, object?>? Extensions)
{
    /// <summary>The request, after checking it names a document one way or another.</summary>
    /// <exception cref="GraphQLHttpException">400: neither a query nor a document id.</exception>
    public static GraphQLHttpRequest Create(
        string? query,
        string? documentId,
        string? operationName,
        IReadOnlyDictionary<string, object?>? variables,
        IReadOnlyDictionary<string, object?>? extensions)
    {
        if (query is null && string.IsNullOrEmpty(documentId))
        {
            // A malformed extensions.persistedQuery is the executor's to report (PERSISTED_QUERY_INVALID).
            documentId = AutomaticPersistedQuery.ReadHash(extensions, out var invalid);
            if (documentId is null && invalid is null)
            {
                throw MissingQuery();
            }
        }
        return new GraphQLHttpRequest(query, string.IsNullOrEmpty(documentId) ? null : documentId,
            string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions);
    }

    /// <summary>Whether the client sent an id instead of the document.</summary>
    public bool IsPersisted => Query is null;

    /// <summary>400 for a request without a document.</summary>
    public static GraphQLHttpException MissingQuery() => GraphQLHttpException.BadRequest(
        "The request has no \"query\": send the GraphQL document as a string in \"query\", or the id of a persisted document in \"documentId\".");
}
