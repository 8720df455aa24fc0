using Graph.GraphQL.Language;

namespace Graph.GraphQL.Execution;

/// <summary>The options of a request executor (<c>ModifyRequestOptions</c>).</summary>
public sealed class RequestExecutorOptions
{
    /// <summary>
    /// Whether errors of unexpected exceptions carry the exception's message, type and stack trace in their extensions.
    /// Defaults to true when <c>ASPNETCORE_ENVIRONMENT</c> or <c>DOTNET_ENVIRONMENT</c> is <c>Development</c>.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; } = IsDevelopment();

    /// <summary>How long one request (or one subscription event) may execute; default 30 seconds. <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a subscription event is executed and written once per distinct operation (same document, operation and
    /// variables) and its result shared by every subscriber of that operation, instead of once per subscriber. Off by
    /// default. Turn it on only when the results of subscription fields depend on nothing but the event, the operation
    /// and its variables: the one execution runs with the services and context data of one of the subscribers, so
    /// anything read from the user, the connection, global state or the current culture is that subscriber's for
    /// all. Operations the engine knows to depend on the subscriber are never shared: those selecting a field
    /// <c>@authorize</c> protects, or a field whose resolver takes the user (<c>ClaimsPrincipal</c>) or request state
    /// (<c>[GlobalState]</c>) as a parameter. With thousands of subscribers to the same event it saves nearly all of the
    /// server's per-event work but the sending itself (see the fan-out benchmark).
    /// </summary>
    public bool ShareSubscriptionEventResults { get; set; }

    /// <summary>Whether <c>__schema</c> and <c>__type</c> are refused (requests may still be allowed one by one).</summary>
    public bool DisableIntrospection { get; set; }

    /// <summary>How many parsed and validated documents are kept (least recently used go first); default 256.</summary>
    public int DocumentCacheSize { get; set; } = 256;

    /// <summary>The most variable coercion errors reported before giving up (the reference implementation's 50).</summary>
    public int MaxVariableErrors { get; set; } = 50;

    /// <summary>
    /// The deepest field nesting an operation may select (root fields are at depth 1; fragments count where they are
    /// spread; introspection fields are not counted). Null, the default, sets no limit. Deeper operations are refused
    /// before execution with <c>MAX_EXECUTION_DEPTH_EXCEEDED</c>.
    /// </summary>
    public int? MaxExecutionDepth { get; set; }

    /// <summary>How persisted operations (documents sent by id) are served.</summary>
    public Persistence.PersistedOperationOptions PersistedOperations { get; } = new();

    /// <summary>The cost analysis run before execution (limits on by default: field and type cost 1000 each).</summary>
    public CostOptions Cost { get; } = new();

    /// <summary>
    /// Limits for operations by name, overriding <see cref="MaxExecutionDepth"/> and the cost limits for a known, heavy
    /// operation (an admin report) without raising them for everyone. Names are compared exactly.
    /// </summary>
    public IDictionary<string, OperationLimits> OperationLimits { get; } = new Dictionary<string, OperationLimits>(StringComparer.Ordinal);

    private static bool IsDevelopment()
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        return string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The cost analysis (after the IBM GraphQL Cost specification): each field weighs its <c>@cost</c>, else 1 when it returns
/// an object, interface or union, 0 for scalars and enums, and <see cref="MutationFieldCost"/> for mutation root fields.
/// A list field multiplies the cost of its selections by its size: the value of a <c>@listSize</c> slicing argument
/// (<c>first</c>, <c>last</c>), else its assumed size, else <see cref="DefaultListSize"/>. The field cost sums the
/// weights of every resolution; the type cost counts the objects returned. Introspection fields are not counted.
/// </summary>
public sealed class CostOptions
{
    /// <summary>Whether operations over the limits are refused; default true. When false, costs are only computed on request.</summary>
    public bool EnforceCostLimits { get; set; } = true;

    /// <summary>The highest field cost an operation may have; default 1000.</summary>
    public double MaxFieldCost { get; set; } = 1000;

    /// <summary>The highest type cost (objects returned) an operation may have; default 1000.</summary>
    public double MaxTypeCost { get; set; } = 1000;

    /// <summary>The size assumed for list fields without <c>@listSize</c>; default 10 (a page).</summary>
    public int DefaultListSize { get; set; } = 10;

    /// <summary>The weight of a mutation root field without <c>@cost</c>; default 10.</summary>
    public double MutationFieldCost { get; set; } = 10;
}

/// <summary>The limits of one named operation (<see cref="RequestExecutorOptions.OperationLimits"/>); null keeps the executor's.</summary>
public sealed class OperationLimits
{
    /// <summary>The deepest nesting the operation may have.</summary>
    public int? MaxExecutionDepth { get; set; }

    /// <summary>The highest field cost the operation may have.</summary>
    public double? MaxFieldCost { get; set; }

    /// <summary>The highest type cost the operation may have.</summary>
    public double? MaxTypeCost { get; set; }
}

/// <summary>The parser limits of a request executor (<c>ModifyParserOptions</c>); see <see cref="ParserOptions"/>.</summary>
public sealed class RequestParserOptions
{
    /// <summary>When true, nodes get no locations (errors then have none either).</summary>
    public bool NoLocations { get; set; }

    /// <summary>The most tokens a document may have; default 15 000.</summary>
    public int MaxAllowedTokens { get; set; } = ParserOptions.Default.MaxAllowedTokens;

    /// <summary>The deepest nesting a document may have; default 64.</summary>
    public int MaxAllowedDepth { get; set; } = ParserOptions.Default.MaxAllowedDepth;

    /// <summary>The most field selections a document may have; default 2 048.</summary>
    public int MaxAllowedFields { get; set; } = ParserOptions.Default.MaxAllowedFields;

    /// <summary>The immutable parser options.</summary>
    public ParserOptions ToParserOptions() => new()
    {
        NoLocations = NoLocations,
        MaxAllowedTokens = MaxAllowedTokens,
        MaxAllowedDepth = MaxAllowedDepth,
        MaxAllowedFields = MaxAllowedFields,
    };
}

/// <summary>
/// Rewrites errors before they reach the client (like HotChocolate's error filters): map a domain exception to a
/// message and code, remove details, add extensions. Filters run in registration order on every error of a response.
/// </summary>
public interface IErrorFilter
{
    /// <summary>The error to report instead of <paramref name="error"/> (return it unchanged to keep it).</summary>
    /// <param name="error">The error; <see cref="GraphQLError.Exception"/> holds the exception behind it, if any.</param>
    GraphQLError OnError(GraphQLError error);
}

/// <summary>Creates the errors of unexpected exceptions and runs the error filters.</summary>
internal sealed class ErrorHandler(bool includeExceptionDetails, IReadOnlyList<IErrorFilter> filters)
{
    /// <summary>The message of unexpected errors.</summary>
    public const string UnexpectedErrorMessage = "Unexpected Execution Error";

    public bool IncludeExceptionDetails => includeExceptionDetails;

    /// <summary>
    /// The error of an exception thrown by a resolver: a <see cref="GraphQLException"/>'s first error as is, anything else
    /// masked as <c>Unexpected Execution Error</c> (with the exception's message, type and stack trace when details are on).
    /// </summary>
    public GraphQLError CreateUnexpectedError(Exception exception)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [ErrorCodes.ExtensionKey] = ErrorCodes.InternalServerError,
        };
        if (includeExceptionDetails)
        {
            extensions["message"] = exception.Message;
            extensions["exceptionType"] = exception.GetType().FullName;
            extensions["stackTrace"] = exception.StackTrace;
        }
        return new GraphQLError(UnexpectedErrorMessage, extensions: extensions, exception: exception);
    }

    /// <summary>The errors after every filter ran on each of them.</summary>
    public IReadOnlyList<GraphQLError> Filter(IReadOnlyList<GraphQLError> errors)
    {
        if (filters.Count == 0)
        {
            return errors;
        }
        var filtered = new GraphQLError[errors.Count];
        for (var i = 0; i < errors.Count; i++)
        {
            var error = errors[i];
            foreach (var filter in filters)
            {
                error = filter.OnError(error) ?? error;
            }
            filtered[i] = error;
        }
        return filtered;
    }

    /// <summary>Runs the filters on the errors of <paramref name="result"/>.</summary>
    public void Apply(OperationResult result)
    {
        if (result.Errors is { Count: > 0 } errors && filters.Count > 0)
        {
            result.Errors = Filter(errors);
        }
    }
}
