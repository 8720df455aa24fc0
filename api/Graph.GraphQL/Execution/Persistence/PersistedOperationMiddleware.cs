using Graph.GraphQL.Execution.Caching;
using Graph.GraphQL.Execution.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Execution.Persistence;

/// <summary>
/// Persisted operations, before the document cache: a request naming a document (<see cref="OperationRequest.DocumentId"/>
/// or <c>extensions.persistedQuery.sha256Hash</c>) gets it from the stores; a request sending a document with a hash has
/// the hash checked and, when automatic registration is on, the document stored; with
/// <see cref="PersistedOperationOptions.OnlyAllowPersistedDocuments"/> documents no store knows are refused.
/// </summary>
internal static class PersistedOperationMiddleware
{
    /// <summary>The message automatic-persisted-query clients look for before they send the document.</summary>
    public const string NotFoundMessage = "PersistedQueryNotFound";

    public static RequestDelegate Create(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next)
    {
        var options = factoryContext.Options.PersistedOperations;
        var stores = factoryContext.Services.GetServices<IOperationDocumentStorage>().ToArray();
        var writable = stores.OfType<IWritableOperationDocumentStorage>().ToArray();
        return context =>
            context.Request.Extensions is null && context.Request.DocumentId is null && !options.OnlyAllowPersistedDocuments
                ? next(context)
                : RunAsync(context);

        async ValueTask RunAsync(RequestContext context)
        {
            var request = context.Request;
            var hash = AutomaticPersistedQuery.ReadHash(request.Extensions, out var invalid);
            if (invalid is not null)
            {
                context.Result = OperationResult.FromError(new GraphQLError(invalid).WithCode(ErrorCodes.PersistedQueryInvalid));
                return;
            }

            if (context.DocumentText is null && context.Document is null)
            {
                var rawId = request.DocumentId ?? hash;
                if (rawId is not null && !await LoadAsync(context, stores, rawId, isAutomatic: hash is not null && (request.DocumentId is null || string.Equals(rawId, hash, StringComparison.OrdinalIgnoreCase))).ConfigureAwait(false))
                {
                    return;
                }
            }
            else if (context.DocumentText is { } text)
            {
                var key = context.InternalExecutor.DocumentCache.KeyOf(text);
                context.DocumentKey = key;
                if (hash is not null && !string.Equals(key.ToString(), hash, StringComparison.Ordinal))
                {
                    context.Result = OperationResult.FromError(new GraphQLError(
                        "The sha256Hash of extensions.persistedQuery is not the SHA-256 of the document.").WithCode(ErrorCodes.PersistedQueryHashMismatch));
                    return;
                }
                if (options.OnlyAllowPersistedDocuments)
                {
                    if (await FindAsync(stores, key.ToString(), context.RequestAborted).ConfigureAwait(false) is null)
                    {
                        context.Result = OperationResult.FromError(new GraphQLError(
                            "Only persisted operations are allowed: send the id of a stored document.").WithCode(ErrorCodes.PersistedOperationsOnly));
                        return;
                    }
                    context.IsPersistedDocument = true;
                }
                else if (hash is not null && options.AllowAutomaticRegistration)
                {
                    foreach (var store in writable)
                    {
                        await store.SaveAsync(hash, text, context.RequestAborted).ConfigureAwait(false);
                    }
                }
            }
            else if (options.OnlyAllowPersistedDocuments)
            {
                // A parsed document handed over in process: trusted code, not a client.
                context.IsPersistedDocument = true;
            }
            await next(context).ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> LoadAsync(RequestContext context, IOperationDocumentStorage[] stores, string rawId, bool isAutomatic)
    {
        if (!PersistedDocumentIds.TryNormalize(rawId, out var id))
        {
            context.Result = OperationResult.FromError(new GraphQLError(
                "The document id must be a SHA-256 hash in hex or a name of letters, digits, '.', '_' and '-'.").WithCode(ErrorCodes.PersistedQueryInvalid));
            return false;
        }
        if (PersistedDocumentIds.IsSha256(id))
        {
            // The cache knows documents by the SHA-256 of their text: a hash id it holds needs no store.
            var key = DocumentKey.Parse(id);
            if (context.InternalExecutor.DocumentCache.TryGet(key, out var cached)
                && await FindAsync(stores, id, context.RequestAborted).ConfigureAwait(false) is { } known)
            {
                context.DocumentKey = key;
                context.DocumentText = known;
                context.Document = cached;
                context.IsCachedDocument = true;
                context.IsPersistedDocument = true;
                return true;
            }
        }
        if (await FindAsync(stores, id, context.RequestAborted).ConfigureAwait(false) is not { } document)
        {
            context.Result = OperationResult.FromError(isAutomatic
                ? new GraphQLError(NotFoundMessage).WithCode(ErrorCodes.PersistedQueryNotFound)
                : new GraphQLError($"The document with the id \"{rawId}\" was not found.").WithCode(ErrorCodes.DocumentNotFound));
            return false;
        }
        context.DocumentText = document;
        context.IsPersistedDocument = true;
        return true;
    }

    private static async ValueTask<string?> FindAsync(IOperationDocumentStorage[] stores, string id, CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            if (await store.TryReadAsync(id, cancellationToken).ConfigureAwait(false) is { } document)
            {
                return document;
            }
        }
        return null;
    }
}
