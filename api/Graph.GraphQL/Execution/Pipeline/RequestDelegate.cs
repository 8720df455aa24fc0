using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Pipeline;

/// <summary>A step of the request pipeline: does its work on <paramref name="context"/> and usually calls the next step.</summary>
public delegate ValueTask RequestDelegate(RequestContext context);

/// <summary>Creates a pipeline step given the next one (called once, when the executor is built).</summary>
public delegate RequestDelegate RequestMiddleware(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next);

/// <summary>What a middleware factory may use when the executor is built.</summary>
public sealed class RequestMiddlewareFactoryContext
{
    internal RequestMiddlewareFactoryContext(ISchema schema, IServiceProvider services, RequestExecutorOptions options)
    {
        Schema = schema;
        Services = services;
        Options = options;
    }

    /// <summary>The schema of the executor.</summary>
    public ISchema Schema { get; }

    /// <summary>The application services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The executor's options.</summary>
    public RequestExecutorOptions Options { get; }
}

/// <summary>
/// The keys of the default pipeline steps, in order; custom middleware (<c>UseRequest</c>) goes before
/// <see cref="OperationExecution"/> unless placed before or after another key.
/// </summary>
public static class RequestMiddlewareKeys
{
    /// <summary>Turns unexpected pipeline exceptions into an error result.</summary>
    public const string ExceptionHandling = "ExceptionHandling";

    /// <summary>Applies the execution timeout and reports timeouts and cancellations.</summary>
    public const string Timeout = "Timeout";

    /// <summary>Looks the document up by the hash of its text; stores parsed documents.</summary>
    public const string DocumentCache = "DocumentCache";

    /// <summary>Reads documents named by id from the stores, checks and registers automatic persisted queries.</summary>
    public const string PersistedOperations = "PersistedOperations";

    /// <summary>Parses the document text.</summary>
    public const string DocumentParser = "DocumentParser";

    /// <summary>Validates the document (once per cached document).</summary>
    public const string DocumentValidation = "DocumentValidation";

    /// <summary>Selects the operation (GetOperation) and compiles it.</summary>
    public const string OperationResolution = "OperationResolution";

    /// <summary>Checks the <c>@authorize(apply: VALIDATION)</c> directives of the selected fields (schemas that have some).</summary>
    public const string Authorization = "Authorization";

    /// <summary>Coerces the variable values (CoerceVariableValues).</summary>
    public const string VariableCoercion = "VariableCoercion";

    /// <summary>Refuses operations over the execution depth or cost limits (after variable coercion).</summary>
    public const string OperationLimits = "OperationLimits";

    /// <summary>Executes the operation.</summary>
    public const string OperationExecution = "OperationExecution";
}

/// <summary>A middleware of the pipeline with its key and placement.</summary>
/// <param name="Middleware">The middleware factory.</param>
/// <param name="Key">The key of this middleware, so others can be placed around it.</param>
/// <param name="Before">Place it just before the middleware with this key (default: before <see cref="RequestMiddlewareKeys.OperationExecution"/>).</param>
/// <param name="After">Place it just after the middleware with this key.</param>
public sealed record RequestMiddlewareConfiguration(RequestMiddleware Middleware, string? Key = null, string? Before = null, string? After = null);
