using System.Runtime.CompilerServices;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// MapSourceToResponseEvent: each event of the source stream is executed like a query with the event as the root
/// value, giving one result (with its own errors) per event; an event whose execution denies the user the subscription
/// field (<c>@authorize</c>, checked again for each event) is delivered with its error and ends the stream. Disposing
/// the stream, or cancelling its enumeration, cancels and disposes the source stream, and disposes the request's service
/// scope when the executor created it.
/// </summary>
internal sealed class SubscriptionStream : ResponseStream
{
    private readonly RequestExecutor _executor;
    private readonly RequestContext _request;
    private readonly OperationPlan _plan;
    private readonly IReadOnlyDictionary<string, object?> _variables;
    private readonly IAsyncEnumerable<object?> _source;
    private readonly CancellationTokenSource _cancellation;

    /// <summary>The key of this subscription's variables when its events' results are shared, else null.</summary>
    private readonly string? _sharedVariablesKey;
    private int _read;
    private int _isDisposed;

    public SubscriptionStream(
        RequestExecutor executor,
        RequestContext request,
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> variables,
        IAsyncEnumerable<object?> source,
        CancellationTokenSource cancellation)
    {
        _executor = executor;
        _request = request;
        _plan = plan;
        _variables = variables;
        _source = source;
        _cancellation = cancellation;
        // What a protected field, or one whose resolver reads the user, gives depends on the subscriber: such operations
        // execute every event for each of them.
        _sharedVariablesKey = executor.Options.ShareSubscriptionEventResults && !plan.Operation.Authorization.IsUserSpecific
            ? SharedEventResults.VariablesKey(variables)
            : null;
    }

    public override IAsyncEnumerable<OperationResult> ReadResultsAsync()
    {
        if (Interlocked.Exchange(ref _read, 1) == 1)
        {
            throw new InvalidOperationException("A response stream can be read only once.");
        }
        return ReadAsync(default);
    }

    private async IAsyncEnumerable<OperationResult> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token);
        var token = cancellation.Token;
        var events = _source.GetAsyncEnumerator(token);
        try
        {
            while (true)
            {
                OperationResult? result = null;
                var stop = false;
                try
                {
                    if (await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        result = await ExecuteEventAsync(events.Current, token).ConfigureAwait(false);
                        // The user was denied the subscription field for this event: it is the last one.
                        stop = result.EndsSubscription;
                    }
                    else
                    {
                        stop = true;
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    stop = true;
                }
                catch (Exception ex)
                {
                    result = OperationResult.FromErrors(ex is GraphQLException { Errors.Count: > 0 } graphQLException
                        ? graphQLException.Errors
                        : [_executor.ErrorHandler.CreateUnexpectedError(ex)]);
                    _executor.ErrorHandler.Apply(result);
                    stop = true;
                }
                if (result is not null)
                {
                    yield return result;
                }
                if (stop)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One event's result: executed for this subscriber, or shared with the subscribers of the same operation.</summary>
    private ValueTask<OperationResult> ExecuteEventAsync(object? eventValue, CancellationToken cancellationToken)
    {
        return _sharedVariablesKey is null || eventValue is null || eventValue.GetType().IsValueType
            ? ExecuteOwnEventAsync(eventValue, cancellationToken)
            : _executor.SharedEventResults.GetAsync(eventValue, _plan, _sharedVariablesKey, this, cancellationToken);
    }

    /// <summary>ExecuteSubscriptionEvent for this subscriber (its request's services and context).</summary>
    internal ValueTask<OperationResult> ExecuteOwnEventAsync(object? eventValue, CancellationToken cancellationToken) =>
        _executor.ExecuteSubscriptionEventAsync(_request, _plan, _variables, eventValue, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _isDisposed, 1) == 1)
        {
            return;
        }
        await _cancellation.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _read) == 0 && _source is IAsyncDisposable disposableSource)
        {
            await disposableSource.DisposeAsync().ConfigureAwait(false);
        }
        await _request.DisposeOwnedScopeAsync().ConfigureAwait(false);
    }
}
