using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.AspNetCore;

/// <summary>Errors every transport (HTTP, WebSocket, Server-Sent Events) reports alike.</summary>
internal static class TransportErrors
{
    /// <summary>
    /// The error of a failure of the transport itself: masked, with the exception's message and type only when
    /// <paramref name="includeDetails"/>; never the stack trace.
    /// </summary>
    public static GraphQLError Unexpected(Exception exception, bool includeDetails)
    {
        var error = new GraphQLError("Unexpected Execution Error").WithCode(ErrorCodes.InternalServerError);
        return includeDetails
            ? error.WithExtension("message", exception.Message).WithExtension("exceptionType", exception.GetType().FullName)
            : error;
    }

    /// <summary>
    /// Whether transport errors carry exception details: the endpoint's option, else the executor's, else (no executor
    /// could be built) whether the environment is Development.
    /// </summary>
    public static bool IncludeDetails(GraphQLServerOptions options, IRequestExecutor? executor, bool isDevelopment) =>
        options.IncludeExceptionDetails ?? executor?.Options.IncludeExceptionDetails ?? isDevelopment;

    /// <summary>An empty query is a well-formed request and a syntax error of GraphQL (the engine wants a non-empty text).</summary>
    public static OperationResult EmptyDocumentResult()
    {
        try
        {
            Parser.Parse(string.Empty);
        }
        catch (GraphQLSyntaxException e)
        {
            return OperationResult.FromErrors(e.Errors);
        }
        throw new InvalidOperationException("An empty document parsed.");
    }
}
