using Graph.GraphQL.Execution.Caching;
using Graph.GraphQL.Execution.Processing;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Execution.Pipeline;

/// <summary>The steps of the default request pipeline (see <see cref="RequestMiddlewareKeys"/> for their order).</summary>
internal static class DefaultMiddlewares
{
    /// <summary>Turns an exception escaping the pipeline into an error result (masked like resolver exceptions).</summary>
    public static RequestDelegate ExceptionHandling(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => async context =>
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (GraphQLException ex) when (ex.Errors.Count > 0)
        {
            context.Result = OperationResult.FromErrors(ex.Errors);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.ClientAborted.IsCancellationRequested)
        {
            context.Result = OperationResult.FromError(context.InternalExecutor.ErrorHandler.CreateUnexpectedError(ex));
        }
    };

    /// <summary>
    /// Links the caller's token with the execution timeout into <see cref="RequestContext.RequestAborted"/>; a timeout
    /// gives an <c>EXECUTION_TIMEOUT</c> error, a cancelled caller a <c>REQUEST_CANCELLED</c> one (with <c>data: null</c>
    /// once execution started, else as a request error).
    /// </summary>
    public static RequestDelegate Timeout(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => async context =>
    {
        var executor = context.InternalExecutor;
        var source = executor.RentTimeoutSource(context.ClientAborted, out var registration);
        context.RequestAborted = source.Token;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (source.IsCancellationRequested)
        {
            var error = context.ClientAborted.IsCancellationRequested
                ? new GraphQLError("The request was cancelled.").WithCode(ErrorCodes.Cancelled)
                : executor.TimeoutError();
            context.Result = context.Variables is not null ? new OperationResult(null, [error]) : OperationResult.FromError(error);
        }
        finally
        {
            context.RequestAborted = context.ClientAborted;
            executor.ReturnTimeoutSource(source, registration);
        }
    };

    /// <summary>
    /// Looks the document up by the SHA-256 of its text. The parser stage adds what it parses; a document a later stage
    /// supplied is added once the request is over.
    /// </summary>
    public static RequestDelegate DocumentCache(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => async context =>
    {
        var cache = context.InternalExecutor.DocumentCache;
        if (context.Document is null && context.DocumentText is { } text)
        {
            var key = context.DocumentKey ?? cache.KeyOf(text);
            context.DocumentKey = key;
            if (cache.TryGet(key, out var document))
            {
                context.Document = document;
                context.IsCachedDocument = true;
            }
        }
        await next(context).ConfigureAwait(false);
        if (!context.IsCachedDocument && context.DocumentKey is { } documentKey && context.Document is { } parsed)
        {
            cache.Add(documentKey, parsed);
        }
    };

    /// <summary>
    /// Parses the document text with the executor's parser limits; syntax errors end the request. A parsed document goes
    /// into the document cache at once (when the cache stage keyed it), not when the request ends: requests of the same
    /// text that come meanwhile (a crowd of subscribers connecting) use it instead of parsing, validating and compiling
    /// their own, and one that parsed it at the same time takes the cached one.
    /// </summary>
    public static RequestDelegate DocumentParser(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => context =>
    {
        if (context.Document is null)
        {
            if (context.DocumentText is not { } text)
            {
                context.Result = OperationResult.FromError(new GraphQLError(
                    context.Request.DocumentId is { } id
                        ? $"The document with the id \"{id}\" was not found."
                        : "The request has no document.").WithCode(ErrorCodes.DocumentNotFound));
                return ValueTask.CompletedTask;
            }
            DocumentNode parsed;
            try
            {
                parsed = Parser.Parse(text, context.InternalExecutor.ParserOptions);
            }
            catch (GraphQLSyntaxException ex)
            {
                context.Result = OperationResult.FromErrors(ex.Errors);
                return ValueTask.CompletedTask;
            }
            if (context.DocumentKey is { } key)
            {
                var cached = context.InternalExecutor.DocumentCache.GetOrAdd(key, parsed);
                context.IsCachedDocument = !ReferenceEquals(cached, parsed);
                parsed = cached;
            }
            context.Document = parsed;
        }
        return next(context);
    };

    /// <summary>Validates the document once (the result is kept with the document); invalid documents end the request.</summary>
    public static RequestDelegate DocumentValidation(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => context =>
    {
        var executor = context.InternalExecutor;
        var info = DocumentInfo.Get(context.Document!, executor.Schema);
        var errors = info.ValidationErrors;
        if (errors is null)
        {
            errors = WithCode(executor.Validator.Validate(executor.Schema, context.Document!));
            info.ValidationErrors = errors;
        }
        context.ValidationErrors = errors;
        if (errors.Count > 0)
        {
            context.Result = OperationResult.FromErrors(errors);
            return ValueTask.CompletedTask;
        }
        return next(context);
    };

    /// <summary>GetOperation: picks the operation by name and compiles it (once per document and name).</summary>
    public static RequestDelegate OperationResolution(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => context =>
    {
        var executor = context.InternalExecutor;
        var document = context.Document!;
        var info = DocumentInfo.Get(document, executor.Schema);
        var name = context.Request.OperationName;
        var operation = info.GetOperation(name);
        if (operation is null)
        {
            OperationDefinitionNode? definition = null;
            foreach (var node in document.Definitions)
            {
                if (node is not OperationDefinitionNode candidate)
                {
                    continue;
                }
                if (name is null)
                {
                    if (definition is not null)
                    {
                        return Fail(context, "Must provide operation name if query contains multiple operations.");
                    }
                    definition = candidate;
                }
                else if (string.Equals(candidate.Name?.Value, name, StringComparison.Ordinal))
                {
                    definition = candidate;
                    break;
                }
            }
            if (definition is null)
            {
                return Fail(context, name is null ? "Must provide an operation." : $"Unknown operation named \"{name}\".");
            }
            if (NotAllowed(context, definition))
            {
                return ValueTask.CompletedTask;
            }
            if (executor.Schema.GetOperationType(definition.Operation) is not { } rootType)
            {
                var operationName = definition.Operation switch
                {
                    OperationType.Mutation => "mutation",
                    OperationType.Subscription => "subscription",
                    _ => "query",
                };
                context.Result = new OperationResult(null, [new GraphQLError(
                    $"Schema is not configured to execute {operationName} operation.",
                    definition.Location is { } location ? [location.ToErrorLocation()] : null)]);
                return ValueTask.CompletedTask;
            }
            operation = new Operation(executor.Schema, document, definition, rootType);
            info.SetOperation(name, operation);
        }
        if (NotAllowed(context, operation.Definition))
        {
            return ValueTask.CompletedTask;
        }
        context.Operation = operation;
        return next(context);
    };

    /// <summary>CoerceVariableValues; coercion errors end the request (<c>BAD_USER_INPUT</c>).</summary>
    public static RequestDelegate VariableCoercion(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => context =>
    {
        var variables = Processing.VariableCoercion.Coerce(
            context.Operation!, context.Request.VariableValues, context.Options.MaxVariableErrors, out var errors);
        if (errors is not null)
        {
            context.Result = OperationResult.FromErrors(errors);
            return ValueTask.CompletedTask;
        }
        context.Variables = variables;
        return next(context);
    };

    /// <summary>Executes the operation: the plan for the variables, the introspection check, then query, mutation or subscription.</summary>
    public static RequestDelegate OperationExecution(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next) => async context =>
    {
        var executor = context.InternalExecutor;
        var operation = context.Operation!;
        var variables = context.Variables!;
        OperationPlan plan;
        try
        {
            plan = operation.GetPlan(variables);
        }
        catch (GraphQLException ex)
        {
            context.Result = new OperationResult(null, ex.Errors);
            return;
        }

        if (plan.RootSelectionSet.HasIntrospectionRoot
            && !(context.Request.AllowIntrospection ?? !executor.Options.DisableIntrospection))
        {
            context.Result = OperationResult.FromError(new GraphQLError(
                "Introspection is not allowed for the current request.",
                IntrospectionLocations(plan.RootSelectionSet)).WithCode(ErrorCodes.IntrospectionDisabled));
            return;
        }

        context.Result = operation.Type == OperationType.Subscription
            ? await executor.SubscribeAsync(context, plan, variables).ConfigureAwait(false)
            : await executor.ExecuteOperationAsync(context, plan, variables, context.Request.InitialValue, context.RequestAborted).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    };

    /// <summary>Ends the request when its <see cref="OperationRequest.AllowedOperationTypes"/> exclude the operation's type.</summary>
    private static bool NotAllowed(RequestContext context, OperationDefinitionNode definition)
    {
        if (context.Request.AllowedOperationTypes is not { } allowed || allowed.Contains(definition.Operation))
        {
            return false;
        }
        context.Result = OperationResult.FromError(new GraphQLError(
            $"This request may not execute {definition.Operation.ToString().ToLowerInvariant()} operations.",
            definition.Location is { } location ? [location.ToErrorLocation()] : null).WithCode(ErrorCodes.OperationNotAllowed));
        return true;
    }

    private static ValueTask Fail(RequestContext context, string message)
    {
        context.Result = OperationResult.FromError(new GraphQLError(message).WithCode(ErrorCodes.OperationNotFound));
        return ValueTask.CompletedTask;
    }

    private static List<ErrorLocation> IntrospectionLocations(SelectionSet selectionSet)
    {
        var locations = new List<ErrorLocation>();
        foreach (var selection in selectionSet.Selections)
        {
            if (selection.IsIntrospectionRoot)
            {
                locations.AddRange(selection.Locations);
            }
        }
        return locations;
    }

    private static IReadOnlyList<GraphQLError> WithCode(IReadOnlyList<GraphQLError> errors)
    {
        if (errors.Count == 0)
        {
            return [];
        }
        var result = new GraphQLError[errors.Count];
        for (var i = 0; i < errors.Count; i++)
        {
            result[i] = errors[i].Code is null ? errors[i].WithCode(ErrorCodes.ValidationFailed) : errors[i];
        }
        return result;
    }
}
