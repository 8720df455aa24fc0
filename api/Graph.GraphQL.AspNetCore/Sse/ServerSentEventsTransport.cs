using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.GraphQL.AspNetCore.Sse;

/// <summary>
/// Answers a request that accepts <c>text/event-stream</c> (graphql-sse, distinct connections mode): a single result
/// (a query, a mutation, or request errors, which the protocol wants inside the stream rather than as a 4xx) as one
/// <c>next</c> event, a subscription as one <c>next</c> per event; then <c>complete</c>. The client ends a
/// subscription by closing the connection, which cancels the stream; the caller disposes it (and so its source).
/// </summary>
internal static class ServerSentEventsTransport
{
    public static async Task WriteAsync(
        HttpContext context,
        IExecutionResult result,
        GraphQLServerOptions options,
        Func<Exception, GraphQLError> unexpectedError,
        ILogger logger)
    {
        var aborted = context.RequestAborted;
        var events = await ServerSentEventsWriter.StartAsync(context, options.ServerSentEvents.KeepAliveInterval).ConfigureAwait(false);
        await using (events.ConfigureAwait(false))
        {
            try
            {
                await WriteResultsAsync(events, result, aborted).ConfigureAwait(false);
            }
            catch (Exception e) when (!aborted.IsCancellationRequested)
            {
                // The headers are sent: the failure goes in the stream, masked, and the stream ends.
                logger.LogError(e, "The GraphQL event stream of {Path} failed unexpectedly.", context.Request.Path);
                using var failure = OperationResult.FromError(unexpectedError(e));
                await events.WriteNextAsync(failure).ConfigureAwait(false);
            }
            if (!aborted.IsCancellationRequested)
            {
                await events.WriteCompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteResultsAsync(ServerSentEventsWriter events, IExecutionResult result, CancellationToken aborted)
    {
        switch (result)
        {
            case OperationResult single:
                await events.WriteNextAsync(single).ConfigureAwait(false);
                break;
            case ResponseStream stream:
                await foreach (var item in stream.WithCancellation(aborted).ConfigureAwait(false))
                {
                    using (item)
                    {
                        await events.WriteNextAsync(item).ConfigureAwait(false);
                    }
                }
                break;
        }
    }
}
