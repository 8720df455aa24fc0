using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.AspNetCore.Ide;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Language;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore;

/// <summary>
/// GraphQL over HTTP at one path: POST with a JSON body and GET with query-string parameters, answered in
/// <c>application/graphql-response+json</c> or <c>application/json</c> as the <c>Accept</c> header asks, with the status
/// codes of the GraphQL-over-HTTP spec. Each request runs in the HTTP request's service scope and stops when the client
/// goes away.
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    IRequestExecutorResolver executors,
    string? schemaName,
    GraphQLServerOptions options,
    SchemaEndpoint schema,
    GraphQLIde ide,
    bool isDevelopment,
    ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet && options.EnableSchemaRequests && request.Query.ContainsKey("sdl"))
        {
            await schema.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var accept = request.Headers.Accept;
        if (isGet && !request.Query.ContainsKey("query") && AcceptNegotiation.AcceptsHtml(accept))
        {
            // A browser opening the endpoint: the IDE, unless it is off.
            if (options.Tool.Enable)
            {
                await ide.WriteIndexAsync(context).ConfigureAwait(false);
                return;
            }
            await WriteErrorAsync(context, new GraphQLHttpException(StatusCodes.Status406NotAcceptable, HttpErrorCodes.NotAcceptable,
                "This endpoint serves GraphQL requests, not HTML: POST application/json, or GET with a \"query\" parameter."),
                ResponseMediaType.Json).ConfigureAwait(false);
            return;
        }
        if (!AcceptNegotiation.TryNegotiate(accept, out var mediaType))
        {
            await WriteErrorAsync(context, new GraphQLHttpException(StatusCodes.Status406NotAcceptable, HttpErrorCodes.NotAcceptable,
                $"The Accept header allows none of the response media types: {GraphQLMediaTypes.GraphQLResponseJson}, {GraphQLMediaTypes.Json}."),
                ResponseMediaType.Json).ConfigureAwait(false);
            return;
        }

        IRequestExecutor? executor = null;
        try
        {
            var parameters = isGet ? ReadGet(request) : await ReadPostAsync(request, context.RequestAborted).ConfigureAwait(false);
            executor = await executors.GetRequestExecutorAsync(schemaName, context.RequestAborted).ConfigureAwait(false);
            var syntaxError = isGet ? GuardGet(parameters) : null;
            await ExecuteAsync(context, executor, parameters, syntaxError, mediaType).ConfigureAwait(false);
        }
        catch (GraphQLHttpException e)
        {
            await WriteErrorAsync(context, e, mediaType).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "The GraphQL request to {Path} failed unexpectedly.", request.Path);
            if (!context.Response.HasStarted)
            {
                await GraphQLResponseWriter.WriteErrorAsync(context.Response, UnexpectedError(e, executor),
                    StatusCodes.Status500InternalServerError, mediaType, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private GraphQLHttpRequest ReadGet(HttpRequest request)
    {
        if (!options.EnableGetRequests)
        {
            throw GraphQLHttpException.PostOnly("GraphQL requests over GET are disabled on this endpoint: use POST.");
        }
        return QueryStringRequestReader.Read(request.Query);
    }

    private ValueTask<GraphQLHttpRequest> ReadPostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RequestContentType.EnsureJson(request.ContentType);
        return RequestBodyReader.ReadAsync(request, options.MaxRequestBodySize, JsonRequestReader.Read, cancellationToken);
    }

    /// <summary>
    /// GET is a safe method: an operation of another type than <see cref="GraphQLServerOptions.AllowedGetOperations"/>
    /// gets 405 before it executes. Returns the syntax error of a document that does not parse (it is not executed).
    /// </summary>
    private OperationResult? GuardGet(GraphQLHttpRequest parameters)
    {
        OperationType? selected;
        try
        {
            selected = GetOperationGuard.SelectedOperationType(parameters.Query, parameters.OperationName);
        }
        catch (GraphQLSyntaxException e)
        {
            return OperationResult.FromErrors(e.Errors);
        }
        var allowed = selected switch
        {
            OperationType.Mutation => options.AllowedGetOperations.HasFlag(AllowedGetOperations.Mutation),
            OperationType.Subscription => options.AllowedGetOperations.HasFlag(AllowedGetOperations.Subscription),
            // Queries, and documents that select no operation (the executor reports why, executing nothing).
            _ => true,
        };
        if (!allowed)
        {
            throw GraphQLHttpException.PostOnly($"{(selected == OperationType.Mutation ? "Mutations" : "Subscriptions")} cannot be sent over GET: use POST.");
        }
        return null;
    }

    private static async Task ExecuteAsync(HttpContext context, IRequestExecutor executor, GraphQLHttpRequest parameters, OperationResult? syntaxError, ResponseMediaType mediaType)
    {
        IExecutionResult result = syntaxError is not null ? syntaxError
            : parameters.Query.Length == 0 ? EmptyDocumentResult()
            : await executor.ExecuteAsync(
                OperationRequestBuilder.New()
                    .SetDocument(parameters.Query)
                    .SetOperationName(parameters.OperationName)
                    .SetVariableValues(parameters.Variables)
                    .SetExtensions(parameters.Extensions)
                    .SetServices(context.RequestServices)
                    .Build(),
                context.RequestAborted).ConfigureAwait(false);
        await using (result.ConfigureAwait(false))
        {
            if (result is not OperationResult single)
            {
                throw new GraphQLHttpException(StatusCodes.Status406NotAcceptable, HttpErrorCodes.StreamingTransportRequired,
                    "Subscriptions need a streaming transport (Server-Sent Events or WebSocket), which this endpoint does not offer: send queries and mutations.");
            }
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            await GraphQLResponseWriter.WriteAsync(context.Response, single, ResponseStatus.For(single, mediaType), mediaType, context.RequestAborted)
                .ConfigureAwait(false);
        }
    }

    /// <summary>An empty query is well-formed GraphQL over HTTP and a syntax error of GraphQL (the engine wants a non-empty text).</summary>
    private static OperationResult EmptyDocumentResult()
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

    private static async Task WriteErrorAsync(HttpContext context, GraphQLHttpException e, ResponseMediaType mediaType)
    {
        if (e.Allow is { } allow)
        {
            context.Response.Headers[HeaderNames.Allow] = allow;
        }
        await GraphQLResponseWriter.WriteErrorAsync(context.Response, e.ToError(), e.StatusCode, mediaType, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The error of a failure of the transport itself: masked, with the exception's message and type only when details
    /// are on (the options, else the executor's, else when there is no executor the Development environment).
    /// </summary>
    private GraphQLError UnexpectedError(Exception exception, IRequestExecutor? executor)
    {
        var error = new GraphQLError("Unexpected Execution Error").WithCode(ErrorCodes.InternalServerError);
        if (options.IncludeExceptionDetails ?? executor?.Options.IncludeExceptionDetails ?? isDevelopment)
        {
            error = error.WithExtension("message", exception.Message).WithExtension("exceptionType", exception.GetType().FullName);
        }
        return error;
    }
}
