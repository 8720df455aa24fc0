using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>A request the transport refuses before execution: the status code, the error code and the message the client gets.</summary>
internal sealed class GraphQLHttpException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    /// <summary>The methods to list in the <c>Allow</c> header of a 405.</summary>
    public string? Allow { get; private init; }

    /// <summary>400 <c>BAD_REQUEST</c>: the request is not a well-formed GraphQL-over-HTTP request.</summary>
    public static GraphQLHttpException BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, HttpErrorCodes.BadRequest, message);

    /// <summary>405 <c>METHOD_NOT_ALLOWED</c> with <c>Allow: POST</c>.</summary>
    public static GraphQLHttpException PostOnly(string message) =>
        new(StatusCodes.Status405MethodNotAllowed, HttpErrorCodes.MethodNotAllowed, message) { Allow = HttpMethods.Post };

    /// <summary>405 <c>METHOD_NOT_ALLOWED</c> with <c>Allow: GET, POST</c>.</summary>
    public static GraphQLHttpException GetOrPost(string message) =>
        new(StatusCodes.Status405MethodNotAllowed, HttpErrorCodes.MethodNotAllowed, message) { Allow = $"{HttpMethods.Get}, {HttpMethods.Post}" };

    /// <summary>The error the client gets.</summary>
    public GraphQLError ToError() => new GraphQLError(Message).WithCode(Code);
}
