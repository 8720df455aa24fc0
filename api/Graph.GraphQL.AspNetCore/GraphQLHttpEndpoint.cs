using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.AspNetCore.Ide;
using Graph.GraphQL.AspNetCore.Sse;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.Limits;
using Graph.GraphQL.Language;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore;

/// <summary>
/// GraphQL at one path. WebSocket upgrades go to the <see cref="SocketTransport"/>. Otherwise GraphQL over HTTP: POST
/// with a JSON body and GET with query-string parameters, answered in <c>application/graphql-response+json</c> or
/// <c>application/json</c> as the <c>Accept</c> header asks, with the status codes of the GraphQL-over-HTTP spec; a
/// request that names <c>text/event-stream</c> gets Server-Sent Events when it cannot be answered in JSON (it accepts
/// no JSON type, or it is a subscription). Each request runs in the HTTP request's service scope, with the user and the
/// <see cref="HttpContext"/> in its state (the <see cref="IHttpRequestInterceptor"/> puts them there), and stops when the
/// client goes away.
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    IRequestExecutorResolver executors,
    string? schemaName,
    GraphQLServerOptions options,
    SchemaEndpoint schema,
    GraphQLIde ide,
    SocketTransport sockets,
    IServiceProvider services,
    bool isDevelopment,
    ILogger logger)
{
    /// <summary>The request header asking for the operation's measured cost in <c>extensions.operationCost</c> (value <c>report</c>).</summary>
    public const string CostHeader = "GraphQL-Cost";

    private int _warnedMissingWebSockets;
    private IHttpRequestInterceptor? _interceptor;

    /// <summary>The schema's <see cref="IHttpRequestInterceptor"/> (<c>AddHttpRequestInterceptor&lt;T&gt;()</c>), else the default.</summary>
    private IHttpRequestInterceptor Interceptor => _interceptor ??=
        services.GetKeyedService<IHttpRequestInterceptor>(schemaName ?? RequestExecutorResolver.DefaultSchemaName)
        ?? DefaultHttpRequestInterceptor.Instance;

    public async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest && options.EnableWebSockets)
        {
            await sockets.HandleAsync(context).ConfigureAwait(false);
            return;
        }
        if (await RefuseAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet && options.EnableSchemaRequests && request.Query.ContainsKey("sdl"))
        {
            await schema.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var accept = AcceptNegotiation.Decide(request.Headers.Accept);
        if (isGet && accept.AcceptsHtml && !request.Query.ContainsKey("query") && !request.Query.ContainsKey("documentId") && !request.Query.ContainsKey("extensions"))
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
        var acceptsJson = accept.AcceptsJson;
        var mediaType = accept.MediaType;
        var acceptsEvents = options.EnableServerSentEvents && accept.AcceptsEventStream;
        if (!acceptsJson && !acceptsEvents)
        {
            var types = options.EnableServerSentEvents
                ? $"{GraphQLMediaTypes.GraphQLResponseJson}, {GraphQLMediaTypes.Json}, {GraphQLMediaTypes.EventStream}"
                : $"{GraphQLMediaTypes.GraphQLResponseJson}, {GraphQLMediaTypes.Json}";
            await WriteErrorAsync(context, new GraphQLHttpException(StatusCodes.Status406NotAcceptable, HttpErrorCodes.NotAcceptable,
                $"The Accept header allows none of the response media types: {types}."), ResponseMediaType.Json).ConfigureAwait(false);
            return;
        }

        IRequestExecutor? executor = null;
        try
        {
            var parameters = isGet ? ReadGet(request) : await ReadPostAsync(request, context.RequestAborted).ConfigureAwait(false);
            executor = await executors.GetRequestExecutorAsync(schemaName, context.RequestAborted).ConfigureAwait(false);
            var syntaxError = isGet ? GuardGet(parameters, allowSubscriptions: acceptsEvents) : null;
            IExecutionResult result;
            if (syntaxError is not null)
            {
                result = syntaxError;
            }
            else if (parameters.Query is { Length: 0 })
            {
                result = TransportErrors.EmptyDocumentResult();
            }
            else
            {
                var builder = CreateRequestBuilder(context, parameters, isGet, acceptsEvents);
                result = await InterceptAsync(context, executor, builder).ConfigureAwait(false)
                    ?? await executor.ExecuteAsync(builder.Build(), context.RequestAborted).ConfigureAwait(false);
            }
            await using (result.ConfigureAwait(false))
            {
                if (isGet && result is OperationResult { Errors: [{ Code: ErrorCodes.OperationNotAllowed }] })
                {
                    throw GetNotAllowed(OperationType.Mutation);
                }
                await WriteResultAsync(context, result, acceptsJson ? mediaType : null, acceptsEvents, executor, cacheable: isGet && parameters.IsPersisted)
                    .ConfigureAwait(false);
            }
        }
        catch (GraphQLHttpException e)
        {
            await WriteErrorAsync(context, e, mediaType).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
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

    /// <summary>
    /// Answers what this endpoint does not serve: a WebSocket upgrade when WebSockets are off or the application lacks
    /// <c>app.UseWebSockets()</c> (400), a CONNECT that is no WebSocket (405). True when it answered.
    /// </summary>
    private async Task<bool> RefuseAsync(HttpContext context)
    {
        if (SocketTransport.IsUnservedUpgrade(context))
        {
            if (options.EnableWebSockets && !SocketTransport.HasWebSocketMiddleware(context) && Interlocked.Exchange(ref _warnedMissingWebSockets, 1) == 0)
            {
                logger.LogError("A WebSocket request reached the GraphQL endpoint {Path}, but the application does not accept WebSockets: call app.UseWebSockets() before mapping the endpoints.",
                    context.Request.Path);
            }
            await WriteErrorAsync(context, GraphQLHttpException.BadRequest("This endpoint does not accept WebSocket connections."), ResponseMediaType.Json)
                .ConfigureAwait(false);
            return true;
        }
        if (HttpMethods.IsConnect(context.Request.Method))
        {
            await WriteErrorAsync(context, GraphQLHttpException.GetOrPost("GraphQL requests are sent with POST or GET (CONNECT only opens WebSockets)."),
                ResponseMediaType.Json).ConfigureAwait(false);
            return true;
        }
        return false;
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
    /// gets 405 before it executes (subscriptions pass when the client accepts an event stream: they change nothing).
    /// Returns the syntax error of a document that does not parse (it is not executed). A persisted document is only read
    /// by the engine, which enforces the same rule (<see cref="AllowedGetTypes"/>).
    /// </summary>
    private OperationResult? GuardGet(GraphQLHttpRequest parameters, bool allowSubscriptions)
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
            OperationType.Subscription => allowSubscriptions || options.AllowedGetOperations.HasFlag(AllowedGetOperations.Subscription),
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
    private OperationType[] AllowedGetTypes(bool allowSubscriptions) =>
    [
        OperationType.Query,
        .. options.AllowedGetOperations.HasFlag(AllowedGetOperations.Mutation) ? [OperationType.Mutation] : Array.Empty<OperationType>(),
        .. allowSubscriptions || options.AllowedGetOperations.HasFlag(AllowedGetOperations.Subscription) ? [OperationType.Subscription] : Array.Empty<OperationType>(),
    ];

    /// <summary>
    /// Lets the interceptor complete the request (the default one adds the user and the <see cref="HttpContext"/>); the
    /// errors of a <see cref="GraphQLException"/> it throws refuse the request.
    /// </summary>
    private async ValueTask<IExecutionResult?> InterceptAsync(HttpContext context, IRequestExecutor executor, OperationRequestBuilder builder)
    {
        try
        {
            await Interceptor.OnCreateAsync(context, executor, builder, context.RequestAborted).ConfigureAwait(false);
            return null;
        }
        catch (GraphQLException e) when (e.Errors.Count > 0)
        {
            return OperationResult.FromErrors(e.Errors);
        }
    }

    private OperationRequestBuilder CreateRequestBuilder(HttpContext context, GraphQLHttpRequest parameters, bool isGet, bool allowSubscriptions)
    {
        var builder = OperationRequestBuilder.New()
            .SetDocumentId(parameters.DocumentId)
            .SetOperationName(parameters.OperationName)
            .SetVariableValues(parameters.Variables)
            .SetExtensions(parameters.Extensions)
            .SetServices(context.RequestServices)
            // The transport only writes the result.
            .SetResultWriteOnly();
        if (parameters.Query is { } query)
        {
            builder.SetDocument(query);
        }
        else if (isGet)
        {
            builder.SetAllowedOperationTypes(AllowedGetTypes(allowSubscriptions));
        }
        if (context.Request.Headers.TryGetValue(CostHeader, out var cost) && string.Equals(cost, "report", StringComparison.OrdinalIgnoreCase))
        {
            builder.SetGlobalState(OperationCostContextData.ReportCost, true);
        }
        return builder;
    }

    /// <summary>
    /// A single result in JSON when the client accepts it (<paramref name="json"/> not null), else as events; a stream
    /// as events when the client accepts them, else 406.
    /// </summary>
    private async Task WriteResultAsync(HttpContext context, IExecutionResult result, ResponseMediaType? json, bool acceptsEvents, IRequestExecutor executor, bool cacheable)
    {
        if (result is OperationResult single && json is { } mediaType)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            var status = ResponseStatus.For(single, mediaType);
            if (cacheable && options.PersistedOperationCacheMaxAge > TimeSpan.Zero && single is { HasData: true, Errors: null })
            {
                // A GET naming a persisted document: a short, stable URL that caches may keep.
                await PersistedGetCache.WriteAsync(context, single, status, mediaType, options.PersistedOperationCacheMaxAge).ConfigureAwait(false);
                return;
            }
            await GraphQLResponseWriter.WriteAsync(context.Response, single, status, mediaType, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        if (!acceptsEvents)
        {
            throw new GraphQLHttpException(StatusCodes.Status406NotAcceptable, HttpErrorCodes.StreamingTransportRequired,
                options.EnableServerSentEvents || options.EnableWebSockets
                    ? "Subscriptions need a streaming transport: accept text/event-stream (Server-Sent Events) or open a WebSocket on this path."
                    : "Subscriptions need a streaming transport, which this endpoint does not offer: send queries and mutations.");
        }
        await ServerSentEventsTransport.WriteAsync(context, result, options, e => UnexpectedError(e, executor), logger).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext context, GraphQLHttpException e, ResponseMediaType mediaType)
    {
        if (e.Allow is { } allow)
        {
            context.Response.Headers[HeaderNames.Allow] = allow;
        }
        await GraphQLResponseWriter.WriteErrorAsync(context.Response, e.ToError(), e.StatusCode, mediaType, context.RequestAborted).ConfigureAwait(false);
    }

    private GraphQLError UnexpectedError(Exception exception, IRequestExecutor? executor) =>
        TransportErrors.Unexpected(exception, TransportErrors.IncludeDetails(options, executor, isDevelopment));
}
