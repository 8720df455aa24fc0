using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// One operation of a socket, on its own task: builds the request (through the interceptor), executes it and sends
/// what it gives in the session's protocol: a single result then <c>complete</c>, each event of a subscription then
/// <c>complete</c> when the source ends, or the request errors. Stopping it (the client's <c>complete</c>/<c>stop</c>,
/// or the session closing) cancels the execution and disposes the response stream, which disposes the source stream;
/// nothing more is sent for it.
/// </summary>
internal sealed class SocketOperation
{
    private readonly SocketSession _session;
    private readonly GraphQLHttpRequest _request;
    private readonly CancellationTokenSource _stop;
    private bool _sentResults;

    public SocketOperation(SocketSession session, string id, GraphQLHttpRequest request)
    {
        _session = session;
        _request = request;
        Id = id;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(session.Closed);
    }

    public string Id { get; }

    /// <summary>Ends when the operation has sent its last message and released its stream; never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Runs the operation off the receive loop (which goes on reading the client's messages).</summary>
    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Stops the operation: nothing more is sent for it.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It had already ended.
        }
    }

    /// <summary>Releases an operation that was never started (refused by the session).</summary>
    public void Discard() => _stop.Dispose();

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            var result = await ExecuteAsync(token).ConfigureAwait(false);
            await using (result.ConfigureAwait(false))
            {
                await SendAsync(result, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped by the client or by the session closing: nothing more to send.
        }
        catch (Exception e)
        {
            _session.Logger.LogError(e, "The operation {OperationId} of the GraphQL socket {SessionId} failed unexpectedly.", Id, _session.Id);
            try
            {
                await SendFailureAsync(_session.UnexpectedError(e), token).ConfigureAwait(false);
            }
            catch (Exception sendFailure)
            {
                _session.Logger.LogDebug(sendFailure, "The failure of the operation {OperationId} could not be reported.", Id);
            }
        }
        finally
        {
            _session.Operations.Finished(this);
            _stop.Dispose();
        }
    }

    private async Task<IExecutionResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (_request.Query is { Length: 0 })
        {
            return TransportErrors.EmptyDocumentResult();
        }
        var builder = OperationRequestBuilder.New()
            .SetDocumentId(_request.DocumentId)
            .SetOperationName(_request.OperationName)
            .SetVariableValues(_request.Variables)
            .SetExtensions(_request.Extensions);
        if (_request.Query is { } query)
        {
            builder.SetDocument(query);
        }
        try
        {
            await _session.Interceptor.OnRequestAsync(_session, Id, builder, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphQLException e) when (e.Errors.Count > 0)
        {
            // The interceptor refuses the request on purpose: its errors are for the client.
            return OperationResult.FromErrors(e.Errors);
        }
        // The user is the upgrade request's, unless the interceptor knows better (a token from connection_init, say).
        var upgrade = _session.HttpContext;
        builder.TryAddGlobalState(AuthorizationContextData.User, upgrade.User);
        builder.TryAddGlobalState(AspNetCoreContextData.HttpContext, upgrade);
        return await _session.Executor.ExecuteAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(IExecutionResult result, CancellationToken cancellationToken)
    {
        var protocol = _session.Protocol;
        switch (result)
        {
            case OperationResult { HasData: false, Errors: { } errors }:
                await SendRequestErrorsAsync(errors, cancellationToken).ConfigureAwait(false);
                return;
            case OperationResult single:
                await SendAsync(protocol.Next(Id, single), cancellationToken).ConfigureAwait(false);
                _sentResults = true;
                break;
            case ResponseStream stream:
                await foreach (var item in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    using (item)
                    {
                        await SendAsync(protocol.Next(Id, item), cancellationToken).ConfigureAwait(false);
                    }
                    _sentResults = true;
                }
                break;
        }
        await SendAsync(protocol.Complete(Id), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports a failure of the transport: as request errors before any result went out, else (the protocol allows no
    /// <c>error</c> after <c>next</c>) as a last result with the error, then <c>complete</c>.
    /// </summary>
    private async Task SendFailureAsync(GraphQLError error, CancellationToken cancellationToken)
    {
        if (!_sentResults)
        {
            await SendRequestErrorsAsync([error], cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            using var result = OperationResult.FromError(error);
            await SendAsync(_session.Protocol.Next(Id, result), cancellationToken).ConfigureAwait(false);
            await SendAsync(_session.Protocol.Complete(Id), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped meanwhile.
        }
    }

    private async Task SendRequestErrorsAsync(IReadOnlyList<GraphQLError> errors, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(_session.Protocol.RequestErrors(Id, errors), cancellationToken).ConfigureAwait(false);
            if (_session.Protocol.CompletesAfterRequestErrors)
            {
                await SendAsync(_session.Protocol.Complete(Id), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped meanwhile.
        }
    }

    /// <summary>Queues <paramref name="message"/> unless the operation was stopped (then it is dropped).</summary>
    private async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            message.Release();
            cancellationToken.ThrowIfCancellationRequested();
        }
        await _session.Pump.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
