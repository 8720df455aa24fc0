using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>The status code of a GraphQL response, by the rules of GraphQL over HTTP for its media type.</summary>
internal static class ResponseStatus
{
    /// <summary>
    /// <c>application/json</c>: 200 for every well-formed request, whatever its errors. <c>application/graphql-response+json</c>:
    /// 200 when the response has a <c>data</c> entry (even null, even with field errors); without one, 500 when the
    /// engine reports an unexpected failure, else 400 (syntax, validation, operation and variable errors).
    /// </summary>
    public static int For(OperationResult result, ResponseMediaType mediaType)
    {
        if (mediaType == ResponseMediaType.Json || result.HasData)
        {
            return StatusCodes.Status200OK;
        }
        if (result.Errors is { } errors)
        {
            foreach (var error in errors)
            {
                if (error.Code == ErrorCodes.InternalServerError)
                {
                    return StatusCodes.Status500InternalServerError;
                }
            }
        }
        return StatusCodes.Status400BadRequest;
    }
}
