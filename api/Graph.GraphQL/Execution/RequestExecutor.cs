using Graph.GraphQL.Execution.Caching;
using Graph.GraphQL.Execution.Limits;
using Graph.GraphQL.Execution.Persistence;
using Graph.GraphQL.Execution.Pipeline;
using Graph.GraphQL.Execution.Processing;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Execution;

/// <summary>Executes GraphQL requests against one schema (HotChocolate's <c>IRequestExecutor</c>).</summary>
public interface IRequestExecutor
{
    /// <summary>The schema requests execute against.</summary>
    ISchema Schema { get; }

    /// <summary>The application services the executor was built with.</summary>
    IServiceProvider Services { get; }

    /// <summary>The executor's options.</summary>
    RequestExecutorOptions Options { get; }

    /// <summary>
    /// Runs <paramref name="request"/> through the request pipeline: an <see cref="OperationResult"/> for queries and
    /// mutations (and for requests that fail before execution), a <see cref="ResponseStream"/> for subscriptions.
    /// </summary>
    Task<IExecutionResult> ExecuteAsync(OperationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Shortcuts for <see cref="IRequestExecutor"/>.</summary>
public static class RequestExecutorExtensions
{
    /// <summary>Executes the document <paramref name="sourceText"/>.</summary>
    public static Task<IExecutionResult> ExecuteAsync(this IRequestExecutor executor, string sourceText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        return executor.ExecuteAsync(OperationRequest.FromSourceText(sourceText), cancellationToken);
    }

    /// <summary>Executes the document <paramref name="sourceText"/> with <paramref name="variableValues"/>.</summary>
    public static Task<IExecutionResult> ExecuteAsync(
        this IRequestExecutor executor,
        string sourceText,
        IReadOnlyDictionary<string, object?> variableValues,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        return executor.ExecuteAsync(
            OperationRequestBuilder.New().SetDocument(sourceText).SetVariableValues(variableValues).Build(),
            cancellationToken);
    }
}

/// <summary>
/// The request executor: a pipeline of middlewares (exception handling, timeout, document cache, parsing, validation,
/// operation resolution, variable coercion, custom steps, execution) over per-executor caches and pools.
/// </summary>
internal sealed class RequestExecutor : IRequestExecutor
{
    private readonly RequestDelegate _pipeline;
    private readonly ObjectPool<OperationContext> _operationContexts;
    private readonly ObjectPool<CancellationTokenSource> _timeoutSources = new(static () => new CancellationTokenSource(), 32);

    public RequestExecutor(
        ISchema schema,
        IServiceProvider applicationServices,
        IDocumentValidator validator,
        RequestExecutorOptions options,
        ParserOptions parserOptions,
        IReadOnlyList<IErrorFilter> errorFilters,
        IReadOnlyList<RequestMiddlewareConfiguration> middlewares)
    {
        Schema = schema;
        ApplicationServices = applicationServices;
        Validator = validator;
        Options = options;
        ParserOptions = parserOptions;
        ErrorHandler = new ErrorHandler(options.IncludeExceptionDetails, errorFilters);
        DocumentCache = new DocumentCache(options.DocumentCacheSize);
        ResultMemoryPool = new ObjectPool<ResultMemory>(static () => new ResultMemory(), 32);
        _operationContexts = new ObjectPool<OperationContext>(() => new OperationContext(this), 32);
        _pipeline = BuildPipeline(middlewares);
    }

    public ISchema Schema { get; }

    public IServiceProvider Services => ApplicationServices;

    public RequestExecutorOptions Options { get; }

    internal IServiceProvider ApplicationServices { get; }

    /// <summary>Subscription event results shared by subscribers (<see cref="RequestExecutorOptions.ShareSubscriptionEventResults"/>).</summary>
    internal SharedEventResults SharedEventResults { get; } = new();

    internal IDocumentValidator Validator { get; }

    internal ParserOptions ParserOptions { get; }

    internal ErrorHandler ErrorHandler { get; }

    internal DocumentCache DocumentCache { get; }

    internal ObjectPool<ResultMemory> ResultMemoryPool { get; }

    public async Task<IExecutionResult> ExecuteAsync(OperationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new RequestContext(this, request, cancellationToken);
        try
        {
            await _pipeline(context).ConfigureAwait(false);
            var result = context.Result ?? OperationResult.FromError(
                new GraphQLError("The request pipeline produced no result.").WithCode(ErrorCodes.InternalServerError));
            if (result is OperationResult single)
            {
                ErrorHandler.Apply(single);
            }
            return result;
        }
        finally
        {
            // A response stream keeps the request (and its service scope) until it is disposed.
            if (context.HasServices && context.Result is not ResponseStream)
            {
                await context.DisposeOwnedScopeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Executes the operation (not a subscription) on an operation context from the pool; with
    /// <paramref name="eventScopes"/> (a subscription event) in a service scope of its own, created only if a resolver
    /// asks for a service and disposed afterwards.
    /// </summary>
    internal async ValueTask<OperationResult> ExecuteOperationAsync(
        RequestContext request,
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> variables,
        object? rootValue,
        CancellationToken cancellationToken,
        IServiceScopeFactory? eventScopes = null)
    {
        var context = _operationContexts.Rent();
        context.Initialize(request, plan, variables, rootValue, cancellationToken, eventScopes);
        try
        {
            return await context.ExecuteAsync().ConfigureAwait(false);
        }
        finally
        {
            var scope = context.TakeEventScope();
            ReturnOperationContext(context);
            if (scope is { } eventScope)
            {
                await eventScope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Subscribe: creates the source stream and maps it to a response stream. The subscribe resolver sees a token that
    /// lives as long as the stream (the caller's token, cancelled too when the stream is disposed), not the request timeout.
    /// </summary>
    internal async ValueTask<IExecutionResult> SubscribeAsync(RequestContext request, OperationPlan plan, IReadOnlyDictionary<string, object?> variables)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(request.ClientAborted);
        // Not from the pool: the subscribe resolver's context (and so this operation context) lives as long as the stream.
        var context = new OperationContext(this);
        context.Initialize(request, plan, variables, request.Request.InitialValue, cancellation.Token);
        IAsyncEnumerable<object?>? stream;
        IReadOnlyList<GraphQLError>? errors;
        try
        {
            (stream, errors) = await context.CreateSourceStreamAsync().ConfigureAwait(false);
        }
        catch
        {
            cancellation.Dispose();
            throw;
        }
        if (errors is not null)
        {
            cancellation.Dispose();
            return OperationResult.FromErrors(errors);
        }
        return new SubscriptionStream(this, request, plan, variables, stream!, cancellation);
    }

    /// <summary>
    /// ExecuteSubscriptionEvent, with the execution timeout applied to the event from its first wait on (an event that
    /// completes without waiting needs no timer). Each event runs in a service scope of
    /// its own, so its DataLoaders (and DbContext) see the data as it is when the event arrives, and nothing accumulates
    /// over a subscription that lives for hours; the scope is created when a resolver first asks for a service, so an
    /// event whose resolvers need none (a field returning the event, properties of it) costs no scope.
    /// </summary>
    internal async ValueTask<OperationResult> ExecuteSubscriptionEventAsync(
        RequestContext request,
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> variables,
        object? eventValue,
        CancellationToken cancellationToken)
    {
        var timeout = RentTimeoutSource(cancellationToken, out var registration, arm: false);
        try
        {
            var execution = ExecuteOperationAsync(request, plan, variables, eventValue, timeout.Token,
                request.Services.GetRequiredService<IServiceScopeFactory>());
            if (!execution.IsCompleted)
            {
                // The event waits for something (I/O, a DataLoader): from here on the timeout runs. Most events (fields
                // read from the event itself) complete without waiting and never touch the timer queue, which thousands
                // of subscribers per event would otherwise contend for.
                ArmTimeout(timeout);
            }
            var result = await execution.ConfigureAwait(false);
            ErrorHandler.Apply(result);
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new OperationResult(null, [TimeoutError()]);
        }
        finally
        {
            ReturnTimeoutSource(timeout, registration);
        }
    }

    /// <summary>
    /// A token source cancelled when <paramref name="linked"/> is cancelled and, once armed (at once unless
    /// <paramref name="arm"/> is false, else by <see cref="ArmTimeout"/>), after the execution timeout.
    /// </summary>
    internal CancellationTokenSource RentTimeoutSource(CancellationToken linked, out CancellationTokenRegistration registration, bool arm = true)
    {
        var source = _timeoutSources.Rent();
        registration = linked.CanBeCanceled
            ? linked.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source)
            : default;
        if (arm)
        {
            ArmTimeout(source);
        }
        return source;
    }

    /// <summary>Starts the execution timeout of a source from <see cref="RentTimeoutSource"/>.</summary>
    internal void ArmTimeout(CancellationTokenSource source)
    {
        var timeout = Options.ExecutionTimeout;
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            source.CancelAfter(timeout);
        }
    }

    internal void ReturnTimeoutSource(CancellationTokenSource source, CancellationTokenRegistration registration)
    {
        registration.Dispose();
        if (source.TryReset())
        {
            _timeoutSources.Return(source);
        }
    }

    internal GraphQLError TimeoutError() =>
        new GraphQLError($"The request exceeded the configured timeout of {Options.ExecutionTimeout}.").WithCode(ErrorCodes.Timeout);

    private void ReturnOperationContext(OperationContext context)
    {
        if (context.IsReusable)
        {
            context.Clean();
            _operationContexts.Return(context);
        }
        else
        {
            context.Abandon();
        }
    }

    private RequestDelegate BuildPipeline(IReadOnlyList<RequestMiddlewareConfiguration> custom)
    {
        var steps = new List<(string? Key, RequestMiddleware Middleware)>
        {
            (RequestMiddlewareKeys.ExceptionHandling, DefaultMiddlewares.ExceptionHandling),
            (RequestMiddlewareKeys.Timeout, DefaultMiddlewares.Timeout),
            (RequestMiddlewareKeys.PersistedOperations, PersistedOperationMiddleware.Create),
            (RequestMiddlewareKeys.DocumentCache, DefaultMiddlewares.DocumentCache),
            (RequestMiddlewareKeys.DocumentParser, DefaultMiddlewares.DocumentParser),
            (RequestMiddlewareKeys.DocumentValidation, DefaultMiddlewares.DocumentValidation),
            (RequestMiddlewareKeys.OperationResolution, DefaultMiddlewares.OperationResolution),
            (RequestMiddlewareKeys.Authorization, Authorization.AuthorizationMiddleware.Create),
            (RequestMiddlewareKeys.VariableCoercion, DefaultMiddlewares.VariableCoercion),
            (RequestMiddlewareKeys.OperationLimits, OperationLimitsMiddleware.Create),
            (RequestMiddlewareKeys.OperationExecution, DefaultMiddlewares.OperationExecution),
        };
        foreach (var configuration in custom)
        {
            var anchor = configuration.After ?? configuration.Before ?? RequestMiddlewareKeys.OperationExecution;
            var index = steps.FindIndex(s => string.Equals(s.Key, anchor, StringComparison.Ordinal));
            if (index < 0)
            {
                throw new InvalidOperationException($"The request pipeline has no middleware with the key \"{anchor}\".");
            }
            steps.Insert(configuration.After is not null ? index + 1 : index, (configuration.Key, configuration.Middleware));
        }

        var factoryContext = new RequestMiddlewareFactoryContext(Schema, ApplicationServices, Options);
        RequestDelegate next = static _ => ValueTask.CompletedTask;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            next = steps[i].Middleware(factoryContext, next);
        }
        return next;
    }
}
