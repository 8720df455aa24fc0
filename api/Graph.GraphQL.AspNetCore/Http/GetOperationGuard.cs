using Graph.GraphQL.Language;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// GET is a safe method: before anything executes, finds the operation a GET selects the way the executor will
/// (GetOperation of the spec on the same parser's syntax tree), so that a mutation can be refused with 405.
/// </summary>
/// <remarks>
/// The executor then gets the same text and, through its document cache, parses it at most once more: the parser is
/// deterministic, so it selects the same operation. A document that does not parse here (the default parser limits;
/// a GET URL is a few kilobytes) is answered with its syntax error and never reaches the executor, so a document the
/// executor's own limits might accept cannot slip through.
/// </remarks>
internal static class GetOperationGuard
{
    /// <summary>The type of the operation selected, or null when none is (the executor then reports why, executing nothing).</summary>
    /// <exception cref="GraphQLSyntaxException">The document does not parse.</exception>
    public static OperationType? SelectedOperationType(string document, string? operationName)
    {
        OperationDefinitionNode? selected = null;
        foreach (var definition in Parser.Parse(document, ParserOptions.Default).Definitions)
        {
            if (definition is not OperationDefinitionNode operation)
            {
                continue;
            }
            if (operationName is null)
            {
                if (selected is not null)
                {
                    return null;
                }
                selected = operation;
            }
            else if (string.Equals(operation.Name?.Value, operationName, StringComparison.Ordinal))
            {
                return operation.Operation;
            }
        }
        return selected?.Operation;
    }
}
