using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.AspNetCore.Ide;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.Limits;
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
    /// <summary>The request header asking for the operation's measured cost in <c>extensions.operationCost</c> (value <c>report</c>).</summary>
    public const string CostHeader = "GraphQL-Cost";

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
        if (isGet && !request.Query.ContainsKey("query") && !request.Query.ContainsKey("documentId") && !request.Query.ContainsKey("extensions")
            && AcceptNegotiation.AcceptsHtml(accept))
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
            await ExecuteAsync(context, executor, parameters, syntaxError, mediaType, isGet).ConfigureAwait(false);
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
    /// A persisted document is only read by the engine, which enforces the same rule (<see cref="AllowedGetTypes"/>).
    /// </summary>
    private OperationResult? GuardGet(GraphQLHttpRequest parameters)
    {
        if (parameters.Query is null)
        {
            return null;
        }
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
            throw GetNotAllowed(selected);
        }
        return null;
    }

    private static GraphQLHttpException GetNotAllowed(OperationType? type) =>
        GraphQLHttpException.PostOnly($"{(type == OperationType.Mutation ? "Mutations" : "Subscriptions")} cannot be sent over GET: use POST.");

    /// <summary>The operation types a GET may run, for the engine to check on documents the transport cannot read.</summary>
    private OperationType[] AllowedGetTypes() =>
    [
        OperationType.Query,
        .. options.AllowedGetOperations.HasFlag(AllowedGetOperations.Mutation) ? [OperationType.Mutation] : Array.Empty<OperationType>(),
        .. options.AllowedGetOperations.HasFlag(AllowedGetOperations.Subscription) ? [OperationType.Subscription] : Array.Empty<OperationType>(),
    ];

    private async Task ExecuteAsync(HttpContext context, IRequestExecutor executor, GraphQLHttpRequest parameters, OperationResult? syntaxError, ResponseMediaType mediaType, bool isGet)
    {
        IExecutionResult result = syntaxError is not null ? syntaxError
            : parameters.Query is { Length: 0 } ? EmptyDocumentResult()
            : await executor.ExecuteAsync(BuildRequest(context, parameters, isGet), context.RequestAborted).ConfigureAwait(false);
        await using (result.ConfigureAwait(false))
        {
            if (result is not OperationResult single)
            {
                throw new GraphQLHttpException(StatusCodes.Status406NotAcceptable, HttpErrorCodes.StreamingTransportRequired,
                    "Subscriptions need a streaming transport (Server-Sent Events or WebSocket), which this endpoint does not offer: send queries and mutations.");
            }
            if (isGet && single.Errors is [{ Code: ErrorCodes.OperationNotAllowed }])
            {
                throw GetNotAllowed(OperationType.Mutation);
            }
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            var status = ResponseStatus.For(single, mediaType);
            if (isGet && parameters.IsPersisted && options.PersistedOperationCacheMaxAge > TimeSpan.Zero && single is { HasData: true, Errors: null })
            {
                await PersistedGetCache.WriteAsync(context, single, status, mediaType, options.PersistedOperationCacheMaxAge).ConfigureAwait(false);
                return;
            }
            await GraphQLResponseWriter.WriteAsync(context.Response, single, status, mediaType, context.RequestAborted)
                .ConfigureAwait(false);
        }
    }

    private OperationRequest BuildRequest(HttpContext context, GraphQLHttpRequest parameters, bool isGet)
    {
        var builder = OperationRequestBuilder.New()
            .SetDocumentId(parameters.DocumentId)
            .SetOperationName(parameters.OperationName)
            .SetVariableValues(parameters.Variables)
            .SetExtensions(parameters.Extensions)
            .SetServices(context.RequestServices);
        if (parameters.Query is { } query)
        {
            builder.SetDocument(query);
        }
        else if (isGet)
        {
            builder.SetAllowedOperationTypes(AllowedGetTypes());
        }
        if (context.Request.Headers.TryGetValue(CostHeader, out var cost) && string.Equals(cost, "report", StringComparison.OrdinalIgnoreCase))
        {
            builder.SetGlobalState(OperationCostContextData.ReportCost, true);
        }
        return builder.Build();
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
