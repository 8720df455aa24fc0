namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// The parameters of a well-formed GraphQL-over-HTTP request: the document text, the operation name (null when absent or
/// empty), and the variables and extensions as the engine's plain CLR trees.
/// </summary>
internal sealed record GraphQLHttpRequest(
    string Query,
    string? OperationName,
    IReadOnlyDictionary<string, object?>? Variables,
    IReadOnlyDictionary<string, object?>? Extensions);
