using Graph.GraphQL.Execution.Caching;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Execution;

/// <summary>
/// The state of one request as it moves through the pipeline: each middleware reads what the previous ones left
/// (document, validation result, operation, coerced variables) and may set <see cref="Result"/> to end the request.
/// </summary>
public sealed class RequestContext
{
    private readonly RequestExecutor _executor;
    private IServiceProvider? _services;
    private IServiceScope? _ownedScope;
    private Dictionary<string, object?>? _contextData;
    private string? _documentHash;

    internal RequestContext(RequestExecutor executor, OperationRequest request, CancellationToken requestAborted)
    {
        _executor = executor;
        Request = request;
        RequestAborted = requestAborted;
        ClientAborted = requestAborted;
        Document = request.Document;
        DocumentText = request.DocumentText;
        _documentHash = request.DocumentHash;
    }

    /// <summary>The schema the request executes against.</summary>
    public ISchema Schema => _executor.Schema;

    /// <summary>The executor running the request.</summary>
    public IRequestExecutor Executor => _executor;

    /// <summary>The executor's options.</summary>
    public RequestExecutorOptions Options => _executor.Options;

    /// <summary>The request.</summary>
    public OperationRequest Request { get; }

    /// <summary>
    /// The request services: the request's own, else a scope of the application services created on first use and
    /// disposed with the request (or with the subscription's response stream).
    /// </summary>
    public IServiceProvider Services
    {
        get
        {
            if (_services is null)
            {
                if (Request.Services is { } services)
                {
                    _services = services;
                }
                else
                {
                    _ownedScope = _executor.ApplicationServices.GetRequiredService<IServiceScopeFactory>().CreateScope();
                    _services = _ownedScope.ServiceProvider;
                }
            }
            return _services;
        }
    }

    /// <summary>Signalled when the client goes away or the execution timeout elapses.</summary>
    public CancellationToken RequestAborted { get; set; }

    /// <summary>The token the caller passed (without the execution timeout).</summary>
    internal CancellationToken ClientAborted { get; }

    /// <summary>Request state shared with resolvers (<c>IResolverContext.ContextData</c>).</summary>
    public IDictionary<string, object?> ContextData => _contextData ??= Request.ContextData is { } initial
        ? new Dictionary<string, object?>(initial, StringComparer.Ordinal)
        : new Dictionary<string, object?>(StringComparer.Ordinal);

    internal bool HasContextData => _contextData is not null;

    /// <summary>The hash of the document text (SHA-256, lower-case hex), or the client's hash when it sent one.</summary>
    public string? DocumentHash => _documentHash ??= DocumentKey is { } key ? key.ToString() : null;

    internal DocumentKey? DocumentKey { get; set; }

    /// <summary>The document's source text: the request's, or the stored document a document id named.</summary>
    public string? DocumentText { get; set; }

    /// <summary>Whether the document came from a document store (a persisted operation) rather than the request.</summary>
    public bool IsPersistedDocument { get; set; }

    /// <summary>The parsed document, once known.</summary>
    public DocumentNode? Document { get; set; }

    /// <summary>Whether <see cref="Document"/> (and its validation result) came from the document cache.</summary>
    public bool IsCachedDocument { get; set; }

    /// <summary>The validation errors of <see cref="Document"/>: null before validation, empty when valid.</summary>
    public IReadOnlyList<GraphQLError>? ValidationErrors { get; set; }

    /// <summary>The operation to execute, once resolved (its <see cref="Execution.Operation.Type"/> tells query, mutation or subscription).</summary>
    public Operation? Operation { get; set; }

    /// <summary>The coerced variable values, once coerced.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; set; }

    /// <summary>The result; a middleware that sets it ends the request (the following ones should not run).</summary>
    public IExecutionResult? Result { get; set; }

    internal RequestExecutor InternalExecutor => _executor;

    internal bool HasServices => _services is not null;

    /// <summary>Disposes the service scope the request created, if any.</summary>
    internal async ValueTask DisposeOwnedScopeAsync()
    {
        var scope = Interlocked.Exchange(ref _ownedScope, null);
        if (scope is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            scope?.Dispose();
        }
    }
}
